import { z } from 'zod';
import { Uuid } from '../primitives';
import { CreateSessionBody, ForkSessionBody, ListSessionsQuery, RuntimeSummary, Session } from '../sessions';
import { json, jsonBody, route } from './route';

const session = { session_id: Uuid };
const UNKNOWN_SESSION = ['VALIDATION_ERROR', 'SESSION_NOT_FOUND'] as const;

export const sessionRoutes = {
  createSession: route({
    method: 'POST',
    path: '/sessions',
    summary: "Start a session from a template's configuration; its startup files run first",
    scope: 'execute',
    body: jsonBody(CreateSessionBody),
    responses: { 201: json('The session, ready', Session) },
    errors: ['VALIDATION_ERROR', 'TEMPLATE_NOT_FOUND', 'INVALID_PATH', 'STARTUP_FAILED', 'LIBRARY_NOT_CACHED', 'QUOTA_EXCEEDED'],
  }),
  listSessions: route({
    method: 'GET',
    path: '/sessions',
    summary: 'Sessions, newest first, optionally by status',
    scope: 'read',
    query: ListSessionsQuery,
    responses: { 200: json('Sessions', z.array(Session)) },
    errors: ['VALIDATION_ERROR'],
  }),
  getSession: route({
    method: 'GET',
    path: '/sessions/{session_id}',
    summary: 'A session',
    scope: 'read',
    params: session,
    responses: { 200: json('The session', Session) },
    errors: UNKNOWN_SESSION,
  }),
  closeSession: route({
    method: 'POST',
    path: '/sessions/{session_id}/close',
    summary: 'Close a session (a closed or crashed one answers unchanged)',
    scope: 'execute',
    params: session,
    responses: { 200: json('The session, closed', Session) },
    errors: UNKNOWN_SESSION,
  }),
  deleteSession: route({
    method: 'DELETE',
    path: '/sessions/{session_id}',
    summary: 'Close a session, as POST /close does',
    scope: 'execute',
    params: session,
    responses: { 200: json('The session, closed', Session) },
    errors: UNKNOWN_SESSION,
  }),
  suspendSession: route({
    method: 'POST',
    path: '/sessions/{session_id}/suspend',
    summary: 'Free the host; the state stays in the ledger',
    scope: 'execute',
    params: session,
    responses: { 200: json('The session, suspended', Session) },
    errors: [...UNKNOWN_SESSION, 'SESSION_BUSY', 'SESSION_NOT_READY'],
  }),
  resumeSession: route({
    method: 'POST',
    path: '/sessions/{session_id}/resume',
    summary: 'Restore a suspended session by replay (a ready one answers unchanged)',
    scope: 'execute',
    params: session,
    responses: { 200: json('The session, ready', Session) },
    errors: [...UNKNOWN_SESSION, 'SESSION_NOT_READY', 'LIBRARY_NOT_CACHED'],
  }),
  forkSession: route({
    method: 'POST',
    path: '/sessions/{session_id}/fork',
    summary: "A new session whose history is the parent's replayable executions, up to one",
    scope: 'execute',
    params: session,
    body: jsonBody(ForkSessionBody, false),
    responses: { 201: json('The new session, restored', Session) },
    errors: [...UNKNOWN_SESSION, 'EXECUTION_NOT_FOUND', 'INVALID_PATH', 'LIBRARY_NOT_CACHED', 'QUOTA_EXCEEDED'],
  }),
  runtimeSummary: route({
    method: 'GET',
    path: '/runtime/summary',
    summary: "The sessions alive in this daemon's memory",
    scope: 'read',
    responses: { 200: json('Runtime summary', RuntimeSummary) },
    errors: [],
  }),
};
