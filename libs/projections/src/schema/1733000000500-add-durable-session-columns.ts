import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDurableSessionColumns1733000000500 implements MigrationInterface {
  name = 'AddDurableSessionColumns1733000000500';

  async up(runner: QueryRunner): Promise<void> {
    // Rows written before this migration never saw a restore or a fork: the defaults are their truth.
    await runner.query('ALTER TABLE proj_sessions ADD COLUMN restores INTEGER NOT NULL DEFAULT 0');
    await runner.query('ALTER TABLE proj_sessions ADD COLUMN restored_at TEXT');
    await runner.query('ALTER TABLE proj_sessions ADD COLUMN forked_from_session_id TEXT');
    await runner.query('ALTER TABLE proj_sessions ADD COLUMN forked_from_execution_id TEXT');
    await runner.query('ALTER TABLE proj_executions ADD COLUMN source_sha256 TEXT');
    await runner.query('ALTER TABLE proj_executions ADD COLUMN recorded_calls INTEGER NOT NULL DEFAULT 0');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE proj_executions DROP COLUMN recorded_calls');
    await runner.query('ALTER TABLE proj_executions DROP COLUMN source_sha256');
    await runner.query('ALTER TABLE proj_sessions DROP COLUMN forked_from_execution_id');
    await runner.query('ALTER TABLE proj_sessions DROP COLUMN forked_from_session_id');
    await runner.query('ALTER TABLE proj_sessions DROP COLUMN restored_at');
    await runner.query('ALTER TABLE proj_sessions DROP COLUMN restores');
  }
}
