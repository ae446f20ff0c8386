import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Scope, scopeAllows } from '@vm-system/domain';
import { HTTP_CONTROLLERS, routeTable } from '@vm-system/http';
import { runCli } from '../support/cli';
import { TestDaemon, newTokenSecret, startDaemon } from '../support/daemon';
import { makeTemplate, makeWorktree } from '../support/fixtures';
import { plainRequest } from '../support/http';
import { tempDir } from '../support/paths';
import { selfSignedCertificate } from '../support/tls';

const UUID = '00000000-0000-4000-8000-000000000000';
const JSON_TYPE = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const hostOf = (url: string) => new URL(url).host;

describe('browsers: content type, host and origin (auth off, on loopback)', () => {
  let daemon: TestDaemon;
  let url: string;
  before(async () => {
    daemon = await startDaemon({ extraArgs: ['--allowed-host', 'my.box', '--allowed-origin', 'http://app.example'] });
    url = daemon.url;
  });
  after(async () => {
    await daemon.stop();
  });

  test('a body must be JSON: every other content type is 415 and records nothing', async () => {
    const before = (await daemon.client.ledgerHead()).position;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/x-ndjson']) {
      const answer = await plainRequest(url, 'POST', '/templates', { 'content-type': type }, '{"name":"made-by-a-web-page"}');
      assert.equal(answer.status, 415, type);
      assert.equal(answer.json.error.code, 'UNSUPPORTED_MEDIA_TYPE');
    }
    const untyped = await plainRequest(url, 'POST', '/templates', {}, '{"name":"made-by-a-web-page"}');
    assert.equal(untyped.status, 415);
    assert.equal((await daemon.client.ledgerHead()).position, before);
    assert.deepEqual(
      (await daemon.client.listTemplates()).filter((t) => t.name === 'made-by-a-web-page'),
      [],
    );

    const withCharset = await plainRequest(url, 'POST', '/templates', { 'content-type': 'application/json; charset=utf-8' }, '{"name":"typed"}');
    assert.equal(withCharset.status, 201);
    // A POST without a body may leave the type out.
    const bodiless = await plainRequest(url, 'POST', `/sessions/${UUID}/close`);
    assert.equal(bodiless.status, 404);
    assert.equal(bodiless.json.error.code, 'SESSION_NOT_FOUND');
    // The import is the one route whose body is NDJSON, and only NDJSON.
    const ndjson = await plainRequest(url, 'POST', '/ledger/import', { 'content-type': 'application/x-ndjson' }, '{}\n');
    assert.notEqual(ndjson.status, 415);
    const importAsJson = await plainRequest(url, 'POST', '/ledger/import', JSON_TYPE, '{}');
    assert.equal(importAsJson.status, 415);
    const patchText = await plainRequest(url, 'PATCH', `/templates/${UUID}/settings`, { 'content-type': 'text/plain' }, '{}');
    assert.equal(patchText.status, 415);
  });

  test('Host must name the daemon: loopback names, the listen host and --allowed-host, with or without the port', async () => {
    const port = new URL(url).port;
    for (const host of ['localhost', `localhost:${port}`, '127.0.0.1', `127.0.0.1:${port}`, '[::1]', `[::1]:${port}`, 'my.box', `MY.BOX:${port}`]) {
      const answer = await plainRequest(url, 'GET', '/templates', { host });
      assert.equal(answer.status, 200, host);
    }
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1.evil.example', 'my.box.evil.example']) {
      const answer = await plainRequest(url, 'GET', '/templates', { host });
      assert.equal(answer.status, 403, host);
      assert.equal(answer.json.error.code, 'HOST_NOT_ALLOWED');
    }
    // The hot events-page route and the dashboard's files are behind the same check.
    assert.equal((await plainRequest(url, 'GET', `/executions/${UUID}/events`, { host: 'evil.example' })).status, 403);
  });

  test("Origin: writes only from the daemon's own origin or --allowed-origin; reads from anywhere, without CORS headers", async () => {
    const foreign = await plainRequest(url, 'POST', '/templates', { ...JSON_TYPE, origin: 'http://evil.example' }, '{"name":"cross-site"}');
    assert.equal(foreign.status, 403);
    assert.equal(foreign.json.error.code, 'ORIGIN_NOT_ALLOWED');
    const opaque = await plainRequest(url, 'DELETE', `/templates/${UUID}`, { origin: 'null' });
    assert.equal(opaque.status, 403);
    assert.equal(opaque.json.error.code, 'ORIGIN_NOT_ALLOWED');
    const read = await plainRequest(url, 'GET', '/templates', { origin: 'http://evil.example' });
    assert.equal(read.status, 200);
    assert.equal(read.headers['access-control-allow-origin'], undefined);
    const own = await plainRequest(url, 'POST', '/templates', { ...JSON_TYPE, origin: `http://${hostOf(url)}` }, '{"name":"same-origin"}');
    assert.equal(own.status, 201);
    assert.equal(own.headers['access-control-allow-origin'], undefined);

    const allowed = await plainRequest(url, 'POST', '/templates', { ...JSON_TYPE, origin: 'http://app.example' }, '{"name":"allowed-origin"}');
    assert.equal(allowed.status, 201);
    assert.equal(allowed.headers['access-control-allow-origin'], 'http://app.example');
    const preflight = await plainRequest(url, 'OPTIONS', '/templates', { origin: 'http://app.example', 'access-control-request-method': 'POST' });
    assert.equal(preflight.status, 204);
    assert.match(String(preflight.headers['access-control-allow-headers']), /Authorization/);
    assert.deepEqual(
      (await daemon.client.listTemplates()).filter((t) => t.name === 'cross-site'),
      [],
    );
  });
});

describe('tokens and scopes', () => {
  let daemon: TestDaemon;
  const tokens: Record<string, string> = {};
  before(async () => {
    daemon = await startDaemon({ auth: true });
    for (const scope of ['read', 'execute', 'admin'] as Scope[]) tokens[scope] = (await daemon.client.createToken({ name: `t-${scope}`, scopes: [scope] })).token;
    const revoked = await daemon.client.createToken({ name: 'revoked', scopes: ['admin'] });
    await daemon.client.revokeToken(revoked.token_id);
    tokens.revoked = revoked.token;
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    tokens.expired = (await daemon.client.createToken({ name: 'expired', scopes: ['admin'], expires_at: expiresAt })).token;
    tokens.unknown = newTokenSecret();
    // The expiry is the condition under test: wait for the clock to pass it.
    while (Date.now() <= Date.parse(expiresAt)) await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 1));
  });
  after(async () => {
    await daemon.stop();
  });

  test('every route × no token, each scope, a revoked, an expired and an unknown token (the table is the controllers’)', async () => {
    const routes = routeTable(HTTP_CONTROLLERS);
    assert.ok(routes.length >= 38, `only ${routes.length} routes`);
    for (const route of routes) {
      const path = route.path.replace(/^\/api\/v1/, '').replace(/:[A-Za-z]+/g, UUID);
      const call = (headers: Record<string, string>) => plainRequest(daemon.url, route.method, path, headers);
      const name = `${route.method} ${route.path}`;
      for (const refused of [{}, bearer(tokens.revoked), bearer(tokens.expired), bearer(tokens.unknown), { authorization: tokens.admin }]) {
        const answer = await call(refused);
        if (route.access === 'public') {
          assert.equal(answer.status, 200, name);
          continue;
        }
        assert.equal(answer.status, 401, `${name} ${JSON.stringify(refused)}`);
        assert.equal(answer.json.error.code, 'UNAUTHENTICATED');
        assert.equal(answer.headers['www-authenticate'], 'Bearer');
      }
      for (const scope of ['read', 'execute', 'admin'] as Scope[]) {
        const answer = await call(bearer(tokens[scope]));
        if (route.access === 'public' || scopeAllows([scope], route.access)) {
          assert.ok(answer.status !== 401 && answer.status !== 403 && answer.status < 500, `${name} with ${scope}: ${answer.status} ${JSON.stringify(answer.json)}`);
        } else {
          assert.equal(answer.status, 403, `${name} with ${scope}`);
          assert.equal(answer.json.error.code, 'FORBIDDEN');
          assert.equal(answer.json.error.details.required_scope, route.access);
        }
      }
    }
    // An unknown route needs a token too: nothing says what exists to a caller without one.
    assert.equal((await plainRequest(daemon.url, 'GET', '/no-such-route')).status, 401);
    assert.equal((await plainRequest(daemon.url, 'GET', '/no-such-route', bearer(tokens.read))).status, 404);
  });

  test('a route spelt in other letter case (Express routes it all the same) needs the same token and scope', async () => {
    for (const route of routeTable(HTTP_CONTROLLERS).filter((r) => r.access !== 'public')) {
      const url = `${daemon.url}${route.path.replace(/:[A-Za-z]+/g, UUID).toUpperCase()}`;
      const name = `${route.method} ${url}`;
      assert.equal((await fetch(url, { method: route.method })).status, 401, name);
      if (!scopeAllows(['read'], route.access as Scope)) assert.equal((await fetch(url, { method: route.method, headers: bearer(tokens.read) })).status, 403, name);
    }
  });

  test('the scopes are the contract’s: read reads, execute runs sessions, admin changes templates and tokens', async () => {
    const routes = routeTable(HTTP_CONTROLLERS);
    const access = (method: string, path: string) => routes.find((r) => r.method === method && r.path === `/api/v1${path}`)?.access;
    assert.equal(access('GET', '/health'), 'public');
    assert.equal(access('GET', '/ledger/export'), 'read');
    assert.equal(access('POST', '/sessions'), 'execute');
    assert.equal(access('POST', '/executions/repl'), 'execute');
    assert.equal(access('POST', '/templates'), 'admin');
    assert.equal(access('POST', '/ledger/import'), 'admin');
    assert.equal(access('POST', '/ops/rebuild-projections'), 'admin');
    assert.equal(access('GET', '/tokens'), 'admin');
    assert.equal(access('DELETE', '/tokens/:id'), 'admin');
  });

  test('the ledger records who did it: the token’s name and id as actor, X-Actor only as a claim; never a secret', async () => {
    const answer = await plainRequest(daemon.url, 'POST', '/templates', { ...JSON_TYPE, ...bearer(tokens.admin), 'x-actor': 'mallory' }, '{"name":"attributed"}');
    assert.equal(answer.status, 201);
    const [created] = await daemon.client.ledgerStream(`template-${answer.json.id}`);
    const tokenList = await daemon.client.listTokens();
    const admin = tokenList.find((t) => t.name === 't-admin')!;
    assert.equal(created.metadata.actor, 't-admin');
    assert.equal(created.metadata.token_id, admin.token_id);
    assert.equal(created.metadata.claimed_actor, 'mallory');
    for (const token of tokenList) assert.equal('sha256' in token || 'token' in token, false);

    const [issued] = await daemon.client.ledgerStream(`token-${admin.token_id}`);
    assert.equal(issued.type, 'TokenIssued');
    assert.equal((issued.data as { sha256: string }).sha256, createHash('sha256').update(tokens.admin).digest('hex'));
    const dir = join(daemon.dbFile, '..');
    for (const file of readdirSync(dir).filter((f) => f.startsWith('vm-system.db'))) {
      const bytes = readFileSync(join(dir, file));
      for (const secret of Object.values(tokens)) assert.equal(bytes.includes(Buffer.from(secret)), false, `${file} holds a token secret`);
    }
  });

  test('max_live_sessions: a create beyond it is 429 QUOTA_EXCEEDED; closing one makes room', async () => {
    const templateId = await makeTemplate(daemon.client);
    const limited = await daemon.client.createToken({ name: 'one-session', scopes: ['execute'], max_live_sessions: 1 });
    const body = JSON.stringify({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: makeWorktree() });
    const first = await plainRequest(daemon.url, 'POST', '/sessions', { ...JSON_TYPE, ...bearer(limited.token) }, body);
    assert.equal(first.status, 201);
    const second = await plainRequest(daemon.url, 'POST', '/sessions', { ...JSON_TYPE, ...bearer(limited.token) }, body);
    assert.equal(second.status, 429);
    assert.equal(second.json.error.code, 'QUOTA_EXCEEDED');
    assert.equal(second.json.error.details.max_live_sessions, 1);
    // Another token's sessions do not count against this one.
    assert.equal((await plainRequest(daemon.url, 'POST', '/sessions', { ...JSON_TYPE, ...bearer(tokens.execute) }, body)).status, 201);
    assert.equal((await plainRequest(daemon.url, 'POST', `/sessions/${first.json.id}/close`, bearer(limited.token))).status, 200);
    assert.equal((await plainRequest(daemon.url, 'POST', '/sessions', { ...JSON_TYPE, ...bearer(limited.token) }, body)).status, 201);
  });

  test('token create, list and revoke through the CLI; --token and VM_SYSTEM_TOKEN; bad input has its code', async () => {
    const created = await daemon.cli('token', 'create', '--name', 'ci', '--scope', 'read', '--output', 'json');
    assert.equal(created.code, 0, created.stderr);
    const issued = JSON.parse(created.stdout);
    assert.match(issued.token, /^vms_[A-Za-z0-9_-]{43}$/);
    const asReader = await runCli(['template', 'list'], { serverUrl: daemon.url, token: issued.token });
    assert.equal(asReader.code, 0, asReader.stderr);
    const forbidden = await runCli(['template', 'create', '--name', 'nope'], { serverUrl: daemon.url, token: issued.token });
    assert.equal(forbidden.code, 1);
    assert.match(forbidden.stderr, /FORBIDDEN/);
    const list = await daemon.cli('token', 'list');
    assert.match(list.stdout, /ci\s+read/);
    assert.doesNotMatch(list.stdout, /vms_/);
    const revoked = await daemon.cli('token', 'revoke', issued.token_id);
    assert.equal(revoked.code, 0, revoked.stderr);
    const refused = await runCli(['template', 'list'], { serverUrl: daemon.url, token: issued.token });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /UNAUTHENTICATED/);
    const badScope = await daemon.cli('token', 'create', '--name', 'x', '--scope', 'root');
    assert.match(badScope.stderr, /VALIDATION_ERROR/);
    const past = await daemon.cli('token', 'create', '--name', 'x', '--scope', 'read', '--expires-at', '2001-01-01T00:00:00Z');
    assert.match(past.stderr, /VALIDATION_ERROR: Field expires_at must be in the future/);
    const unknown = await daemon.cli('token', 'revoke', UUID);
    assert.match(unknown.stderr, /TOKEN_NOT_FOUND/);
  });
});

describe('serve with auth', () => {
  test('first start prints an admin token once on stderr; a restart does not; the token works', async () => {
    const dbFile = join(tempDir(), 'vm-system.db');
    const first = await startDaemon({ dbFile, extraArgs: ['--auth', 'token'] });
    let secret: string;
    try {
      const printed = /admin token: (vms_[A-Za-z0-9_-]{43})\n/.exec(first.log());
      assert.ok(printed, first.log());
      secret = printed[1];
      const list = await runCli(['token', 'list'], { serverUrl: first.url, token: secret });
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /admin\s+admin/);
    } finally {
      await first.stop();
    }
    const second = await startDaemon({ dbFile, extraArgs: ['--auth', 'token'] });
    try {
      assert.doesNotMatch(second.log(), /admin token/);
      assert.equal((await runCli(['template', 'list'], { serverUrl: second.url, token: secret })).code, 0);
    } finally {
      await second.stop();
    }
  });

  test('off loopback auth is on by default, and --auth none is refused with exit 2', async () => {
    const refused = await runCli(['serve', '--db', join(tempDir(), 'x.db'), '--listen', '0.0.0.0:0', '--auth', 'none']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--auth none is refused/);
    const daemon = await startDaemon({ extraArgs: ['--listen', '0.0.0.0:0'] });
    try {
      assert.match(daemon.log(), /auth: token/);
      assert.match(daemon.log(), /^\S+ WARN +\[Serve\] tokens travel in clear text on 0\.0\.0\.0/m);
      const url = daemon.url.replace('0.0.0.0', '127.0.0.1');
      assert.equal((await plainRequest(url, 'GET', '/templates')).status, 401);
      assert.equal((await plainRequest(url, 'GET', '/health')).status, 200);
    } finally {
      await daemon.stop();
    }
  });

  test('worktree roots: symlinks are followed; with auth and no root, the working directory is the one root', async () => {
    const root = tempDir();
    const outside = makeWorktree();
    mkdirSync(join(root, 'inside'));
    symlinkSync(outside, join(root, 'escape'));
    const alias = join(tempDir(), 'alias');
    symlinkSync(join(root, 'inside'), alias);
    const daemon = await startDaemon({ auth: true, worktreeRoot: root });
    try {
      const templateId = await makeTemplate(daemon.client);
      const create = (worktree_path: string) =>
        plainRequest(
          daemon.url,
          'POST',
          '/sessions',
          { ...JSON_TYPE, ...bearer(daemon.adminToken) },
          JSON.stringify({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path }),
        );
      assert.equal((await create(join(root, 'inside'))).status, 201);
      assert.equal((await create(alias)).status, 201);
      for (const path of [join(root, 'escape'), outside]) {
        const answer = await create(path);
        assert.equal(answer.status, 422, path);
        assert.equal(answer.json.error.code, 'INVALID_PATH');
      }
    } finally {
      await daemon.stop();
    }
    const defaulted = await startDaemon({ auth: true, worktreeRoot: null });
    try {
      const templateId = await makeTemplate(defaulted.client);
      const answer = await plainRequest(
        defaulted.url,
        'POST',
        '/sessions',
        { ...JSON_TYPE, ...bearer(defaulted.adminToken) },
        JSON.stringify({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: makeWorktree() }),
      );
      assert.equal(answer.status, 422);
      assert.equal(answer.json.error.code, 'INVALID_PATH');
    } finally {
      await defaulted.stop();
    }
  });

  test('TLS: a self-signed certificate made here; the CLI trusts it with --ca-cert and refuses it without', async () => {
    const { cert, key } = selfSignedCertificate();
    const daemon = await startDaemon({ auth: true, extraArgs: ['--tls-cert', cert, '--tls-key', key] });
    try {
      assert.match(daemon.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const trusted = await runCli(['template', 'list', '--ca-cert', cert], { serverUrl: daemon.url, token: daemon.adminToken });
      assert.equal(trusted.code, 0, trusted.stderr);
      const untrusted = await runCli(['template', 'list'], { serverUrl: daemon.url, token: daemon.adminToken });
      assert.equal(untrusted.code, 1);
      assert.match(untrusted.stderr, /certificate/i);
    } finally {
      await daemon.stop();
    }
  });
});
