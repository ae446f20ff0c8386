import { Inject, Injectable } from '@nestjs/common';
import { ApiError, DaemonUnreachableError, VmSystemClient } from '@vm-system/client';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { GlobalOptions } from './global-options';
import { FlagError } from './parse-flags';
import { formatTable } from './table';
import { UsageError, exitStatusOf } from './usage-error';

const osUser = () => {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER;
  }
};

export const GLOBAL_OPTIONS = Symbol('GLOBAL_OPTIONS');

/** What every CLI command shares: the global flags, the REST client, and output. */
@Injectable()
export class CliContext {
  private clientInstance?: VmSystemClient;

  constructor(@Inject(GLOBAL_OPTIONS) readonly options: GlobalOptions) {}

  get client(): VmSystemClient {
    const { serverUrl, actor, token, caCert } = this.options;
    this.clientInstance ??= new VmSystemClient({ serverUrl, actor: actor ?? osUser(), token, ca: caCert ? readFileSync(caCert) : undefined });
    return this.clientInstance;
  }

  get json(): boolean {
    return this.options.output === 'json';
  }

  print(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  /** Exactly the text, no newline added: for output that is data (an execution's source). */
  write(text: string): void {
    process.stdout.write(text);
  }

  /** With --output json the daemon's answer as it came; else the human lines. */
  result(answer: unknown, human: () => string): void {
    this.print(this.json ? JSON.stringify(answer, null, 2) : human());
  }

  list<T>(answer: T[], emptyText: string, headers: string[], row: (item: T) => (string | number | boolean | undefined)[]): void {
    this.result(answer, () => (answer.length === 0 ? emptyText : formatTable(headers, answer.map(row))));
  }

  /** Runs a command body; errors become one line on stderr, exit 2 for a usage mistake and 1 for a failure. */
  async guard(body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      process.exitCode = exitStatusOf(error);
      if (error instanceof ApiError || error instanceof FlagError) {
        if (this.json) this.print(JSON.stringify(error.envelope, null, 2));
        process.stderr.write(`Error: ${error.code}: ${error.message}\n`);
      } else if (error instanceof UsageError) {
        process.stderr.write(`Error: ${error.code}: ${error.message}\n`);
      } else if (error instanceof DaemonUnreachableError) {
        process.stderr.write(`Error: ${error.message}\n`);
      } else {
        process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }
}
