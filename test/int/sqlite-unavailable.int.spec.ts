import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DomainError } from '@vm-system/domain';
import { isSqliteUnavailable } from '@vm-system/ledger';
import { SqliteTestLedger, openTestLedger } from '../support/ledger';

const created = (id: string, name: string) => ({
  type: 'TemplateCreated',
  data: { template_id: id, name, engine: 'goja', settings: { limits: {}, resolver: {}, runtime: {} } },
});

/**
 * A database that cannot grow (SQLite's max_page_count stands in for a full disk: the same
 * SQLITE_FULL): the append is refused as LEDGER_UNAVAILABLE, a 503, not a bug; nothing of
 * it is kept, reads go on, and the next append succeeds once there is room.
 */
describe('SQLite out of room', () => {
  let ledger: SqliteTestLedger;
  before(async () => {
    ledger = await openTestLedger();
    ledger.store.append('template-a', 0, [created('a', 'alpha')]);
  });
  after(() => ledger.close());

  const pages = () => Number(ledger.db.handle.pragma('page_count', { simple: true }));

  test('an append that does not fit is LEDGER_UNAVAILABLE, and leaves the ledger as it was', () => {
    ledger.db.handle.pragma(`max_page_count = ${pages()}`);
    const before = ledger.store.readAll(0, 100);
    assert.throws(
      () =>
        ledger.store.append(
          'template-a',
          1,
          Array.from({ length: 50 }, (_, i) => ({ type: 'ModuleAdded', data: { name: `m${i}`, padding: 'x'.repeat(4000) } })),
        ),
      (error: unknown) => error instanceof DomainError && error.code === 'LEDGER_UNAVAILABLE' && /SQLITE_FULL/.test(error.message),
    );
    assert.deepEqual(ledger.store.readAll(0, 100), before, 'reads go on, and nothing of the refused append is there');
  });

  test('once there is room, the next append succeeds', () => {
    ledger.db.handle.pragma('max_page_count = 1073741823');
    const [event] = ledger.store.append('template-a', 1, [{ type: 'ModuleAdded', data: { name: 'fs' } }]);
    assert.equal(event.seq, 2);
  });

  test('errors of the statement itself are not taken for unavailability', () => {
    assert.throws(
      () => ledger.sql.run('INSERT INTO no_such_table VALUES (1)'),
      (error: unknown) => !(error instanceof DomainError) && /no such table/.test(String(error)),
    );
    assert.equal(isSqliteUnavailable({ code: 'SQLITE_CONSTRAINT_UNIQUE' }), false);
    assert.equal(isSqliteUnavailable({ code: 'SQLITE_IOERR_WRITE' }), true);
    assert.equal(isSqliteUnavailable({ code: 'SQLITE_FULL' }), true);
  });
});
