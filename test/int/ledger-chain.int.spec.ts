import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LEDGER_MIGRATIONS, openDatabase, rebuildInShadow, verifyLedger } from '@vm-system/ledger';
import { PROJECTION_MIGRATIONS } from '@vm-system/projections';
import { openTestLedger } from '../support/ledger';
import { tempDir } from '../support/paths';

const created = (id: string) => ({
  type: 'TemplateCreated',
  data: { template_id: id, name: `name-${id}`, engine: 'goja', settings: { limits: {}, resolver: {}, runtime: {} } },
});

describe('hash chain and rebuild on a real SQLite file', () => {
  test('a ledger written before the hash column existed is chained by the migration', async () => {
    const file = join(tempDir(), 'old.db');
    const [createLedger] = LEDGER_MIGRATIONS;
    const old = await openDatabase({ file, migrations: [createLedger, ...PROJECTION_MIGRATIONS] });
    const insert = old.handle.prepare('INSERT INTO ledger_events (stream_id, seq, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (let i = 1; i <= 12; i++) insert.run(`template-${i}`, 1, 'TemplateCreated', JSON.stringify(created(String(i)).data), '{"schema":1}', '2026-01-01T00:00:00.000Z');
    await old.dataSource.destroy();

    const ledger = await openTestLedger(file);
    try {
      const report = verifyLedger(ledger.store.sql);
      assert.deepEqual([report.ok, report.count], [true, 12]);
      const appended = ledger.store.append('template-13', 0, [created('13')]);
      assert.equal(appended[0].position, 13);
      const after = verifyLedger(ledger.store.sql);
      assert.ok(after.ok && after.head_hash === appended[0].hash, 'new appends chain from the migrated head');
    } finally {
      await ledger.close();
    }
  });

  test('events appended while a shadow rebuild runs are in the rebuilt read models, which equal the live ones', async () => {
    const ledger = await openTestLedger();
    try {
      const { store } = ledger;
      for (let i = 0; i < 120; i++) {
        store.append(`template-t${i}`, 0, [created(`t${i}`)]);
        store.append(
          `template-t${i}`,
          1,
          Array.from({ length: 99 }, (_, j) => ({ type: 'ModuleAdded', data: { name: `m${j}` } })),
        );
      }
      const progress: number[] = [];
      const rebuilding = rebuildInShadow(ledger.db.handle, store.projectors, `${ledger.file}.rebuild`, (p) => progress.push(p.position));
      // Between the rebuild's chunks (it yields a turn after each): the daemon keeps writing.
      let during = 0;
      while (progress.length < 2) {
        store.append(`template-late${during}`, 0, [created(`late${during++}`)]);
        await nextTurn();
      }
      const report = await rebuilding;
      assert.ok(during >= 1);
      assert.equal(report.events, store.headPosition());
      assert.deepEqual(
        report.projections.map((p) => [p.name, p.equal]),
        [
          ['templates', true],
          ['sessions', true],
          ['executions', true],
          ['tokens', true],
        ],
      );
      const names = store.sql.all<{ name: string }>("SELECT name FROM proj_templates WHERE name LIKE 'name-late%'");
      assert.equal(names.length, during, 'every template appended during the rebuild is in the read model');
      assert.deepEqual(
        store.checkpoints().map((c) => c.position),
        [store.headPosition(), store.headPosition(), store.headPosition(), store.headPosition()],
      );
    } finally {
      await ledger.close();
    }
  });

  test('durability is SQLite synchronous: full is FULL (2), normal is NORMAL (1), in WAL mode', async () => {
    for (const [durability, level] of [
      ['full', 2],
      ['normal', 1],
    ] as const) {
      const db = await openDatabase({ file: join(tempDir(), `${durability}.db`), migrations: LEDGER_MIGRATIONS, durability });
      try {
        assert.equal(db.handle.pragma('synchronous', { simple: true }), level);
        assert.equal(db.handle.pragma('journal_mode', { simple: true }), 'wal');
      } finally {
        await db.dataSource.destroy();
      }
    }
  });
});
