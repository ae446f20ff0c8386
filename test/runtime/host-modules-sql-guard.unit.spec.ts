import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSqlAllowed, bareWords } from '../../libs/runtime/src/host/modules/sql-guard';

describe('host module database: SQL guard', () => {
  test('bare words skip strings, quoted identifiers and comments the way SQLite does', () => {
    assert.deepEqual(bareWords(`select 'attach', "attach", \`attach\`, [attach] from t -- attach`), ['SELECT', 'FROM', 'T']);
    assert.deepEqual(bareWords(`select 'it''s' /* attach */ , x'00' from t`), ['SELECT', 'X', 'FROM', 'T']);
    assert.deepEqual(bareWords('select a--b\nattach'), ['SELECT', 'A', 'ATTACH'], '-- ends at the newline');
    assert.deepEqual(bareWords("select '\\' attach"), ['SELECT', 'ATTACH'], 'a backslash does not escape the quote');
  });

  test('ATTACH and VACUUM INTO are refused wherever SQLite would see them', () => {
    for (const sql of [
      "ATTACH 'x.db' AS x",
      "attach database 'x.db' as x",
      "/* c */AtTaCh'x.db'as x",
      "select 1;\nattach 'x.db' as x",
      "select 'a''b';attach 'x.db' as x",
      'select "x""y" ;ATTACH \'x.db\' AS x',
      "VACUUM INTO '/tmp/x.db'",
      'vacuum main into ?',
      'vacuum "main" into :target',
    ]) {
      assert.throws(() => assertSqlAllowed(sql), /is not allowed/, sql);
    }
  });

  test('ordinary SQL passes, including the words inside literals and plain VACUUM', () => {
    for (const sql of [
      'select 1',
      "insert into t values ('attach me')",
      'create table "attach" (x)',
      'VACUUM',
      'insert into t select * from u',
      "select 'vacuum' as w into_nothing",
    ]) {
      assert.doesNotThrow(() => assertSqlAllowed(sql), sql);
    }
  });
});
