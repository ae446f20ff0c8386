import { Durability } from '@vm-system/ledger';

export interface CoreOptions {
  /** The SQLite file (created when missing). */
  dbFile: string;
  durability?: Durability;
  /** Where `vm-system libs download` put the catalog libraries sessions load. */
  libraryCacheDir: string;
  /** Directories a session's worktree must resolve inside (symlinks followed); none: anywhere. */
  worktreeRoots?: string[];
  /** Ready sessions unused this long are suspended (their hosts freed); 0 or absent: never. */
  suspendIdleAfterMs?: number;
}
