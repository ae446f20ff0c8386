import { VmSystemClient } from '@vm-system/client';
import { livingChildren, ProcessId } from './host-processes';

export interface HostCount {
  /** Living child processes of the daemon (read from /proc). */
  processes: number;
  activeSessions: number;
  warmHosts: number;
}

/** A failure guard: how long a warm pool gets to finish loading the hosts it refills. */
const SETTLE_DEADLINE_MS = 30_000;
const PACE_MS = 10;

/**
 * Waits until every host process of the daemon is accounted for: as many living children as
 * live sessions plus loaded warm hosts (the runtime summary's figures). A pool host still
 * loading is a child not yet counted as warm, so the daemon is asked again until the pool has
 * settled. Answers the last count and whether it balanced.
 */
export async function accountForHosts(client: VmSystemClient, daemonPid: number): Promise<{ count: HostCount; balanced: boolean; children: ProcessId[] }> {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  for (;;) {
    const before = livingChildren(daemonPid);
    const summary = await client.runtimeSummary();
    const after = livingChildren(daemonPid);
    const count = { processes: after.length, activeSessions: summary.active_sessions, warmHosts: summary.warm_hosts };
    const stable = before.length === after.length && before.every((p, i) => p.pid === after[i].pid);
    if (stable && count.processes === count.activeSessions + count.warmHosts) return { count, balanced: true, children: after };
    if (Date.now() > deadline) return { count, balanced: false, children: after };
    await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  }
}

export const describeHostCount = (c: HostCount): string => `${c.processes} host processes for ${c.activeSessions} live sessions + ${c.warmHosts} warm hosts`;
