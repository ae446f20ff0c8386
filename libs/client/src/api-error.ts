export interface ErrorEnvelope {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

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
  constructor(readonly serverUrl: string, cause?: unknown) {
    super(`cannot reach the vm-system daemon at ${serverUrl}: is it running? Start it with: vm-system serve`, { cause });
    this.name = 'DaemonUnreachableError';
  }
}
