import { SqlExecutor } from '@vm-system/ledger';
import { SessionView } from './session.view';

type SessionRow = Record<string, string | number | null> & { id: string; restores: number };

const OPTIONAL_TEXT = ['ready_at', 'closed_at', 'last_error', 'restored_at'];

const toView = (row: SessionRow): SessionView => {
  const view: Record<string, unknown> = {
    id: row.id,
    template_id: row.template_id,
    workspace_id: row.workspace_id,
    base_commit_oid: row.base_commit_oid,
    worktree_path: row.worktree_path,
    status: row.status,
    created_at: row.created_at,
  };
  for (const key of OPTIONAL_TEXT) if (row[key] !== null) view[key] = row[key];
  view.restores = row.restores;
  if (row.forked_from_session_id !== null) {
    view.forked_from =
      row.forked_from_execution_id === null ? { session_id: row.forked_from_session_id } : { session_id: row.forked_from_session_id, execution_id: row.forked_from_execution_id };
  }
  return view as unknown as SessionView;
};

export class SessionsReadModel {
  constructor(private readonly sql: SqlExecutor) {}

  list(status?: string): SessionView[] {
    const rows = status
      ? this.sql.all<SessionRow>('SELECT * FROM proj_sessions WHERE status = ? ORDER BY created_position DESC', status)
      : this.sql.all<SessionRow>('SELECT * FROM proj_sessions ORDER BY created_position DESC');
    return rows.map(toView);
  }

  find(id: string): SessionView | undefined {
    const row = this.sql.get<SessionRow>('SELECT * FROM proj_sessions WHERE id = ?', id);
    return row && toView(row);
  }

  /**
   * How many sessions started with this token are still live (its max_live_sessions quota).
   * A suspended session is not: the quota bounds the hosts a token's sessions hold, and a
   * suspended one holds none (its state is in the ledger).
   */
  /** How many sessions are in each status (statuses with none are absent). */
  countByStatus(): Record<string, number> {
    const rows = this.sql.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM proj_sessions GROUP BY status');
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  countLiveFor(tokenId: string): number {
    return this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM proj_sessions WHERE token_id = ? AND status IN ('starting', 'ready')", tokenId)!.n;
  }

  /**
   * Sessions a previous daemon process left live: their runtime is gone. Suspended ones
   * are not orphans, their state is already in the ledger and they resume on first use.
   */
  orphaned(): string[] {
    return this.sql.all<{ id: string }>("SELECT id FROM proj_sessions WHERE status IN ('starting', 'ready') ORDER BY created_position").map((r) => r.id);
  }
}
