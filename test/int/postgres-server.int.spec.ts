import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Client } from 'pg';
import { createTestPostgresDatabase, dropTestPostgresDatabase, testPostgresServerUrl } from '../support/postgres';

const connect = async (url: string): Promise<Client> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
};

const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

describe('the PostgreSQL server of the test run', () => {
  const made: string[] = [];
  const fresh = async () => {
    const url = await createTestPostgresDatabase();
    made.push(url);
    return url;
  };
  after(async () => {
    for (const url of made) await dropTestPostgresDatabase(url);
  });

  test('a created database accepts a connection and keeps what is written to it', async () => {
    const url = await fresh();
    const client = await connect(url);
    try {
      assert.equal((await client.query('SELECT current_database() AS db')).rows[0].db, databaseOf(url));
      await client.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
      await client.query('INSERT INTO notes VALUES ($1, $2), ($3, $4)', [1, 'héllo ✓', 2, 'world']);
      assert.deepEqual((await client.query('SELECT id, body FROM notes ORDER BY id')).rows, [
        { id: 1, body: 'héllo ✓' },
        { id: 2, body: 'world' },
      ]);
    } finally {
      await client.end();
    }
  });

  test('two created databases are distinct: a table in one is not in the other', async () => {
    const [first, second] = [await fresh(), await fresh()];
    assert.notEqual(databaseOf(first), databaseOf(second));
    const a = await connect(first);
    const b = await connect(second);
    try {
      await a.query('CREATE TABLE only_here (x int)');
      assert.equal((await a.query(`SELECT to_regclass('only_here') AS t`)).rows[0].t, 'only_here');
      assert.equal((await b.query(`SELECT to_regclass('only_here') AS t`)).rows[0].t, null);
    } finally {
      await a.end();
      await b.end();
    }
  });

  test('drop removes a database even while a session is still connected to it', async () => {
    const url = await createTestPostgresDatabase();
    const lingering = await connect(url);
    // The server ends that session: its client reports it as an 'error' event, expected here.
    lingering.on('error', () => {});
    await dropTestPostgresDatabase(url);
    await assert.rejects(lingering.query('SELECT 1'));

    const server = await connect(testPostgresServerUrl());
    try {
      const listed = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseOf(url)]);
      assert.equal(listed.rowCount, 0);
    } finally {
      await server.end();
    }
    await assert.rejects(connect(url), (err: any) => err.code === '3D000');
  });

  test('the server runs as an unprivileged OS user, never root', async () => {
    const client = await connect(await fresh());
    try {
      await client.query('CREATE TEMP TABLE server_uid (uid text)');
      await client.query(`COPY server_uid FROM PROGRAM 'id -u'`);
      const uid = Number((await client.query('SELECT uid FROM server_uid')).rows[0].uid);
      assert.ok(Number.isInteger(uid), `id -u printed ${uid}`);
      assert.notEqual(uid, 0);
    } finally {
      await client.end();
    }
  });
});
