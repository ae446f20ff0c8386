import { SubCommand } from 'nest-commander';
import { ReplayReport, ReplayedExecution } from '@vm-system/client';
import { ClientCommand } from '../../cli/client-command';

function describeExecution(e: ReplayedExecution): string {
  const difference = e.first_difference;
  if (!difference) return `${e.execution_id}  ${e.verdict}`;
  return `${e.execution_id}  ${e.verdict}: event ${difference.index} expected ${JSON.stringify(difference.expected)}, got ${JSON.stringify(difference.actual)}`;
}

function describeReport(report: ReplayReport): string {
  const lines = [`Replay of session ${report.session_id}: ${report.verdict} (${report.executions.length} replayed, ${report.skipped.length} skipped)`];
  if (report.error) lines.push(`Replay could not run: ${report.error}`);
  lines.push(...report.executions.map(describeExecution));
  if (report.skipped.length) lines.push(`Skipped: ${report.skipped.join(', ')}`);
  return lines.join('\n');
}

@SubCommand({ name: 'replay', arguments: '<sessionId>', description: "Re-execute a session's history in a throwaway host and compare it with the ledger (exit 1 on a divergence)" })
export class AuditReplayCommand extends ClientCommand {
  protected async execute([sessionId]: string[]): Promise<void> {
    const report = await this.cli.client.replaySession(sessionId);
    // A replay that could not run has verified nothing: a script must not read it as a pass.
    if (report.verdict === 'diverged' || report.error) process.exitCode = 1;
    this.cli.result(report, () => describeReport(report));
  }
}
