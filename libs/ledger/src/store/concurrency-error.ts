import { DomainError } from '@vm-system/domain';

/** The stream moved on since the caller read it. */
export class ConcurrencyError extends DomainError {
  constructor(streamId: string, expectedSeq: number, actualSeq: number) {
    super('CONCURRENCY_CONFLICT', `Stream ${streamId} is at seq ${actualSeq}, expected ${expectedSeq}`, {
      stream_id: streamId,
      expected_seq: expectedSeq,
      actual_seq: actualSeq,
    });
  }
}
