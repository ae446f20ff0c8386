import { EventMetadata } from '@vm-system/ledger';

/** Who asked, and under which request: stored with every event the command causes. */
export interface CommandMeta {
  requestId?: string;
  actor?: string;
}

export function eventMetadata(meta: CommandMeta, causation: string): EventMetadata {
  return { request_id: meta.requestId, actor: meta.actor, causation };
}
