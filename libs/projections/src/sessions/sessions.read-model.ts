import { SqlExecutor } from '@vm-system/ledger';
import { SessionView } from './session.view';

type SessionRow = Record<string, string | null> & { id: string };

const toView = (row: SessionRow): SessionView => {
  const view: Record<string, unknown> = {};
  for (const key of ['id', 'template_id', 'workspace_id', 'base_commit_oid', 'worktree_path', 'status', 'created_at', 'ready_at', 'closed_at', 'last_error']) {
    if (row[key] !== null) view[key] = row[key];
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

  /** How many sessions started with this token are still live (its max_live_sessions quota). */
  countLiveFor(tokenId: string): number {
    return this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM proj_sessions WHERE token_id = ? AND status IN ('starting', 'ready')", tokenId)!.n;
  }

  /** Sessions a previous daemon process left live: their runtime is gone. */
  orphaned(): string[] {
    return this.sql.all<{ id: string }>("SELECT id FROM proj_sessions WHERE status IN ('starting', 'ready') ORDER BY created_position").map((r) => r.id);
  }
}
