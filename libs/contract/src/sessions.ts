import { SessionStatus as DomainSessionStatus } from '@vm-system/domain';
import { z } from 'zod';
import { Count, Text, Timestamp, Uuid } from './primitives';
import { named } from './registry';
import { Same, same } from './same-type';

export const SESSION_STATUSES = ['starting', 'ready', 'suspended', 'crashed', 'closed'] as const;
export const SessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatus>;
same<Same<SessionStatus, DomainSessionStatus>>();

export const Session = named(
  'Session',
  z.strictObject({
    id: Uuid,
    template_id: Uuid,
    workspace_id: z.string(),
    base_commit_oid: z.string(),
    worktree_path: z.string(),
    status: SessionStatus,
    created_at: Timestamp,
    ready_at: Timestamp.optional(),
    closed_at: Timestamp.optional(),
    last_error: z.string().optional(),
    /** How many times its state was rebuilt from the ledger on a fresh host. */
    restores: Count,
    restored_at: Timestamp.optional(),
    forked_from: z.strictObject({ session_id: Uuid, execution_id: Uuid.optional() }).optional(),
  }),
);
export type Session = z.infer<typeof Session>;

export const CreateSessionBody = named(
  'CreateSessionBody',
  z.strictObject({
    template_id: Uuid,
    workspace_id: Text,
    base_commit_oid: Text,
    worktree_path: Text.meta({ description: 'An absolute path to an existing directory (inside a --worktree-root).' }),
  }),
);
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

/** null stands for an absent field, as in every body the daemon has accepted. */
export const ForkSessionBody = named(
  'ForkSessionBody',
  z.strictObject({
    at_execution_id: Uuid.nullish().meta({ description: "The last of the parent's executions to take (default: all)." }),
    worktree_path: z.string().nullish().meta({ description: "Default: the parent's." }),
  }),
);
export type ForkSessionBody = z.input<typeof ForkSessionBody>;

export const ListSessionsQuery = z.object({ status: SessionStatus.optional() });

/** What is alive in this daemon's memory, not the database's view. */
export const RuntimeSummary = named(
  'RuntimeSummary',
  z.strictObject({
    active_sessions: Count,
    active_session_ids: z.array(Uuid),
    /** Pre-forked session hosts loaded and waiting: the next creates skip the fork. */
    warm_hosts: Count,
  }),
);
export type RuntimeSummary = z.infer<typeof RuntimeSummary>;
