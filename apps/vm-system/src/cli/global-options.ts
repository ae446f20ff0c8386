import { UsageError } from './usage-error';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type OutputFormat = 'text' | 'json';

export interface GlobalOptions {
  db: string;
  serverUrl: string;
  logLevel: LogLevel;
  output: OutputFormat;
  /** Who the events this command causes are recorded for (X-Actor); default the OS user. */
  actor?: string;
  /** Sent as a bearer token. */
  token?: string;
  /** A PEM file of certificates to trust for an https:// daemon. */
  caCert?: string;
}

export interface GlobalFlag {
  flag: string;
  key: keyof GlobalOptions;
  /** The value's name in help (`<url>`); `file` and `dir` also tell shell completion what to offer. */
  value: string;
  description: string;
  default?: string;
  choices?: readonly string[];
  /** What is wrong with a value, if anything. */
  check?: (value: string) => string | undefined;
}

const httpUrl = (value: string) => {
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined;
  return protocol === 'http:' || protocol === 'https:' ? undefined : 'must be an http:// or https:// URL';
};

/**
 * The flags every command accepts, anywhere on the line. Each has an environment variable
 * (`envVarOf`) that stands in for it when it is not given.
 */
export const GLOBAL_FLAGS: readonly GlobalFlag[] = [
  { flag: '--server-url', key: 'serverUrl', value: 'url', description: "the daemon's address", default: 'http://127.0.0.1:3210', check: httpUrl },
  { flag: '--output', key: 'output', value: 'format', description: "text, or json: the daemon's answer as it came", default: 'text', choices: ['text', 'json'] },
  { flag: '--token', key: 'token', value: 'token', description: 'bearer token for a daemon started with --auth token' },
  { flag: '--actor', key: 'actor', value: 'name', description: 'who the events this command causes are recorded for, by default the OS user' },
  { flag: '--ca-cert', key: 'caCert', value: 'file', description: 'PEM certificate(s) to trust for an https:// daemon' },
  { flag: '--db', key: 'db', value: 'file', description: 'serve: the SQLite database file, or a postgres:// URL of a ledger several daemons share', default: 'vm-system.db' },
  { flag: '--log-level', key: 'logLevel', value: 'level', description: "serve: the daemon's log verbosity", default: 'info', choices: ['debug', 'info', 'warn', 'error'] },
];

/** `--server-url` → `VM_SYSTEM_SERVER_URL`. */
export const envVarOf = (flag: string): string => `VM_SYSTEM_${flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase()}`;

function checked(spec: GlobalFlag, value: string | undefined, source: string): string {
  if (value === undefined || value === '') throw new UsageError(`${source} needs a value`);
  if (spec.choices && !spec.choices.includes(value)) throw new UsageError(`${source} must be one of ${spec.choices.join(', ')}, got ${value}`);
  const problem = spec.check?.(value);
  if (problem) throw new UsageError(`${source} ${problem}, got ${value}`);
  return value;
}

/**
 * Takes the global flags out of argv wherever they stand (before or after the
 * subcommand) and answers them with the rest of argv for the command parser. A flag not
 * given comes from its environment variable (an empty one counts as unset), else its
 * default; a bad value is a usage error either way. A given flag wins: its variable is
 * then not read at all.
 */
export function extractGlobalOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): { options: GlobalOptions; rest: string[] } {
  const values: Record<string, string | undefined> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const spec = GLOBAL_FLAGS.find((f) => f.flag === flag);
    if (!spec) {
      rest.push(argv[i]);
      continue;
    }
    // `--output --server-url x`: the next word is another flag, not this one's value.
    const value = inline ?? (argv[i + 1]?.startsWith('--') ? undefined : argv[++i]);
    values[spec.key] = checked(spec, value, flag);
  }
  for (const spec of GLOBAL_FLAGS) {
    if (spec.key in values) continue;
    const variable = envVarOf(spec.flag);
    values[spec.key] = env[variable] ? checked(spec, env[variable], `${variable} (${spec.flag})`) : spec.default;
  }
  return { options: values as unknown as GlobalOptions, rest };
}
