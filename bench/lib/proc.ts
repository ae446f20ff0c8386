import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of a process in MB (VmRSS), 0 if it is gone. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Direct children of a process (Linux: /proc/<pid>/task/<tid>/children). */
export function childPids(pid: number): number[] {
  const pids: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      pids.push(...readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // the thread ended
    }
  }
  return pids;
}

/** RSS of a process and its direct children, in MB. */
export function treeRssMb(pid: number): { self: number; children: number[] } {
  return { self: rssMb(pid), children: childPids(pid).map(rssMb) };
}

/** When a process started, in clock ticks since boot (/proc/<pid>/stat field 22). */
export function startTicks(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]);
  } catch {
    return 0;
  }
}
