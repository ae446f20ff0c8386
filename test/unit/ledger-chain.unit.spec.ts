import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { ChainVerifier, GENESIS_HASH, HashedRow, canonicalRow, chainHash, exportLine, parseExportLine } from '@vm-system/ledger-chain';

const row = (position: number, data: object): HashedRow => ({
  position,
  stream_id: 'template-2e9ef855-7dd7-4462-be22-634e6418a3de',
  seq: position,
  type: 'TemplateSettingsChanged',
  data: JSON.stringify(data),
  metadata: JSON.stringify({ actor: 'alice', schema: 1 }),
  recorded_at: `2026-12-02T00:00:0${position}.000Z`,
});

function chain(rows: HashedRow[]) {
  let previous = GENESIS_HASH;
  return rows.map((r) => ({ ...r, hash: (previous = chainHash(previous, r)) }));
}

describe('the hash chain', () => {
  test('a row hashes as sha256(previous hash + the JSON array of its columns)', () => {
    const first = row(1, { a: 1 });
    assert.equal(canonicalRow(first), JSON.stringify([1, first.stream_id, 1, first.type, '{"a":1}', first.metadata, first.recorded_at]));
    const expected = createHash('sha256').update('prev').update(canonicalRow(first)).digest('hex');
    assert.equal(chainHash('prev', first), expected);
  });

  test('the canonical form is byte for byte JSON.stringify of the column array, row after row', () => {
    const awkward = ['plain', 'quote " and back\\slash', 'line\nbreak\ttab', 'é ✓ 😀', '\u2028\u0000', ''];
    const rows: HashedRow[] = [];
    for (const [i, text] of awkward.entries()) {
      // Neighbouring rows alternate between sharing and not sharing each column's text.
      rows.push({
        position: 10 ** i + i,
        stream_id: i % 2 ? `execution-${text}` : 'session-1',
        seq: i * 7,
        type: i % 3 ? text : 'console',
        data: JSON.stringify({ text }),
        metadata: i % 2 ? JSON.stringify({ actor: text }) : '{"schema":1}',
        recorded_at: i % 4 ? `2026-12-02T00:00:0${i}.000Z` : text,
      });
    }
    for (const r of [...rows, ...rows.slice().reverse(), rows[0], rows[0]]) {
      assert.equal(canonicalRow(r), JSON.stringify([r.position, r.stream_id, r.seq, r.type, r.data, r.metadata, r.recorded_at]));
    }
  });

  test('the verifier accepts an intact chain and reports its count and head', () => {
    const rows = chain([row(1, { a: 1 }), row(2, { b: 2 }), row(3, { c: 3 })]);
    const verifier = new ChainVerifier();
    assert.ok(rows.every((r) => verifier.check(r)));
    assert.deepEqual([verifier.count, verifier.headPosition, verifier.headHash, verifier.firstBreak], [3, 3, rows[2].hash, undefined]);
  });

  test('an edited row is the first break, and nothing after it is accepted', () => {
    const rows = chain([row(1, { a: 1 }), row(2, { b: 2 }), row(3, { c: 3 })]);
    rows[1] = { ...rows[1], data: '{"b":3}' };
    const verifier = new ChainVerifier();
    assert.deepEqual(
      rows.map((r) => verifier.check(r)),
      [true, false, false],
    );
    assert.equal(verifier.firstBreak!.position, 2);
    assert.equal(verifier.firstBreak!.reason, 'hash_mismatch');
    assert.equal(verifier.count, 1);
  });

  test('a re-hashed edit moves the break to the next row; a missing row is a gap', () => {
    const rows = chain([row(1, { a: 1 }), row(2, { b: 2 }), row(3, { c: 3 })]);
    const edited = { ...rows[1], data: '{"b":3}' };
    rows[1] = { ...edited, hash: chainHash(rows[0].hash, edited) };
    const verifier = new ChainVerifier();
    rows.forEach((r) => verifier.check(r));
    assert.equal(verifier.firstBreak!.position, 3);
    const gap = new ChainVerifier();
    [rows[0], rows[2]].forEach((r) => gap.check(r));
    assert.deepEqual([gap.firstBreak!.position, gap.firstBreak!.reason], [2, 'position_gap']);
  });

  test('an export line carries the stored text byte for byte and parses back to the same row', () => {
    const [stored] = chain([row(1, { nested: { list: [1, 'two', null] }, unicode: 'é ✓' })]);
    const line = exportLine(stored);
    assert.ok(line.includes(`"data":${stored.data}`));
    assert.deepEqual(parseExportLine(line, 1), stored);
    assert.throws(() => parseExportLine('{"position":1}', 7), /Import rejected at line 7/);
    assert.throws(() => parseExportLine('not json', 2), /not JSON/);
  });
});
