import { Client } from 'pg';
import { LEDGER_WRITE_LOCK } from '@vm-system/ledger';

export interface WriteLockUse {
  /** Share of samples in which a transaction held the ledger's write lock. */
  heldShare: number;
  /** Mean number of transactions waiting for it. */
  meanWaiters: number;
  samples: number;
}

/**
 * Samples `pg_locks` for the ledger's advisory write lock (a bigint key: classid holds its high
 * 32 bits, objid its low ones) from a connection of its own until stopped: how busy the one
 * lock every append of every daemon takes is, and how many wait for it.
 */
export async function watchWriteLock(url: string): Promise<{ stop(): Promise<WriteLockUse> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let running = true;
  let samples = 0;
  let held = 0;
  let waiters = 0;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ held: string; waiting: string }>(
        `SELECT count(*) FILTER (WHERE granted) AS held, count(*) FILTER (WHERE NOT granted) AS waiting
           FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND objsubid = 1`,
        [LEDGER_WRITE_LOCK],
      );
      samples += 1;
      if (Number(rows[0].held) > 0) held += 1;
      waiters += Number(rows[0].waiting);
      // Sampling, not a busy loop: the CPU is shared with what is measured.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return { heldShare: samples ? held / samples : 0, meanWaiters: samples ? waiters / samples : 0, samples };
    },
  };
}

export interface LedgerCounters {
  appends: number;
  events: number;
  /** Seconds spent in appends (lock wait, statements, projections and commit). */
  appendSeconds: number;
}

/** This daemon's own ledger counters from its `/metrics`. */
export async function ledgerCounters(daemonUrl: string): Promise<LedgerCounters> {
  const text = await (await fetch(`${daemonUrl}/metrics`)).text();
  const value = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };
  return {
    appends: value('vm_system_ledger_appends_total'),
    events: value('vm_system_ledger_events_total'),
    appendSeconds: value('vm_system_ledger_append_duration_seconds_sum'),
  };
}

export const countersSince = (before: LedgerCounters, after: LedgerCounters): LedgerCounters => ({
  appends: after.appends - before.appends,
  events: after.events - before.events,
  appendSeconds: after.appendSeconds - before.appendSeconds,
});
