import { Query } from '@nestjs/cqrs';

/**
 * An execution as the run routes answer it, as JSON text: the execution, with `events` (all
 * of them) when asked. The text equals JSON.stringify of GetExecution's view (plus
 * ListExecutionEvents' events), written without parsing the stored JSON it splices in.
 */
export class GetExecutionJsonQuery extends Query<string> {
  constructor(
    readonly executionId: string,
    readonly withEvents: boolean,
  ) {
    super();
  }
}
