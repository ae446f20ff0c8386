import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models on PostgreSQL, as SQLite's migrations leave them (same columns, same
 * order, so one set of projectors and read models serves both). Ids compare byte-wise
 * (COLLATE "C") as on SQLite; durations are DOUBLE PRECISION because SQLite's INTEGER
 * columns hold fractional milliseconds too.
 */
export class CreatePostgresProjections1733100000100 implements MigrationInterface {
  name = 'CreatePostgresProjections1733100000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE proj_templates (
      id TEXT COLLATE "C" PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      engine TEXT NOT NULL,
      settings TEXT NOT NULL,
      exposed_modules TEXT NOT NULL,
      libraries TEXT NOT NULL,
      created_position BIGINT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    await runner.query('CREATE INDEX ix_proj_templates_created ON proj_templates (created_position)');
    await runner.query(`CREATE TABLE proj_template_capabilities (
      id TEXT COLLATE "C" PRIMARY KEY,
      template_id TEXT COLLATE "C" NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      enabled BIGINT NOT NULL,
      config TEXT NOT NULL,
      position BIGINT NOT NULL
    )`);
    await runner.query('CREATE INDEX ix_proj_capabilities_template ON proj_template_capabilities (template_id, position)');
    await runner.query(`CREATE TABLE proj_template_startup_files (
      id TEXT COLLATE "C" PRIMARY KEY,
      template_id TEXT COLLATE "C" NOT NULL,
      path TEXT NOT NULL,
      order_index BIGINT NOT NULL,
      mode TEXT NOT NULL,
      position BIGINT NOT NULL
    )`);
    await runner.query('CREATE INDEX ix_proj_startup_template ON proj_template_startup_files (template_id, order_index, position)');
    await runner.query(`CREATE TABLE proj_sessions (
      id TEXT COLLATE "C" PRIMARY KEY,
      template_id TEXT COLLATE "C" NOT NULL,
      workspace_id TEXT NOT NULL,
      base_commit_oid TEXT NOT NULL,
      worktree_path TEXT NOT NULL,
      status TEXT NOT NULL,
      created_position BIGINT NOT NULL,
      created_at TEXT NOT NULL,
      ready_at TEXT,
      closed_at TEXT,
      last_error TEXT,
      token_id TEXT COLLATE "C",
      restores BIGINT NOT NULL DEFAULT 0,
      restored_at TEXT,
      forked_from_session_id TEXT COLLATE "C",
      forked_from_execution_id TEXT COLLATE "C"
    )`);
    await runner.query('CREATE INDEX ix_proj_sessions_created ON proj_sessions (created_position)');
    await runner.query('CREATE INDEX ix_proj_sessions_status ON proj_sessions (status, created_position)');
    await runner.query('CREATE INDEX ix_proj_sessions_token ON proj_sessions (token_id, status)');
    await runner.query(`CREATE TABLE proj_executions (
      id TEXT COLLATE "C" PRIMARY KEY,
      session_id TEXT COLLATE "C" NOT NULL,
      kind TEXT NOT NULL,
      input TEXT,
      path TEXT,
      args TEXT NOT NULL,
      env TEXT NOT NULL,
      status TEXT NOT NULL,
      started_position BIGINT NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      result TEXT,
      error TEXT,
      wall_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
      cpu_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
      event_count BIGINT NOT NULL DEFAULT 0,
      output_bytes BIGINT NOT NULL DEFAULT 0,
      source_sha256 TEXT,
      recorded_calls BIGINT NOT NULL DEFAULT 0
    )`);
    await runner.query('CREATE INDEX ix_proj_executions_session ON proj_executions (session_id, started_position)');
    await runner.query('CREATE INDEX ix_proj_executions_status ON proj_executions (status)');
    await runner.query(`CREATE TABLE proj_tokens (
      id TEXT COLLATE "C" PRIMARY KEY,
      name TEXT NOT NULL,
      scopes TEXT NOT NULL,
      sha256 TEXT NOT NULL UNIQUE,
      issued_position BIGINT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT,
      max_live_sessions BIGINT,
      revoked_at TEXT
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['proj_tokens', 'proj_executions', 'proj_sessions', 'proj_template_startup_files', 'proj_template_capabilities', 'proj_templates']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
