import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { REPO_ROOT } from '../../test/support/paths';

export interface BenchPostgres {
  /** The server's URL (its `postgres` database). */
  url: string;
  /** What the figures depend on: version, fsync, synchronous_commit, full_page_writes. */
  settings: string;
  /** A fresh, empty database on the server: answers its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

type StartTestPostgres = (options?: { fsync?: boolean }) => Promise<{ url: string; stop(): void }>;

// The test server's starter is an ES module; a literal `import()` would be compiled to
// `require()`, which cannot load it.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ startTestPostgres: StartTestPostgres }>;

/**
 * The suite's throwaway PostgreSQL server (test/postgres-server.mjs: its own cluster on a free
 * loopback port, or VM_SYSTEM_TEST_PG_URL), started with fsync on so that a commit costs its
 * WAL flush, as it would in production.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const { startTestPostgres } = await importModule(pathToFileURL(join(REPO_ROOT, 'test', 'postgres-server.mjs')).href);
  const server = await startTestPostgres({ fsync: true });
  const settings = await onDatabase(server.url, async (client) => {
    const show = async (name: string) => (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];
    return `PostgreSQL ${(await show('server_version')).split(' ')[0]} on 127.0.0.1, fsync=${await show('fsync')}, synchronous_commit=${await show('synchronous_commit')}, full_page_writes=${await show('full_page_writes')}`;
  });
  return {
    url: server.url,
    settings,
    createDatabase: async (name) => {
      const database = `vm_system_bench_${process.pid}_${name}`;
      await onDatabase(server.url, (client) => client.query(`CREATE DATABASE "${database}"`));
      const url = new URL(server.url);
      url.pathname = `/${database}`;
      return url.toString();
    },
    stop: () => server.stop(),
  };
}

/** One connection to `url` for the time of `work`. */
export async function onDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
