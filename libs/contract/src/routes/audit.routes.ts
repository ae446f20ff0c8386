import { ReplayReport, SessionStory, StateAt, StateAtQuery, StreamOrId } from '../audit';
import { Uuid } from '../primitives';
import { json, route } from './route';

export const auditRoutes = {
  stateAt: route({
    method: 'GET',
    path: '/audit/state/{id}',
    summary: "A template's or session's state at a position or time (default: now)",
    scope: 'read',
    params: { id: StreamOrId },
    query: StateAtQuery,
    responses: { 200: json('The state', StateAt) },
    errors: ['VALIDATION_ERROR', 'STREAM_NOT_FOUND'],
  }),
  sessionStory: route({
    method: 'GET',
    path: '/audit/sessions/{session_id}',
    summary: 'A session with its template snapshot, its stream and every execution with its events',
    scope: 'read',
    params: { session_id: Uuid },
    responses: { 200: json('The story', SessionStory) },
    errors: ['VALIDATION_ERROR', 'SESSION_NOT_FOUND'],
  }),
  replaySession: route({
    method: 'POST',
    path: '/audit/sessions/{session_id}/replay',
    summary: "Re-execute a session's history in a throwaway host and compare (nothing appended)",
    scope: 'execute',
    params: { session_id: Uuid },
    responses: { 200: json('The comparison', ReplayReport) },
    errors: ['VALIDATION_ERROR', 'SESSION_NOT_FOUND'],
  }),
};
