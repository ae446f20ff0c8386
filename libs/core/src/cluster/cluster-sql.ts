import { SqlExecutor } from '@vm-system/ledger';

/** The lease each daemon renews; a daemon whose lease ran out has its sessions taken over. */
export const LEASE_SECONDS = 10;
export const HEARTBEAT_MS = 2000;

export interface NodeRow {
  node_id: string;
  advertise_url: string;
  lease_expires_at: Date;
  live: boolean;
  live_sessions: number;
}

export interface OwnerRow {
  node_id: string;
  epoch: number;
  advertise_url: string | null;
  live: boolean;
}

const LIVE_STATUSES = "('starting', 'ready')";

/** Joins (or rejoins under the same id): a fresh lease, and any earlier takeover forgotten. */
export function joinCluster(sql: SqlExecutor, nodeId: string, advertiseUrl: string): void {
  sql.run(
    `INSERT INTO cluster_nodes (node_id, advertise_url, started_at, lease_expires_at, taken_over_at)
     VALUES (?, ?, now(), now() + make_interval(secs => ?), NULL)
     ON CONFLICT (node_id) DO UPDATE SET advertise_url = excluded.advertise_url, started_at = excluded.started_at,
       lease_expires_at = excluded.lease_expires_at, taken_over_at = NULL`,
    nodeId,
    advertiseUrl,
    LEASE_SECONDS,
  );
}

/** False when the lease had already been taken over: this daemon was presumed dead. */
export function renewLease(sql: SqlExecutor, nodeId: string): boolean {
  const { changes } = sql.run('UPDATE cluster_nodes SET lease_expires_at = now() + make_interval(secs => ?) WHERE node_id = ? AND taken_over_at IS NULL', LEASE_SECONDS, nodeId);
  return changes === 1;
}

export function leaveCluster(sql: SqlExecutor, nodeId: string): void {
  sql.run('UPDATE cluster_nodes SET lease_expires_at = now() WHERE node_id = ?', nodeId);
}

export function listNodes(sql: SqlExecutor): NodeRow[] {
  return sql.all<NodeRow>(
    `SELECT n.node_id, n.advertise_url, n.lease_expires_at, (n.lease_expires_at > now() AND n.taken_over_at IS NULL) AS live,
       (SELECT COUNT(*) FROM session_owners o JOIN proj_sessions s ON s.id = o.session_id
         WHERE o.node_id = n.node_id AND s.status IN ${LIVE_STATUSES}) AS live_sessions
     FROM cluster_nodes n ORDER BY n.node_id`,
  );
}

/** Claims, once across all daemons, every node whose lease ran out: the caller takes their sessions over. */
export function claimExpiredNodes(sql: SqlExecutor): string[] {
  return sql
    .all<{ node_id: string }>('UPDATE cluster_nodes SET taken_over_at = now() WHERE lease_expires_at < now() AND taken_over_at IS NULL RETURNING node_id')
    .map((row) => row.node_id);
}

/** Sessions a node hosts (as far as the ledger's read model says they are live). */
export function liveSessionsOwnedBy(sql: SqlExecutor, nodeId: string): string[] {
  return sql
    .all<{ session_id: string }>(
      `SELECT o.session_id FROM session_owners o JOIN proj_sessions s ON s.id = o.session_id WHERE o.node_id = ? AND s.status IN ${LIVE_STATUSES} ORDER BY o.session_id`,
      nodeId,
    )
    .map((row) => row.session_id);
}

/** Live sessions nobody owns (imported from another ledger, or created before ownership was kept). */
export function liveSessionsWithoutOwner(sql: SqlExecutor): string[] {
  return sql
    .all<{ id: string }>(
      `SELECT s.id FROM proj_sessions s WHERE s.status IN ${LIVE_STATUSES} AND NOT EXISTS (SELECT 1 FROM session_owners o WHERE o.session_id = s.id) ORDER BY s.id`,
    )
    .map((row) => row.id);
}

export function ownerOf(sql: SqlExecutor, sessionId: string): OwnerRow | undefined {
  return sql.get<OwnerRow>(
    `SELECT o.node_id, o.epoch, n.advertise_url, COALESCE(n.lease_expires_at > now() AND n.taken_over_at IS NULL, false) AS live
     FROM session_owners o LEFT JOIN cluster_nodes n ON n.node_id = o.node_id WHERE o.session_id = ?`,
    sessionId,
  );
}

/** This node becomes the session's owner, with the next epoch. */
export function takeOwnership(sql: SqlExecutor, sessionId: string, nodeId: string): number {
  return sql.get<{ epoch: number }>(
    `INSERT INTO session_owners (session_id, node_id, epoch) VALUES (?, ?, 1)
     ON CONFLICT (session_id) DO UPDATE SET node_id = excluded.node_id, epoch = session_owners.epoch + 1 RETURNING epoch`,
    sessionId,
    nodeId,
  )!.epoch;
}

/**
 * Nobody owns the session any more, at the next epoch, if `from` still owns it: its lost
 * owner is fenced out, and the daemon where it is next used resumes it and becomes its
 * owner. Answers the new epoch, or undefined when `from` no longer owned it.
 */
export function disownSession(sql: SqlExecutor, sessionId: string, from: string): number | undefined {
  return sql.get<{ epoch: number }>("UPDATE session_owners SET node_id = '', epoch = epoch + 1 WHERE session_id = ? AND node_id = ? RETURNING epoch", sessionId, from)?.epoch;
}

/** The owner row of the session a stream belongs to (a session's own, or one of its executions'). */
export function ownerOfStream(sql: SqlExecutor, streamId: string): { sessionId: string; node_id: string; epoch: number } | undefined {
  if (streamId.startsWith('session-')) {
    const sessionId = streamId.slice('session-'.length);
    const row = sql.get<{ node_id: string; epoch: number }>('SELECT node_id, epoch FROM session_owners WHERE session_id = ?', sessionId);
    return row && { sessionId, ...row };
  }
  if (streamId.startsWith('execution-')) {
    return sql.get<{ sessionId: string; node_id: string; epoch: number }>(
      'SELECT o.session_id AS "sessionId", o.node_id, o.epoch FROM proj_executions e JOIN session_owners o ON o.session_id = e.session_id WHERE e.id = ?',
      streamId.slice('execution-'.length),
    );
  }
  return undefined;
}

/** The session an execution belongs to, from the read model. */
export function sessionOfExecution(sql: SqlExecutor, executionId: string): string | undefined {
  return sql.get<{ session_id: string }>('SELECT session_id FROM proj_executions WHERE id = ?', executionId)?.session_id;
}
