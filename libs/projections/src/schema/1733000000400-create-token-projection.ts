import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTokenProjection1733000000400 implements MigrationInterface {
  name = 'CreateTokenProjection1733000000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE proj_tokens (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      scopes TEXT NOT NULL,
      sha256 TEXT NOT NULL UNIQUE,
      issued_position INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT,
      max_live_sessions INTEGER,
      revoked_at TEXT
    )`);
    // Which token started a session: a token's max_live_sessions counts its live ones.
    await runner.query('ALTER TABLE proj_sessions ADD COLUMN token_id TEXT');
    await runner.query('CREATE INDEX ix_proj_sessions_token ON proj_sessions (token_id, status)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ix_proj_sessions_token');
    await runner.query('ALTER TABLE proj_sessions DROP COLUMN token_id');
    await runner.query('DROP TABLE proj_tokens');
  }
}
