import assert from 'node:assert/strict';
import type { ExecutionEvent } from '@vm-system/client';
import { TestDaemon } from './daemon';

/** A well-formed id that no template, session or execution has. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** A UUID, for building regular expressions over CLI output. */
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Exactly one UUID: a fresh request id, for one. */
export const UUID_ONLY = new RegExp(`^${UUID}$`);

/** A timestamp as the API writes every one: ISO 8601 UTC with milliseconds. */
export const ISO_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** An aligned table: the header row, then one row per item, every cell starting under its header. */
export function assertTable(stdout: string, headers: string[], rows: string[][]): void {
  const lines = stdout.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.deepEqual(lines[0].split(/ {2,}/), headers, 'header row');
  assert.equal(lines.length, rows.length + 1, stdout);
  let from = 0;
  const starts = headers.map((h) => (from = lines[0].indexOf(h, from)));
  lines.slice(1).forEach((line, r) => {
    const cells = starts.map((s, i) => line.slice(s, starts[i + 1]));
    cells.slice(0, -1).forEach((c) => assert.match(c, /^\S.*? {2,}$|^ +$/, `cell "${c}" is padded to its column: ${line}`));
    assert.deepEqual(
      cells.map((c) => c.trimEnd()),
      rows[r],
      line,
    );
  });
}

/** Runs of the real CLI against a daemon, with the checks every successful run must pass. */
export function cliRuns(daemon: () => TestDaemon) {
  return {
    /** A successful human-readable run: exit 0, nothing on stderr; answers stdout. */
    human: async (...args: string[]): Promise<string> => {
      const result = await daemon().cli(...args);
      assert.equal(result.code, 0, `vm-system ${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr, '');
      return result.stdout;
    },
    /** A successful --output json run: stdout is nothing but JSON. */
    json: async (...args: string[]): Promise<any> => {
      const result = await daemon().cli(...args, '--output', 'json');
      assert.equal(result.code, 0, `vm-system ${args.join(' ')} --output json: ${result.stderr}`);
      assert.equal(result.stderr, '');
      return JSON.parse(result.stdout);
    },
  };
}

/** The text of a console, stdout, stderr or input_echo event; any other event fails the test. */
export function textOf(event: ExecutionEvent): string {
  if ('text' in event.payload) return event.payload.text;
  assert.fail(`event #${event.seq} is ${event.type}: it has no text`);
}

/** The message of an exception or system event; any other event fails the test. */
export function messageOf(event: ExecutionEvent): string {
  if ('message' in event.payload) return event.payload.message;
  assert.fail(`event #${event.seq} is ${event.type}: it has no message`);
}
