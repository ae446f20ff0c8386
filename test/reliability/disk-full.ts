import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, Execution, ExecutionEvent, VmSystemClient } from '@vm-system/client';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, makeWorktree } from '../support/fixtures';

export type Scale = 'short' | 'long';

export interface DiskFullFigures {
  tmpfsMb: number;
  /** Fill / refuse / free rounds. */
  rounds: number;
  /** Writes acknowledged (2xx) before, between and after the full disk; each one is checked in the ledger at the end. */
  acknowledgedWrites: number;
  /** Write attempts on a full disk, and how they were answered (`503 LEDGER_UNAVAILABLE` or a success that still fitted). */
  writesOnFullDisk: number;
  answersOnFullDisk: Record<string, number>;
  /** Reads served on a full disk (each a 200). */
  readsOnFullDisk: number;
  /** An execution whose output outgrew the disk: how its request was answered, how it ended once the space was back, and its session's next input. */
  floodOutcome: string;
  /** A create whose startup file outgrew the disk: how it was answered, and how its session ended once the space was back. */
  startupOutcome: string;
  /** Its session and execution after the daemon's restart (the restart recovery ends an execution left running). */
  floodAfterRestart: string;
  ledgerEvents: number;
}

/** How many rounds, writes and reads each scale does. */
const PLAN = {
  short: { rounds: 1, writesBefore: 6, writesWhileFull: 8, tmpfsMb: 24 },
  long: { rounds: 5, writesBefore: 40, writesWhileFull: 60, tmpfsMb: 48 },
} as const;

/**
 * A tmpfs of its own, so that the database's disk can be filled without touching the
 * machine's. Mounting needs root (CI runs as root); without it the test fails saying so,
 * rather than passing without having filled anything.
 */
function mountTmpfs(sizeMb: number): { dir: string; unmount(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'vm-system-disk-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmdirSync(dir);
    const said = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim();
    throw new Error(`the disk-full test needs a small tmpfs for the database and could not mount one (run it as root, or with CAP_SYS_ADMIN): mount said: ${said}`, {
      cause: error,
    });
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', [dir]);
      rmdirSync(dir);
    },
  };
}

/** Writes zeros into `file` until the file system refuses; answers the bytes written. */
function fillDisk(file: string): number {
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (const chunk of [1 << 20, 1 << 12, 1]) {
      const zeros = Buffer.alloc(chunk);
      for (;;) {
        try {
          written += writeSync(fd, zeros);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

/** The outcome of a call: its status and code, or the success. */
async function answerOf<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; status: number; code: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, status: error.status, code: error.code };
    throw error;
  }
}

interface Acknowledged {
  templates: string[];
  executions: { id: string; events: ExecutionEvent[] }[];
}

/**
 * The daemon's SQLite file on a small tmpfs, filled to the last byte: writes must be
 * refused with 503 LEDGER_UNAVAILABLE (never a 500), reads still served, and once the space
 * is back writes succeed again without a restart. An execution whose output outgrows the
 * disk must end rather than hang. At the end every acknowledged write is in the ledger
 * (before and after a restart), and the ledger verifies.
 */
export async function diskFull(scale: Scale): Promise<DiskFullFigures> {
  const plan = PLAN[scale];
  const tmpfs = mountTmpfs(plan.tmpfsMb);
  let daemon: TestDaemon | undefined;
  try {
    const dbFile = join(tmpfs.dir, 'vm-system.db');
    const filler = join(tmpfs.dir, 'filler');
    daemon = await startDaemon({ dbFile });
    const client = daemon.client;
    const acknowledged: Acknowledged = { templates: [], executions: [] };
    const session = await makeSession(client);
    // Limits above the flood's 40,000 lines (4 MB): it is the disk that stops it, not max_events.
    const floodSession = await makeSession(client, { settings: { limits: { max_events: 100_000, max_output_kb: 16_384 } } });
    acknowledged.templates.push(session.template_id, floodSession.template_id);
    const answersOnFullDisk: Record<string, number> = {};
    let writesOnFullDisk = 0;
    let readsOnFullDisk = 0;
    let floodOutcome = '';
    let startupOutcome = '';

    const acknowledgedWork = async (count: number, round: number) => {
      for (let i = 0; i < count; i++) {
        acknowledged.templates.push(await makeTemplate(client));
        const run = await client.repl(session.id, `console.log("round ${round} write ${i}"); ${i}`);
        assert.equal(run.status, 'ok', JSON.stringify(run));
        acknowledged.executions.push({ id: run.id, events: run.events });
      }
    };

    for (let round = 0; round < plan.rounds; round++) {
      await acknowledgedWork(plan.writesBefore, round);
      fillDisk(filler);
      assert.ok(statfsSync(tmpfs.dir).bavail * statfsSync(tmpfs.dir).bsize < 1 << 12, 'the tmpfs is full');

      // Writes: refused as unavailable, or (a page that still fitted) acknowledged and checked later.
      const attempts: (() => Promise<unknown>)[] = [
        () => makeTemplate(client).then((id) => acknowledged.templates.push(id)),
        () => client.repl(session.id, 'console.log("on a full disk")').then((run) => acknowledged.executions.push({ id: run.id, events: run.events })),
        () => client.changeSettings(session.template_id, { limits: { wall_ms: 30_000 } }),
        () => client.createToken({ name: 'on a full disk', scopes: ['read'] }),
      ];
      for (let i = 0; i < plan.writesWhileFull; i++) {
        const answer = await answerOf(attempts[i % attempts.length]);
        const key = answer.ok ? 'acknowledged' : `${answer.status} ${answer.code}`;
        answersOnFullDisk[key] = (answersOnFullDisk[key] ?? 0) + 1;
        writesOnFullDisk++;
      }
      assert.deepEqual(
        Object.keys(answersOnFullDisk).filter((key) => key !== 'acknowledged' && key !== '503 LEDGER_UNAVAILABLE'),
        [],
        `writes on a full disk answer 503 LEDGER_UNAVAILABLE: ${JSON.stringify(answersOnFullDisk)}`,
      );
      assert.ok(answersOnFullDisk['503 LEDGER_UNAVAILABLE'] > 0, 'a full disk refused some write');

      // Reads: every kind still served from what is there.
      const last = acknowledged.executions.at(-1)!;
      const reads: (() => Promise<unknown>)[] = [
        () => client.health(),
        () => client.listTemplates(),
        () => client.getTemplate(session.template_id),
        () => client.listSessions(),
        () => client.getSession(session.id),
        () => client.listExecutions(session.id),
        () => client.getExecution(last.id),
        () => client.executionEvents(last.id),
        () => client.ledgerEvents(0, 1000),
        () => client.ledgerHead(),
        () => client.sessionStory(session.id),
      ];
      for (const read of reads) {
        await read();
        readsOnFullDisk++;
      }
      assert.deepEqual(await client.executionEvents(last.id), last.events, 'an acknowledged execution reads back whole');

      if (round === 0) {
        floodOutcome = await outgrowTheDisk(client, floodSession.id, filler);
        startupOutcome = await startupOutgrowsTheDisk(client, filler);
      }

      // Space returns: the next writes succeed by themselves.
      unlinkSync(filler);
      await acknowledgedWork(1, round);
    }

    await checkAcknowledged(client, acknowledged);
    const verify = await client.verifyLedger();
    assert.equal(verify.ok, true, JSON.stringify(verify));
    assert.equal(daemon.process.exitCode, null, 'the daemon is still running');

    // What was acknowledged is on the disk, not only in the daemon's memory.
    assert.equal(await daemon.stop(), 0, 'the daemon stops cleanly');
    daemon = await startDaemon({ dbFile });
    await checkAcknowledged(daemon.client, acknowledged);
    assert.equal((await daemon.client.verifyLedger()).ok, true);
    const floodExecutions = await daemon.client.listExecutions(floodSession.id, 1000);
    assert.deepEqual(
      floodExecutions.filter((e) => e.status === 'running'),
      [],
      'no execution is left running after the restart',
    );
    const floodAfterRestart = `session ${(await daemon.client.getSession(floodSession.id)).status}, executions ${floodExecutions.map((e) => e.status).join(', ')}`;
    const head = await daemon.client.ledgerHead();
    return {
      tmpfsMb: plan.tmpfsMb,
      rounds: plan.rounds,
      acknowledgedWrites: acknowledged.templates.length + acknowledged.executions.length,
      writesOnFullDisk,
      answersOnFullDisk,
      readsOnFullDisk,
      floodOutcome,
      startupOutcome,
      floodAfterRestart,
      ledgerEvents: head.position,
    };
  } finally {
    await daemon?.stop();
    rmSync(join(tmpfs.dir, 'filler'), { force: true });
    tmpfs.unmount();
  }
}

/**
 * An execution that starts with a little room left and prints more than fits: its request
 * is answered (not left hanging), as a success or as 503 LEDGER_UNAVAILABLE, and the daemon
 * carries on. The run is stopped at its first refused window; once the space is back its end
 * lands by itself (no restart, no request): status error, saying why, its stream contiguous
 * with nothing the ledger took dropped; and its session serves the next input.
 */
async function outgrowTheDisk(client: VmSystemClient, sessionId: string, filler: string): Promise<string> {
  leaveLittleRoom(filler);
  const answer = await answerOf(() => client.repl(sessionId, 'for (let i = 0; i < 40000; i++) console.log("flood line " + i + " ".repeat(80)); "done"'));
  if (!answer.ok) assert.equal(`${answer.status} ${answer.code}`, '503 LEDGER_UNAVAILABLE', 'a flood the disk cannot hold is refused as unavailable');
  unlinkSync(filler);

  const [flood] = await client.listExecutions(sessionId, 1);
  const ended = await endOf(client, flood.id);
  const events = await allEvents(client, flood.id);
  assert.deepEqual(
    events.map((event) => event.seq),
    events.map((_, i) => i + 1),
    'its stream is contiguous',
  );
  if (!answer.ok) {
    assert.equal(ended.status, 'error', JSON.stringify(ended));
    const last = events.at(-1)!;
    assert.equal(last.type, 'system');
    assert.match(String(last.payload.message), /^Execution stopped: its output could not be recorded \(ledger unavailable\)$/);
  }
  const next = await client.repl(sessionId, '6 * 7');
  assert.equal(next.status, 'ok', JSON.stringify(next));
  fillDisk(filler);
  const answered = answer.ok ? `answered 200, status ${answer.value.status}` : `answered ${answer.status} ${answer.code}`;
  return `${answered}; once space was back, by itself: execution ${ended.status} (${events.length} events, contiguous), next input ${next.status}`;
}

/** Leaves ~512 KB on the disk: room for a create's first commits, not for 4 MB of output. */
function leaveLittleRoom(filler: string): void {
  rmSync(filler, { force: true });
  const free = statfsSync(join(filler, '..')).bavail * statfsSync(join(filler, '..')).bsize;
  const fd = openSync(filler, 'w');
  writeSync(fd, Buffer.alloc(Math.max(0, free - (512 << 10))));
  closeSync(fd);
}

/**
 * A create whose startup file prints more than the disk holds: answered 503 (the session's
 * start could not be recorded), and once the space is back the session ends `crashed` by
 * itself, saying why, after its startup execution's own end: it does not stay `starting`.
 */
async function startupOutgrowsTheDisk(client: VmSystemClient, filler: string): Promise<string> {
  unlinkSync(filler);
  const templateId = await makeTemplate(client, { limits: { max_events: 100_000, max_output_kb: 16_384 } });
  await client.addStartupFile(templateId, { path: 'flood.js' });
  const worktree = makeWorktree({ 'flood.js': 'for (let i = 0; i < 40000; i++) console.log("startup flood line " + i + " ".repeat(80));' });
  leaveLittleRoom(filler);
  const answer = await answerOf(() => client.createSession({ template_id: templateId, workspace_id: 'ws-test', base_commit_oid: 'abc123', worktree_path: worktree }));
  assert.equal(answer.ok ? 'created' : `${answer.status} ${answer.code}`, '503 LEDGER_UNAVAILABLE', 'a create whose start the disk cannot hold');
  unlinkSync(filler);

  const [session] = (await client.listSessions()).filter((s) => s.worktree_path === worktree);
  assert.ok(session, 'the session whose start was refused is listed');
  const crash = await firstOf(
    client.followLedger(0, { stream_id: `session-${session.id}`, type: 'SessionCrashed' }, AbortSignal.timeout(END_WITHIN_MS)),
    'the session stayed starting',
  );
  assert.match(String((crash.data as { error?: unknown }).error), /ledger unavailable/);
  const crashed = await client.getSession(session.id);
  assert.equal(crashed.status, 'crashed');
  const executions = await client.listExecutions(session.id);
  assert.deepEqual(
    executions.map((e) => [e.kind, e.status]),
    [['startup', 'error']],
  );
  fillDisk(filler);
  return `answered ${answer.ok ? 'created' : `${answer.status} ${answer.code}`}; once space was back, by itself: session ${crashed.status} (${crashed.last_error}), its startup execution ${executions[0].status}`;
}

/**
 * A bound for what must happen by itself once space is back (the retries wait 5 s at most
 * between tries): not a timing assertion, a failure that says what did not happen instead
 * of a test that hangs.
 */
const END_WITHIN_MS = 60_000;

/** The first item of a live follow, or a failure saying `missing` when it ends or times out first. */
async function firstOf<T>(follow: AsyncGenerator<T>, missing: string): Promise<T> {
  try {
    for await (const item of follow) return item;
  } catch (error) {
    throw new Error(`${missing} (${(error as Error).message})`, { cause: error });
  }
  throw new Error(missing);
}

/** The execution once it has ended, followed live from the daemon. */
async function endOf(client: VmSystemClient, executionId: string): Promise<Execution> {
  const follow = client.followExecution(executionId, Number.MAX_SAFE_INTEGER, AbortSignal.timeout(END_WITHIN_MS));
  const end = await firstOf(follow, `execution ${executionId} stayed running`);
  assert.equal(end.kind, 'end');
  return (end as { kind: 'end'; execution: Execution }).execution;
}

async function allEvents(client: VmSystemClient, executionId: string): Promise<ExecutionEvent[]> {
  const events: ExecutionEvent[] = [];
  for (;;) {
    const page = await client.executionEvents(executionId, events.at(-1)?.seq ?? 0, 1000);
    events.push(...page);
    if (page.length < 1000) return events;
  }
}

async function checkAcknowledged(client: VmSystemClient, acknowledged: Acknowledged): Promise<void> {
  for (const id of acknowledged.templates) assert.equal((await client.getTemplate(id)).template.id, id);
  for (const { id, events } of acknowledged.executions) assert.deepEqual(await client.executionEvents(id), events, `execution ${id} reads back as acknowledged`);
}
