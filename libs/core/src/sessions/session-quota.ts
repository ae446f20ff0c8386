import { DomainError } from '@vm-system/domain';
import { SessionsReadModel } from '@vm-system/projections';
import { CommandMeta } from '../shared/command-meta';

/** A token's max_live_sessions: its sessions that hold, or are about to hold, a host. */
export function requireQuota(sessions: SessionsReadModel, { principal }: CommandMeta): void {
  if (principal?.maxLiveSessions === undefined) return;
  const live = sessions.countLiveFor(principal.tokenId);
  if (live >= principal.maxLiveSessions) {
    throw new DomainError('QUOTA_EXCEEDED', `Token ${principal.name} already has ${live} live sessions (max_live_sessions ${principal.maxLiveSessions}); close one first`, {
      token_id: principal.tokenId,
      max_live_sessions: principal.maxLiveSessions,
    });
  }
}
