import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSessionProjections1733000000200 implements MigrationInterface {
  name = 'CreateSessionProjections1733000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE proj_sessions (
      id TEXT PRIMARY KEY,
      template_id TEXT NOT NULL,
      workspace_id TEXT NOT NULL,
      base_commit_oid TEXT NOT NULL,
      worktree_path TEXT NOT NULL,
      status TEXT NOT NULL,
      created_position INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      ready_at TEXT,
      closed_at TEXT,
      last_error TEXT
    )`);
    await runner.query('CREATE INDEX ix_proj_sessions_created ON proj_sessions (created_position)');
    await runner.query('CREATE INDEX ix_proj_sessions_status ON proj_sessions (status, created_position)');
    await runner.query(`CREATE TABLE proj_executions (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      input TEXT,
      path TEXT,
      args TEXT NOT NULL,
      env TEXT NOT NULL,
      status TEXT NOT NULL,
      started_position INTEGER NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      result TEXT,
      error TEXT,
      wall_ms INTEGER NOT NULL DEFAULT 0,
      cpu_ms INTEGER NOT NULL DEFAULT 0,
      event_count INTEGER NOT NULL DEFAULT 0,
      output_bytes INTEGER NOT NULL DEFAULT 0
    )`);
    await runner.query('CREATE INDEX ix_proj_executions_session ON proj_executions (session_id, started_position)');
    await runner.query('CREATE INDEX ix_proj_executions_status ON proj_executions (status)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE proj_executions');
    await runner.query('DROP TABLE proj_sessions');
  }
}
