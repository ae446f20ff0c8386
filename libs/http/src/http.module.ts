import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CatalogController } from './controllers/catalog.controller';
import { ExecutionsController } from './controllers/executions.controller';
import { RuntimeController } from './controllers/runtime.controller';
import { ClusterController } from './controllers/cluster.controller';
import { SessionsController } from './controllers/sessions.controller';
import { HealthController } from './controllers/health.controller';
import { LedgerController } from './controllers/ledger.controller';
import { AuditController } from './controllers/audit.controller';
import { OpsController } from './controllers/ops.controller';
import { TemplateCapabilitiesController } from './controllers/template-capabilities.controller';
import { TemplateLibrariesController } from './controllers/template-libraries.controller';
import { TemplateModulesController } from './controllers/template-modules.controller';
import { TemplateStartupFilesController } from './controllers/template-startup-files.controller';
import { TemplatesController } from './controllers/templates.controller';
import { ErrorEnvelopeFilter } from './errors/error-envelope.filter';
import { TokensController } from './controllers/tokens.controller';
import { MetricsController } from './controllers/metrics.controller';
import { OpenApiController } from './controllers/openapi.controller';

// Express tries routes in this order, one regex each: the executions' come first (a REPL
// call is the hottest write; pages of events are mostly answered before Express).
export const HTTP_CONTROLLERS = [
  ExecutionsController,
  HealthController,
  TemplatesController,
  TemplateCapabilitiesController,
  TemplateStartupFilesController,
  TemplateModulesController,
  TemplateLibrariesController,
  SessionsController,
  RuntimeController,
  ClusterController,
  CatalogController,
  LedgerController,
  AuditController,
  OpsController,
  TokensController,
  OpenApiController,
  MetricsController,
];

/** The REST adapter: translates HTTP to commands and queries, and errors to the envelope. */
@Module({
  controllers: HTTP_CONTROLLERS,
  providers: [{ provide: APP_FILTER, useClass: ErrorEnvelopeFilter }],
})
export class HttpModule {}
