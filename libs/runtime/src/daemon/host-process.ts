import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DaemonToHost, HostToDaemon } from '../protocol';

/**
 * Daemon-side handle on one session host child process: forks it, knows when it is ready,
 * relays messages, and reports its death exactly once with what it printed last (V8 writes
 * the reason of a fatal OOM to stderr before aborting).
 */

export interface HostDeath {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string;
  /** True when we killed it ourselves (close, wall timeout, shutdown). */
  intentional: boolean;
}

const DEFAULT_ENTRY = path.join(__dirname, '..', 'host', 'session-host.js');
const STDERR_TAIL_CHARS = 8 * 1024;

export class HostProcess {
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private readonly exited: Promise<HostDeath>;
  private messageListener: ((message: HostToDaemon) => void) | null = null;
  private readonly deathListeners = new Set<(death: HostDeath) => void>();
  private death: HostDeath | null = null;
  private stderrTail = '';
  private intentional = false;

  constructor(entry: string = DEFAULT_ENTRY) {
    this.child = fork(entry, [], {
      execArgv: ['--no-node-snapshot'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('error', () => undefined); // a broken pipe must not become an unhandled 'error'
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    let markReady: () => void = () => undefined;
    let failReady: (err: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    this.ready.catch(() => undefined); // observed by whoever awaits it; never unhandled
    this.exited = new Promise<HostDeath>((resolve) => {
      this.deathListeners.add(resolve);
    });
    this.deathListeners.add((death) => failReady(new Error(`Session host died before it was ready: ${describeDeath(death)}`)));
    this.child.on('message', (message: HostToDaemon) => {
      if (message.type === 'ready') markReady();
      else this.messageListener?.(message);
    });
    // 'error' covers a failed spawn or kill; 'close' (or the synthetic death below) follows.
    this.child.on('error', () => {
      if (this.child.pid === undefined) this.onGone(null, null);
    });
    // 'close' rather than 'exit': by then stderr and the IPC channel are fully read, so every
    // message the host sent before dying has been delivered.
    this.child.on('close', (code, signal) => this.onGone(code, signal));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isDead(): boolean {
    return this.death !== null;
  }

  setMessageListener(listener: ((message: HostToDaemon) => void) | null): void {
    this.messageListener = listener;
  }

  /** Calls back once when the process is gone (immediately if it already is); returns an unsubscribe. */
  onDeath(listener: (death: HostDeath) => void): () => void {
    if (this.death !== null) {
      const death = this.death;
      queueMicrotask(() => listener(death));
      return () => undefined;
    }
    this.deathListeners.add(listener);
    return () => this.deathListeners.delete(listener);
  }

  send(message: DaemonToHost): boolean {
    if (this.death !== null || !this.child.connected) return false;
    try {
      return this.child.send(message, undefined, undefined, () => undefined);
    } catch {
      return false;
    }
  }

  /** SIGKILL: the only stop that works whatever the guest is doing. Resolves once it is gone. */
  kill(): Promise<HostDeath> {
    if (this.death === null) {
      this.intentional = true;
      try {
        this.child.kill('SIGKILL');
      } catch {
        // already exiting; 'close' will still come
      }
    }
    return this.exited;
  }

  private onGone(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.death !== null) return;
    const death: HostDeath = { code, signal, stderrTail: this.stderrTail, intentional: this.intentional };
    this.death = death;
    const listeners = [...this.deathListeners];
    this.deathListeners.clear();
    for (const listener of listeners) {
      try {
        listener(death);
      } catch {
        // a listener's bug must not stop the others
      }
    }
  }
}

export function describeDeath(death: HostDeath): string {
  return death.signal !== null ? `killed by ${death.signal}` : `exited with code ${death.code}`;
}
