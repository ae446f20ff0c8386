import { TokenEvent } from './token.events';
import { TokenState } from './token.state';

export function evolveToken(state: TokenState, event: TokenEvent): TokenState {
  switch (event.type) {
    case 'TokenIssued':
      return { status: 'issued', id: event.data.token_id };
    case 'TokenRevoked':
      return state.status === 'absent' ? state : { ...state, status: 'revoked' };
  }
}
