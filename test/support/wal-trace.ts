import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './paths';
import { mustBeStopped } from './processes';

/**
 * What the kernel was asked to write to a database's WAL and to make durable, seen from
 * outside the daemon: strace on its every thread, logging pwrite64, fdatasync and fsync
 * with their file paths and times. A power cut keeps every byte a finished sync covered
 * and may lose anything after it; this tells where that point was.
 */
export interface WalTrace {
  log: string;
  /** Stops tracing (the traced process stays as it is) and answers the log's syscalls. */
  stop(): Promise<WalSyscall[]>;
}

export interface WalSyscall {
  name: 'pwrite64' | 'fdatasync' | 'fsync';
  path: string;
  start: number;
  end: number;
  result: number;
  /** pwrite64's byte count and offset. */
  count?: number;
  offset?: number;
}

export function traceWal(pid: number): WalTrace {
  const log = join(tempDir('vm-system-strace-'), 'strace.log');
  const strace: ChildProcess = spawn('strace', ['-f', '-qq', '-ttt', '-T', '-y', '-e', 'trace=pwrite64,fdatasync,fsync', '-o', log, '-p', String(pid)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  mustBeStopped(strace, `strace -p ${pid}`);
  return {
    log,
    stop: async () => {
      if (strace.exitCode === null) {
        const exited = once(strace, 'exit');
        strace.kill('SIGINT');
        await exited;
      }
      return parseStrace(readFileSync(log, 'utf8'));
    },
  };
}

const LINE = /^(\d+)\s+(\d+\.\d+)\s+(.*)$/;
const CALL = /^(pwrite64|fdatasync|fsync)\((\d+)<([^>]*)>(.*?)(?: <unfinished \.\.\.>|\) = (-?\d+)(?:\s.*?)? <(\d+\.\d+)>)$/;
const RESUMED = /^<\.\.\. (pwrite64|fdatasync|fsync) resumed>(.*?)\) = (-?\d+)(?:\s.*?)? <(\d+\.\d+)>$/;
const PWRITE_TAIL = /, (\d+), (\d+)$/;

/** strace -f -ttt -T -y lines, an unfinished call joined with its resumption (per thread). */
export function parseStrace(text: string): WalSyscall[] {
  const calls: WalSyscall[] = [];
  const open = new Map<string, { name: WalSyscall['name']; path: string; start: number; args: string }>();
  for (const line of text.split('\n')) {
    const parts = LINE.exec(line);
    if (!parts) continue;
    const [, tid, time, rest] = parts;
    const start = Number(time);
    const call = CALL.exec(rest);
    if (call) {
      const [, name, , path, args, result, duration] = call;
      if (result === undefined) open.set(tid, { name: name as WalSyscall['name'], path, start, args });
      else calls.push(finish(name as WalSyscall['name'], path, start, args, Number(result), Number(duration)));
      continue;
    }
    const resumed = RESUMED.exec(rest);
    const begun = open.get(tid);
    if (resumed && begun) {
      open.delete(tid);
      calls.push(finish(begun.name, begun.path, begun.start, begun.args + resumed[2], Number(resumed[3]), Number(resumed[4])));
    }
  }
  return calls;
}

function finish(name: WalSyscall['name'], path: string, start: number, args: string, result: number, duration: number): WalSyscall {
  const call: WalSyscall = { name, path, start, end: start + duration, result };
  if (name === 'pwrite64') {
    const tail = PWRITE_TAIL.exec(args);
    if (!tail) throw new Error(`cannot read pwrite64's count and offset from: ${args}`);
    call.count = Number(tail[1]);
    call.offset = Number(tail[2]);
  }
  return call;
}

/**
 * The WAL's length a power cut cannot go below: the furthest byte written by a pwrite64 that
 * ended before a successful sync of the WAL began. Throws if the WAL was restarted (a write
 * at its start) while traced, since lengths would then no longer grow with time.
 */
export function durableWalLength(calls: readonly WalSyscall[]): number {
  const wal = calls.filter((call) => call.path.endsWith('-wal'));
  const writes = wal.filter((call) => call.name === 'pwrite64' && call.result > 0);
  if (writes.some((write) => write.offset === 0)) throw new Error('the WAL was restarted while traced: this check needs a WAL that only grows');
  let durable = 0;
  for (const sync of wal.filter((call) => call.name !== 'pwrite64' && call.result === 0)) {
    for (const write of writes) if (write.end < sync.start) durable = Math.max(durable, write.offset! + write.count!);
  }
  return durable;
}
