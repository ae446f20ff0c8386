import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import 'reflect-metadata';
import { COMMAND_GROUPS, commandClassesFor } from '../../apps/vm-system/src/cli/command-groups';
import { deferInquirer } from '../../apps/vm-system/src/cli/defer-inquirer';

/** The name nest-commander gives a command class (its @Command or @SubCommand metadata). */
const commandName = (type: object): string | undefined => (Reflect.getMetadata('CommandBuilder:Command:Meta', type) as { name?: string } | undefined)?.name;

// First: once nest-commander has loaded the real inquirer, there is nothing left to defer.
test('inquirer waits in the module cache until its API is read, then is the real module', () => {
  deferInquirer();
  const load = createRequire(__filename);
  const standIn = load('inquirer') as Record<string, unknown>;
  const loaded = () => Object.keys(require.cache).filter((file) => file.includes('/inquirer/lib/prompts/'));
  // What Nest and nest-commander read of a provider value: no load.
  assert.equal(standIn.__esModule, true);
  for (const key of ['then', 'onModuleInit', 'onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown'])
    assert.equal(standIn[key], undefined, key);
  assert.equal(standIn.constructor, Object);
  assert.deepEqual(loaded(), []);
  assert.equal(typeof standIn.prompt, 'function');
  assert.notDeepEqual(loaded(), []);
  assert.equal(standIn.prompt, (load('inquirer') as Record<string, unknown>).prompt);
});

test('each command group loads the top-level command of its name and nothing of another group', async () => {
  for (const [name, load] of Object.entries(COMMAND_GROUPS)) {
    const classes = await load();
    assert.equal(commandName(classes[0]), name);
    for (const other of Object.keys(COMMAND_GROUPS).filter((n) => n !== name)) {
      assert.ok(!classes.map(commandName).includes(other), `${name} loads ${other}`);
    }
  }
});

test('a line naming a group loads that group alone; help, completion and unknown words load every group', async () => {
  const all = (await Promise.all(Object.values(COMMAND_GROUPS).map((load) => load()))).flat();
  assert.deepEqual(await commandClassesFor(['ops', 'health']), await COMMAND_GROUPS.ops());
  assert.deepEqual(await commandClassesFor(['serve', '--listen', '127.0.0.1:0']), await COMMAND_GROUPS.serve());
  for (const argv of [[], ['--help'], ['help'], ['completion', 'bash'], ['opss'], ['-V']]) {
    assert.deepEqual(await commandClassesFor(argv), all, argv.join(' '));
  }
});
