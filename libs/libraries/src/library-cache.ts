import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError, LIBRARY_CATALOG, LibraryCatalogEntry, findCatalogLibrary } from '@vm-system/domain';
import { writeFileAtomic } from './atomic-file';

/**
 * The library cache: DIR/<id>.js holds one catalog library's bundle, DIR/manifest.json records
 * for each id the file, its sha256 (checked on every read), the registry's integrity of the
 * tarball it came from, its size and when it was fetched.
 */
export const DEFAULT_LIBRARY_CACHE_DIR = '.vm-cache/libraries';
export const MANIFEST_FILE = 'manifest.json';

export interface LibraryManifestEntry {
  file: string;
  sha256: string;
  integrity: string;
  size: number;
  fetched_at: string;
}

export type LibraryManifest = Record<string, LibraryManifestEntry>;

/** `cached`: file and manifest agree; `not_cached`: either is missing; `corrupt`: the sha256 differs. */
export type LibraryCacheStatus = 'cached' | 'not_cached' | 'corrupt';

export interface LibraryCacheCheck {
  status: LibraryCacheStatus;
  /** Why it is not usable (absent when cached). */
  reason?: string;
  entry?: LibraryManifestEntry;
  code?: Buffer;
}

export interface CachedLibrary {
  library: LibraryCatalogEntry;
  code: string;
  sha256: string;
}

/** A catalog library the cache cannot serve; the message says how to fix it. */
export class LibraryNotCachedError extends DomainError {
  constructor(
    readonly libraryId: string,
    readonly cacheDir: string,
    readonly reason: string,
  ) {
    super('LIBRARY_NOT_CACHED', `library ${libraryId} is not in the library cache ${cacheDir} (${reason}); run: vm-system libs download --cache-dir ${cacheDir}`, {
      library: libraryId,
      cache_dir: cacheDir,
      reason,
    });
    this.name = 'LibraryNotCachedError';
  }
}

export const libraryFileName = (id: string) => `${id}.js`;
export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** A missing or unreadable manifest reads as empty: every library is then downloaded again. */
export function readManifest(dir: string): LibraryManifest {
  try {
    const value = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** Read-modify-write of the manifest, replaced atomically (see writeFileAtomic). */
export function updateManifest(dir: string, edit: (manifest: LibraryManifest) => void): void {
  const manifest = readManifest(dir);
  edit(manifest);
  writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Whether the cache can serve `id`, reading the file to compare its sha256 with the manifest. */
export function checkCachedLibrary(dir: string, id: string, manifest = readManifest(dir)): LibraryCacheCheck {
  const entry = manifest[id];
  if (!entry) return { status: 'not_cached', reason: 'no manifest entry' };
  // The manifest names the file, but only <id>.js is trusted: an edited manifest cannot point outside DIR.
  if (entry.file !== libraryFileName(id)) return { status: 'corrupt', reason: `manifest names file ${entry.file}`, entry };
  let code: Buffer;
  try {
    code = readFileSync(join(dir, entry.file));
  } catch {
    return { status: 'not_cached', reason: `${entry.file} is missing`, entry };
  }
  if (sha256Hex(code) !== entry.sha256) return { status: 'corrupt', reason: `${entry.file} does not match its sha256 in the manifest`, entry };
  return { status: 'cached', entry, code };
}

/**
 * The bundle of catalog library `name` (`lodash` or `lodash-4.17.21`) from cache `dir`, verified
 * against the manifest's sha256. Throws LIBRARY_NOT_FOUND outside the catalog and
 * LibraryNotCachedError (LIBRARY_NOT_CACHED) when missing or changed since download.
 */
export function readCachedLibrary(dir: string, name: string): CachedLibrary {
  const library = findCatalogLibrary(name);
  if (!library) throw new DomainError('LIBRARY_NOT_FOUND', `library not in the catalog: ${name}`, { library: name });
  const cacheDir = resolve(dir);
  const check = checkCachedLibrary(cacheDir, library.id);
  if (check.status !== 'cached') throw new LibraryNotCachedError(library.id, cacheDir, check.reason!);
  return { library, code: check.code!.toString('utf8'), sha256: check.entry!.sha256 };
}

export interface LibraryCacheInfo {
  dir: string;
  exists: boolean;
  /** Regular files in the directory (bundles, the manifest, any leftovers) and their total size. */
  files: number;
  total_bytes: number;
  manifest_entries: number;
  libraries: Array<{ id: string; status: LibraryCacheStatus; reason?: string; size?: number; sha256?: string; fetched_at?: string }>;
}

export function cacheInfo(dir: string): LibraryCacheInfo {
  const cacheDir = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(cacheDir, { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name);
  } catch {
    names = [];
  }
  const manifest = readManifest(cacheDir);
  const libraries = LIBRARY_CATALOG.map(({ id }) => {
    const { status, reason, entry } = checkCachedLibrary(cacheDir, id, manifest);
    return { id, status, reason, size: entry?.size, sha256: entry?.sha256, fetched_at: entry?.fetched_at };
  });
  return {
    dir: cacheDir,
    exists: exists(cacheDir),
    files: names.length,
    total_bytes: names.reduce((sum, name) => sum + sizeOf(join(cacheDir, name)), 0),
    manifest_entries: Object.keys(manifest).length,
    libraries,
  };
}

/** A file a concurrent download renames away between listing and stat counts as 0. */
const sizeOf = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const exists = (dir: string) => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};
