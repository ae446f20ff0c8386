import { Scope } from '@vm-system/domain';
import { EventMetadata } from '@vm-system/ledger';

/** The token a request was authenticated with. */
export interface Principal {
  tokenId: string;
  name: string;
  scopes: Scope[];
  maxLiveSessions?: number;
}

/** Who asked, and under which request: stored with every event the command causes. */
export interface CommandMeta {
  requestId?: string;
  /** Without auth, who the caller says it is (X-Actor); with auth, the token's name. */
  actor?: string;
  /** With auth, the X-Actor the caller sent: kept, but only as a claim. */
  claimedActor?: string;
  principal?: Principal;
  /** The trace id of the request's W3C traceparent, when it sent a valid one. */
  traceId?: string;
}

export function eventMetadata(meta: CommandMeta, causation: string): EventMetadata {
  return {
    request_id: meta.requestId,
    actor: meta.actor,
    ...(meta.principal ? { token_id: meta.principal.tokenId } : {}),
    ...(meta.claimedActor !== undefined ? { claimed_actor: meta.claimedActor } : {}),
    ...(meta.traceId !== undefined ? { trace_id: meta.traceId } : {}),
    causation,
  };
}

/** What ties a log line to the request behind a command: its request id and trace id. */
export function metaLogFields(meta: CommandMeta): { request_id?: string; trace_id?: string } {
  return {
    ...(meta.requestId !== undefined ? { request_id: meta.requestId } : {}),
    ...(meta.traceId !== undefined ? { trace_id: meta.traceId } : {}),
  };
}
