import type { ProducedCodeCache, SessionSpec } from '../runtime.types';

/**
 * V8 code caches of the sessions' libraries, kept in the daemon's memory (never on disk) and
 * handed to each host with the code, so a host compiles lodash in ~0.5 ms instead of ~7.
 * Keyed by the library and the sha256 the daemon checked its code against, so a cache never
 * meets other code (V8 would refuse it anyway). Each comes from a host's own compile, sent
 * before any library ran in that host (see the `code-caches` message): no guest code had
 * the chance to shape it.
 */
export class LibraryCodeCaches {
  private readonly caches = new Map<string, Uint8Array>();

  /** The spec with each library's cache attached, where there is one and the spec has none. */
  attach(spec: SessionSpec): SessionSpec {
    if (!spec.libraries?.length) return spec;
    const libraries = spec.libraries.map((library) => {
      const cache = library.sha256 === undefined ? undefined : this.caches.get(key(library.id, library.sha256));
      return library.codeCache || !cache ? library : { ...library, codeCache: cache };
    });
    return { ...spec, libraries };
  }

  /** What the host of `spec` produced: new caches, or replacements for ones V8 refused. */
  remember(spec: SessionSpec, produced: readonly ProducedCodeCache[]): void {
    for (const { id, data } of produced) {
      const library = spec.libraries?.find((l) => l.id === id);
      if (library?.sha256 !== undefined && data instanceof Uint8Array) this.caches.set(key(id, library.sha256), data);
    }
  }

  has(id: string, sha256: string): boolean {
    return this.caches.has(key(id, sha256));
  }
}

const key = (id: string, sha256: string) => `${id}\0${sha256}`;
