import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '@vm-system/client';
import { runCli } from '../support/cli';
import { UNKNOWN_ID, UUID, assertTable, cliRuns } from '../support/assertions';
import { TestDaemon, startDaemon } from '../support/daemon';

/** Nothing listens on the discard port: a daemon that is down. */
const CLOSED_URL = 'http://127.0.0.1:9';

const firstLine = (stdout: string) => stdout.split('\n')[0];

describe('templates through the CLI', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });
  const { human, json } = cliRuns(() => daemon);

  const headPosition = async () => (await daemon.client.ledgerEvents(0, 1000)).length;

  const newTemplate = async (name: string): Promise<string> => (await json('template', 'create', '--name', name)).id;

  describe('create, list, get and delete', () => {
    test('create prints the name and id; --engine is sent', async () => {
      const stdout = await human('template', 'create', '--name', 'cli-crud');
      const match = new RegExp(`^Created template: cli-crud \\(ID: (${UUID})\\)$`).exec(firstLine(stdout));
      assert.ok(match, stdout);
      const { template } = await daemon.client.getTemplate(match[1]);
      assert.deepEqual([template.name, template.engine], ['cli-crud', 'goja']);

      const other = await json('template', 'create', '--name', 'cli-engine', '--engine', 'isolated-vm');
      assert.deepEqual(other, (await daemon.client.getTemplate(other.id)).template);
      assert.equal(other.engine, 'isolated-vm');
    });

    test('list prints an aligned table, newest first; --output json is the REST answer', async () => {
      const older = await newTemplate('cli-list-older');
      const newer = await newTemplate('cli-list-newer');
      await daemon.client.addModule(newer, 'fs');
      await daemon.client.addLibrary(newer, 'lodash');
      const templates = await daemon.client.listTemplates();
      const rows = templates.map((t) => [t.id, t.name, t.engine, t.exposed_modules.join(',') || '-', t.libraries.join(',') || '-', t.created_at]);
      assertTable(await human('template', 'list'), ['ID', 'NAME', 'ENGINE', 'MODULES', 'LIBRARIES', 'CREATED'], rows);
      const ids = rows.map((r) => r[0]);
      assert.ok(ids.indexOf(newer) < ids.indexOf(older), 'newest first');
      assert.deepEqual(rows[ids.indexOf(newer)].slice(1, 5), ['cli-list-newer', 'goja', 'fs', 'lodash-4.17.21']);
      assert.deepEqual(rows[ids.indexOf(older)].slice(3, 5), ['-', '-']);
      assert.deepEqual(await json('template', 'list'), templates);
    });

    test('list on an empty daemon says so', async () => {
      const empty = await startDaemon();
      try {
        assert.deepEqual(await empty.cli('template', 'list'), { code: 0, stdout: 'No templates found\n', stderr: '' });
        const asJson = await empty.cli('template', 'list', '--output', 'json');
        assert.deepEqual([asJson.code, JSON.parse(asJson.stdout)], [0, []]);
      } finally {
        await empty.stop();
      }
    });

    test('get shows the detail; --output json equals the REST answer', async () => {
      const id = await newTemplate('cli-get');
      await daemon.client.addCapability(id, { kind: 'env', name: 'HOME' });
      const lines = (await human('template', 'get', id)).split('\n');
      assert.equal(lines[0], `ID: ${id}`);
      for (const line of ['Name: cli-get', 'Engine: goja', 'Modules: -', 'Capabilities:', 'Startup files:']) assert.ok(lines.includes(line), line);
      assert.ok(
        lines.some((l) => /^env\s+HOME\s+true\s+\{\}$/.test(l)),
        'capability row',
      );
      assert.deepEqual(await json('template', 'get', id), await daemon.client.getTemplate(id));
    });

    test('delete prints the id and the template is gone', async () => {
      const id = await newTemplate('cli-doomed');
      assert.equal(firstLine(await human('template', 'delete', id)), `Deleted template: ${id}`);
      await assert.rejects(daemon.client.getTemplate(id), (e: ApiError) => e.code === 'TEMPLATE_NOT_FOUND');
      const other = await newTemplate('cli-doomed-json');
      assert.deepEqual(await json('template', 'delete', other), { status: 'ok', template_id: other });
    });
  });

  describe('startup files and capabilities', () => {
    test('add-startup: --order defaults to 0, --mode is sent; list-startup in run order', async () => {
      const id = await newTemplate('cli-startup');
      const late = await json('template', 'add-startup', id, '--path', 'boot/late.js', '--order', '2', '--mode', 'eval');
      assert.deepEqual([late.path, late.order_index, late.mode, late.template_id], ['boot/late.js', 2, 'eval', id]);
      assert.equal(firstLine(await human('template', 'add-startup', id, '--path', 'boot/first.js')), `Added startup file: boot/first.js (order: 0) to template ${id}`);
      assert.equal(firstLine(await human('template', 'add-startup', id, '--path', 'boot/mid.js', '--order', '1')), `Added startup file: boot/mid.js (order: 1) to template ${id}`);

      const files = await daemon.client.listStartupFiles(id);
      assert.deepEqual(
        files.map((f) => [f.path, f.order_index, f.mode]),
        [
          ['boot/first.js', 0, 'eval'],
          ['boot/mid.js', 1, 'eval'],
          ['boot/late.js', 2, 'eval'],
        ],
      );
      assertTable(
        await human('template', 'list-startup', id),
        ['ORDER', 'PATH', 'MODE', 'ID'],
        files.map((f) => [String(f.order_index), f.path, f.mode, f.id]),
      );
      assert.deepEqual(await json('template', 'list-startup', id), files);
    });

    test('add-capability: --kind defaults to module, --config, --enabled=false and --enabled', async () => {
      const id = await newTemplate('cli-caps');
      assert.equal(firstLine(await human('template', 'add-capability', id, '--name', 'database')), `Added capability: module:database to template ${id}`);
      const home = await json('template', 'add-capability', id, '--name', 'HOME', '--kind', 'env', '--config', '{"expose":true}', '--enabled=false');
      assert.deepEqual({ ...home, id: undefined }, { id: undefined, template_id: id, kind: 'env', name: 'HOME', enabled: false, config: { expose: true } });
      assert.equal(firstLine(await human('template', 'add-capability', id, '--name', 'read', '--kind', 'fs', '--enabled')), `Added capability: fs:read to template ${id}`);

      const caps = await daemon.client.listCapabilities(id);
      assert.deepEqual(
        caps.map((c) => [c.kind, c.name, c.enabled, c.config]),
        [
          ['module', 'database', true, {}],
          ['env', 'HOME', false, { expose: true }],
          ['fs', 'read', true, {}],
        ],
      );
      assert.deepEqual(caps[1], home);
      const rows = caps.map((c) => [c.kind, c.name, String(c.enabled), JSON.stringify(c.config), c.id]);
      assertTable(await human('template', 'list-capabilities', id), ['KIND', 'NAME', 'ENABLED', 'CONFIG', 'ID'], rows);
      assert.deepEqual(await json('template', 'list-capabilities', id), caps);
    });
  });

  describe('modules and libraries', () => {
    test('add-module, list-modules, remove-module', async () => {
      const id = await newTemplate('cli-modules');
      assert.equal(await human('template', 'list-modules', id), 'No modules found\n');
      assert.equal(firstLine(await human('template', 'add-module', id, '--name', 'FS')), `Added module: fs to template ${id}`);
      assert.deepEqual(await json('template', 'add-module', id, '--name', 'database'), { template_id: id, name: 'database' });
      assertTable(await human('template', 'list-modules', id), ['MODULE'], [['fs'], ['database']]);
      assert.equal(firstLine(await human('template', 'remove-module', id, '--name', 'fs')), `Removed module: fs from template ${id}`);
      const removed = await json('template', 'remove-module', id, '--name', 'database');
      assert.deepEqual([removed.template_id, removed.name], [id, 'database']);
      assert.deepEqual(await json('template', 'list-modules', id), []);
      assert.deepEqual(await daemon.client.listModules(id), []);
    });

    test('add-library echoes the catalog id; list-libraries, remove-library', async () => {
      const id = await newTemplate('cli-libraries');
      assert.equal(firstLine(await human('template', 'add-library', id, '--name', 'lodash')), `Added library: lodash-4.17.21 to template ${id}`);
      assert.deepEqual(await json('template', 'add-library', id, '--name', 'dayjs-1.11.10'), { template_id: id, name: 'dayjs-1.11.10' });
      assertTable(await human('template', 'list-libraries', id), ['LIBRARY'], [['lodash-4.17.21'], ['dayjs-1.11.10']]);
      assert.equal(firstLine(await human('template', 'remove-library', id, '--name', 'lodash')), `Removed library: lodash-4.17.21 from template ${id}`);
      assert.deepEqual(await json('template', 'list-libraries', id), ['dayjs-1.11.10']);
      assert.deepEqual((await daemon.client.getTemplate(id)).template.libraries, ['dayjs-1.11.10']);
    });
  });

  describe('catalogs need no daemon', () => {
    const offline = (...args: string[]) => runCli(args, { serverUrl: CLOSED_URL });

    test('list-available-modules prints the same catalog as GET /catalog/modules', async () => {
      const catalog = await daemon.client.catalogModules();
      const table = await offline('template', 'list-available-modules');
      assert.deepEqual([table.code, table.stderr], [0, '']);
      assertTable(
        table.stdout,
        ['NAME', 'FUNCTIONS', 'DESCRIPTION'],
        catalog.map((m) => [m.name, m.functions.join(', '), m.description]),
      );
      assert.deepEqual(
        catalog.map((m) => m.name),
        ['database', 'exec', 'fs'],
      );
      const asJson = await offline('template', 'list-available-modules', '--output', 'json');
      assert.deepEqual([asJson.code, JSON.parse(asJson.stdout)], [0, catalog]);
    });

    test('list-available-libraries prints the same catalog as GET /catalog/libraries', async () => {
      const catalog = await daemon.client.catalogLibraries();
      const table = await offline('template', 'list-available-libraries');
      assert.deepEqual([table.code, table.stderr], [0, '']);
      assertTable(
        table.stdout,
        ['ID', 'NAME', 'VERSION', 'GLOBAL', 'DESCRIPTION'],
        catalog.map((l) => [l.id, l.name, l.version, l.global, l.description]),
      );
      const asJson = await offline('template', 'list-available-libraries', '--output', 'json');
      assert.deepEqual([asJson.code, JSON.parse(asJson.stdout)], [0, catalog]);
    });

    for (const args of [
      ['template', 'list'],
      ['template', 'get', UNKNOWN_ID],
      ['template', 'add-module', UNKNOWN_ID, '--name', 'fs'],
      ['ops', 'health'],
    ]) {
      test(`daemon down: ${args.slice(0, 2).join(' ')} says where and how to start it`, async () => {
        for (const result of await Promise.all([offline(...args), offline(...args, '--output', 'json')])) {
          assert.equal(result.code, 1, 'an unreachable daemon is a failed operation');
          assert.equal(result.stdout, '');
          assert.match(result.stderr, /^Error: [^\n]*http:\/\/127\.0\.0\.1:9\b[^\n]*vm-system serve[^\n]*\n$/);
        }
      });
    }
  });

  describe('ops health and global flags', () => {
    test('ops health prints the JSON answer, indented', async () => {
      assert.equal(await human('ops', 'health'), `${JSON.stringify({ status: 'ok' }, null, 2)}\n`);
      assert.deepEqual(await json('ops', 'health'), await daemon.client.health());
    });

    test('global flags are accepted before and after the subcommand', async () => {
      const id = await newTemplate('cli-global-flags');
      const expected = await human('template', 'list');
      assert.ok(expected.includes(id));
      const variants = [
        ['--server-url', daemon.url, 'template', 'list'],
        ['template', '--server-url', daemon.url, 'list'],
        ['template', 'list', '--server-url', daemon.url],
        [`--server-url=${daemon.url}`, '--log-level', 'warn', 'template', 'list'],
      ];
      const results = await Promise.all(variants.map((args) => runCli(args)));
      results.forEach((result, i) => assert.deepEqual(result, { code: 0, stdout: expected, stderr: '' }, variants[i].join(' ')));
      const asJson = await runCli(['--output', 'json', '--server-url', daemon.url, 'template', 'get', id]);
      assert.equal(asJson.code, 0, asJson.stderr);
      assert.deepEqual(JSON.parse(asJson.stdout), await daemon.client.getTemplate(id));
    });
  });

  describe('bad input: one stderr line with the code, the envelope with --output json, no ledger event', () => {
    let id: string;
    before(async () => {
      id = (await daemon.client.createTemplate({ name: 'cli-bad-input' })).id;
      await daemon.client.addCapability(id, { kind: 'module', name: 'taken' });
    });

    const cases: [string, () => string[], string, exit: 1 | 2][] = [
      ['unknown template (get)', () => ['template', 'get', UNKNOWN_ID], 'TEMPLATE_NOT_FOUND', 1],
      ['unknown template (delete)', () => ['template', 'delete', UNKNOWN_ID], 'TEMPLATE_NOT_FOUND', 1],
      ['unknown template (add-module)', () => ['template', 'add-module', UNKNOWN_ID, '--name', 'fs'], 'TEMPLATE_NOT_FOUND', 1],
      ['unknown template (list-startup)', () => ['template', 'list-startup', UNKNOWN_ID], 'TEMPLATE_NOT_FOUND', 1],
      ['bad UUID', () => ['template', 'get', 'not-a-uuid'], 'VALIDATION_ERROR', 1],
      ['bad UUID (add-library)', () => ['template', 'add-library', 'not-a-uuid', '--name', 'lodash'], 'VALIDATION_ERROR', 1],
      ['duplicate name', () => ['template', 'create', '--name', 'cli-bad-input'], 'TEMPLATE_NAME_TAKEN', 1],
      ['unsupported engine', () => ['template', 'create', '--name', 'cli-v8', '--engine', 'v8-raw'], 'ENGINE_NOT_SUPPORTED', 1],
      ['bad capability kind', () => ['template', 'add-capability', id, '--name', 'x', '--kind', 'root'], 'VALIDATION_ERROR', 1],
      ['capability exists', () => ['template', 'add-capability', id, '--name', 'taken'], 'CAPABILITY_EXISTS', 1],
      ['--config not JSON', () => ['template', 'add-capability', id, '--name', 'x', '--config', '{nope'], 'INVALID_REQUEST', 2],
      ['--config not an object', () => ['template', 'add-capability', id, '--name', 'x', '--config', '[1]'], 'INVALID_REQUEST', 2],
      ['--enabled neither true nor false', () => ['template', 'add-capability', id, '--name', 'x', '--enabled=maybe'], 'INVALID_REQUEST', 2],
      ['--order not an integer', () => ['template', 'add-startup', id, '--path', 'a.js', '--order', 'first'], 'INVALID_REQUEST', 2],
      ['absolute startup path', () => ['template', 'add-startup', id, '--path', '/etc/passwd'], 'INVALID_PATH', 1],
      ['.. startup path', () => ['template', 'add-startup', id, '--path', 'lib/../../x.js'], 'INVALID_PATH', 1],
      ['--mode import', () => ['template', 'add-startup', id, '--path', 'a.js', '--mode', 'import'], 'STARTUP_MODE_UNSUPPORTED', 1],
      ['built-in module JSON', () => ['template', 'add-module', id, '--name', 'JSON'], 'MODULE_NOT_ALLOWED', 1],
      ['unknown module', () => ['template', 'add-module', id, '--name', 'http'], 'MODULE_NOT_ALLOWED', 1],
      ['unknown library', () => ['template', 'add-library', id, '--name', 'jquery'], 'LIBRARY_NOT_FOUND', 1],
    ];

    for (const [name, args, code, exit] of cases) {
      test(name, async () => {
        const before = await headPosition();
        const [plain, asJson] = await Promise.all([daemon.cli(...args()), daemon.cli(...args(), '--output', 'json')]);
        assert.equal(plain.code, exit, 'exit 1 when the daemon refused, 2 when the CLI refused the flag');
        assert.equal(asJson.code, exit);
        assert.equal(plain.stdout, '');
        const envelope = JSON.parse(asJson.stdout);
        assert.equal(envelope.error.code, code, asJson.stdout);
        assert.equal(typeof envelope.error.message, 'string');
        const line = `Error: ${code}: ${envelope.error.message}\n`;
        assert.equal(plain.stderr, line);
        assert.equal(asJson.stderr, line);
        assert.equal(await headPosition(), before, 'no ledger event written');
      });
    }
  });
});
