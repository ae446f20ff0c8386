// The dashboard's build: a static bundle in <repo>/dist/dashboard, which the daemon serves
// at `/` (apps/vm-system/src/daemon/dashboard-assets.ts). `npm run dev:dashboard` serves it
// with hot reload and sends /api to a daemon on 127.0.0.1:3210.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const DAEMON = 'http://127.0.0.1:3210';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Preact's automatic JSX runtime through Vite's own transform: no framework plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    host: '127.0.0.1',
    // The daemon refuses writes whose Origin is not its own: the dev server
    // stands in for the daemon's page, so it presents the daemon's origin and host.
    proxy: { '/api': { target: DAEMON, changeOrigin: true, headers: { origin: DAEMON } } },
  },
});
