import { CancelExecutionHandler } from './cancel-execution.handler';
import { RunFileHandler } from './run-file.handler';
import { RunReplHandler } from './run-repl.handler';

export const ExecutionCommandHandlers = [RunReplHandler, RunFileHandler, CancelExecutionHandler];

export * from './run-file.command';
export * from './run-repl.command';
export * from './cancel-execution.command';
