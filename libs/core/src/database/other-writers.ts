import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommitNotifications, EventStore, listenForCommits } from '@vm-system/ledger';
import type { LedgerDatabase } from './database.providers';
import { DATABASE } from './tokens';

/** On a shared PostgreSQL ledger: what the other daemons commit wakes this daemon's live tails. */
@Injectable()
export class OtherWriters implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private notifications?: CommitNotifications;

  constructor(
    @Inject(DATABASE) private readonly db: LedgerDatabase,
    private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    if (this.db.engine !== 'postgres') return;
    this.store.noticeOtherWriters();
    this.notifications = listenForCommits(
      this.db.url,
      () => this.notice(),
      (error) => this.logger.warn({ msg: `listening for other daemons' commits failed, retrying: ${error.message}` }),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.notifications?.close();
  }

  private notice(): void {
    try {
      this.store.noticeOtherWriters();
    } catch (error) {
      // The database is unreachable for now; the next notification or poll tries again.
      this.logger.warn({ msg: `reading other daemons' commits failed: ${(error as Error).message}` });
    }
  }
}
