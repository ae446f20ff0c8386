import { auditRoutes } from './audit.routes';
import { executionRoutes } from './execution.routes';
import { ledgerRoutes } from './ledger.routes';
import { Route } from './route';
import { serviceRoutes } from './service.routes';
import { sessionRoutes } from './session.routes';
import { templateRoutes } from './template.routes';
import { tokenRoutes } from './token.routes';

export * from './route';

/** Every route of `/api/v1`, by operation id. */
export const routes = {
  ...serviceRoutes,
  ...templateRoutes,
  ...sessionRoutes,
  ...executionRoutes,
  ...ledgerRoutes,
  ...auditRoutes,
  ...tokenRoutes,
} satisfies Record<string, Route>;

export type OperationId = keyof typeof routes;
