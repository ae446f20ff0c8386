import { Decider } from '../shared/decider';
import { SessionCommand } from './session.commands';
import { decideSession } from './session.decide';
import { SessionEvent } from './session.events';
import { evolveSession } from './session.evolve';
import { SessionState, initialSessionState } from './session.state';

export const sessionDecider: Decider<SessionCommand, SessionEvent, SessionState> = {
  decide: decideSession,
  evolve: evolveSession,
  initialState: initialSessionState,
};
