import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, decideSessionWrite, forwardTargetOf, mayTakeOverOthers } from '@vm-system/domain';
import { EventStore, SqlExecutor, StreamBatch } from '@vm-system/ledger';
import { performance } from 'node:perf_hooks';
import { recoverSessions } from '../sessions/recover-sessions';
import { SessionsReadModel } from '@vm-system/projections';
import { SessionSupervisor } from '@vm-system/runtime';
import type { LedgerDatabase } from '../database/database.providers';
import { DATABASE } from '../database/tokens';
import {
  HEARTBEAT_MS,
  LEASE_SECONDS,
  NodeRow,
  claimExpiredNodes,
  disownSession,
  joinCluster,
  leaveCluster,
  listNodes,
  liveSessionsOwnedBy,
  liveSessionsWithoutOwner,
  ownerOf,
  ownerOfStream,
  renewLease,
  sessionOfExecution,
  takeOwnership,
} from './cluster-sql';

export interface NodeIdentity {
  nodeId: string;
  advertiseUrl: string;
}

export interface ClusterNodeView {
  node_id: string;
  advertise_url: string;
  lease_expires_at: string;
  live_sessions: number;
  status: 'live' | 'expired';
}

/** Where a request that needs a session's host must go: another live daemon owns it. */
export interface ForwardTarget {
  nodeId: string;
  url: string;
}

/**
 * This daemon's place among the daemons sharing one PostgreSQL ledger: its lease, the
 * sessions it owns (with the epoch that fences every append to them), the owners it
 * forwards to, and the takeover of a daemon whose lease ran out. On SQLite the daemon is
 * the only node and owns every session.
 */
@Injectable()
export class ClusterMembership implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Cluster');
  /** Sessions whose host runs here, with the epoch this daemon took them at. */
  private readonly held = new Map<string, number>();
  /** Sessions this daemon hosted until another took them over: whatever their stale host still says is refused. */
  private readonly fenced = new Set<string>();
  private identity?: NodeIdentity;
  private heartbeat?: NodeJS.Timeout;
  /**
   * Sessions this daemon disowned to recover them (a lost node's, or its own before a
   * restart), with the epoch it set: its recovery may only be written while nobody took them since.
   */
  private readonly recovering = new Map<string, number>();
  /** When this daemon last renewed its lease (performance.now()): a daemon that stalled longer claims nobody. */
  private lastRenewal = 0;

  constructor(
    @Inject(DATABASE) private readonly db: LedgerDatabase,
    private readonly store: EventStore,
    private readonly sessions: SessionsReadModel,
    private readonly supervisor: SessionSupervisor,
  ) {
    if (this.shared) store.fenceAppends((sql, batches) => this.fence(sql, batches));
  }

  get shared(): boolean {
    return this.db.engine === 'postgres';
  }

  get nodeId(): string | undefined {
    return this.identity?.nodeId;
  }

  /**
   * Before the port opens: this node's name, and the recovery of the live sessions left
   * without a host: on SQLite all of them (the previous process's), on PostgreSQL those this
   * node owned before it restarted and those nobody owns.
   */
  start(nodeId: string): void {
    this.identity = { nodeId, advertiseUrl: '' };
    if (!this.shared) return this.recover(this.sessions.orphaned());
    // Its own sessions move to the next epoch first: another process still running under
    // this node id (a duplicate --node-id) can no longer write to them.
    this.recover([...this.disown(liveSessionsOwnedBy(this.sql, nodeId), nodeId), ...liveSessionsWithoutOwner(this.sql)]);
  }

  /** Once the port is open: the lease, renewed every HEARTBEAT_MS, and the takeover of lost nodes. */
  join(advertiseUrl: string): void {
    this.identity = { nodeId: this.identity!.nodeId, advertiseUrl };
    if (!this.shared) return;
    this.lastRenewal = performance.now();
    joinCluster(this.sql, this.identity.nodeId, advertiseUrl);
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** This daemon hosts the session from now on (created, forked or restored here). */
  claim(sessionId: string): void {
    if (!this.shared || !this.identity) return;
    this.held.set(sessionId, takeOwnership(this.sql, sessionId, this.identity.nodeId));
    this.fenced.delete(sessionId);
  }

  /** The session's host is gone from here (closed, suspended). */
  release(sessionId: string): void {
    this.held.delete(sessionId);
  }

  /** Another live daemon hosts this session: requests that need its host go there. */
  forwardTarget(sessionId: string): ForwardTarget | undefined {
    if (!this.shared || !this.identity) return undefined;
    const owner = ownerOf(this.sql, sessionId);
    return forwardTargetOf(this.identity.nodeId, owner && { nodeId: owner.node_id, epoch: owner.epoch, live: owner.live, advertiseUrl: owner.advertise_url ?? '' });
  }

  /** Whether the node's lease still runs (its daemon may be frozen, yet not past its lease). */
  nodeIsLive(nodeId: string): boolean {
    return this.nodes().some((node) => node.node_id === nodeId && node.status === 'live');
  }

  /** The session an execution ran in, for requests that name only the execution. */
  sessionOfExecution(executionId: string): string | undefined {
    return sessionOfExecution(this.sql, executionId);
  }

  nodes(): ClusterNodeView[] {
    if (!this.shared) {
      const expires = new Date(Date.now() + LEASE_SECONDS * 1000).toISOString();
      const live = this.sessions.countByStatus();
      return [
        {
          node_id: this.identity?.nodeId ?? '',
          advertise_url: this.identity?.advertiseUrl ?? '',
          lease_expires_at: expires,
          live_sessions: (live.starting ?? 0) + (live.ready ?? 0),
          status: 'live',
        },
      ];
    }
    return listNodes(this.sql).map(toView);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    // A clean stop ends the lease at once: the others take the sessions over on their next beat.
    if (this.shared && this.identity) {
      try {
        leaveCluster(this.sql, this.identity.nodeId);
      } catch (error) {
        this.logger.warn({ msg: `could not end this node's lease: ${(error as Error).message}` });
      }
    }
  }

  private get sql(): SqlExecutor {
    return this.store.sql;
  }

  /**
   * Renews this node's lease, then takes over the nodes whose lease ran out, unless this
   * daemon itself went longer than a lease without renewing (its event loop or the database
   * stalled): then the others' leases ran out for the same reason, and it claims nobody.
   */
  private beat(): void {
    try {
      const sinceLastRenewal = performance.now() - this.lastRenewal;
      if (!renewLease(this.sql, this.identity!.nodeId)) this.fencedOut();
      this.lastRenewal = performance.now();
      if (!mayTakeOverOthers(sinceLastRenewal, LEASE_SECONDS * 1000)) return;
      for (const lost of claimExpiredNodes(this.sql)) this.takeOver(lost);
    } catch (error) {
      this.logger.warn({ msg: `cluster heartbeat failed: ${(error as Error).message}` });
    }
  }

  /**
   * This node was presumed dead (frozen or cut off past its lease) and its sessions were
   * taken over: its hosts are stale, so they go, and it rejoins with nothing.
   */
  private fencedOut(): void {
    this.logger.warn({ msg: `node ${this.identity!.nodeId} outlived its lease and was taken over: dropping its ${this.held.size} session hosts` });
    for (const sessionId of this.held.keys()) this.fenceOut(sessionId);
    joinCluster(this.sql, this.identity!.nodeId, this.identity!.advertiseUrl);
  }

  /** The session's host here is stale: it goes, and what it still reports is refused. */
  private fenceOut(sessionId: string): void {
    this.held.delete(sessionId);
    this.fenced.add(sessionId);
    void this.supervisor.get(sessionId)?.close();
  }

  private takeOver(nodeId: string): void {
    const sessionIds = liveSessionsOwnedBy(this.sql, nodeId);
    this.logger.warn({ msg: `node ${nodeId}'s lease expired: taking over its ${sessionIds.length} live sessions` });
    this.recover(this.disown(sessionIds, nodeId), nodeId);
  }

  /**
   * The epoch moves on, with no owner, before anything is recorded: the node that owned
   * them can no longer write to them. Answers those still owned by `from` when disowned.
   */
  private disown(sessionIds: readonly string[], from: string): string[] {
    const disowned: string[] = [];
    for (const sessionId of sessionIds) {
      const epoch = disownSession(this.sql, sessionId, from);
      if (epoch === undefined) continue;
      this.recovering.set(sessionId, epoch);
      disowned.push(sessionId);
    }
    return disowned;
  }

  private recover(sessionIds: readonly string[], lostNodeId?: string): void {
    try {
      for (const { sessionId, error } of recoverSessions(this.store, sessionIds, lostNodeId)) {
        this.logger.warn({ msg: `could not recover session ${sessionId}: ${error.message}`, session_id: sessionId });
      }
    } finally {
      for (const sessionId of sessionIds) this.recovering.delete(sessionId);
    }
  }

  /** Refuses an append to a session this daemon hosts when another daemon has taken it since. */
  private fence(sql: SqlExecutor, batches: readonly StreamBatch[]): void {
    if (this.held.size === 0 && this.fenced.size === 0 && this.recovering.size === 0) return;
    for (const { streamId } of batches) {
      const owner = ownerOfStream(sql, streamId);
      if (!owner) continue;
      const claim = { heldAt: this.held.get(owner.sessionId), fenced: this.fenced.has(owner.sessionId), recoveringAt: this.recovering.get(owner.sessionId) };
      const verdict = decideSessionWrite(this.identity?.nodeId ?? '', claim, { nodeId: owner.node_id, epoch: owner.epoch });
      if (verdict.type === 'allowed') continue;
      if (verdict.type === 'resumed_meanwhile') {
        throw new DomainError('SESSION_MOVED', `Session ${owner.sessionId} was resumed by node ${owner.node_id} meanwhile`, {
          session_id: owner.sessionId,
          node_id: owner.node_id,
        });
      }
      this.fenceOut(owner.sessionId);
      this.logger.warn({ msg: `refused a write to ${streamId}: session ${owner.sessionId} is now hosted by node ${owner.node_id || '(none)'}`, session_id: owner.sessionId });
      throw new DomainError('SESSION_MOVED', `Session ${owner.sessionId} is now hosted by node ${owner.node_id}; this daemon may no longer write to it`, {
        session_id: owner.sessionId,
        node_id: owner.node_id,
      });
    }
  }
}

function toView(row: NodeRow): ClusterNodeView {
  return {
    node_id: row.node_id,
    advertise_url: row.advertise_url,
    lease_expires_at: new Date(row.lease_expires_at).toISOString(),
    live_sessions: row.live_sessions,
    status: row.live ? 'live' : 'expired',
  };
}
