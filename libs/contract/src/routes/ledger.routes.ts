import { z } from 'zod';
import {
  ImportReport,
  LedgerEvent,
  LedgerEventsQuery,
  LedgerExportQuery,
  LedgerHead,
  LedgerStreamQuery,
  ProjectionStatus,
  RebuildLine,
  RebuildQuery,
  RebuildReport,
  StreamId,
  VerifyReport,
} from '../ledger';
import { JSON_TYPE, NDJSON_TYPE, SSE_TYPE, json, route } from './route';

export const ledgerRoutes = {
  ledgerEvents: route({
    method: 'GET',
    path: '/ledger/events',
    summary: 'Ledger events after a position, filtered; with follow=true a live tail',
    scope: 'read',
    query: LedgerEventsQuery,
    responses: {
      200: {
        description: 'Events by position; with follow=true, Server-Sent Events (`id` = position)',
        content: { [JSON_TYPE]: z.array(LedgerEvent), [SSE_TYPE]: null },
      },
    },
    errors: ['VALIDATION_ERROR'],
  }),
  ledgerStream: route({
    method: 'GET',
    path: '/ledger/streams/{stream_id}',
    summary: "One stream's events after a seq",
    scope: 'read',
    params: { stream_id: StreamId },
    query: LedgerStreamQuery,
    responses: { 200: json('Events by seq', z.array(LedgerEvent)) },
    errors: ['VALIDATION_ERROR'],
  }),
  ledgerHead: route({
    method: 'GET',
    path: '/ledger/head',
    summary: 'The last row: what the next append chains from',
    scope: 'read',
    responses: { 200: json('The head', LedgerHead) },
    errors: [],
  }),
  verifyLedger: route({
    method: 'GET',
    path: '/ledger/verify',
    summary: 'Walk the hash chain from position 1',
    scope: 'read',
    responses: { 200: json('The verdict', VerifyReport) },
    errors: [],
  }),
  exportLedger: route({
    method: 'GET',
    path: '/ledger/export',
    summary: 'The ledger as NDJSON, one row a line, hashes included',
    scope: 'read',
    query: LedgerExportQuery,
    responses: { 200: { description: 'One JSON row a line', content: { [NDJSON_TYPE]: LedgerEvent } } },
    errors: ['VALIDATION_ERROR'],
  }),
  importLedger: route({
    method: 'POST',
    path: '/ledger/import',
    summary: 'Load an export into an empty ledger, every hash checked, in one transaction',
    scope: 'admin',
    body: { schema: LedgerEvent, contentType: NDJSON_TYPE, required: true },
    responses: { 201: json('What was imported', ImportReport) },
    errors: ['INVALID_REQUEST', 'LEDGER_NOT_EMPTY', 'IMPORT_REJECTED'],
  }),
  projectionStatus: route({
    method: 'GET',
    path: '/ops/projections',
    summary: "Each read model's checkpoint and lag",
    scope: 'read',
    responses: { 200: json('Projections', z.array(ProjectionStatus)) },
    errors: [],
  }),
  rebuildProjections: route({
    method: 'POST',
    path: '/ops/rebuild-projections',
    summary: 'Rebuild every read model beside the live ones, compare, swap',
    scope: 'admin',
    query: RebuildQuery,
    responses: {
      200: {
        description: 'The report; with progress=true, NDJSON lines',
        content: { [JSON_TYPE]: RebuildReport, [NDJSON_TYPE]: RebuildLine },
      },
    },
    errors: ['VALIDATION_ERROR', 'REBUILD_IN_PROGRESS'],
  }),
};
