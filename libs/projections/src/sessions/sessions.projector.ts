import { SessionEvent } from '@vm-system/domain';
import { InlineProjector, SqlExecutor, StoredEvent } from '@vm-system/ledger';

/** proj_sessions: one row per session stream, its status, lifecycle timestamps, restores and fork origin. */
export const sessionsProjector: InlineProjector = {
  name: 'sessions',

  apply(sql: SqlExecutor, stored: StoredEvent): void {
    if (!stored.stream_id.startsWith('session-')) return;
    const id = stored.stream_id.slice('session-'.length);
    const event = { type: stored.type, data: stored.data } as SessionEvent;
    const at = stored.recorded_at;
    switch (event.type) {
      case 'SessionStarted': {
        const d = event.data;
        sql.run(
          `INSERT INTO proj_sessions (id, template_id, workspace_id, base_commit_oid, worktree_path, status, created_position, created_at, token_id,
             forked_from_session_id, forked_from_execution_id)
           VALUES (?, ?, ?, ?, ?, 'starting', ?, ?, ?, ?, ?)`,
          id,
          d.template.template_id,
          d.workspace_id,
          d.base_commit_oid,
          d.worktree_path,
          stored.position,
          at,
          stored.metadata.token_id ?? null,
          d.forked_from?.session_id ?? null,
          d.forked_from?.execution_id ?? null,
        );
        return;
      }
      case 'SessionReady':
        sql.run("UPDATE proj_sessions SET status = 'ready', ready_at = ? WHERE id = ?", at, id);
        return;
      case 'SessionCrashed':
        sql.run("UPDATE proj_sessions SET status = 'crashed', last_error = ? WHERE id = ?", event.data.error, id);
        return;
      case 'SessionSuspended':
        sql.run("UPDATE proj_sessions SET status = 'suspended' WHERE id = ?", id);
        return;
      case 'SessionRestored':
        // A fork becomes ready through its first restore, with no SessionReady of its own.
        sql.run("UPDATE proj_sessions SET status = 'ready', ready_at = COALESCE(ready_at, ?), restored_at = ?, restores = restores + 1 WHERE id = ?", at, at, id);
        return;
      case 'SessionRestoreFailed':
        sql.run("UPDATE proj_sessions SET status = 'crashed', last_error = ? WHERE id = ?", event.data.error, id);
        return;
      case 'SessionClosed':
        sql.run("UPDATE proj_sessions SET status = 'closed', closed_at = ?, last_error = COALESCE(?, last_error) WHERE id = ?", at, closedError(event.data.reason), id);
        return;
      default:
        return;
    }
  },

  reset(sql: SqlExecutor): void {
    sql.run('DELETE FROM proj_sessions');
  },

  snapshot(sql: SqlExecutor): unknown[] {
    return sql.all('SELECT * FROM proj_sessions ORDER BY id');
  },
};

/** A close a user asked for is not an error; a runtime lost at restart is. */
const closedError = (reason: string) => (reason === CLOSED_BY_USER ? null : reason);

export const CLOSED_BY_USER = 'closed by user';
