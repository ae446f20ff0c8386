import { INestApplication, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { isRootRoutePath } from '@vm-system/http';

/** Where `npm run build` puts the dashboard: <repo>/dist/dashboard, seen from dist/apps/vm-system/src/daemon. */
export const DEFAULT_DASHBOARD_DIR = resolve(__dirname, '..', '..', '..', '..', 'dashboard');

/**
 * Everything under /api stays the API's, unknown routes included: they answer the JSON envelope; so do the API's root routes (/metrics).
 * In any case and with a trailing slash, as Express routes them (`/API/…`, `/metrics/`).
 */
const isApiPath = (path: string) => {
  const lower = path.toLowerCase();
  return lower === '/api' || lower.startsWith('/api/') || isRootRoutePath(path);
};

/** Vite names its bundles (under assets/) by content hash: they never change under the same name. */
const cacheControlFor = (path: string) => (path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');

/**
 * Serves the built dashboard (apps/dashboard) at `/`: its files as they are, and index.html
 * for any other GET of a page path (the app routes in the browser). Registered before Nest's
 * routes; it never answers under /api, nor for a missing file with an extension (that stays
 * a 404 envelope). An API request passes straight through: a static-files middleware in
 * front of the API looked every request up on disk first (a stat on the thread pool, ~8% of
 * an events page's daemon time). `VM_SYSTEM_DASHBOARD_DIR` points elsewhere (tests use it).
 */
export function serveDashboard(app: INestApplication, dir = process.env.VM_SYSTEM_DASHBOARD_DIR || DEFAULT_DASHBOARD_DIR): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Dashboard').warn(`dashboard assets not built (no ${index}; npm run build makes them); serving the API only`);
    return false;
  }
  (app as NestExpressApplication).use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    if (extname(req.path) === '') {
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(index);
    }
    // `root` confines the path to the build (send refuses `..`); a missing file falls through to the 404 envelope.
    res.setHeader('Cache-Control', cacheControlFor(req.path));
    res.sendFile(req.path, { root: dir, dotfiles: 'ignore', cacheControl: false }, (error) => {
      if (!error || res.headersSent) return;
      res.removeHeader('Cache-Control');
      next();
    });
  });
  return true;
}
