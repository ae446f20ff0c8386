/**
 * Who may write to a session when several daemons share one ledger. A session has at most
 * one owner at a time, recorded with an epoch that moves on at every change of hands; a
 * daemon writes to a session only under the epoch it took it at.
 */

/** The session's recorded owner: `nodeId` empty once a takeover disowned it. */
export interface SessionOwner {
  nodeId: string;
  epoch: number;
}

/** What one daemon knows of its own relation to the session. */
export interface LocalClaim {
  /** The epoch this daemon took the session at, while its host runs here. */
  heldAt?: number;
  /** This daemon hosted it until another took it over. */
  fenced: boolean;
  /** The epoch this daemon set when it disowned the session to record its recovery. */
  recoveringAt?: number;
}

export type WriteVerdict =
  | { type: 'allowed' }
  /** Somebody resumed the session between the disowning and the recovery: the recovery is not written. */
  | { type: 'resumed_meanwhile' }
  /** Another daemon owns it now: refused, and the host here is stale (it goes). */
  | { type: 'moved' };

/** May this daemon (`self`) append to the session's streams? */
export function decideSessionWrite(self: string, claim: LocalClaim, owner: SessionOwner): WriteVerdict {
  if (claim.recoveringAt !== undefined) return owner.nodeId === '' && owner.epoch === claim.recoveringAt ? { type: 'allowed' } : { type: 'resumed_meanwhile' };
  if (claim.fenced) return { type: 'moved' };
  // A session not hosted here (a read model's or a command's write) is not this rule's.
  if (claim.heldAt === undefined) return { type: 'allowed' };
  return owner.nodeId === self && owner.epoch === claim.heldAt ? { type: 'allowed' } : { type: 'moved' };
}

/**
 * May this daemon take over the nodes whose lease ran out? Not if it went longer than a
 * lease without renewing its own (its event loop or the database stalled): the others'
 * leases then ran out for the same reason, and they are not dead.
 */
export function mayTakeOverOthers(sinceLastRenewalMs: number, leaseMs: number): boolean {
  return sinceLastRenewalMs <= leaseMs;
}

export interface OwnerNode extends SessionOwner {
  live: boolean;
  advertiseUrl: string;
}

/** Where a request that needs the session's host goes: to its owner if that is another live daemon. */
export function forwardTargetOf(self: string, owner: OwnerNode | undefined): { nodeId: string; url: string } | undefined {
  if (!owner || owner.nodeId === self || !owner.live || !owner.advertiseUrl) return undefined;
  return { nodeId: owner.nodeId, url: owner.advertiseUrl };
}
