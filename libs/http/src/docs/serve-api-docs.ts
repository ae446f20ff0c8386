import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { dirname } from 'node:path';
import { DOCS_HTML, DOCS_PATH, DOCS_SCRIPT, SWAGGER_UI_FILES } from './api-docs-files';

/**
 * Only this daemon's own files: Swagger UI sets inline styles and keeps its images in data:
 * URLs; nothing else is let in, and nothing is fetched from anywhere else.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const OUR_FILES: Record<string, { type: string; body: string }> = { '': { type: 'html', body: DOCS_HTML }, 'docs.js': { type: 'js', body: DOCS_SCRIPT } };

let swaggerUiDir: string | undefined;
const swaggerUi = () => (swaggerUiDir ??= dirname(require.resolve('swagger-ui-dist/package.json')));

/**
 * `GET /api/docs`: a page rendering `GET /api/v1/openapi.json` with Swagger UI, served from
 * the swagger-ui-dist package. It sits outside /api/v1 like the dashboard's files: the page
 * holds no data, so it needs no token; the document it loads does (with auth on). The one
 * guard still sees every request (Host, Origin). Anything else under /api/docs is left to
 * Nest's 404 envelope.
 */
export function serveApiDocs(app: INestApplication): void {
  (app as NestExpressApplication).use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !(req.path === DOCS_PATH || req.path.startsWith(`${DOCS_PATH}/`))) return next();
    const file = req.path.slice(DOCS_PATH.length + 1);
    const ours = OUR_FILES[file];
    if (!ours && !SWAGGER_UI_FILES.includes(file)) return next();
    res.set({ ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' });
    if (ours) return void res.type(ours.type).send(ours.body);
    res.sendFile(file, { root: swaggerUi(), dotfiles: 'deny', etag: false, cacheControl: false }, (error) => {
      if (error && !res.headersSent) next();
    });
  });
}
