import type {
  ClusterNode,
  AddCapabilityBody,
  AddStartupFileBody,
  CatalogLibrary,
  CatalogModule,
  Capability,
  CreateSessionBody,
  CreateTemplateBody,
  Execution,
  ExecutionEvent,
  ExecutionWithEvents,
  ExecutionFollowItem,
  ForkSessionBody,
  ImportReport,
  LedgerEvent,
  LedgerFilter,
  LedgerHead,
  PointInHistory,
  ProjectionStatus,
  RebuildProgress,
  RebuildReport,
  ReplayReport,
  SessionStory,
  StateAt,
  VerifyReport,
  RuntimeSummary,
  Session,
  SettingsPatch,
  StartupFile,
  Template,
  TemplateDeleted,
  TemplateDetail,
  TemplateModuleOrLibrary,
  TemplateModuleOrLibraryRemoved,
  TemplateSettings,
  IssueTokenBody,
  IssuedToken,
  Health,
  Token,
} from './api-types';
import type { Readable } from 'node:stream';
import { HttpTransport, TransportOptions, query } from './http-transport';
import { lines, serverSentEvents } from './stream-request';

const seg = encodeURIComponent;

/** A typed client of the REST contract; the CLI and the e2e tests both use it. */
export class VmSystemClient {
  readonly http: HttpTransport;

  constructor(options: TransportOptions) {
    this.http = new HttpTransport(options);
  }

  createToken(body: IssueTokenBody): Promise<IssuedToken> {
    return this.http.request('POST', '/tokens', body);
  }

  listTokens(): Promise<Token[]> {
    return this.http.request('GET', '/tokens');
  }

  revokeToken(id: string): Promise<Token> {
    return this.http.request('DELETE', `/tokens/${seg(id)}`);
  }

  health(): Promise<Health> {
    return this.http.request('GET', '/health');
  }

  createTemplate(body: CreateTemplateBody): Promise<Template> {
    return this.http.request('POST', '/templates', body);
  }

  listTemplates(): Promise<Template[]> {
    return this.http.request('GET', '/templates');
  }

  getTemplate(id: string): Promise<TemplateDetail> {
    return this.http.request('GET', `/templates/${seg(id)}`);
  }

  deleteTemplate(id: string): Promise<TemplateDeleted> {
    return this.http.request('DELETE', `/templates/${seg(id)}`);
  }

  changeSettings(id: string, patch: SettingsPatch): Promise<TemplateSettings> {
    return this.http.request('PATCH', `/templates/${seg(id)}/settings`, patch);
  }

  addCapability(id: string, body: AddCapabilityBody): Promise<Capability> {
    return this.http.request('POST', `/templates/${seg(id)}/capabilities`, body);
  }

  listCapabilities(id: string): Promise<Capability[]> {
    return this.http.request('GET', `/templates/${seg(id)}/capabilities`);
  }

  addStartupFile(id: string, body: AddStartupFileBody): Promise<StartupFile> {
    return this.http.request('POST', `/templates/${seg(id)}/startup-files`, body);
  }

  listStartupFiles(id: string): Promise<StartupFile[]> {
    return this.http.request('GET', `/templates/${seg(id)}/startup-files`);
  }

  addModule(id: string, name: string): Promise<TemplateModuleOrLibrary> {
    return this.http.request('POST', `/templates/${seg(id)}/modules`, { name });
  }

  removeModule(id: string, name: string): Promise<TemplateModuleOrLibraryRemoved> {
    return this.http.request('DELETE', `/templates/${seg(id)}/modules/${seg(name)}`);
  }

  listModules(id: string): Promise<string[]> {
    return this.http.request('GET', `/templates/${seg(id)}/modules`);
  }

  addLibrary(id: string, name: string): Promise<TemplateModuleOrLibrary> {
    return this.http.request('POST', `/templates/${seg(id)}/libraries`, { name });
  }

  removeLibrary(id: string, name: string): Promise<TemplateModuleOrLibraryRemoved> {
    return this.http.request('DELETE', `/templates/${seg(id)}/libraries/${seg(name)}`);
  }

  listLibraries(id: string): Promise<string[]> {
    return this.http.request('GET', `/templates/${seg(id)}/libraries`);
  }

  catalogModules(): Promise<CatalogModule[]> {
    return this.http.request('GET', '/catalog/modules');
  }

  catalogLibraries(): Promise<CatalogLibrary[]> {
    return this.http.request('GET', '/catalog/libraries');
  }

  ledgerEvents(afterPosition = 0, limit?: number, filter: LedgerFilter = {}): Promise<LedgerEvent[]> {
    return this.http.request('GET', `/ledger/events${query({ after_position: afterPosition, limit, ...filter })}`);
  }

  /** The ledger's events after a position, then each new one as it commits (SSE), until aborted. */
  async *followLedger(afterPosition = 0, filter: LedgerFilter = {}, signal?: AbortSignal): AsyncGenerator<LedgerEvent> {
    const res = await this.http.stream(
      'GET',
      `/ledger/events${query({ after_position: afterPosition, ...filter, follow: 'true' })}`,
      { accept: 'text/event-stream' },
      undefined,
      signal,
    );
    for await (const message of serverSentEvents(res)) if (message.event === 'message') yield JSON.parse(message.data);
  }

  ledgerHead(): Promise<LedgerHead> {
    return this.http.request('GET', '/ledger/head');
  }

  verifyLedger(): Promise<VerifyReport> {
    return this.http.request('GET', '/ledger/verify');
  }

  /** NDJSON lines of the ledger after a position, as the daemon streams them. */
  async *exportLedger(afterPosition = 0): AsyncGenerator<string> {
    const res = await this.http.stream('GET', `/ledger/export${query({ after_position: afterPosition })}`, { accept: 'application/x-ndjson' });
    yield* lines(res);
  }

  async importLedger(ndjson: Readable): Promise<ImportReport> {
    const res = await this.http.stream('POST', '/ledger/import', { 'content-type': 'application/x-ndjson', accept: 'application/json' }, ndjson);
    let text = '';
    for await (const line of lines(res)) text += line;
    return JSON.parse(text);
  }

  stateAt(id: string, at?: PointInHistory): Promise<StateAt> {
    const point = at === undefined ? {} : 'position' in at ? { at_position: at.position } : { at: at.timestamp };
    return this.http.request('GET', `/audit/state/${seg(id)}${query(point)}`);
  }

  sessionStory(sessionId: string): Promise<SessionStory> {
    return this.http.request('GET', `/audit/sessions/${seg(sessionId)}`);
  }

  /** Re-executes the session's history in a throwaway host and compares it with the ledger. */
  replaySession(sessionId: string): Promise<ReplayReport> {
    return this.http.request('POST', `/audit/sessions/${seg(sessionId)}/replay`);
  }

  projections(): Promise<ProjectionStatus[]> {
    return this.http.request('GET', '/ops/projections');
  }

  /** Rebuilds every read model; progress arrives while it runs. */
  async rebuildProjections(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    const res = await this.http.stream('POST', '/ops/rebuild-projections?progress=true', { accept: 'application/x-ndjson' });
    for await (const line of lines(res)) {
      const message = JSON.parse(line);
      if (message.progress) onProgress?.(message.progress);
      if (message.report) return message.report;
      if (message.error) throw new Error(`rebuild failed: ${message.error.message}`);
    }
    throw new Error('the daemon ended the rebuild without a report');
  }

  ledgerStream(streamId: string, afterSeq = 0, limit?: number): Promise<LedgerEvent[]> {
    return this.http.request('GET', `/ledger/streams/${seg(streamId)}${query({ after_seq: afterSeq, limit })}`);
  }

  createSession(body: CreateSessionBody): Promise<Session> {
    return this.http.request('POST', '/sessions', body);
  }

  listSessions(status?: string): Promise<Session[]> {
    return this.http.request('GET', `/sessions${query({ status })}`);
  }

  getSession(id: string): Promise<Session> {
    return this.http.request('GET', `/sessions/${seg(id)}`);
  }

  closeSession(id: string): Promise<Session> {
    return this.http.request('POST', `/sessions/${seg(id)}/close`);
  }

  suspendSession(id: string): Promise<Session> {
    return this.http.request('POST', `/sessions/${seg(id)}/suspend`);
  }

  /** Answers once the session is restored (a ready one comes back unchanged). */
  resumeSession(id: string): Promise<Session> {
    return this.http.request('POST', `/sessions/${seg(id)}/resume`);
  }

  /** A new session from the parent's history, up to `at_execution_id` when given. */
  forkSession(id: string, body: ForkSessionBody = {}): Promise<Session> {
    return this.http.request('POST', `/sessions/${seg(id)}/fork`, body);
  }

  /** The daemons sharing the ledger (on SQLite: the one). */
  clusterNodes(): Promise<ClusterNode[]> {
    return this.http.request('GET', '/cluster/nodes');
  }

  runtimeSummary(): Promise<RuntimeSummary> {
    return this.http.request('GET', '/runtime/summary');
  }

  repl(sessionId: string, input: string): Promise<ExecutionWithEvents> {
    return this.http.request('POST', '/executions/repl', { session_id: sessionId, input });
  }

  /** Starts a snippet and answers at once (202) with the running execution. */
  startRepl(sessionId: string, input: string): Promise<Execution> {
    return this.http.request('POST', '/executions/repl', { session_id: sessionId, input, wait: false });
  }

  startRunFile(sessionId: string, path: string, options: { args?: Record<string, unknown>; env?: Record<string, unknown> } = {}): Promise<Execution> {
    return this.http.request('POST', '/executions/run-file', { session_id: sessionId, path, ...options, wait: false });
  }

  /** The execution's events after a seq as they are recorded (SSE); ends with the finished execution. */
  async *followExecution(id: string, afterSeq = 0, signal?: AbortSignal): AsyncGenerator<ExecutionFollowItem> {
    const res = await this.http.stream('GET', `/executions/${seg(id)}/events${query({ after_seq: afterSeq, follow: 'true' })}`, { accept: 'text/event-stream' }, undefined, signal);
    for await (const message of serverSentEvents(res)) {
      if (message.event === 'message') yield { kind: 'event', event: JSON.parse(message.data) };
      else if (message.event === 'end') yield { kind: 'end', execution: JSON.parse(message.data) };
    }
  }

  runFile(sessionId: string, path: string, options: { args?: Record<string, unknown>; env?: Record<string, unknown> } = {}): Promise<ExecutionWithEvents> {
    return this.http.request('POST', '/executions/run-file', { session_id: sessionId, path, ...options });
  }

  listExecutions(sessionId: string, limit?: number): Promise<Execution[]> {
    return this.http.request('GET', `/executions${query({ session_id: sessionId, limit })}`);
  }

  getExecution(id: string): Promise<Execution> {
    return this.http.request('GET', `/executions/${seg(id)}`);
  }

  cancelExecution(id: string): Promise<Execution> {
    return this.http.request('POST', `/executions/${seg(id)}/cancel`);
  }

  /** The exact text the execution ran. */
  executionSource(id: string): Promise<string> {
    return this.http.requestText('GET', `/executions/${seg(id)}/source`);
  }

  executionEvents(id: string, afterSeq = 0, limit?: number): Promise<ExecutionEvent[]> {
    return this.http.request('GET', `/executions/${seg(id)}/events${query({ after_seq: afterSeq, limit })}`);
  }
}
