import { TokenEvent } from '@vm-system/domain';
import { InlineProjector, SqlExecutor, StoredEvent } from '@vm-system/ledger';

/** proj_tokens: one row per token stream, with the hash a bearer token is looked up by. */
export const tokensProjector: InlineProjector = {
  name: 'tokens',

  apply(sql: SqlExecutor, stored: StoredEvent): void {
    if (!stored.stream_id.startsWith('token-')) return;
    const event = { type: stored.type, data: stored.data } as TokenEvent;
    switch (event.type) {
      case 'TokenIssued': {
        const d = event.data;
        sql.run(
          `INSERT INTO proj_tokens (id, name, scopes, sha256, issued_position, created_at, expires_at, max_live_sessions)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          d.token_id,
          d.name,
          JSON.stringify(d.scopes),
          d.sha256,
          stored.position,
          stored.recorded_at,
          d.expires_at ?? null,
          d.max_live_sessions ?? null,
        );
        return;
      }
      case 'TokenRevoked':
        sql.run('UPDATE proj_tokens SET revoked_at = ? WHERE id = ?', stored.recorded_at, event.data.token_id);
        return;
      default:
        return;
    }
  },

  reset(sql: SqlExecutor): void {
    sql.run('DELETE FROM proj_tokens');
  },

  snapshot(sql: SqlExecutor): unknown[] {
    return sql.all('SELECT * FROM proj_tokens ORDER BY id');
  },
};
