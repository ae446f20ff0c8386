/**
 * The slice of pacote (npm's own fetcher) used here, typed by hand: the package ships no types.
 * Loaded on first use so the CLI's other commands do not pay for npm's fetch stack.
 */
export interface PacoteOptions {
  registry: string;
  /** cacache directory for packuments and tarballs. */
  cache: string;
  /** Expected SRI of the tarball; a mismatch rejects with code EINTEGRITY. */
  integrity?: string;
  resolved?: string;
  packumentCache?: Map<string, unknown>;
  retry?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
  timeout?: number;
}

export interface PacoteManifest {
  name: string;
  version: string;
  dist: { tarball: string; integrity?: string; shasum?: string };
  /** dist.tarball, as pacote resolved it. */
  _resolved: string;
  /** dist.integrity (or the shasum as SRI), as pacote parsed it. */
  _integrity?: string;
}

export interface Pacote {
  manifest(spec: string, options: PacoteOptions): Promise<PacoteManifest>;
  /** The tarball bytes, hashed while they arrive: rejects with EINTEGRITY if they differ from `integrity`. */
  tarball(spec: string, options: PacoteOptions): Promise<Buffer>;
}

export const loadPacote = (): Pacote => require('pacote') as Pacote;
