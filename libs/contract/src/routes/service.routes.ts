import { z } from 'zod';
import { CatalogLibrary, CatalogModule } from '../catalog';
import { Health } from '../health';
import { ClusterNode } from '../cluster';
import { OpenApiDocument } from '../openapi/openapi-document.schema';
import { TEXT_TYPE, json, route } from './route';

export const serviceRoutes = {
  health: route({
    method: 'GET',
    path: '/health',
    summary: 'Whether the daemon answers (open even with auth on)',
    scope: 'public',
    responses: { 200: json('It does', Health) },
    errors: [],
  }),
  openApi: route({
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document: every route of the API, generated from the schemas that validate requests',
    scope: 'read',
    responses: { 200: json('OpenAPI 3.1', OpenApiDocument) },
    errors: [],
  }),
  metrics: route({
    method: 'GET',
    path: '/metrics',
    atRoot: true,
    summary: "The daemon's Prometheus metrics (text exposition format), at the root: GET /metrics",
    scope: 'read',
    responses: { 200: { description: 'Prometheus text format 0.0.4', content: { [TEXT_TYPE]: z.string() } } },
    errors: [],
  }),
  clusterNodes: route({
    method: 'GET',
    path: '/cluster/nodes',
    summary: 'The daemons sharing this ledger, with their leases and live sessions (on SQLite: this one)',
    scope: 'read',
    responses: { 200: json('Nodes, by node id', z.array(ClusterNode)) },
    errors: [],
  }),
  catalogModules: route({
    method: 'GET',
    path: '/catalog/modules',
    summary: 'The host modules a template may enable',
    scope: 'read',
    responses: { 200: json('Modules', z.array(CatalogModule)) },
    errors: [],
  }),
  catalogLibraries: route({
    method: 'GET',
    path: '/catalog/libraries',
    summary: 'The libraries a template may add',
    scope: 'read',
    responses: { 200: json('Libraries', z.array(CatalogLibrary)) },
    errors: [],
  }),
};
