import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '@vm-system/domain';
import { POSTGRES_LEDGER_MIGRATIONS, openPostgresDatabase, postgresExecutor } from '@vm-system/ledger';
import { POSTGRES_PROJECTION_MIGRATIONS } from '@vm-system/projections';
import { createTestPostgresDatabase, dropTestPostgresDatabase } from '../support/postgres';

const MIGRATIONS = [...POSTGRES_LEDGER_MIGRATIONS, ...POSTGRES_PROJECTION_MIGRATIONS];

test('--durability on PostgreSQL: full commits with synchronous_commit on, normal with it off', async () => {
  const url = await createTestPostgresDatabase();
  try {
    for (const [durability, setting] of [
      ['full', 'on'],
      ['normal', 'off'],
    ] as const) {
      const db = await openPostgresDatabase({ url, migrations: MIGRATIONS, durability });
      try {
        assert.equal(db.sql.get<{ synchronous_commit: string }>('SHOW synchronous_commit')?.synchronous_commit, setting);
      } finally {
        await db.sql.close();
      }
    }
  } finally {
    await dropTestPostgresDatabase(url);
  }
});

test('two openings of an empty database at once both migrate it and come up, with the schema made once', async () => {
  const url = await createTestPostgresDatabase();
  try {
    const [one, two] = await Promise.all([openPostgresDatabase({ url, migrations: MIGRATIONS }), openPostgresDatabase({ url, migrations: MIGRATIONS })]);
    const applied = one.sql.all<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name').map((row) => row.name);
    assert.deepEqual(applied, MIGRATIONS.map((migration) => new migration().name!).sort());
    assert.equal(two.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM ledger_events')?.n, 0);
    await Promise.all([one.sql.close(), two.sql.close()]);
  } finally {
    await dropTestPostgresDatabase(url);
  }
});

test('a server that cannot be reached is LEDGER_UNAVAILABLE (503), not a hang or a crash', async () => {
  const unreachable = postgresExecutor({ url: 'postgres://nobody@127.0.0.1:1/none' });
  try {
    assert.throws(
      () => unreachable.get('SELECT 1'),
      (error: DomainError) => error instanceof DomainError && error.code === 'LEDGER_UNAVAILABLE' && /ECONNREFUSED/.test(error.message),
    );
  } finally {
    await unreachable.close();
  }
});
