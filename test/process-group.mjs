// Which processes of a test file's process group are still alive after the file ended: the
// daemons, CLIs or session hosts a test started and never stopped. Read from /proc (Linux);
// zombies do not count (they have exited, only their parent has not reaped them).
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

const POLL_MS = 100;

function membersOf(pgid) {
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const members = [];
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after its last ')'.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) !== pgid || state === 'Z') continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      members.push(`${pid} ${command.slice(0, 160)}`);
    } catch {
      // it exited while we looked
    }
  }
  return members;
}

/**
 * Waits up to graceMs for the group to empty (a daemon killed by a test takes its session
 * hosts down asynchronously) and answers what is left: one "pid command" line each.
 */
export async function leftoverProcesses(pgid, graceMs) {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const members = membersOf(pgid);
    if (members.length === 0 || Date.now() >= deadline) return members;
    await delay(POLL_MS);
  }
}
