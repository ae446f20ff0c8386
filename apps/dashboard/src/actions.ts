// What a person can do to sessions and executions from the dashboard: each is one POST to the
// API, answered with the resource as it is afterwards (or the daemon's error).
import { api, Execution, Session } from './api';

export const closeSession = (id: string) => api<Session>(`/sessions/${id}/close`, { method: 'POST' });

/** 409 SESSION_BUSY while an execution runs, SESSION_NOT_READY unless the session is ready. */
export const suspendSession = (id: string) => api<Session>(`/sessions/${id}/suspend`, { method: 'POST' });

/** Answers once the session is restored and ready; a ready session comes back unchanged. */
export const resumeSession = (id: string) => api<Session>(`/sessions/${id}/resume`, { method: 'POST' });

/** A new session whose history is this one's up to and including `atExecutionId`, restored. */
export const forkSession = (id: string, atExecutionId: string) => api<Session>(`/sessions/${id}/fork`, { method: 'POST', body: { at_execution_id: atExecutionId } });

/** Answers once the execution is recorded `cancelled`; 409 EXECUTION_NOT_RUNNING when it already ended. */
export const cancelExecution = (id: string) => api<Execution>(`/executions/${id}/cancel`, { method: 'POST' });
