import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/cli';
import { TestDaemon, startDaemon } from '../support/daemon';

const UUID = '00000000-0000-4000-8000-000000000000';

/**
 * Exit 2: the command line is wrong and nothing was attempted. Exit 1: a well-formed command
 * failed. Each mistake is one stderr line `Error: CODE: message`, with nothing on stdout.
 */
describe('exit statuses: usage errors 2, failed operations 1', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });

  const USAGE_ERRORS: [string, string[], RegExp, Record<string, string>?][] = [
    ['unknown command', ['bogus'], /^Error: VALIDATION_ERROR: unknown command 'bogus'\n$/],
    ['misspelt command', ['sesion', 'list'], /^Error: VALIDATION_ERROR: unknown command 'sesion' \(Did you mean session\?\)\n$/],
    ['unknown subcommand', ['session', 'bogus'], /^Error: VALIDATION_ERROR: unknown command 'bogus' for 'session' \(see: vm-system session --help\)\n$/],
    ['unknown flag', ['session', 'list', '--bogus'], /^Error: VALIDATION_ERROR: unknown option '--bogus'\n$/],
    ['missing required flag', ['template', 'create'], /^Error: VALIDATION_ERROR: required option '--name <name>' not specified\n$/],
    ['flag without its value', ['template', 'create', '--name'], /^Error: VALIDATION_ERROR: option '--name <name>' argument missing\n$/],
    ['missing argument', ['exec', 'repl', UUID], /^Error: VALIDATION_ERROR: missing required argument 'code'\n$/],
    ['one argument too many', ['session', 'get', UUID, 'extra'], /^Error: VALIDATION_ERROR: too many arguments for 'get'\. Expected 1 argument but got 2\.\n$/],
    ['bad global flag value', ['--output', 'yaml', 'ops', 'health'], /^Error: VALIDATION_ERROR: --output must be one of text, json, got yaml\n$/],
    ['global flag without value', ['ops', 'health', '--output'], /^Error: VALIDATION_ERROR: --output needs a value\n$/],
    [
      'server URL that is no URL',
      ['ops', 'health', '--server-url', 'localhost:3210'],
      /^Error: VALIDATION_ERROR: --server-url must be an http:\/\/ or https:\/\/ URL, got localhost:3210\n$/,
    ],
    [
      'bad value in VM_SYSTEM_OUTPUT',
      ['ops', 'health'],
      /^Error: VALIDATION_ERROR: VM_SYSTEM_OUTPUT \(--output\) must be one of text, json, got yaml\n$/,
      { VM_SYSTEM_OUTPUT: 'yaml' },
    ],
    [
      'bad value in VM_SYSTEM_LOG_LEVEL',
      ['ops', 'health'],
      /^Error: VALIDATION_ERROR: VM_SYSTEM_LOG_LEVEL \(--log-level\) must be one of debug, info, warn, error, got loud\n$/,
      { VM_SYSTEM_LOG_LEVEL: 'loud' },
    ],
    [
      'bad value in VM_SYSTEM_SERVER_URL',
      ['ops', 'health'],
      /^Error: VALIDATION_ERROR: VM_SYSTEM_SERVER_URL \(--server-url\) must be an http:\/\/ or https:\/\/ URL, got 127\.0\.0\.1:3210\n$/,
      { VM_SYSTEM_SERVER_URL: '127.0.0.1:3210' },
    ],
    ['non-integer query flag', ['exec', 'list', UUID, '--limit', 'x'], /^Error: VALIDATION_ERROR: --limit must be an integer: x\n$/],
    ['body flag that is not JSON', ['template', 'add-capability', UUID, '--name', 'n', '--config', 'nope'], /^Error: INVALID_REQUEST: --config must be valid JSON: nope\n$/],
    ['flag outside its list', ['audit', 'events', '--kind', 'sessions'], /^Error: VALIDATION_ERROR: --kind must be one of template, session, execution/],
    ['unknown shell', ['completion', 'fish'], /^Error: VALIDATION_ERROR: command-argument value 'fish' is invalid for argument 'shell'\. Allowed choices are bash, zsh\.\n$/],
    ['unknown help topic', ['help', 'nonsense'], /^Error: VALIDATION_ERROR: unknown help topic: nonsense /],
    ['serve flag it cannot use', ['serve', '--listen', 'nope'], /^Error: VALIDATION_ERROR: --listen must be HOST:PORT, got nope\n$/],
    ['node id with a space', ['serve', '--node-id', 'node one'], /^Error: VALIDATION_ERROR: --node-id must be 1-100 letters, digits or \. : @ _ -, got node one\n$/],
    [
      'advertise URL with a path',
      ['serve', '--advertise-url', 'http://10.0.0.5:3210/api'],
      /^Error: VALIDATION_ERROR: --advertise-url must be http\(s\):\/\/HOST\[:PORT\], got http:\/\/10\.0\.0\.5:3210\/api\n$/,
    ],
    [
      'advertise URL of another scheme',
      ['serve', '--advertise-url', 'ftp://10.0.0.5'],
      /^Error: VALIDATION_ERROR: --advertise-url must be http\(s\):\/\/HOST\[:PORT\], got ftp:\/\/10\.0\.0\.5\n$/,
    ],
  ];

  test('usage errors exit 2 with one error line, and send nothing to the daemon', async () => {
    const before = (await daemon.client.ledgerHead()).position;
    // The daemon is the server URL of each run unless the case is about the URL itself.
    const results = await Promise.all(
      USAGE_ERRORS.map(([, args, , env]) => runCli(args, { serverUrl: args.includes('--server-url') || env?.VM_SYSTEM_SERVER_URL ? undefined : daemon.url, env })),
    );
    results.forEach((result, i) => {
      const [name, , stderr] = USAGE_ERRORS[i];
      assert.equal(result.code, 2, `${name}: ${result.stderr}`);
      assert.match(result.stderr, stderr, name);
      assert.equal(result.stdout, '', name);
    });
    assert.equal((await daemon.client.ledgerHead()).position, before);
  });

  test('no command at all is a usage error: the program help on stderr, exit 2', async () => {
    const result = await runCli([]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Usage: vm-system \[options\] \[command\]\n/);
  });

  test('a flag wins over a bad value in its variable', async () => {
    const result = await runCli(['ops', 'health', '--output', 'json'], { serverUrl: daemon.url, env: { VM_SYSTEM_OUTPUT: 'yaml' } });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { status: 'ok' });
  });

  test('failed operations exit 1: the daemon refuses, or is not there', async () => {
    const [refused, unreachable, refusedJson] = await Promise.all([
      daemon.cli('template', 'get', UUID),
      runCli(['ops', 'health'], { serverUrl: 'http://127.0.0.1:9' }),
      daemon.cli('session', 'close', UUID, '--output', 'json'),
    ]);
    assert.deepEqual([refused.code, refused.stdout], [1, '']);
    assert.match(refused.stderr, /^Error: TEMPLATE_NOT_FOUND: [^\n]+\n$/);
    assert.deepEqual([unreachable.code, unreachable.stdout], [1, '']);
    assert.match(unreachable.stderr, /^Error: cannot reach the vm-system daemon at http:\/\/127\.0\.0\.1:9: is it running\? Start it with: vm-system serve\n$/);
    assert.equal(refusedJson.code, 1);
    assert.equal(JSON.parse(refusedJson.stdout).error.code, 'SESSION_NOT_FOUND');
  });
});
