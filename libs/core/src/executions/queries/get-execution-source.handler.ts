import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { ExecutionsReadModel } from '@vm-system/projections';
import { readSessionEvents } from '../../sessions/restore/session-history';
import { readSource } from '../sources';
import { GetExecutionSourceQuery } from './get-execution-source.query';

@QueryHandler(GetExecutionSourceQuery)
export class GetExecutionSourceHandler implements IQueryHandler<GetExecutionSourceQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly executions: ExecutionsReadModel,
  ) {}

  async execute({ executionId }: GetExecutionSourceQuery): Promise<string> {
    const execution = this.executions.find(executionId);
    if (!execution) throw new DomainError('EXECUTION_NOT_FOUND', `Execution not found: ${executionId}`, { execution_id: executionId });
    if (execution.kind === 'repl') return execution.input ?? '';
    const started = readSessionEvents(this.store, execution.session_id).find((event) => event.type === 'ExecutionStarted' && event.data.execution_id === executionId);
    const sha256 = started?.type === 'ExecutionStarted' ? started.data.source_sha256 : undefined;
    const text = sha256 === undefined ? undefined : readSource(this.store, sha256);
    if (text === undefined) {
      throw new DomainError('SOURCE_NOT_RECORDED', `Execution ${executionId} ran before sources were recorded`, { execution_id: executionId });
    }
    return text;
  }
}
