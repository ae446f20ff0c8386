import { Decider } from '../shared/decider';
import { TokenCommand } from './token.commands';
import { decideToken } from './token.decide';
import { TokenEvent } from './token.events';
import { evolveToken } from './token.evolve';
import { TokenState, initialTokenState } from './token.state';

export const tokenDecider: Decider<TokenCommand, TokenEvent, TokenState> = {
  decide: decideToken,
  evolve: evolveToken,
  initialState: initialTokenState,
};

export const tokenStreamId = (tokenId: string) => `token-${tokenId}`;
