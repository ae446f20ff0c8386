import { SubCommand } from 'nest-commander';
import type { VerifyReport } from '@vm-system/client';
import { ClientCommand } from '../../cli/client-command';
import { Progress } from '../../cli/progress';

/** The daemon's verdict, plus what only a reader of the export meets: a line that is not a row. */
type ExportVerifyReport = VerifyReport | (Omit<Extract<VerifyReport, { ok: false }>, 'reason'> & { reason: 'unreadable_row' });

function describeReport(report: ExportVerifyReport): string {
  if (report.ok) return `Ledger verified: ${report.count} events, head position ${report.head_position}, head hash ${report.head_hash}`;
  const what = report.reason === 'hash_mismatch' ? `the row hashes to ${report.expected}, the ledger holds ${report.found}` : `expected ${report.expected}, found ${report.found}`;
  return `Ledger chain broken at position ${report.first_bad_position} (${report.reason}): ${what}; ${report.count} events before it verified`;
}

/**
 * Checks the chain here, in the CLI, from the exported rows: an auditor need not trust the
 * daemon's own verdict (GET /ledger/verify gives that one).
 */
@SubCommand({ name: 'verify', description: "Walk the ledger's hash chain and report the first row that does not match, or the count and head hash" })
export class AuditVerifyCommand extends ClientCommand {
  protected async execute(): Promise<void> {
    // Loaded here: the other commands must not pay for it at start.
    const { ChainVerifier, parseExportLine } = await import('@vm-system/ledger-chain');
    const head = await this.cli.client.ledgerHead();
    const verifier = new ChainVerifier();
    const progress = new Progress('verified');
    let line = 0;
    let unreadable: ExportVerifyReport | undefined;
    for await (const text of this.cli.client.exportLedger()) {
      line++;
      let row;
      try {
        row = parseExportLine(text, line);
      } catch (error) {
        const position = verifier.headPosition + 1;
        unreadable = { ok: false, count: verifier.count, first_bad_position: position, reason: 'unreadable_row', expected: 'a ledger row', found: (error as Error).message };
        break;
      }
      if (!verifier.check(row)) break;
      progress.update(verifier.count, head.position);
    }
    progress.finish(verifier.count);
    const broken = verifier.firstBreak;
    const report: ExportVerifyReport =
      unreadable ??
      (broken
        ? { ok: false, count: verifier.count, first_bad_position: broken.position, reason: broken.reason, expected: broken.expected, found: broken.found }
        : { ok: true, count: verifier.count, head_position: verifier.headPosition, head_hash: verifier.headHash });
    if (!report.ok) process.exitCode = 1;
    this.cli.result(report, () => describeReport(report));
  }
}
