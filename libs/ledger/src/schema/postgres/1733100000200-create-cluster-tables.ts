import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coordination state of the daemons sharing this ledger, not history: which daemons are
 * alive (a lease each renews), and which daemon hosts each session (an epoch that rises
 * with every change of owner, so that a daemon that lost a session cannot write to it).
 */
export class CreateClusterTables1733100000200 implements MigrationInterface {
  name = 'CreateClusterTables1733100000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE cluster_nodes (
      node_id TEXT COLLATE "C" PRIMARY KEY,
      advertise_url TEXT NOT NULL,
      started_at TIMESTAMPTZ NOT NULL,
      lease_expires_at TIMESTAMPTZ NOT NULL,
      taken_over_at TIMESTAMPTZ
    )`);
    await runner.query(`CREATE TABLE session_owners (
      session_id TEXT COLLATE "C" PRIMARY KEY,
      node_id TEXT COLLATE "C" NOT NULL,
      epoch BIGINT NOT NULL
    )`);
    await runner.query('CREATE INDEX ix_session_owners_node ON session_owners (node_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE session_owners');
    await runner.query('DROP TABLE cluster_nodes');
  }
}
