export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type OutputFormat = 'text' | 'json';

export interface GlobalOptions {
  db: string;
  serverUrl: string;
  logLevel: LogLevel;
  output: OutputFormat;
  /** Who the events this command causes are recorded for (X-Actor); default the OS user. */
  actor?: string;
  /** --token, else VM_SYSTEM_TOKEN: sent as a bearer token. */
  token?: string;
  /** --ca-cert: a PEM file of certificates to trust for an https:// daemon. */
  caCert?: string;
}

const GLOBAL_FLAGS: Record<string, keyof GlobalOptions> = {
  '--db': 'db',
  '--server-url': 'serverUrl',
  '--log-level': 'logLevel',
  '--output': 'output',
  '--actor': 'actor',
  '--token': 'token',
  '--ca-cert': 'caCert',
};

const ALLOWED: Partial<Record<keyof GlobalOptions, string[]>> = {
  logLevel: ['debug', 'info', 'warn', 'error'],
  output: ['text', 'json'],
};

export class UsageError extends Error {}

/**
 * Takes the global flags out of argv wherever they stand (before or after the
 * subcommand) and answers them with the rest of argv for the command parser.
 */
export function extractGlobalOptions(argv: string[]): { options: GlobalOptions; rest: string[] } {
  const options: GlobalOptions = { db: 'vm-system.db', serverUrl: 'http://127.0.0.1:3210', logLevel: 'info', output: 'text', token: process.env.VM_SYSTEM_TOKEN || undefined };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const key = GLOBAL_FLAGS[flag];
    if (!key) {
      rest.push(argv[i]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    if (ALLOWED[key] && !ALLOWED[key]!.includes(value)) throw new UsageError(`${flag} must be one of ${ALLOWED[key]!.join(', ')}`);
    (options as unknown as Record<string, string>)[key] = value;
  }
  return { options, rest };
}
