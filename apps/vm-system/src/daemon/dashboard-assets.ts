import { INestApplication, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

/** Where `npm run build` puts the dashboard: <repo>/dist/dashboard, seen from dist/apps/vm-system/src/daemon. */
export const DEFAULT_DASHBOARD_DIR = resolve(__dirname, '..', '..', '..', '..', 'dashboard');

/** Everything under /api stays the API's, unknown routes included: they answer the JSON envelope. */
const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Serves the built dashboard (apps/dashboard) at `/`: its files as they are, and index.html
 * for any other GET of a page path (the app routes in the browser). Registered before Nest's
 * routes; it never answers under /api, nor for a missing file with an extension (that stays
 * a 404 envelope). `VM_SYSTEM_DASHBOARD_DIR` points elsewhere (tests use it).
 */
export function serveDashboard(app: INestApplication, dir = process.env.VM_SYSTEM_DASHBOARD_DIR || DEFAULT_DASHBOARD_DIR): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Dashboard').warn(`dashboard assets not built (no ${index}; npm run build makes them); serving the API only`);
    return false;
  }
  const express = app as NestExpressApplication;
  // An /api path finds no file here (the build has no api/ folder) and falls through.
  // Vite names its bundles by content hash: they never change under the same name.
  express.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, file) => res.setHeader('Cache-Control', file.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  express.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path) || extname(req.path) !== '') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
