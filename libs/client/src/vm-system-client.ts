import {
  CatalogLibrary,
  CatalogModule,
  Capability,
  CreateSessionBody,
  Execution,
  ExecutionEvent,
  ExecutionWithEvents,
  LedgerEvent,
  RuntimeSummary,
  Session,
  SettingsPatch,
  StartupFile,
  Template,
  TemplateDetail,
  TemplateSettings,
} from './api-types';
import { HttpTransport, TransportOptions, query } from './http-transport';

const seg = encodeURIComponent;

/** A typed client of the REST contract; the CLI and the e2e tests both use it. */
export class VmSystemClient {
  readonly http: HttpTransport;

  constructor(options: TransportOptions) {
    this.http = new HttpTransport(options);
  }

  health(): Promise<{ status: string }> {
    return this.http.request('GET', '/health');
  }

  createTemplate(body: { name: string; engine?: string }): Promise<Template> {
    return this.http.request('POST', '/templates', body);
  }

  listTemplates(): Promise<Template[]> {
    return this.http.request('GET', '/templates');
  }

  getTemplate(id: string): Promise<TemplateDetail> {
    return this.http.request('GET', `/templates/${seg(id)}`);
  }

  deleteTemplate(id: string): Promise<{ status: string; template_id: string }> {
    return this.http.request('DELETE', `/templates/${seg(id)}`);
  }

  changeSettings(id: string, patch: SettingsPatch): Promise<TemplateSettings> {
    return this.http.request('PATCH', `/templates/${seg(id)}/settings`, patch);
  }

  addCapability(id: string, body: { kind: string; name: string; enabled?: boolean; config?: Record<string, unknown> }): Promise<Capability> {
    return this.http.request('POST', `/templates/${seg(id)}/capabilities`, body);
  }

  listCapabilities(id: string): Promise<Capability[]> {
    return this.http.request('GET', `/templates/${seg(id)}/capabilities`);
  }

  addStartupFile(id: string, body: { path: string; order_index?: number; mode?: string }): Promise<StartupFile> {
    return this.http.request('POST', `/templates/${seg(id)}/startup-files`, body);
  }

  listStartupFiles(id: string): Promise<StartupFile[]> {
    return this.http.request('GET', `/templates/${seg(id)}/startup-files`);
  }

  addModule(id: string, name: string): Promise<{ template_id: string; name: string }> {
    return this.http.request('POST', `/templates/${seg(id)}/modules`, { name });
  }

  removeModule(id: string, name: string): Promise<{ template_id: string; name: string }> {
    return this.http.request('DELETE', `/templates/${seg(id)}/modules/${seg(name)}`);
  }

  listModules(id: string): Promise<string[]> {
    return this.http.request('GET', `/templates/${seg(id)}/modules`);
  }

  addLibrary(id: string, name: string): Promise<{ template_id: string; name: string }> {
    return this.http.request('POST', `/templates/${seg(id)}/libraries`, { name });
  }

  removeLibrary(id: string, name: string): Promise<{ template_id: string; name: string }> {
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

  ledgerEvents(afterPosition = 0, limit?: number): Promise<LedgerEvent[]> {
    return this.http.request('GET', `/ledger/events${query({ after_position: afterPosition, limit })}`);
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

  runtimeSummary(): Promise<RuntimeSummary> {
    return this.http.request('GET', '/runtime/summary');
  }

  repl(sessionId: string, input: string): Promise<ExecutionWithEvents> {
    return this.http.request('POST', '/executions/repl', { session_id: sessionId, input });
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

  executionEvents(id: string, afterSeq = 0, limit?: number): Promise<ExecutionEvent[]> {
    return this.http.request('GET', `/executions/${seg(id)}/events${query({ after_seq: afterSeq, limit })}`);
  }
}
