import { join } from 'node:path';
import { ApiError, ExecutionEvent, ExecutionWithEvents, VmSystemClient } from '@vm-system/client';
import { startDaemon, TestDaemon } from '../support/daemon';
import { makeWorktree } from '../support/fixtures';
import { tempDir } from '../support/paths';
import { ms, nowMs } from './figures';
import { livingChildren, ProcessId, survivorsAfterExit } from './host-processes';
import { checkLedgerFile } from './ledger-file';
import { CheckReport, Progress, Scale, silent } from './scale';
import { SeededRandom, seedFrom } from './seeded-random';

export interface ChaosShape {
  /** Daemon kills (-9), each followed by a restart on the same --db. */
  daemonKills: number;
  /** Answers the clients receive between two daemon kills (and in the last life, before the checks). */
  answersPerLife: number;
  /** Session host kills (-9) per daemon life, each at a random answer count. */
  hostKillsPerLife: number;
  /** Concurrent clients; each owns its sessions (so its own requests never make one busy). */
  clients: number;
  sessionsPerClient: number;
}

export const CHAOS_SHAPES: Record<Scale, ChaosShape> = {
  short: { daemonKills: 2, answersPerLife: 20, hostKillsPerLife: 2, clients: 3, sessionsPerClient: 2 },
  long: { daemonKills: 8, answersPerLife: 250, hostKillsPerLife: 6, clients: 4, sessionsPerClient: 3 },
};

export const CHAOS_SEED_VARIABLE = 'VM_SYSTEM_CHAOS_SEED';

type Operation = 'repl' | 'runFile' | 'cancel' | 'suspend' | 'resume' | 'close' | 'create';

const WEIGHTS: Record<Operation, number> = { repl: 50, runFile: 12, cancel: 6, suspend: 8, resume: 8, close: 4, create: 6 };

/**
 * Refusals a client may meet in this workload without anything being wrong: a session whose
 * host was just killed may be mid-restore or crashed, a killed host may end the execution a
 * cancel aims at, a suspend may meet a session that is not ready.
 */
const EXPECTED_REFUSALS = new Set(['SESSION_NOT_READY', 'SESSION_BUSY', 'EXECUTION_NOT_RUNNING']);

/** A never-settling snippet: it runs until cancelled (or its session's wall limit). */
const SPIN = 'console.log("spin"); await new Promise(() => {})';

export interface ChaosReport extends CheckReport {
  seed: number;
  daemonKills: number;
  hostKills: number;
  answers: number;
  acknowledgedExecutions: number;
  acknowledgedEvents: number;
}

/** What the clients were told: each answer is a promise the ledger must keep after every kill. */
interface Acknowledged {
  executions: Map<string, ExecutionEvent[]>;
  sessions: Set<string>;
}

/**
 * A mixed workload (REPL, run-file with console output, creates, closes, suspends, resumes,
 * cancels) while random session hosts are killed -9 and the daemon itself is killed -9 and
 * restarted on the same SQLite file. Every action follows an observable event (an answer
 * counted, a process's exit, a daemon saying it listens), never a timer. Then it checks what
 * the ledger promises: the chain verifies, every stream is contiguous, the read models equal a
 * rebuild, no execution is left running, every session is restored or crashed with a reason,
 * and every event a client was answered with is still there.
 */
export async function runChaos(scale: Scale, progress: Progress = silent, shape: ChaosShape = CHAOS_SHAPES[scale], seed = seedFrom(CHAOS_SEED_VARIABLE)): Promise<ChaosReport> {
  progress(`chaos seed ${seed} (replay with ${CHAOS_SEED_VARIABLE}=${seed})`);
  const chaos = new ChaosRun(shape, seed, progress);
  try {
    return await chaos.run(scale);
  } finally {
    await chaos.killDaemon();
  }
}

class ChaosRun {
  private readonly random: SeededRandom;
  private readonly dbFile = join(tempDir('vm-system-chaos-'), 'vm-system.db');
  private readonly worktree = makeWorktree({ 'job.js': 'console.log("job", 1); console.warn("job", 2);\n' });
  private readonly failures: string[] = [];
  private readonly acknowledged: Acknowledged = { executions: new Map(), sessions: new Set() };
  private readonly owned: string[][];
  private readonly counts = new Map<string, number>();
  private daemon?: TestDaemon;
  private templateId = '';
  private ending = false;
  private answers = 0;
  private answersThisLife = 0;
  private hostKillAt: number[] = [];
  private hostKills = 0;
  private daemonKills = 0;
  private serial = 0;
  private endOfLife?: () => void;
  private readonly restartMs: number[] = [];

  constructor(
    private readonly shape: ChaosShape,
    readonly seed: number,
    private readonly progress: Progress,
  ) {
    this.random = new SeededRandom(seed);
    this.owned = Array.from({ length: shape.clients }, () => []);
  }

  async run(scale: Scale): Promise<ChaosReport> {
    const started = nowMs();
    this.daemon = await startDaemon({ dbFile: this.dbFile });
    this.templateId = (await this.daemon.client.createTemplate({ name: 'chaos' })).id;
    for (let life = 0; life <= this.shape.daemonKills; life++) {
      await this.live(life);
      if (life === this.shape.daemonKills) break;
      await this.killDaemonAndCheckHosts();
      this.daemonKills += 1;
      const t0 = nowMs();
      try {
        this.daemon = await startDaemon({ dbFile: this.dbFile });
      } catch (error) {
        this.failures.push(`the daemon failed to restart after kill ${this.daemonKills}: ${(error as Error).message.slice(0, 2000)}`);
        return this.report(scale, started);
      }
      this.restartMs.push(nowMs() - t0);
    }
    await this.finalChecks();
    return this.report(scale, started);
  }

  /** One daemon life: the clients work until this life's answers are in; host kills land at random answer counts. */
  private async live(life: number): Promise<void> {
    this.ending = false;
    this.answersThisLife = 0;
    this.hostKillAt = Array.from({ length: this.shape.hostKillsPerLife }, () => this.random.int(1, this.shape.answersPerLife - 1)).sort((a, b) => a - b);
    const lifeOver = new Promise<void>((resolve) => (this.endOfLife = resolve));
    const clients = this.owned.map((sessions, c) => this.client(sessions, new SeededRandom(this.seed + 7919 * (life + 1) + c)));
    await lifeOver;
    if (life < this.shape.daemonKills) {
      // Kill while the clients' requests are in flight: what they were answered must survive.
      this.ending = true;
      await this.killDaemonNow();
    } else this.ending = true;
    await Promise.all(clients);
    this.progress(`chaos life ${life + 1}/${this.shape.daemonKills + 1}: ${this.answers} answers so far, ${this.hostKills} host kills, ${this.failures.length} failures`);
  }

  private answered(): void {
    this.answers += 1;
    this.answersThisLife += 1;
    while (this.hostKillAt.length > 0 && this.answersThisLife >= this.hostKillAt[0]) {
      this.hostKillAt.shift();
      this.killRandomHost();
    }
    if (this.answersThisLife >= this.shape.answersPerLife) this.endOfLife?.();
  }

  private killRandomHost(): void {
    if (!this.daemon || this.ending) return;
    const hosts = livingChildren(this.daemon.process.pid!);
    if (hosts.length === 0) return;
    try {
      process.kill(this.random.pick(hosts).pid, 'SIGKILL');
      this.hostKills += 1;
    } catch {
      // it exited by itself meanwhile
    }
  }

  private async client(sessions: string[], random: SeededRandom): Promise<void> {
    while (!this.ending) {
      const client = this.daemon!.client;
      const op: Operation = sessions.length < this.shape.sessionsPerClient ? 'create' : random.weighted(WEIGHTS);
      try {
        await this.perform(op, client, sessions, random);
        this.count(`${op} answered`);
        this.answered();
      } catch (error) {
        await this.refused(op, error, client, sessions);
      }
    }
  }

  private async perform(op: Operation, client: VmSystemClient, sessions: string[], random: SeededRandom): Promise<void> {
    const session = sessions.length > 0 ? random.pick(sessions) : '';
    switch (op) {
      case 'create': {
        const created = await client.createSession({ template_id: this.templateId, workspace_id: 'chaos', base_commit_oid: 'chaos', worktree_path: this.worktree });
        this.acknowledged.sessions.add(created.id);
        sessions.push(created.id);
        // Churn, not growth: a client over its share closes one of its other sessions.
        if (sessions.length > this.shape.sessionsPerClient) await this.close(client, sessions, random.pick(sessions.slice(0, -1)));
        return;
      }
      case 'repl': {
        const n = ++this.serial;
        const answer = await client.repl(session, `console.log("chaos", ${n}); ${n}`);
        this.acknowledge(answer);
        if (answer.status === 'ok' && answer.result?.json !== n) this.failures.push(`repl ${n} answered ${JSON.stringify(answer.result)}`);
        return;
      }
      case 'runFile':
        this.acknowledge(await client.runFile(session, 'job.js'));
        return;
      case 'cancel': {
        const running = await client.startRepl(session, SPIN);
        this.acknowledged.executions.set(running.id, []);
        if (running.status !== 'running') this.failures.push(`a wait:false REPL answered ${running.status}, not running`);
        const cancelled = await client.cancelExecution(running.id);
        if (cancelled.status === 'running') this.failures.push(`cancel of ${running.id} answered it still running`);
        return;
      }
      case 'suspend':
        await client.suspendSession(session);
        return;
      case 'resume': {
        const resumed = await client.resumeSession(session);
        if (resumed.status === 'crashed') this.dropCrashed(resumed.id, resumed.last_error, sessions);
        else if (resumed.status !== 'ready') this.failures.push(`resume of ${session} answered ${resumed.status}`);
        return;
      }
      case 'close':
        if (sessions.length > 1) await this.close(client, sessions, session);
        return;
    }
  }

  private async close(client: VmSystemClient, sessions: string[], session: string): Promise<void> {
    const closed = await client.closeSession(session);
    if (closed.status !== 'closed') this.failures.push(`close of ${session} answered ${closed.status}`);
    sessions.splice(sessions.indexOf(session), 1);
  }

  private acknowledge(answer: ExecutionWithEvents): void {
    this.acknowledged.executions.set(answer.id, answer.events);
    this.count(`executions ${answer.status}`);
  }

  private dropCrashed(id: string, lastError: string | undefined, sessions: string[]): void {
    if (!lastError) this.failures.push(`session ${id} crashed without a reason`);
    const at = sessions.indexOf(id);
    if (at !== -1) sessions.splice(at, 1);
    this.count('sessions crashed');
  }

  private async refused(op: Operation, error: unknown, client: VmSystemClient, sessions: string[]): Promise<void> {
    if (!(error instanceof ApiError)) {
      // The daemon is being killed: a request in flight has no answer, and that is fine.
      if (this.ending) return;
      this.failures.push(`${op}: no answer while the daemon was up: ${(error as Error).message}`);
      this.ending = true;
      this.endOfLife?.();
      return;
    }
    // A create whose host was killed while it started: the session is crashed, with that reason.
    const hostKilledAtStart = op === 'create' && error.code === 'STARTUP_FAILED';
    if (error.status >= 500 || !(EXPECTED_REFUSALS.has(error.code) || hostKilledAtStart)) {
      this.failures.push(`${op}: ${error.status} ${error.code} ${error.message}`);
      return;
    }
    this.count(`${op} refused ${error.code}`);
    if (error.code !== 'SESSION_NOT_READY') return;
    // A session that is not ready may have crashed (its restore failed): say why, or drop it.
    for (const id of [...sessions]) {
      try {
        const s = await client.getSession(id);
        if (s.status === 'crashed') this.dropCrashed(id, s.last_error, sessions);
        if (s.status === 'closed') sessions.splice(sessions.indexOf(id), 1);
      } catch (lookup) {
        if (!(lookup instanceof ApiError) && this.ending) return;
        throw lookup;
      }
    }
  }

  private count(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  private async killDaemonNow(): Promise<void> {
    this.hostsOfKilledDaemon = livingChildren(this.daemon!.process.pid!);
    await this.daemon!.kill();
  }

  private hostsOfKilledDaemon: ProcessId[] = [];

  /** After a kill -9 of the daemon, its hosts must notice (IPC disconnect) and exit: none may be left. */
  private async killDaemonAndCheckHosts(): Promise<void> {
    const orphans = await survivorsAfterExit(this.hostsOfKilledDaemon);
    if (orphans.length > 0) this.failures.push(`host processes outlived the killed daemon: ${orphans.map((o) => o.pid).join(', ')}`);
  }

  async killDaemon(): Promise<void> {
    const d = this.daemon;
    if (d && d.process.exitCode === null && d.process.signalCode === null) await d.kill();
  }

  private async finalChecks(): Promise<void> {
    const daemon = this.daemon!;
    const { client } = daemon;

    const verify = await daemon.cli('audit', 'verify');
    if (verify.code !== 0 || !/Ledger verified/.test(verify.stdout)) this.failures.push(`audit verify: exit ${verify.code}: ${verify.stdout} ${verify.stderr}`);
    this.lines.push(`audit verify: ${verify.stdout.trim()}`);

    const rebuild = await client.rebuildProjections();
    for (const p of rebuild.projections) if (!p.equal || p.differences > 0) this.failures.push(`projection ${p.name} differs from its rebuild (${p.differences} differences)`);
    this.lines.push(
      `projections equal to a rebuild: ${rebuild.projections.map((p) => `${p.name} ${p.rows} rows ${p.equal ? 'equal' : `${p.differences} differences`}`).join(', ')}`,
    );

    const states = new Map<string, number>();
    const crashReasons = new Map<string, number>();
    const sessions = await client.listSessions();
    for (const id of this.acknowledged.sessions) if (!sessions.some((s) => s.id === id)) this.failures.push(`session ${id}, created and answered, is missing`);
    for (const listed of sessions) {
      let session = listed;
      if (session.status === 'suspended') session = await client.resumeSession(session.id);
      states.set(session.status, (states.get(session.status) ?? 0) + 1);
      if (session.status === 'crashed' && !session.last_error) this.failures.push(`session ${session.id} crashed without a reason`);
      if (session.status === 'crashed') crashReasons.set(session.last_error ?? '', (crashReasons.get(session.last_error ?? '') ?? 0) + 1);
      if (!['ready', 'crashed', 'closed'].includes(session.status)) this.failures.push(`session ${session.id} is ${session.status} after a resume`);
      for (const execution of await client.listExecutions(session.id, 1000)) if (execution.status === 'running') this.failures.push(`execution ${execution.id} is left running`);
    }
    this.lines.push(`sessions after the last restart and a resume of each suspended one: ${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}`);
    if (crashReasons.size > 0) this.lines.push(`crash reasons: ${[...crashReasons].map(([reason, n]) => `${n} × "${reason}"`).join('; ')}`);

    let events = 0;
    for (const [id, acked] of this.acknowledged.executions) {
      const execution = await client.getExecution(id).catch((error: Error) => error);
      if (execution instanceof Error) {
        this.failures.push(`acknowledged execution ${id}: ${execution.message}`);
        continue;
      }
      if (execution.status === 'running') this.failures.push(`acknowledged execution ${id} is left running`);
      const stored = await client.executionEvents(id, 0, 1000);
      for (const event of acked) {
        events += 1;
        const kept = stored.find((e) => e.seq === event.seq);
        if (!kept || kept.type !== event.type || JSON.stringify(kept.payload) !== JSON.stringify(event.payload)) {
          this.failures.push(`acknowledged event ${id}#${event.seq} (${event.type}) is ${kept ? `now ${kept.type} ${JSON.stringify(kept.payload)}` : 'lost'}`);
        }
      }
    }
    this.acknowledgedEvents = events;

    const hosts = livingChildren(daemon.process.pid!);
    const exit = await daemon.stop();
    if (exit !== 0) this.failures.push(`the last daemon's graceful stop exited ${exit}`);
    const orphans = await survivorsAfterExit(hosts);
    if (orphans.length > 0) this.failures.push(`host processes outlived the stopped daemon: ${orphans.map((o) => o.pid).join(', ')}`);

    const file = checkLedgerFile(this.dbFile);
    this.failures.push(...file.problems);
    this.lines.push(
      `ledger file: ${file.events} events in ${file.streams} streams, positions 1..${file.events} and every stream's seq contiguous: ${file.problems.length === 0 ? 'yes' : 'NO'}; executions started and not finished, or running in the read model: ${file.problems.length === 0 ? 'none' : file.problems.length}`,
    );
  }

  private readonly lines: string[] = [];
  private acknowledgedEvents = 0;

  private report(scale: Scale, started: number): ChaosReport {
    const counts = [...this.counts].sort(([a], [b]) => a.localeCompare(b)).map(([what, n]) => `${what} ${n}`);
    const lines = [
      `seed ${this.seed}; ${this.shape.clients} clients × ${this.shape.sessionsPerClient} sessions; ${this.daemonKills} daemon kills (-9) and restarts on the same --db, ${this.hostKills} session host kills (-9); ${((nowMs() - started) / 1000).toFixed(1)} s`,
      `${this.answers} answers: ${counts.join(', ')}`,
      `restart after kill -9 (spawn to listening, recovery included): ${this.restartMs.map(ms).join(', ') || '–'}`,
      `acknowledged: ${this.acknowledged.executions.size} executions with ${this.acknowledgedEvents} events, ${this.acknowledged.sessions.size} sessions created, all checked after the last restart`,
      ...this.lines,
    ];
    return {
      name: 'chaos',
      scale,
      lines,
      failures: this.failures,
      seed: this.seed,
      daemonKills: this.daemonKills,
      hostKills: this.hostKills,
      answers: this.answers,
      acknowledgedExecutions: this.acknowledged.executions.size,
      acknowledgedEvents: this.acknowledgedEvents,
    };
  }
}
