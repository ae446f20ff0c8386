import { Durability } from '@vm-system/ledger';

export interface CoreOptions {
  /** The SQLite file (created when missing) or a postgres:// URL. */
  db: string;
  /** This daemon's name among those sharing a PostgreSQL ledger. */
  nodeId?: string;
  /** How the other daemons reach this one. */
  advertiseUrl?: string;
  durability?: Durability;
  /** Where `vm-system libs download` put the catalog libraries sessions load. */
  libraryCacheDir: string;
  /** Directories a session's worktree must resolve inside (symlinks followed); none: anywhere. */
  worktreeRoots?: string[];
  /** Ready sessions unused this long are suspended (their hosts freed); 0 or absent: never. */
  suspendIdleAfterMs?: number;
  /** Warm session hosts kept at most, after a burst of creates; absent: the supervisor's default. */
  warmPoolMax?: number;
}
