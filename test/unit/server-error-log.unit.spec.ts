import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Logger } from '@nestjs/common';
import { DomainError } from '@vm-system/domain';
import { errorEnvelope, logServerError } from '@vm-system/http';

/** Keeps what would be logged, by level. */
class KeptLog extends Logger {
  readonly lines: { level: string; entry: Record<string, unknown> }[] = [];
  override error(entry: Record<string, unknown>): void {
    this.lines.push({ level: 'error', entry });
  }
  override warn(entry: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', entry });
  }
}

test('a documented 503 is a warning with its code, without a stack', () => {
  const log = new KeptLog();
  const error = new DomainError('LEDGER_UNAVAILABLE', 'SQLite unavailable (SQLITE_FULL): database or disk is full');
  logServerError(log, errorEnvelope(error), error, { request_id: 'r1' });
  assert.deepEqual(log.lines, [{ level: 'warn', entry: { msg: 'SQLite unavailable (SQLITE_FULL): database or disk is full', code: 'LEDGER_UNAVAILABLE', request_id: 'r1' } }]);
});

test('an unexpected error is a bug: logged at error with its stack', () => {
  const log = new KeptLog();
  const error = new TypeError('x is undefined');
  const envelope = errorEnvelope(error);
  assert.equal(envelope.status, 500);
  logServerError(log, envelope, error, { request_id: 'r2' });
  assert.equal(log.lines.length, 1);
  assert.equal(log.lines[0].level, 'error');
  assert.equal(log.lines[0].entry.msg, 'x is undefined');
  assert.match(String(log.lines[0].entry.stack), /TypeError: x is undefined/);
});
