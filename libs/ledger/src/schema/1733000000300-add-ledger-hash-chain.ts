import { MigrationInterface, QueryRunner } from 'typeorm';
import { GENESIS_HASH, HashedRow, chainHash } from '../chain/ledger-hash';

/**
 * Tamper evidence: each row carries sha256(previous row's hash + its canonical form).
 * Ledgers written before the column existed are chained here, in position order.
 */
export class AddLedgerHashChain1733000000300 implements MigrationInterface {
  name = 'AddLedgerHashChain1733000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ledger_events ADD COLUMN hash TEXT NOT NULL DEFAULT ''`);
    let previous = GENESIS_HASH;
    let cursor = 0;
    for (;;) {
      const rows: HashedRow[] = await runner.query(
        'SELECT position, stream_id, seq, type, data, metadata, recorded_at FROM ledger_events WHERE position > ? ORDER BY position LIMIT 5000',
        [cursor],
      );
      for (const row of rows) {
        previous = chainHash(previous, row);
        await runner.query('UPDATE ledger_events SET hash = ? WHERE position = ?', [previous, row.position]);
      }
      if (rows.length < 5000) return;
      cursor = rows[rows.length - 1].position;
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE ledger_events DROP COLUMN hash');
  }
}
