import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LIBRARY_CATALOG, LibraryCatalogEntry } from '@vm-system/domain';
import { writeFileAtomic } from './atomic-file';
import { checkCachedLibrary, libraryFileName, readManifest, sha256Hex, updateManifest } from './library-cache';
import { resolveRegistry } from './npm-registry';
import { PacoteOptions, loadPacote } from './pacote';
import { fileFromTarball } from './tarball-file';

export type LibraryDownloadStatus = 'downloaded' | 'skipped' | 'failed';

export interface LibraryDownloadResult {
  id: string;
  status: LibraryDownloadStatus;
  size?: number;
  sha256?: string;
  integrity?: string;
  error?: string;
}

/** `start` before a library is looked at, `done` with its result. */
export interface LibraryDownloadProgress {
  phase: 'start' | 'done';
  index: number;
  total: number;
  library: LibraryCatalogEntry;
  result?: LibraryDownloadResult;
}

export interface DownloadLibrariesOptions {
  cacheDir: string;
  /** Default: the registry npm is configured with (see resolveRegistry). */
  registry?: string;
  /** Default: the whole catalog. */
  libraries?: readonly LibraryCatalogEntry[];
  onProgress?: (progress: LibraryDownloadProgress) => void;
}

export interface DownloadLibrariesReport {
  cache_dir: string;
  registry: string;
  registry_source: string;
  downloaded: number;
  skipped: number;
  failed: number;
  libraries: LibraryDownloadResult[];
}

/**
 * Brings every catalog library into the cache: a library whose file matches its manifest sha256
 * is skipped; the others are fetched with pacote, which checks the tarball against the
 * registry's dist.integrity. One library failing does not stop the others; it leaves no file
 * and no manifest entry behind.
 */
export async function downloadLibraries(options: DownloadLibrariesOptions): Promise<DownloadLibrariesReport> {
  const cacheDir = resolve(options.cacheDir);
  mkdirSync(cacheDir, { recursive: true });
  const { registry, source } = resolveRegistry(options.registry);
  const libraries = options.libraries ?? LIBRARY_CATALOG;
  // A throwaway pacote cache: the tarball is only needed to take one file out of it, and a
  // shared ~/.npm cache would make the outcome depend on what happens to be in it.
  const scratch = mkdtempSync(join(tmpdir(), 'vm-system-libs-'));
  const pacoteOptions: PacoteOptions = {
    registry,
    cache: scratch,
    packumentCache: new Map(),
    // make-fetch-happen's default is 10 retries with growing waits: an unreachable registry would hang.
    retry: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
    timeout: 60_000,
  };
  const results: LibraryDownloadResult[] = [];
  try {
    for (const [i, library] of libraries.entries()) {
      const progress = { index: i + 1, total: libraries.length, library };
      options.onProgress?.({ phase: 'start', ...progress });
      const result = await cacheOne(library, cacheDir, pacoteOptions);
      results.push(result);
      options.onProgress?.({ phase: 'done', ...progress, result });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const count = (status: LibraryDownloadStatus) => results.filter((r) => r.status === status).length;
  return {
    cache_dir: cacheDir,
    registry,
    registry_source: source,
    downloaded: count('downloaded'),
    skipped: count('skipped'),
    failed: count('failed'),
    libraries: results,
  };
}

async function cacheOne(library: LibraryCatalogEntry, cacheDir: string, options: PacoteOptions): Promise<LibraryDownloadResult> {
  const { id } = library;
  const cached = checkCachedLibrary(cacheDir, id);
  if (cached.status === 'cached') {
    const { size, sha256, integrity } = cached.entry!;
    return { id, status: 'skipped', size, sha256, integrity };
  }
  try {
    const { code, integrity } = await fetchBundle(library, options);
    const sha256 = sha256Hex(code);
    // The file first, then the manifest entry that vouches for it: a crash in between leaves a
    // file without an entry, which counts as not cached.
    writeFileAtomic(join(cacheDir, libraryFileName(id)), code);
    updateManifest(cacheDir, (manifest) => {
      manifest[id] = { file: libraryFileName(id), sha256, integrity, size: code.length, fetched_at: new Date().toISOString() };
    });
    return { id, status: 'downloaded', size: code.length, sha256, integrity };
  } catch (error) {
    forget(cacheDir, id);
    return { id, status: 'failed', error: describe(error) };
  }
}

async function fetchBundle(library: LibraryCatalogEntry, options: PacoteOptions): Promise<{ code: Buffer; integrity: string }> {
  const pacote = loadPacote();
  const spec = `${library.name}@${library.version}`;
  const manifest = await pacote.manifest(spec, options);
  const integrity = manifest._integrity;
  if (!integrity) throw new Error(`the registry publishes no integrity hash for ${spec}`);
  // With `integrity` pacote verifies the tarball against the registry's hash before answering it.
  const tarball = await pacote.tarball(spec, { ...options, integrity, resolved: manifest._resolved });
  const code = await fileFromTarball(tarball, library.bundle);
  if (!code) throw new Error(`${spec} has no ${library.bundle}`);
  return { code, integrity };
}

/** A library that failed is not cached: an old invalid file or entry for it goes too. */
function forget(cacheDir: string, id: string): void {
  if (readManifest(cacheDir)[id]) updateManifest(cacheDir, (manifest) => delete manifest[id]);
  rmSync(join(cacheDir, libraryFileName(id)), { force: true });
}

function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'EINTEGRITY') return `integrity check failed: the tarball does not match the registry's dist.integrity (${message})`;
  return message ?? String(error);
}
