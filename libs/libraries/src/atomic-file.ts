import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Temp files are dot-files ending in `.tmp`, next to their target: listings can tell them apart. */
export const isTempFile = (name: string) => name.startsWith('.') && name.endsWith('.tmp');

/**
 * Writes `path` so a reader sees the old file or the whole new one, never a prefix: the bytes go
 * to a temp file in the same directory (rename is only atomic within one file system), are
 * fsynced (so a crash after the rename cannot leave an empty file), then renamed over `path`.
 */
export function writeFileAtomic(path: string, data: Buffer | string): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

/** Makes the rename itself durable; some platforms cannot open a directory, which is harmless. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
