import { SqlExecutor } from '@vm-system/ledger';
import { TokenCredential, TokenView } from './token.view';

interface TokenRow {
  id: string;
  name: string;
  scopes: string;
  sha256: string;
  created_at: string;
  expires_at: string | null;
  max_live_sessions: number | null;
  revoked_at: string | null;
}

const toView = (row: TokenRow): TokenView => ({
  token_id: row.id,
  name: row.name,
  scopes: JSON.parse(row.scopes),
  created_at: row.created_at,
  ...(row.expires_at !== null ? { expires_at: row.expires_at } : {}),
  ...(row.max_live_sessions !== null ? { max_live_sessions: row.max_live_sessions } : {}),
  ...(row.revoked_at !== null ? { revoked_at: row.revoked_at } : {}),
});

export class TokensReadModel {
  constructor(private readonly sql: SqlExecutor) {}

  /** Newest first, revoked ones included (they are history, and say when). */
  list(): TokenView[] {
    return this.sql.all<TokenRow>('SELECT * FROM proj_tokens ORDER BY issued_position DESC').map(toView);
  }

  find(id: string): TokenView | undefined {
    const row = this.sql.get<TokenRow>('SELECT * FROM proj_tokens WHERE id = ?', id);
    return row && toView(row);
  }

  bySha256(sha256: string): TokenCredential | undefined {
    const row = this.sql.get<TokenRow>('SELECT * FROM proj_tokens WHERE sha256 = ?', sha256);
    return row && { ...toView(row), sha256: row.sha256 };
  }

  count(): number {
    return this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM proj_tokens')!.n;
  }
}
