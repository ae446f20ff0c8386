import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class DaemonLockedError extends Error {}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
};

/**
 * A process that has exited but is not reaped yet still answers kill(pid, 0); it holds no
 * file and no port. A daemon killed with its launcher (kill -9) is one for a moment, until
 * init reaps it: a restart in that moment must not take it for a live owner.
 */
function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/**
 * One daemon per database file: a second one would close the first one's live sessions
 * in its restart recovery. `<db>.lock` holds the owner's pid; a lock left by a dead
 * process (kill -9) is stale and taken over. Answers the release function.
 */
export function acquireDaemonLock(dbFile: string): () => void {
  const lockFile = `${dbFile}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (ownerOf(lockFile) === process.pid) rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(lockFile);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new DaemonLockedError(`another vm-system daemon (pid ${owner}) is serving ${dbFile}`);
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DaemonLockedError(`could not take ${lockFile}`);
}

function ownerOf(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
