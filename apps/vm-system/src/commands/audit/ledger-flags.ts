import { LedgerEvent, LedgerFilter } from '@vm-system/client';
import { Flags } from '../../cli/client-command';
import { FlagError, parseInteger } from '../../cli/parse-flags';

const KINDS = ['template', 'session', 'execution', 'token', 'source'];

/** --stream, --kind and --type as the ledger's filter. */
export function ledgerFilter(flags: Flags): LedgerFilter {
  const kind = flags.kind as string | undefined;
  if (kind !== undefined && !KINDS.includes(kind)) throw new FlagError('--kind', `--kind must be one of ${KINDS.join(', ')}`, 'VALIDATION_ERROR');
  return { stream_id: flags.stream as string | undefined, stream_kind: kind as LedgerFilter['stream_kind'], type: flags.type as string | undefined };
}

export const cursorFlag = (flags: Flags, name: 'afterPosition' | 'afterSeq', flag: string) =>
  flags[name] === undefined ? undefined : parseInteger(flag, flags[name] as string, 'VALIDATION_ERROR');

export const LEDGER_HEADERS = ['POSITION', 'STREAM', 'SEQ', 'TYPE', 'ACTOR', 'RECORDED_AT'];

export const ledgerRow = (e: LedgerEvent) => [e.position, e.stream_id, e.seq, e.type, String(e.metadata.actor ?? ''), e.recorded_at];

/** One line per event for a live tail. */
export const ledgerLine = (e: LedgerEvent) => `${e.position}  ${e.recorded_at}  ${e.stream_id}#${e.seq}  ${e.type}  ${String(e.metadata.actor ?? '-')}  ${JSON.stringify(e.data)}`;
