import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VmSystemClient } from '@vm-system/client';
import { CliResult, runCli } from './cli';
import { CLI_BIN, tempDir } from './paths';
import { createTestPostgresDatabase } from './postgres';
import { mustBeStopped } from './processes';

export interface TestDaemon {
  url: string;
  dbFile: string;
  /** With `auth: true`: the admin token (VM_SYSTEM_ADMIN_TOKEN); `client` and `cli` send it. */
  adminToken: string;
  client: VmSystemClient;
  /** The daemon's output so far (stdout and stderr). */
  log(): string;
  cli(...args: string[]): Promise<CliResult>;
  /** SIGTERM and wait for the process to exit; answers its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
  process: ChildProcess;
}

const LISTENING = /vm-system daemon listening on (https?:\/\/\S+)/;
/** A failure guard, not synchronisation: a daemon that never says it listens fails the test. */
const START_DEADLINE_MS = 30_000;

/**
 * Starts `vm-system serve` as a user would (the real binary, a real SQLite file, an
 * ephemeral port on 127.0.0.1) and resolves once it says it is listening. (The launcher's
 * re-run of `serve` without the flag has its own test: launcher.e2e.)
 */
export interface StartOptions {
  dbFile?: string;
  extraArgs?: string[];
  viaLauncher?: boolean;
  /** `serve --auth token` with a fresh VM_SYSTEM_ADMIN_TOKEN. */
  auth?: boolean;
  env?: Record<string, string>;
  /**
   * With auth, sessions must live under a worktree root; tests make their worktrees in the
   * temp directory, so that is the root unless one is given (null: the daemon's default).
   */
  worktreeRoot?: string | null;
}

export const newTokenSecret = () => `vms_${randomBytes(32).toString('base64url')}`;

/**
 * The engine of a daemon a test does not give a database: SQLite, or with
 * VM_SYSTEM_TEST_ENGINE=postgres (the runner's second pass over the files that run on both
 * engines) a fresh database on the suite's PostgreSQL.
 */
async function defaultDatabase(): Promise<string> {
  return process.env.VM_SYSTEM_TEST_ENGINE === 'postgres' ? createTestPostgresDatabase() : join(tempDir(), 'vm-system.db');
}

export async function startDaemon(options: StartOptions = {}): Promise<TestDaemon> {
  const dbFile = options.dbFile ?? (await defaultDatabase());
  const adminToken = options.auth ? newTokenSecret() : '';
  const env = { ...process.env, ...options.env, ...(options.auth ? { VM_SYSTEM_ADMIN_TOKEN: adminToken } : {}) };
  const root = options.worktreeRoot === undefined ? tmpdir() : options.worktreeRoot;
  const authArgs = options.auth ? ['--auth', 'token', ...(root ? ['--worktree-root', root] : [])] : [];
  // With the flag the launcher runs the daemon in this very process (no re-run behind it),
  // so `process` is the daemon: a SIGKILL reaches it and its pid is the daemon's.
  // `viaLauncher`: the binary as its shebang runs it, so `process` is the launcher.
  const serve = [CLI_BIN, 'serve', '--db', dbFile, '--listen', '127.0.0.1:0', '--log-level', 'warn', ...authArgs, ...(options.extraArgs ?? [])];
  const child = options.viaLauncher
    ? spawn(serve[0], serve.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env })
    : spawn(process.execPath, ['--no-node-snapshot', ...serve], { stdio: ['ignore', 'pipe', 'pipe'], env });
  mustBeStopped(child, `vm-system serve --db ${dbFile}`);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = LISTENING.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      clearTimeout(deadline);
      child.stdout!.on('data', (more) => (output += more));
      const url = match[1];
      resolve({
        url,
        dbFile,
        adminToken,
        process: child,
        client: new VmSystemClient({ serverUrl: url, token: adminToken || undefined }),
        log: () => output,
        cli: (...args) => runCli(args, { serverUrl: url, token: adminToken || undefined }),
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`daemon did not start within ${START_DEADLINE_MS} ms:\n${output}`));
    }, START_DEADLINE_MS);
    exited.then(() => clearTimeout(deadline));
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk) => (output += chunk));
    exited.then((code) => reject(new Error(`daemon exited (${code}) before listening:\n${output}`)));
  });
}
