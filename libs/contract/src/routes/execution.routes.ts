import { z } from 'zod';
import { Execution, ExecutionEvent, ExecutionEventsQuery, ExecutionWithEvents, ListExecutionsQuery, ReplBody, RunFileBody } from '../executions';
import { Uuid } from '../primitives';
import { JSON_TYPE, SSE_TYPE, TEXT_TYPE, json, jsonBody, route } from './route';

const execution = { execution_id: Uuid };
const UNKNOWN_EXECUTION = ['VALIDATION_ERROR', 'EXECUTION_NOT_FOUND'] as const;
const RUNS = ['VALIDATION_ERROR', 'SESSION_NOT_FOUND', 'SESSION_NOT_READY', 'SESSION_BUSY', 'OUTPUT_LIMIT_EXCEEDED', 'LIBRARY_NOT_CACHED'] as const;
const started = json('wait: false: the execution, running', Execution);

export const executionRoutes = {
  runRepl: route({
    method: 'POST',
    path: '/executions/repl',
    summary: 'Evaluate a snippet in a session (a JavaScript exception is a 201 with status error)',
    scope: 'execute',
    body: jsonBody(ReplBody),
    responses: { 201: json('The execution, ended, with its events', ExecutionWithEvents), 202: started },
    errors: RUNS,
  }),
  runFile: route({
    method: 'POST',
    path: '/executions/run-file',
    summary: "Run a file of the session's worktree",
    scope: 'execute',
    body: jsonBody(RunFileBody),
    responses: { 201: json('The execution, ended, with its events', ExecutionWithEvents), 202: started },
    errors: [...RUNS, 'FILE_NOT_FOUND', 'INVALID_PATH'],
  }),
  listExecutions: route({
    method: 'GET',
    path: '/executions',
    summary: "A session's executions, newest first",
    scope: 'read',
    query: ListExecutionsQuery,
    responses: { 200: json('Executions', z.array(Execution)) },
    errors: ['VALIDATION_ERROR', 'SESSION_NOT_FOUND'],
  }),
  getExecution: route({
    method: 'GET',
    path: '/executions/{execution_id}',
    summary: 'An execution',
    scope: 'read',
    params: execution,
    responses: { 200: json('The execution', Execution) },
    errors: UNKNOWN_EXECUTION,
  }),
  cancelExecution: route({
    method: 'POST',
    path: '/executions/{execution_id}/cancel',
    summary: 'Stop a running execution; the session stays ready',
    scope: 'execute',
    params: execution,
    responses: { 200: json('The execution, cancelled', Execution) },
    errors: [...UNKNOWN_EXECUTION, 'EXECUTION_NOT_RUNNING'],
  }),
  executionSource: route({
    method: 'GET',
    path: '/executions/{execution_id}/source',
    summary: 'The exact text a startup or run_file execution ran',
    scope: 'read',
    params: execution,
    responses: { 200: { description: 'The source text', content: { [TEXT_TYPE]: z.string() } } },
    errors: [...UNKNOWN_EXECUTION, 'SOURCE_NOT_RECORDED'],
  }),
  executionEvents: route({
    method: 'GET',
    path: '/executions/{execution_id}/events',
    summary: "A page of an execution's events by seq, or with follow=true a live tail",
    scope: 'read',
    params: execution,
    query: ExecutionEventsQuery,
    responses: {
      200: {
        description: 'The events after after_seq, ascending; with follow=true, Server-Sent Events (`id` = seq; `event: end` carries the finished execution)',
        content: { [JSON_TYPE]: z.array(ExecutionEvent), [SSE_TYPE]: null },
      },
    },
    errors: UNKNOWN_EXECUTION,
  }),
};
