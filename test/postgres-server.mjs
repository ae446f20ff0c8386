// The PostgreSQL server the suite's PostgreSQL tests run against: VM_SYSTEM_TEST_PG_URL when
// set, else a throwaway cluster of Debian's `postgresql` package (installed with apt-get when
// missing and we are root, as test/ensure-packages.mjs does for the programs the tests drive), initialised in a
// temp directory and listening on a free loopback port. PostgreSQL refuses to run as root, so
// a root runner runs it as the `postgres` user the package creates.
//
// A watchdog process holds a pipe from the runner: when the runner ends in any way, even
// SIGKILL, the pipe closes and the watchdog stops the server and removes its directory.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEBIAN_PG = '/usr/lib/postgresql';
const SERVER_USER = 'postgres';
const SUPERUSER = 'postgres';
const KEEP = process.env.VM_SYSTEM_KEEP_TEMP === '1';
const isRoot = () => process.getuid?.() === 0;

/**
 * `fsync: true` keeps PostgreSQL's durability (fsync, full-page writes) for the bench, whose
 * commits must cost what they cost in production; the tests' throwaway server does without.
 * @param {{ fsync?: boolean }} [options]
 * @returns {Promise<{ url: string, stop(): void }>}
 */
export async function startTestPostgres({ fsync = false } = {}) {
  const given = process.env.VM_SYSTEM_TEST_PG_URL;
  if (given) return { url: given, stop: () => {} };

  const bin = serverBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'vm-system-pg-'));
  if (isRoot()) chownSync(dir, uidOf(SERVER_USER), gidOf(SERVER_USER));
  const data = join(dir, 'data');
  try {
    asServer(bin, 'initdb', ['-D', data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], dir);
  } catch (err) {
    removeDir(dir);
    throw err;
  }
  const port = await startOnFreePort(bin, data, dir, fsync);
  const watchdog = spawnWatchdog(bin, data, dir);
  let stopped = false;
  return {
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      stopServer(bin, data, dir);
      watchdog.stdin.end();
    },
  };
}

/** Debian's server binaries of the highest installed major version, installing them if we may. */
function serverBinaries() {
  const found = () =>
    (existsSync(DEBIAN_PG) ? readdirSync(DEBIAN_PG) : [])
      .filter((v) => /^\d+$/.test(v) && existsSync(join(DEBIAN_PG, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => join(DEBIAN_PG, v, 'bin'))[0];
  if (found()) return found();
  if (isRoot() && existsSync('/usr/bin/apt-get')) {
    process.stdout.write(`no PostgreSQL server under ${DEBIAN_PG}: installing Debian's postgresql package for the PostgreSQL tests…\n`);
    // The package may create and start a `main` cluster on port 5432; the tests never use it.
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (found()) return found();
  }
  throw new Error(
    `no PostgreSQL server under ${DEBIAN_PG}/<version>/bin: run 'sudo apt-get install -y postgresql' for the PostgreSQL tests, ` +
      'or set VM_SYSTEM_TEST_PG_URL=postgres://user@host:port/db to a server whose user may create databases',
  );
}

/** Runs one of the server's programs as the user that owns the data directory. */
function asServer(bin, program, args, cwd) {
  const [file, argv] = isRoot() ? ['runuser', ['-u', SERVER_USER, '--', join(bin, program), ...args]] : [join(bin, program), args];
  try {
    return execFileSync(file, argv, { cwd, env: withoutLibpqVariables(), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    throw new Error(`${program} ${args.join(' ')} failed: ${err.stderr || err.message}`, { cause: err });
  }
}

/** PGHOST, PGPORT, PGDATA … of the caller's shell must not redirect our server's tools. */
function withoutLibpqVariables() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
}

/**
 * Another process may take the port between our probe and the server's bind: then the server
 * fails to start and we try a new port.
 */
async function startOnFreePort(bin, data, dir, fsync) {
  const log = join(dir, 'server.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '# vm-system test server',
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        // Many daemons and spec files connect at once.
        'max_connections = 200',
        // A throwaway cluster: durability across an OS crash buys nothing (but the bench's
        // figures would mean nothing without it).
        `fsync = ${fsync ? 'on' : 'off'}`,
        `full_page_writes = ${fsync ? 'on' : 'off'}`,
        '',
      ].join('\n'),
    );
    try {
      asServer(bin, 'pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', log], dir);
      return port;
    } catch (err) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
      if (attempt < 5 && /could not bind|already in use/i.test(serverLog)) continue;
      removeDir(dir);
      throw new Error(`${err.message}\n${serverLog}`, { cause: err });
    }
  }
}

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function stopServer(bin, data, dir) {
  try {
    asServer(bin, 'pg_ctl', ['stop', '-m', 'immediate', '-w', '-D', data], dir);
  } catch {
    // Not running (already stopped, or it never started): nothing to stop.
  }
  if (!KEEP) removeDir(dir);
}

function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

function uidOf(user) {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gidOf(user) {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}

/** Detached, so a Ctrl+C to the runner's process group leaves it alive to clean up. */
function spawnWatchdog(bin, data, dir) {
  const watchdog = spawn(process.execPath, [fileURLToPath(import.meta.url), 'watchdog', bin, data, dir], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  watchdog.unref();
  watchdog.stdin.unref();
  return watchdog;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'watchdog') {
  const [bin, data, dir] = process.argv.slice(3);
  process.stdin.resume();
  process.stdin.once('close', () => stopServer(bin, data, dir));
}
