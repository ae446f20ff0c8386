import { SessionState } from './session.state';

/** Each try at ending a session whose create the ledger refused part-way (answered 503). */
export type UnrecordedStartStep = 'crash' | 'wait' | 'nothing';

/**
 * Pure: what a try does with a session whose create the ledger refused after SessionStarted.
 * Still starting: it crashes, but only once its startup execution has ended (its own end is
 * retried too, and keeps its output); anything else ended it meanwhile, and stands.
 */
export function decideUnrecordedStart(state: SessionState): UnrecordedStartStep {
  if (state.status !== 'starting') return 'nothing';
  return state.runningExecutionId ? 'wait' : 'crash';
}
