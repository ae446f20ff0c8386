import { GENESIS_HASH, HashedRow, chainHash } from './ledger-hash';

/** Where the chain first stops matching, and why. */
export interface ChainBreak {
  position: number;
  reason: 'hash_mismatch' | 'position_gap';
  expected: string;
  found: string;
}

/**
 * Walks rows in position order and checks each one's hash against its content and its
 * predecessor's hash. Stateful so a caller can feed it page by page or line by line.
 */
export class ChainVerifier {
  private previousHash = GENESIS_HASH;
  private lastPosition = 0;
  private checked = 0;
  private broken?: ChainBreak;

  /** Answers false (and remembers where) once a row does not match. */
  check(row: HashedRow & { hash: string }): boolean {
    if (this.broken) return false;
    if (row.position !== this.lastPosition + 1) {
      this.broken = { position: this.lastPosition + 1, reason: 'position_gap', expected: `position ${this.lastPosition + 1}`, found: `position ${row.position}` };
      return false;
    }
    const expected = chainHash(this.previousHash, row);
    if (expected !== row.hash) {
      this.broken = { position: row.position, reason: 'hash_mismatch', expected, found: row.hash };
      return false;
    }
    this.previousHash = row.hash;
    this.lastPosition = row.position;
    this.checked++;
    return true;
  }

  get count(): number {
    return this.checked;
  }

  get headHash(): string | null {
    return this.lastPosition === 0 ? null : this.previousHash;
  }

  get headPosition(): number {
    return this.lastPosition;
  }

  get firstBreak(): ChainBreak | undefined {
    return this.broken;
  }
}
