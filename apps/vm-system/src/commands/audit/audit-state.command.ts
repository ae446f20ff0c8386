import { Option, SubCommand } from 'nest-commander';
import { PointInHistory, StateAt } from '@vm-system/client';
import { ClientCommand, Flags } from '../../cli/client-command';
import { FlagError } from '../../cli/parse-flags';

/** --at is a position (digits) or a timestamp (anything Date.parse reads, sent as ISO 8601). */
function pointFlag(value: unknown): PointInHistory | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (/^\d+$/.test(text)) return { position: Number(text) };
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) throw new FlagError('--at', `--at must be a ledger position or a timestamp: ${text}`, 'VALIDATION_ERROR');
  return { timestamp: new Date(millis).toISOString() };
}

function describeState(answer: StateAt): string {
  const at = 'position' in answer.at ? `position ${answer.at.position}` : answer.at.timestamp;
  const header =
    answer.seq === 0
      ? `${answer.stream_id} at ${at}: did not exist yet`
      : `${answer.stream_id} at ${at}: seq ${answer.seq} (position ${answer.position}, recorded ${answer.recorded_at})`;
  return `${header}\n${JSON.stringify(answer.state, null, 2)}`;
}

@SubCommand({
  name: 'state',
  arguments: '<id>',
  description: "A template's or session's state rebuilt from its events up to --at (a position or a timestamp; default now)",
})
export class AuditStateCommand extends ClientCommand {
  protected async execute([id]: string[], flags: Flags): Promise<void> {
    const answer = await this.cli.client.stateAt(id, pointFlag(flags.at));
    this.cli.result(answer, () => describeState(answer));
  }

  @Option({ flags: '--at <positionOrTimestamp>', description: 'a ledger position (e.g. 120) or a timestamp (e.g. 2026-12-02T10:00:00Z)' })
  parseAt(value: string): string {
    return value;
  }
}
