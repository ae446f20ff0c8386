export interface LibraryCatalogEntry {
  id: string;
  name: string;
  version: string;
  /** The global the bundle defines in the session. */
  global: string;
  description: string;
  /** The UMD/browser bundle inside the npm package. */
  bundle: string;
  /** The global the bundle defines when it is not `global` (aliased at load). */
  bundleGlobal?: string;
}

export const LIBRARY_CATALOG: readonly LibraryCatalogEntry[] = [
  { id: 'lodash-4.17.21', name: 'lodash', version: '4.17.21', global: '_', description: 'Utility library', bundle: 'lodash.min.js' },
  { id: 'moment-2.29.4', name: 'moment', version: '2.29.4', global: 'moment', description: 'Dates and times', bundle: 'min/moment.min.js' },
  { id: 'axios-1.6.0', name: 'axios', version: '1.6.0', global: 'axios', description: 'HTTP client (no adapter inside a session)', bundle: 'dist/axios.min.js' },
  { id: 'ramda-0.29.0', name: 'ramda', version: '0.29.0', global: 'R', description: 'Functional utilities', bundle: 'dist/ramda.min.js' },
  { id: 'dayjs-1.11.10', name: 'dayjs', version: '1.11.10', global: 'dayjs', description: 'Small date library', bundle: 'dayjs.min.js' },
  {
    id: 'zustand-4.4.7',
    name: 'zustand',
    version: '4.4.7',
    global: 'zustand',
    description: 'Vanilla state store',
    bundle: 'umd/vanilla.production.js',
    bundleGlobal: 'zustandVanilla',
  },
];

/** Accepts `lodash` or `lodash-4.17.21` (any case) and answers the catalog entry. */
export function findCatalogLibrary(name: string): LibraryCatalogEntry | undefined {
  const wanted = name.toLowerCase();
  return LIBRARY_CATALOG.find((l) => l.id === wanted || l.name === wanted);
}
