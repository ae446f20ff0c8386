import { spawn } from 'node:child_process';
import { CLI_BIN } from './paths';
import { mustBeStopped } from './processes';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI binary, as a user would, and collects what it printed. */
export function runCli(args: string[], options: { serverUrl?: string; cwd?: string; token?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const fullArgs = [...args, ...(options.serverUrl ? ['--server-url', options.serverUrl] : []), ...(options.token ? ['--token', options.token] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(CLI_BIN, fullArgs, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI with --output json and parses stdout. */
export async function runCliJson<T = unknown>(args: string[], serverUrl: string): Promise<T> {
  const result = await runCli([...args, '--output', 'json'], { serverUrl });
  if (result.code !== 0) throw new Error(`vm-system ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export interface RunningCli {
  /** Resolves with the first stdout line that matches; fails if the CLI exits first. */
  line(matches: (line: string) => boolean): Promise<string>;
  stdoutLines(): string[];
  stderr(): string;
  /** Resolves when the CLI exits by itself. */
  exited: Promise<CliResult>;
  stop(): Promise<void>;
}

/** A long-running CLI command (a live tail, --stream) read line by line while it runs. */
export function spawnCli(args: string[], serverUrl?: string, env: Record<string, string> = {}): RunningCli {
  const child = spawn(CLI_BIN, [...args, ...(serverUrl ? ['--server-url', serverUrl] : [])], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  mustBeStopped(child, `vm-system ${args.join(' ')}`);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    for (const wake of waiters) wake();
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  const complete = () => stdout.split('\n').slice(0, -1);
  return {
    stdoutLines: complete,
    stderr: () => stderr,
    exited,
    line: (matches) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = complete().find(matches);
          if (found === undefined) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
        void exited.then(() => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          reject(new Error(`vm-system ${args.join(' ')} exited before the line came:\n${stdout}\n${stderr}`));
        });
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
