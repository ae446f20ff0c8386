import { fdatasync, openSync } from 'node:fs';

/**
 * Syncs a WAL-mode database's write-ahead log, where its commits are: the sync SQLite
 * skips under synchronous=NORMAL (it still syncs the log before each checkpoint and the
 * database after it). The log keeps its inode while a connection is open, so one
 * descriptor serves the daemon's lifetime.
 */
export function walSync(databaseFile: string): () => Promise<void> {
  const fd = openSync(`${databaseFile}-wal`, 'r');
  return () => new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}
