import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger on PostgreSQL, at the schema SQLite's migrations reach (a PostgreSQL ledger
 * has no older layout to upgrade). `position` is written by the append under the ledger's
 * write lock, never drawn from a sequence: a sequence leaves gaps on rollback and hands
 * out numbers in start order, not commit order. Stream ids compare byte-wise (COLLATE "C"),
 * as SQLite's do: the stream-kind filter is a range over them.
 */
export class CreatePostgresLedger1733100000000 implements MigrationInterface {
  name = 'CreatePostgresLedger1733100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE ledger_events (
      position BIGINT PRIMARY KEY,
      stream_id TEXT COLLATE "C" NOT NULL,
      seq BIGINT NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      hash TEXT NOT NULL DEFAULT '',
      CONSTRAINT uq_ledger_stream_seq UNIQUE (stream_id, seq)
    )`);
    await runner.query(`CREATE TABLE projection_checkpoints (
      name TEXT PRIMARY KEY,
      position BIGINT NOT NULL
    )`);
    // Every commit that adds events wakes the other daemons' live tails (delivered at commit;
    // one notification per transaction, however many rows).
    await runner.query(`CREATE FUNCTION vm_system_ledger_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('vm_system_ledger', ''); RETURN NULL; END $$`);
    await runner.query(`CREATE TRIGGER ledger_events_notify AFTER INSERT ON ledger_events
      FOR EACH STATEMENT EXECUTE FUNCTION vm_system_ledger_notify()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER ledger_events_notify ON ledger_events');
    await runner.query('DROP FUNCTION vm_system_ledger_notify()');
    await runner.query('DROP TABLE projection_checkpoints');
    await runner.query('DROP TABLE ledger_events');
  }
}
