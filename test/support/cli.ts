import { spawn } from 'node:child_process';
import { CLI_BIN } from './paths';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI binary, as a user would, and collects what it printed. */
export function runCli(args: string[], options: { serverUrl?: string; cwd?: string } = {}): Promise<CliResult> {
  const fullArgs = options.serverUrl ? [...args, '--server-url', options.serverUrl] : args;
  return new Promise((resolve, reject) => {
    const child = spawn(CLI_BIN, fullArgs, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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
