// @engines sqlite postgres: the runner runs this file again with its daemons on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '@vm-system/client';
import { UNKNOWN_ID, UUID_ONLY } from '../support/assertions';
import { TestDaemon, startDaemon } from '../support/daemon';
import { rawRequest } from '../support/http';

describe('templates over HTTP', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });

  const headPosition = async () => (await daemon.client.ledgerEvents(0, 1000)).length;

  test('create, get, list and delete a template', async () => {
    const created = await daemon.client.createTemplate({ name: 'http-crud' });
    assert.equal(created.name, 'http-crud');
    assert.equal(created.engine, 'goja');
    assert.equal(created.is_active, true);
    assert.deepEqual(created.exposed_modules, []);
    assert.match(created.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const detail = await daemon.client.getTemplate(created.id);
    assert.deepEqual(detail.settings, {
      limits: { cpu_ms: 5000, wall_ms: 30000, mem_mb: 128, max_events: 1000, max_output_kb: 512 },
      resolver: { roots: [], extensions: ['.js', '.mjs'], allow_absolute_repo_imports: false },
      runtime: { esm: false, strict: false, console: true, max_recorded_calls: 100_000, max_replay_ms: 60_000 },
    });
    assert.deepEqual(detail.capabilities, []);
    assert.deepEqual(detail.startup_files, []);

    const second = await daemon.client.createTemplate({ name: 'http-crud-2', engine: 'isolated-vm' });
    const listed = await daemon.client.listTemplates();
    const ids = listed.map((t) => t.id);
    assert.ok(ids.indexOf(second.id) < ids.indexOf(created.id), 'newest first');

    assert.deepEqual(await daemon.client.deleteTemplate(created.id), { status: 'ok', template_id: created.id });
    assert.ok(!(await daemon.client.listTemplates()).some((t) => t.id === created.id));
    await assert.rejects(daemon.client.getTemplate(created.id), (e: ApiError) => e.status === 404 && e.code === 'TEMPLATE_NOT_FOUND');
    // the name is free again once the template is gone
    const again = await daemon.client.createTemplate({ name: 'http-crud' });
    assert.notEqual(again.id, created.id);
  });

  test('settings, capabilities, startup files, modules and libraries', async () => {
    const { id } = await daemon.client.createTemplate({ name: 'http-parts' });

    const settings = await daemon.client.changeSettings(id, { limits: { cpu_ms: 250, mem_mb: 64 }, runtime: { console: false } });
    assert.equal(settings.limits.cpu_ms, 250);
    assert.equal(settings.limits.mem_mb, 64);
    assert.equal(settings.limits.wall_ms, 30000, 'untouched keys keep their value');
    assert.equal(settings.runtime.console, false);

    const cap = await daemon.client.addCapability(id, { kind: 'env', name: 'HOME', config: { expose: true } });
    assert.deepEqual({ ...cap, id: undefined }, { id: undefined, template_id: id, kind: 'env', name: 'HOME', enabled: true, config: { expose: true } });
    const disabled = await daemon.client.addCapability(id, { kind: 'fs', name: 'read', enabled: false });
    assert.equal(disabled.enabled, false);
    assert.deepEqual(
      (await daemon.client.listCapabilities(id)).map((c) => c.name),
      ['HOME', 'read'],
    );

    await daemon.client.addStartupFile(id, { path: 'setup/b.js', order_index: 2 });
    const first = await daemon.client.addStartupFile(id, { path: 'setup/a.js', order_index: 1 });
    assert.deepEqual({ path: first.path, order_index: first.order_index, mode: first.mode }, { path: 'setup/a.js', order_index: 1, mode: 'eval' });
    await daemon.client.addStartupFile(id, { path: 'setup/zero.js' });
    assert.deepEqual(
      (await daemon.client.listStartupFiles(id)).map((f) => f.path),
      ['setup/zero.js', 'setup/a.js', 'setup/b.js'],
    );

    assert.deepEqual(await daemon.client.addModule(id, 'FS'), { template_id: id, name: 'fs' });
    await daemon.client.addModule(id, 'database');
    const before = await headPosition();
    await daemon.client.addModule(id, 'fs');
    assert.equal(await headPosition(), before, 'adding a module twice records nothing');
    assert.deepEqual(await daemon.client.listModules(id), ['fs', 'database']);
    await daemon.client.removeModule(id, 'fs');
    await daemon.client.removeModule(id, 'fs');
    assert.deepEqual(await daemon.client.listModules(id), ['database']);

    assert.deepEqual(await daemon.client.addLibrary(id, 'lodash'), { template_id: id, name: 'lodash-4.17.21' });
    await daemon.client.addLibrary(id, 'dayjs-1.11.10');
    await daemon.client.addLibrary(id, 'lodash-4.17.21');
    assert.deepEqual(await daemon.client.listLibraries(id), ['lodash-4.17.21', 'dayjs-1.11.10']);
    await daemon.client.removeLibrary(id, 'lodash');
    assert.deepEqual(await daemon.client.listLibraries(id), ['dayjs-1.11.10']);

    const detail = await daemon.client.getTemplate(id);
    assert.deepEqual(detail.template.exposed_modules, ['database']);
    assert.deepEqual(detail.template.libraries, ['dayjs-1.11.10']);
  });

  test('catalogs and health', async () => {
    assert.deepEqual(await daemon.client.health(), { status: 'ok' });
    assert.deepEqual(
      (await daemon.client.catalogModules()).map((m) => m.name),
      ['database', 'exec', 'fs'],
    );
    const libraries = await daemon.client.catalogLibraries();
    assert.deepEqual(
      libraries.map((l) => l.id),
      ['lodash-4.17.21', 'moment-2.29.4', 'axios-1.6.0', 'ramda-0.29.0', 'dayjs-1.11.10', 'zustand-4.4.7'],
    );
    assert.deepEqual(libraries[0], { id: 'lodash-4.17.21', name: 'lodash', version: '4.17.21', global: '_', description: 'Utility library' });
  });

  test('every event records the request id that caused it, and X-Request-Id is echoed', async () => {
    const response = await rawRequest(daemon.url, 'POST', '/templates', JSON.stringify({ name: 'with-request-id' }), { 'x-request-id': 'audit-42', 'x-actor': 'alice' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-request-id'), 'audit-42');
    const [event] = await daemon.client.ledgerStream(`template-${response.json.id}`);
    assert.equal(event.type, 'TemplateCreated');
    assert.equal(event.seq, 1);
    assert.equal(event.metadata.request_id, 'audit-42');
    assert.equal(event.metadata.actor, 'alice');

    const insane = await rawRequest(daemon.url, 'GET', '/health', undefined, { 'x-request-id': 'bad id with spaces' });
    assert.match(insane.headers.get('x-request-id')!, UUID_ONLY);
    const notFound = await rawRequest(daemon.url, 'GET', '/no-such-route');
    assert.equal(notFound.status, 404);
    assert.equal(notFound.json.error.code, 'NOT_FOUND');
    assert.match(notFound.headers.get('x-request-id')!, UUID_ONLY);
  });

  test('ledger pages by cursor: global position and per-stream seq', async () => {
    const { id } = await daemon.client.createTemplate({ name: 'ledger-paging' });
    await daemon.client.addModule(id, 'exec');
    await daemon.client.addLibrary(id, 'ramda');
    const stream = await daemon.client.ledgerStream(`template-${id}`);
    assert.deepEqual(
      stream.map((e) => [e.seq, e.type]),
      [
        [1, 'TemplateCreated'],
        [2, 'ModuleAdded'],
        [3, 'LibraryAdded'],
      ],
    );
    assert.deepEqual(
      (await daemon.client.ledgerStream(`template-${id}`, 1, 1)).map((e) => e.seq),
      [2],
    );

    const all = await daemon.client.ledgerEvents(0, 1000);
    all.forEach((e, i) => assert.equal(e.position, i + 1, 'positions are gapless from 1'));
    const page = await daemon.client.ledgerEvents(all[1].position, 2);
    assert.deepEqual(
      page.map((e) => e.position),
      [all[2].position, all[3].position],
    );
    for (const key of ['position', 'stream_id', 'seq', 'type', 'data', 'metadata', 'recorded_at']) assert.ok(key in all[0], key);
  });

  describe('bad input: the documented code, never a 500, never a ledger event', () => {
    let templateId: string;
    before(async () => {
      templateId = (await daemon.client.createTemplate({ name: 'bad-input-target' })).id;
      await daemon.client.addCapability(templateId, { kind: 'module', name: 'taken' });
    });

    const cases: [string, string, () => string, string | undefined, number, string, RegExp?][] = [
      ['malformed JSON', 'POST', () => '/templates', '{"name":', 400, 'INVALID_REQUEST'],
      ['body not an object', 'POST', () => '/templates', '["x"]', 400, 'INVALID_REQUEST'],
      ['unknown field', 'POST', () => '/templates', '{"name":"x","color":"red"}', 400, 'INVALID_REQUEST', /color/],
      ['wrong type', 'POST', () => '/templates', '{"name":42}', 400, 'INVALID_REQUEST', /name/],
      ['missing name', 'POST', () => '/templates', '{}', 400, 'VALIDATION_ERROR', /name/],
      ['empty name', 'POST', () => '/templates', '{"name":"  "}', 400, 'VALIDATION_ERROR', /name/],
      ['unsupported engine', 'POST', () => '/templates', '{"name":"e","engine":"v8-raw"}', 422, 'ENGINE_NOT_SUPPORTED'],
      ['duplicate name', 'POST', () => '/templates', '{"name":"bad-input-target"}', 409, 'TEMPLATE_NAME_TAKEN'],
      ['bad UUID', 'GET', () => '/templates/not-a-uuid', undefined, 400, 'VALIDATION_ERROR'],
      ['unknown template', 'GET', () => `/templates/${UNKNOWN_ID}`, undefined, 404, 'TEMPLATE_NOT_FOUND'],
      ['delete unknown template', 'DELETE', () => `/templates/${UNKNOWN_ID}`, undefined, 404, 'TEMPLATE_NOT_FOUND'],
      ['add module to unknown template', 'POST', () => `/templates/${UNKNOWN_ID}/modules`, '{"name":"fs"}', 404, 'TEMPLATE_NOT_FOUND'],
      ['bad capability kind', 'POST', () => `/templates/${templateId}/capabilities`, '{"kind":"root","name":"x"}', 400, 'VALIDATION_ERROR', /kind/],
      ['capability exists', 'POST', () => `/templates/${templateId}/capabilities`, '{"kind":"module","name":"taken"}', 409, 'CAPABILITY_EXISTS'],
      ['capability config not an object', 'POST', () => `/templates/${templateId}/capabilities`, '{"kind":"env","name":"x","config":[1]}', 400, 'INVALID_REQUEST'],
      ['absolute startup path', 'POST', () => `/templates/${templateId}/startup-files`, '{"path":"/etc/passwd"}', 422, 'INVALID_PATH'],
      ['.. startup path', 'POST', () => `/templates/${templateId}/startup-files`, '{"path":"lib/../../x.js"}', 422, 'INVALID_PATH'],
      ['startup mode import', 'POST', () => `/templates/${templateId}/startup-files`, '{"path":"a.js","mode":"import"}', 422, 'STARTUP_MODE_UNSUPPORTED'],
      ['startup order not an integer', 'POST', () => `/templates/${templateId}/startup-files`, '{"path":"a.js","order_index":"1"}', 400, 'INVALID_REQUEST'],
      ['built-in module', 'POST', () => `/templates/${templateId}/modules`, '{"name":"JSON"}', 422, 'MODULE_NOT_ALLOWED', /built-in/],
      ['unknown module', 'POST', () => `/templates/${templateId}/modules`, '{"name":"http"}', 422, 'MODULE_NOT_ALLOWED'],
      ['unknown library', 'POST', () => `/templates/${templateId}/libraries`, '{"name":"jquery"}', 422, 'LIBRARY_NOT_FOUND'],
      ['settings: unknown key', 'PATCH', () => `/templates/${templateId}/settings`, '{"limits":{"gpu":1}}', 400, 'INVALID_REQUEST', /gpu/],
      ['settings: wrong type', 'PATCH', () => `/templates/${templateId}/settings`, '{"limits":{"cpu_ms":"fast"}}', 400, 'INVALID_REQUEST'],
      ['settings: not positive', 'PATCH', () => `/templates/${templateId}/settings`, '{"limits":{"cpu_ms":0}}', 400, 'VALIDATION_ERROR'],
      ['settings: mem_mb under 8', 'PATCH', () => `/templates/${templateId}/settings`, '{"limits":{"mem_mb":4}}', 400, 'VALIDATION_ERROR', /mem_mb/],
      [
        'settings: max_output_kb over 256 MB',
        'PATCH',
        () => `/templates/${templateId}/settings`,
        '{"limits":{"max_output_kb":262145}}',
        400,
        'VALIDATION_ERROR',
        /max_output_kb must be at most 262144/,
      ],
      [
        'settings: max_events over a million',
        'PATCH',
        () => `/templates/${templateId}/settings`,
        '{"limits":{"max_events":1000001}}',
        400,
        'VALIDATION_ERROR',
        /max_events must be at most 1000000/,
      ],
      ['ledger: bad cursor', 'GET', () => '/ledger/events?after_position=-1', undefined, 400, 'VALIDATION_ERROR'],
      ['ledger: bad limit', 'GET', () => '/ledger/events?limit=abc', undefined, 400, 'VALIDATION_ERROR'],
      ['ledger: bad stream id', 'GET', () => '/ledger/streams/users', undefined, 400, 'VALIDATION_ERROR'],
    ];

    for (const [name, method, path, body, status, code, message] of cases) {
      test(name, async () => {
        const before = await headPosition();
        const response = await rawRequest(daemon.url, method, path(), body);
        assert.equal(response.status, status, JSON.stringify(response.json));
        assert.equal(response.json.error.code, code);
        assert.equal(typeof response.json.error.message, 'string');
        if (message) assert.match(response.json.error.message, message);
        assert.match(response.headers.get('x-request-id')!, UUID_ONLY);
        assert.equal(await headPosition(), before, 'no ledger event written');
      });
    }
  });
});
