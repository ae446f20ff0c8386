/**
 * Whether an error means PostgreSQL cannot serve now (retry later) rather than that the
 * statement is wrong: no SQLSTATE at all (the socket ended), Node's socket errors (E…),
 * connection exceptions (08), insufficient resources (53), operator intervention such as a
 * shutdown or a server still starting (57, which includes a statement timeout), and a lock
 * not obtained within lock_timeout (55P03).
 */
export function isUnavailable(code: string | undefined): boolean {
  return code === undefined || /^(E|08|53|57)/.test(code) || code === '55P03';
}
