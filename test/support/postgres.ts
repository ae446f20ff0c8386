import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The server test/run.mjs started for this run (test/postgres-server.mjs), or the one the
 * caller pointed it at: its URL names a database the user may connect to and create others from.
 */
export function testPostgresServerUrl(): string {
  const url = process.env.VM_SYSTEM_TEST_PG_URL;
  if (!url) {
    throw new Error(
      'VM_SYSTEM_TEST_PG_URL is not set: run the PostgreSQL tests with `node test/run.mjs`, which starts a server ' +
        "(see the runner's message above if it could not), or set it to postgres://user@host:port/db of a server whose user may create databases",
    );
  }
  return url;
}

/** A fresh, empty database on the test server, for one spec's (or one cluster's) exclusive use. */
export async function createTestPostgresDatabase(): Promise<string> {
  const name = `vm_system_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return databaseUrl(testPostgresServerUrl(), name);
}

/** Drops a database createTestPostgresDatabase made, ending the sessions still connected to it. */
export async function dropTestPostgresDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await onServer(async (client) => {
    const version = Number((await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0].v);
    // WITH (FORCE) exists from PostgreSQL 13; before it a connected session makes DROP fail.
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}${version >= 130000 ? ' WITH (FORCE)' : ''}`);
  });
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testPostgresServerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
