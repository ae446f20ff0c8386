/**
 * Progress of long CLI work on stderr, so stdout stays the answer (a table, JSON, NDJSON).
 * On a terminal it redraws one line; elsewhere it writes a line at most every second.
 */
export class Progress {
  private readonly started = performance.now();
  /** Quick work shows only its last line: the first update waits as long as between two. */
  private lastWrite = this.started;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly label: string) {}

  update(done: number, total?: number, unit = 'events'): void {
    const now = performance.now();
    if (now - this.lastWrite < (this.tty ? 100 : 1000)) return;
    this.lastWrite = now;
    this.write(this.describe(done, total, unit));
  }

  /** The last line: how much, how long, how fast. */
  finish(done: number, unit = 'events'): void {
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : done;
    this.write(`${this.label}: ${done.toLocaleString('en-US')} ${unit} in ${seconds.toFixed(1)} s (${rate.toLocaleString('en-US')} ${unit}/s)`);
    if (this.tty) process.stderr.write('\n');
  }

  /** Ends the progress without a line of its own (the caller reports the rate). */
  clear(): void {
    if (this.tty) process.stderr.write('\r\x1b[K');
  }

  private describe(done: number, total: number | undefined, unit: string): string {
    const count = `${done.toLocaleString('en-US')}${total ? ` / ${total.toLocaleString('en-US')}` : ''} ${unit}`;
    const percent = total ? ` (${Math.floor((done / total) * 100)}%)` : '';
    return `${this.label}: ${count}${percent}`;
  }

  private write(line: string): void {
    process.stderr.write(this.tty ? `\r\x1b[K${line}` : `${line}\n`);
  }
}
