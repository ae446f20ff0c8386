import type { ErrorEnvelope } from '@vm-system/contract';

/** The daemon answered with an error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly envelope: ErrorEnvelope,
    readonly requestId?: string,
  ) {
    super(envelope.error.message);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.envelope.error.code;
  }
}

/** Nothing answered at the server URL. */
export class DaemonUnreachableError extends Error {
  constructor(
    readonly serverUrl: string,
    cause?: unknown,
  ) {
    super(reason(serverUrl, cause), { cause });
    this.name = 'DaemonUnreachableError';
  }
}

/** A certificate the client does not trust is not a daemon that is down: say which. */
function reason(serverUrl: string, cause: unknown): string {
  const code = (cause as { code?: string } | undefined)?.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return `cannot trust the TLS certificate of ${serverUrl} (${code}): pass --ca-cert FILE or set NODE_EXTRA_CA_CERTS`;
  }
  return `cannot reach the vm-system daemon at ${serverUrl}: is it running? Start it with: vm-system serve`;
}
