import { Query } from '@nestjs/cqrs';

/** The exact text the execution ran: a REPL's input, a file's recorded source. */
export class GetExecutionSourceQuery extends Query<string> {
  constructor(readonly executionId: string) {
    super();
  }
}
