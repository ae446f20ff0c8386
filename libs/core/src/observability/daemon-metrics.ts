import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Subscription } from 'rxjs';
import { DurableHorizon, EventStore, StoredEvent } from '@vm-system/ledger';
import { ExecutionsReadModel, SessionsReadModel } from '@vm-system/projections';
import { SessionSupervisor } from '@vm-system/runtime';

const SESSION_STATUSES = ['starting', 'ready', 'suspended', 'crashed', 'closed'];
/** Kinds of executions started and not yet finished, remembered at most this many (oldest dropped first). */
const KINDS_KEPT = 10_000;

/**
 * The daemon's Prometheus metrics, in a registry of its own (several daemons in one process,
 * as in tests, never share counters). Counters follow the ledger: what was committed is what
 * is counted, whoever caused it; gauges are read from the projections and the supervisor at
 * scrape time, so they are true after a restart too.
 */
@Injectable()
export class DaemonMetrics implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly subscriptions: Subscription[] = [];
  /** The kind of each running execution, from its ExecutionStarted: its finish needs no read. */
  private readonly runningKinds = new Map<string, string>();

  private readonly executions = new Counter({
    name: 'vm_system_executions_total',
    help: 'Executions finished, by kind and status',
    labelNames: ['kind', 'status'],
    registers: [this.registry],
  });
  private readonly executionSeconds = new Histogram({
    name: 'vm_system_execution_duration_seconds',
    help: 'Wall time of finished executions, by kind',
    labelNames: ['kind'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60],
    registers: [this.registry],
  });
  private readonly appends = new Counter({ name: 'vm_system_ledger_appends_total', help: 'Ledger appends (one transaction each)', registers: [this.registry] });
  private readonly events = new Counter({ name: 'vm_system_ledger_events_total', help: 'Events appended to the ledger', registers: [this.registry] });
  private readonly appendSeconds = new Histogram({
    name: 'vm_system_ledger_append_duration_seconds',
    help: 'Time of one ledger append, projections and commit included',
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  private readonly syncSeconds = new Histogram({
    name: 'vm_system_ledger_sync_duration_seconds',
    help: 'Syncs of the ledger that acknowledged commits waited for (SQLite, --durability full); appends per sync is how many commits shared one',
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  private readonly restores = new Counter({
    name: 'vm_system_session_restores_total',
    help: 'Sessions rebuilt from their history, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'vm_system_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  constructor(
    store: EventStore,
    sessions: SessionsReadModel,
    private readonly executionsModel: ExecutionsReadModel,
    supervisor: SessionSupervisor,
    horizon: DurableHorizon,
  ) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'vm_system_sessions',
      help: 'Sessions by status (the sessions projection)',
      labelNames: ['status'],
      registers: [this.registry],
      collect() {
        const counts = sessions.countByStatus();
        for (const status of SESSION_STATUSES) this.set({ status }, counts[status] ?? 0);
      },
    });
    new Gauge({
      name: 'vm_system_session_hosts',
      help: 'Session host processes: live (serving a session) and warm (waiting in the pool)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        this.set({ state: 'live' }, supervisor.activeSessionIds().length);
        this.set({ state: 'warm' }, supervisor.warmHosts());
      },
    });
    this.subscriptions.push(
      store.appends$.subscribe(({ events, seconds }) => {
        this.appends.inc();
        this.events.inc(events);
        this.appendSeconds.observe(seconds);
      }),
      store.feed$.subscribe((event) => this.count(event)),
      horizon.syncs$.subscribe(({ seconds }) => this.syncSeconds.observe(seconds)),
    );
  }

  private count(event: StoredEvent): void {
    const data = event.data as { execution_id?: string; kind?: string; status?: string; reason?: string; metrics?: { wall_ms?: number } };
    if (event.type === 'ExecutionStarted' && data.execution_id !== undefined && data.kind !== undefined) {
      this.runningKinds.set(data.execution_id, data.kind);
      if (this.runningKinds.size > KINDS_KEPT) this.runningKinds.delete(this.runningKinds.keys().next().value!);
    } else if (event.type === 'ExecutionFinished') {
      // ExecutionFinished does not carry the kind: its start did, or else the projection knows
      // it (an execution a previous process started: the ones restart recovery ends).
      const id = data.execution_id ?? '';
      const kind = this.runningKinds.get(id) ?? this.executionsModel.kindOf(id) ?? 'unknown';
      this.runningKinds.delete(id);
      this.executions.inc({ kind, status: data.status ?? 'unknown' });
      if (typeof data.metrics?.wall_ms === 'number') this.executionSeconds.observe({ kind }, data.metrics.wall_ms / 1000);
    } else if (event.type === 'SessionRestored') this.restores.inc({ reason: data.reason ?? 'unknown' });
  }

  /** The text a Prometheus scrape reads. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }
}
