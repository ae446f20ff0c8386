import { Durability } from '@vm-system/ledger';

export interface CoreOptions {
  /** The SQLite file (created when missing). */
  dbFile: string;
  durability?: Durability;
}
