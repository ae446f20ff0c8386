import { SubCommand } from 'nest-commander';
import { Execution } from '@vm-system/client';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'get', arguments: '<executionId>', description: 'Show an execution' })
export class ExecGetCommand extends ClientCommand {
  protected async execute([executionId]: string[]): Promise<void> {
    const execution = await this.cli.client.getExecution(executionId);
    this.cli.result(execution, () => describe(execution));
  }
}

function describe(e: Execution): string {
  const lines = [`ID: ${e.id}`, `Session ID: ${e.session_id}`, `Kind: ${e.kind}`, `Status: ${e.status}`];
  if (e.input !== undefined) lines.push(`Input: ${e.input}`);
  if (e.path !== undefined) lines.push(`Path: ${e.path}`);
  if (e.source_sha256 !== undefined) lines.push(`Source SHA256: ${e.source_sha256}`);
  lines.push(`Started At: ${e.started_at}`);
  if (e.ended_at) lines.push(`Ended At: ${e.ended_at}`);
  if (e.result !== undefined) lines.push(`Result: ${JSON.stringify(e.result)}`);
  if (e.error !== undefined) lines.push(`Error: ${JSON.stringify(e.error)}`);
  lines.push(`Metrics: ${JSON.stringify(e.metrics)}`);
  return lines.join('\n');
}
