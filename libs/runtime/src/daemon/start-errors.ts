/**
 * A session's host process died before the session had started on it. Named so that the
 * start's retry rule can tell it from the session's own failures: the death says nothing
 * about the session, so another host may well start it.
 */
export class HostDiedWhileStartingError extends Error {
  override readonly name = 'HostDiedWhileStartingError';

  /** `death`: how the host ended, in words (describeDeath). */
  constructor(death: string) {
    super(`Session host died while starting: ${death}`);
  }
}
