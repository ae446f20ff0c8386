// `npm run lint`: typescript-eslint's recommended rules, and the layer rules of
// docs/architecture.md ("Imports point down only") as import restrictions per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LIBS = ['domain', 'ledger', 'ledger-chain', 'projections', 'runtime', 'libraries', 'contract', 'core', 'http', 'client'];

/** What each package may import of ours; `types` ones only with `import type`. */
const LAYERS = {
  'libs/domain/src/**': { allowed: [] },
  'libs/ledger/src/**': { allowed: ['domain', 'ledger-chain'] },
  'libs/projections/src/**': { allowed: ['domain', 'ledger'] },
  'libs/runtime/src/**': { allowed: [], types: ['domain'] },
  'libs/libraries/src/**': { allowed: ['domain'] },
  'libs/contract/src/**': { allowed: ['domain'] },
  'libs/core/src/**': { allowed: ['domain', 'ledger', 'projections', 'runtime', 'libraries'], types: ['contract'] },
  'libs/http/src/**': { allowed: ['contract', 'core', 'domain', 'ledger', 'projections'] },
  'libs/client/src/**': { allowed: [], types: ['contract'] },
  'apps/dashboard/src/**': { allowed: [], types: ['contract', 'domain'] },
  'apps/vm-system/src/**': { allowed: ['client', 'domain', 'libraries', 'ledger-chain'], types: ['ledger', 'http', 'core'] },
  // Behind `serve` only (loaded lazily by it): the daemon's own module and its start.
  'apps/vm-system/src/daemon/**': { allowed: ['client', 'domain', 'libraries', 'ledger-chain', 'ledger', 'http', 'core'] },
};

function layerRule(files, { allowed, types = [] }) {
  const forbidden = LIBS.filter((lib) => !allowed.includes(lib) && !types.includes(lib));
  const patterns = [];
  if (forbidden.length) patterns.push({ group: forbidden.map((lib) => `@vm-system/${lib}`), message: 'Imports point down only: see docs/architecture.md, "The layers".' });
  if (types.length)
    patterns.push({ group: types.map((lib) => `@vm-system/${lib}`), allowTypeImports: true, message: 'Only types of this package may be imported here (docs/architecture.md).' });
  return { files: [files], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vm-cache/**', 'apps/dashboard/vite.config.mjs', 'libs/runtime/src/guest/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        fetch: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-restricted-imports': 'off',
      // `_name` says "deliberately unused" (a destructured-away field, a type-only check).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
      // A subscription read by a callback that may run during subscribe() is assigned once, later.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // The guest runtime describes arbitrary guest values, and the REPL rewrite walks acorn's
    // untyped AST: `any` is what they handle. Tests read JSON answers and fault-inject.
    files: ['libs/runtime/src/guest/**', 'libs/runtime/src/host/repl-rewrite.ts', 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Ported from Node's util.inspect and util.format, kept close to the original.
    files: ['libs/runtime/src/guest/format.ts', 'libs/runtime/src/guest/inspect.ts'],
    rules: { 'no-useless-assignment': 'off' },
  },
  {
    // Loaded lazily with require() on purpose: the launcher is plain CommonJS, and the host
    // modules and pacote cost start-up time only when first used.
    files: ['bin/*.js', 'libs/runtime/src/host/modules/index.ts', 'libs/libraries/src/pacote.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // It escapes control characters on purpose, as Node's util.inspect does.
    files: ['libs/runtime/src/guest/inspect-text.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  ...Object.entries(LAYERS).map(([files, layer]) => layerRule(files, layer)),
  {
    // The domain imports nothing at all outside itself, not even Node's own modules.
    files: ['libs/domain/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^[^.]', message: 'libs/domain imports nothing outside itself (docs/architecture.md).' }] }] },
  },
);
