import { readdirSync, readFileSync } from 'node:fs';

/** The state letter and start time of a process from /proc/<pid>/stat, or undefined once it is gone. */
function stat(pid: number): { state: string; startTicks: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { state: fields[0], startTicks: Number(fields[19]) };
  } catch {
    return undefined;
  }
}

/** One process, named so that a recycled pid is not mistaken for it. */
export interface ProcessId {
  pid: number;
  startTicks: number;
}

/**
 * The daemon's living children (its session hosts, warm or in use), from
 * /proc/<pid>/task/<tid>/children; zombies (exited, not yet reaped) are not counted.
 */
export function livingChildren(pid: number): ProcessId[] {
  const pids = new Set<number>();
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  for (const tid of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) pids.add(Number(child));
    } catch {
      // the thread ended
    }
  }
  return [...pids].flatMap((child) => {
    const s = stat(child);
    return s && s.state !== 'Z' ? [{ pid: child, startTicks: s.startTicks }] : [];
  });
}

/** Whether this very process (not a later one with the same pid) still runs. */
export function isAlive(process: ProcessId): boolean {
  const s = stat(process.pid);
  return s !== undefined && s.state !== 'Z' && s.startTicks === process.startTicks;
}

/** Resident set size in MB (VmRSS), 0 once the process is gone. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** A failure guard, not synchronisation: how long processes whose parent died get to notice and exit. */
const EXIT_DEADLINE_MS = 15_000;
const POLL_MS = 20;

/**
 * Waits until none of `processes` runs any more (each one's exit is the event waited for;
 * /proc is polled because Node cannot wait for a process it did not start). Answers the ones
 * still running at the deadline: orphans.
 */
export async function survivorsAfterExit(processes: readonly ProcessId[]): Promise<ProcessId[]> {
  const deadline = Date.now() + EXIT_DEADLINE_MS;
  let left = processes.filter(isAlive);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    left = left.filter(isAlive);
  }
  return left;
}
