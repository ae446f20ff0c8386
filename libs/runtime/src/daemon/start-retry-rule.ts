import { HostDiedWhileStartingError } from './start-errors';

/**
 * Whether a session start that failed is tried again on another host. Pure: the supervisor
 * passes the failure and which attempt it ended.
 *
 * Only a host that died under the start is retried: that is the host's fate (killed from
 * outside, a warm host gone while it waited), and a fresh or warm host starts the session as
 * well as the first would have. Everything else (a library that throws, a start timeout, the
 * supervisor shutting down) comes from the session or the machine and would fail again. One
 * retry only: a second death in a row says more about the machine than about chance, and the
 * caller is owed an answer.
 */
export const MAX_START_ATTEMPTS = 2;

/** `attempt`: the attempt that failed, counted from 1. */
export function retriesStartOnAnotherHost(error: unknown, attempt: number): boolean {
  return error instanceof HostDiedWhileStartingError && attempt < MAX_START_ATTEMPTS;
}
