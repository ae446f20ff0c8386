import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { API_PREFIX, ROOT_ROUTES } from '../api-prefix';
import { REQUIRED_SCOPE, RouteAccess } from './required-scope.decorator';

export interface Route {
  method: string;
  /** As Nest declares it, e.g. `/api/v1/sessions/:id/close`. */
  path: string;
  access: RouteAccess;
  pattern: RegExp;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;
// Express matches paths regardless of case (`/API/V1/Templates` reaches `/api/v1/templates`),
// so the guard must find the same route, or a request would pass with another route's scope.
const toPattern = (path: string) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+')}/?$`, 'i');

/** Every route the controllers declare, with the access it needs. */
export function routeTable(controllers: readonly Type[]): Route[] {
  const routes: Route[] = [];
  for (const controller of controllers) {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
    const classAccess = Reflect.getMetadata(REQUIRED_SCOPE, controller) as RouteAccess | undefined;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (name === 'constructor' || requestMethod === undefined) continue;
      const method = RequestMethod[requestMethod];
      const atRoot = (ROOT_ROUTES as readonly string[]).includes(base);
      const path = join(atRoot ? '' : API_PREFIX, base, Reflect.getMetadata(PATH_METADATA, handler) as string);
      const access = (Reflect.getMetadata(REQUIRED_SCOPE, handler) as RouteAccess | undefined) ?? (method === 'GET' ? 'read' : classAccess);
      if (!access) throw new Error(`${method} ${path} (${controller.name}.${name}) declares no required scope`);
      routes.push({ method, path, access, pattern: toPattern(path) });
    }
  }
  return routes;
}

/** The route a request reaches, if any: Express would pick the same one. */
export function findRoute(routes: readonly Route[], method: string, path: string): Route | undefined {
  const asMethod = method === 'HEAD' ? 'GET' : method;
  return routes.find((route) => route.method === asMethod && route.pattern.test(path));
}
