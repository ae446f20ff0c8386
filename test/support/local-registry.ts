import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { LIBRARY_CATALOG, LibraryCatalogEntry } from '@vm-system/domain';
import { REPO_ROOT } from './paths';

/**
 * An npm registry on 127.0.0.1 serving the catalog packages, so `libs download` can be tested
 * without the network. Each tarball is packed from node_modules/<pkg> (the project's pinned
 * devDependencies) with node-tar, the packer pacote itself uses; packuments carry its real
 * sha512 `dist.integrity` and `dist.tarball` URLs that point back here.
 */
export interface LocalRegistry {
  url: string;
  /** `GET /path` of every request, in order. */
  requests: string[];
  tarballRequests(): string[];
  /** The integrity the packument publishes for a package (always that of the genuine tarball). */
  integrity(name: string): string;
  close(): Promise<void>;
}

export interface LocalRegistryOptions {
  /** Package names whose tarball is swapped for one with a modified bundle: a supply-chain tamper. */
  tamper?: string[];
}

interface Tar {
  c(options: Record<string, unknown>, files: string[]): AsyncIterable<Buffer>;
}
// node-tar through pacote's own dependency, so the test packs exactly as npm does.
const tar = createRequire(require.resolve('pacote'))('tar') as Tar;

const packs = new Map<string, Promise<Buffer>>();

/** The package directory as npm would publish it: every file under `package/`, node_modules left out. */
export function packPackage(name: string): Promise<Buffer> {
  if (!packs.has(name)) packs.set(name, pack(join(REPO_ROOT, 'node_modules', name)));
  return packs.get(name)!;
}

async function pack(dir: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // portable + fixed mtime: the same bytes (and integrity) on every run
  for await (const chunk of tar.c({ gzip: true, cwd: dir, prefix: 'package', portable: true, mtime: new Date(0) }, walk(dir).sort())) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const walk = (root: string, rel = ''): string[] =>
  readdirSync(join(root, rel), { withFileTypes: true }).flatMap((d) => {
    const path = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : walk(root, path);
    return d.isFile() ? [path] : [];
  });

/** Overwrites the start of the bundle inside the tar: still a valid tarball, different bytes. */
function tamper(tgz: Buffer, library: LibraryCatalogEntry): Buffer {
  const archive = gunzipSync(tgz);
  const header = archive.indexOf(Buffer.from(`package/${library.bundle}\0`));
  if (header < 0 || header % 512 !== 0) throw new Error(`no tar header for ${library.bundle}`);
  archive.write('globalThis.pwned=1;', header + 512);
  return gzipSync(archive);
}

const sri = (data: Buffer) => `sha512-${createHash('sha512').update(data).digest('base64')}`;

export async function startLocalRegistry(options: LocalRegistryOptions = {}): Promise<LocalRegistry> {
  const packages = new Map<string, { library: LibraryCatalogEntry; served: Buffer; integrity: string; shasum: string }>();
  for (const library of LIBRARY_CATALOG) {
    const genuine = await packPackage(library.name);
    const served = options.tamper?.includes(library.name) ? tamper(genuine, library) : genuine;
    packages.set(library.name, { library, served, integrity: sri(genuine), shasum: createHash('sha1').update(genuine).digest('hex') });
  }
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const [, name, dash, file] = /^\/([^/]+)(?:\/(-)\/([^/]+))?$/.exec(req.url ?? '') ?? [];
    const pkg = packages.get(decodeURIComponent(name ?? ''));
    if (req.method !== 'GET' || !pkg) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    const { library } = pkg;
    const tarballName = `${library.name}-${library.version}.tgz`;
    if (!dash) {
      const dist = { tarball: `${url}${library.name}/-/${tarballName}`, integrity: pkg.integrity, shasum: pkg.shasum };
      const packument = { name: library.name, 'dist-tags': { latest: library.version }, versions: { [library.version]: { name: library.name, version: library.version, dist } } };
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
    }
    if (file !== tarballName) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': pkg.served.length }).end(pkg.served);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    requests,
    tarballRequests: () => requests.filter((r) => r.endsWith('.tgz')),
    integrity: (name) => packages.get(name)!.integrity,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
