import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { bigLedger, FLOOD_LINES } from '../lib/big-ledger';
import { BenchContext, drainIo, log } from '../lib/context';
import { Scenario } from '../lib/scenario';
import { now, valueFigure } from '../lib/stats';

const FLOOR_BATCH = 1000;

/**
 * The floor: the same rows (the ledger's columns, the same JSON payloads and metadata, the
 * chained sha256 of each row as the ledger computes it) written with better-sqlite3 in
 * transactions of 1,000 rows, WAL and synchronous=FULL as the daemon.
 */
function floorAppend(file: string, executionId: string): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS ledger_events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, seq INTEGER NOT NULL,
    type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, seq))`);
  const insert = db.prepare('INSERT INTO ledger_events (position, stream_id, seq, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  let position = 0;
  let hash = '';
  const metadata = JSON.stringify({ request_id: 'bench', causation: 'RecordExecutionEvents', schema: 1 });
  const stream = `execution-${executionId}`;
  const write = db.transaction((from: number) => {
    const recordedAt = new Date().toISOString();
    for (let i = from; i < Math.min(from + FLOOR_BATCH, FLOOD_LINES); i++) {
      const data = JSON.stringify({ level: 'log', text: `line ${i}` });
      position += 1;
      hash = createHash('sha256')
        .update(hash)
        .update(JSON.stringify([position, stream, i + 1, 'console', data, metadata, recordedAt]))
        .digest('hex');
      insert.run(position, stream, i + 1, 'console', data, metadata, recordedAt, hash);
    }
  });
  const start = now();
  for (let from = 0; from < FLOOD_LINES; from += FLOOR_BATCH) write.immediate(from);
  const ms = now() - start;
  db.close();
  return (FLOOD_LINES / ms) * 1000;
}

export const consoleFlood: Scenario = {
  name: 'flood',
  async run(ctx: BenchContext) {
    log(`Console flood: executions printing ${FLOOD_LINES.toLocaleString('en-US')} lines each (they also build the big ledger)…`);
    const ledger = await bigLedger(ctx);
    const endToEnd = ledger.floods.map((f) => ((f.events - 2) / f.endToEndMs) * 1000);
    const recorded = ledger.floods.map((f) => ((f.events - 2) / Math.max(1, f.recordedMs)) * 1000);
    const floor: number[] = [];
    for (const [i, flood] of ledger.floods.entries()) {
      floor.push(floorAppend(join(ctx.dir, `flood-floor-${i}.db`), flood.executionId));
      await drainIo();
    }
    return {
      name: 'flood',
      title: 'console flood, 100,000 lines in one execution',
      floor: 'better-sqlite3 inserts of the same rows (ledger columns, same payloads, the chained sha256 per row), 1,000 per transaction, WAL, synchronous=FULL',
      rows: [
        {
          metric: 'recorded events/s end to end (request sent → last event recorded)',
          ours: valueFigure('events/s', recorded),
          floor: valueFigure('events/s', floor),
          target: { kind: 'min', value: 100_000 },
        },
        { metric: 'events/s until the answer (which carries every event)', ours: valueFigure('events/s', endToEnd), floor: valueFigure('events/s', floor) },
      ],
      notes: [
        `"Recorded end to end" runs from sending \`POST /executions/repl\` to the last event's \`recorded_at\` (same clock, millisecond precision): the request, ExecutionStarted, the guest, the IPC hop, the output budget and every append. The second row adds what the REPL route does after that: it answers with all ${FLOOD_LINES.toLocaleString('en-US')}+ events in its body (read back from the ledger, parsed, serialised).`,
      ],
    };
  },
};
