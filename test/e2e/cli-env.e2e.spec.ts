import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LedgerEvent } from '@vm-system/client';
import { runCli, spawnCli } from '../support/cli';
import { TestDaemon, newTokenSecret, startDaemon } from '../support/daemon';
import { tempDir } from '../support/paths';
import { selfSignedCertificate } from '../support/tls';

const NOBODY = 'http://127.0.0.1:9';

describe('environment fallbacks of the global flags (the flag wins)', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });

  test('VM_SYSTEM_SERVER_URL points the CLI at the daemon; --server-url wins', async () => {
    const [fromEnv, flagWins, flagLoses] = await Promise.all([
      runCli(['ops', 'health'], { env: { VM_SYSTEM_SERVER_URL: daemon.url } }),
      runCli(['ops', 'health', '--server-url', daemon.url], { env: { VM_SYSTEM_SERVER_URL: NOBODY } }),
      runCli(['ops', 'health', '--server-url', NOBODY], { env: { VM_SYSTEM_SERVER_URL: daemon.url } }),
    ]);
    for (const ok of [fromEnv, flagWins]) {
      assert.equal(ok.code, 0, ok.stderr);
      assert.deepEqual(JSON.parse(ok.stdout), { status: 'ok' });
    }
    assert.equal(flagLoses.code, 1);
    assert.match(flagLoses.stderr, /cannot reach the vm-system daemon at http:\/\/127\.0\.0\.1:9:/);
  });

  test('VM_SYSTEM_OUTPUT=json gives JSON; --output text wins', async () => {
    await daemon.client.createTemplate({ name: `env-output-${process.pid}` });
    const [json, text] = await Promise.all([
      runCli(['template', 'list'], { serverUrl: daemon.url, env: { VM_SYSTEM_OUTPUT: 'json' } }),
      runCli(['template', 'list', '--output', 'text'], { serverUrl: daemon.url, env: { VM_SYSTEM_OUTPUT: 'json' } }),
    ]);
    assert.equal(json.code, 0, json.stderr);
    const templates = JSON.parse(json.stdout) as { name: string }[];
    assert.ok(templates.some((t) => t.name === `env-output-${process.pid}`));
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^ID\s+NAME\s/);
  });

  test('VM_SYSTEM_ACTOR is who the events are recorded for; --actor wins', async () => {
    const env = { VM_SYSTEM_ACTOR: 'actor-from-env', VM_SYSTEM_OUTPUT: 'json' };
    const byEnv = JSON.parse((await runCli(['template', 'create', '--name', `by-env-${process.pid}`], { serverUrl: daemon.url, env })).stdout) as { id: string };
    const byFlag = JSON.parse((await runCli(['template', 'create', '--name', `by-flag-${process.pid}`, '--actor', 'actor-from-flag'], { serverUrl: daemon.url, env })).stdout) as {
      id: string;
    };
    const actorOf = async (id: string) => {
      const events = JSON.parse((await runCli(['audit', 'stream', `template-${id}`], { serverUrl: daemon.url, env })).stdout) as LedgerEvent[];
      return events[0].metadata.actor;
    };
    assert.equal(await actorOf(byEnv.id), 'actor-from-env');
    assert.equal(await actorOf(byFlag.id), 'actor-from-flag');
  });

  test('VM_SYSTEM_DB is the database of serve; --db wins', async () => {
    const dir = tempDir();
    const fromEnv = join(dir, 'from-env.db');
    const fromFlag = join(dir, 'from-flag.db');
    for (const [args, expected] of [
      [[], fromEnv],
      [['--db', fromFlag], fromFlag],
    ] as const) {
      const serve = spawnCli(['serve', '--listen', '127.0.0.1:0', ...args], undefined, { VM_SYSTEM_DB: fromEnv });
      try {
        const line = await serve.line((l) => l.startsWith('vm-system daemon listening on '));
        assert.equal(/\(db: ([^,]+),/.exec(line)?.[1], expected, line);
      } finally {
        await serve.stop();
      }
    }
  });
});

describe('VM_SYSTEM_TOKEN and VM_SYSTEM_CA_CERT against a daemon with auth and TLS', () => {
  let daemon: TestDaemon;
  let cert: string;
  before(async () => {
    let key: string;
    ({ cert, key } = selfSignedCertificate());
    daemon = await startDaemon({ auth: true, extraArgs: ['--tls-cert', cert, '--tls-key', key] });
  });
  after(async () => {
    await daemon.stop();
  });

  test('the variables stand in for --token and --ca-cert; each flag wins over its variable', async () => {
    const wrong = newTokenSecret();
    const env = (token: string, caCert: string) => ({ VM_SYSTEM_SERVER_URL: daemon.url, VM_SYSTEM_TOKEN: token, VM_SYSTEM_CA_CERT: caCert });
    const [fromEnv, tokenFlagWins, tokenFlagLoses, certFlagWins, certFlagLoses] = await Promise.all([
      runCli(['template', 'list'], { env: env(daemon.adminToken, cert) }),
      runCli(['template', 'list', '--token', daemon.adminToken], { env: env(wrong, cert) }),
      runCli(['template', 'list', '--token', wrong], { env: env(daemon.adminToken, cert) }),
      runCli(['template', 'list', '--ca-cert', cert], { env: env(daemon.adminToken, join(tempDir(), 'missing.pem')) }),
      runCli(['template', 'list', '--ca-cert', join(tempDir(), 'missing.pem')], { env: env(daemon.adminToken, cert) }),
    ]);
    for (const ok of [fromEnv, tokenFlagWins, certFlagWins]) assert.equal(ok.code, 0, ok.stderr);
    assert.equal(tokenFlagLoses.code, 1);
    assert.match(tokenFlagLoses.stderr, /^Error: UNAUTHENTICATED: /);
    assert.equal(certFlagLoses.code, 1);
    assert.match(certFlagLoses.stderr, /missing\.pem/);
    // Without a token at all the daemon refuses: the variable really was what let the first in.
    const none = await runCli(['template', 'list'], { env: { VM_SYSTEM_SERVER_URL: daemon.url, VM_SYSTEM_CA_CERT: cert } });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^Error: UNAUTHENTICATED: /);
  });
});
