import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainError } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { SessionSupervisor } from '@vm-system/runtime';
import { CoreOptions } from '../../database/core-options';
import { CORE_OPTIONS } from '../../database/tokens';
import { suspendSession } from '../suspend-session';
import { SessionActivity } from './session-activity';

/** The idle check runs this often at most, so a long setting does not mean a late suspension. */
const MAX_CHECK_EVERY_MS = 30_000;
const MIN_CHECK_EVERY_MS = 20;

/**
 * Suspends sessions idle longer than `suspendIdleAfterMs`: their hosts are freed, their state
 * stays in the ledger, and the next execution resumes them. This is what lets one daemon hold
 * many more sessions than it has live hosts.
 */
@Injectable()
export class IdleSuspender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Sessions');
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
    private readonly activity: SessionActivity,
    @Inject(CORE_OPTIONS) private readonly options: CoreOptions,
  ) {}

  onApplicationBootstrap(): void {
    const idleMs = this.options.suspendIdleAfterMs ?? 0;
    if (idleMs <= 0) return;
    const every = Math.min(MAX_CHECK_EVERY_MS, Math.max(MIN_CHECK_EVERY_MS, Math.floor(idleMs / 4)));
    this.timer = setInterval(() => void this.suspendIdle(idleMs), every).unref();
  }

  onModuleDestroy(): void {
    if (this.timer !== null) clearInterval(this.timer);
  }

  private async suspendIdle(idleMs: number): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const sessionId of this.activity.idleSince(Date.now() - idleMs)) {
        if (this.supervisor.get(sessionId) === undefined) {
          this.activity.forget(sessionId);
          continue;
        }
        try {
          await suspendSession(this.store, this.supervisor, this.activity, sessionId, 'idle', { actor: 'vm-system' });
        } catch (error) {
          // Busy or no longer ready: not idle after all, or gone; the next check decides again.
          if (!(error instanceof DomainError)) this.logger.error(`could not suspend idle session ${sessionId}: ${(error as Error).message}`);
        }
      }
    } finally {
      this.checking = false;
    }
  }
}
