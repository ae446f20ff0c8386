import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTemplateProjections1733000000100 implements MigrationInterface {
  name = 'CreateTemplateProjections1733000000100';

  async up(runner: QueryRunner): Promise<void> {
    // name is UNIQUE: only live templates have rows, so this is "unique among live templates",
    // enforced inside the append transaction (no race between two creates).
    await runner.query(`CREATE TABLE proj_templates (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      engine TEXT NOT NULL,
      settings TEXT NOT NULL,
      exposed_modules TEXT NOT NULL,
      libraries TEXT NOT NULL,
      created_position INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    await runner.query('CREATE INDEX ix_proj_templates_created ON proj_templates (created_position)');
    await runner.query(`CREATE TABLE proj_template_capabilities (
      id TEXT PRIMARY KEY,
      template_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      config TEXT NOT NULL,
      position INTEGER NOT NULL
    )`);
    await runner.query('CREATE INDEX ix_proj_capabilities_template ON proj_template_capabilities (template_id, position)');
    await runner.query(`CREATE TABLE proj_template_startup_files (
      id TEXT PRIMARY KEY,
      template_id TEXT NOT NULL,
      path TEXT NOT NULL,
      order_index INTEGER NOT NULL,
      mode TEXT NOT NULL,
      position INTEGER NOT NULL
    )`);
    await runner.query('CREATE INDEX ix_proj_startup_template ON proj_template_startup_files (template_id, order_index, position)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE proj_template_startup_files');
    await runner.query('DROP TABLE proj_template_capabilities');
    await runner.query('DROP TABLE proj_templates');
  }
}
