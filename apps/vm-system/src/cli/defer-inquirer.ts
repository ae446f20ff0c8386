import Module, { createRequire } from 'node:module';

/** What nest-commander reads of inquirer, and only to ask a question set's questions. */
const INQUIRER_API = new Set<string | symbol>(['prompt', 'prompts', 'createPromptModule', 'registerPrompt', 'restoreDefaultPrompts', 'Separator', 'ui', 'default']);

/**
 * nest-commander requires inquirer (~250 files with lodash and rxjs' operators, ~60 ms of a
 * CLI start) as it loads, for question sets; this CLI asks no questions. A stand-in takes
 * inquirer's place in the module cache (documented as writable) and loads the real module the
 * first time its API is read. Anything else read of it — Nest probing every provider for
 * lifecycle hooks, `then`, `constructor` — is answered by a plain object, as inquirer's own
 * exports would answer it.
 */
export function deferInquirer(): void {
  const requireFromNestCommander = createRequire(require.resolve('nest-commander'));
  let filename: string;
  try {
    filename = requireFromNestCommander.resolve('inquirer');
  } catch {
    return;
  }
  if (require.cache[filename]) return;
  let inquirer: Record<string | symbol, unknown> | undefined;
  const load = () => {
    if (!inquirer) {
      delete require.cache[filename];
      inquirer = requireFromNestCommander(filename) as Record<string | symbol, unknown>;
    }
    return inquirer;
  };
  const standIn = new Module(filename);
  standIn.filename = filename;
  standIn.loaded = true;
  standIn.exports = new Proxy({}, { get: (plain, key) => (key === '__esModule' ? true : INQUIRER_API.has(key) ? load()[key] : Reflect.get(plain, key)) });
  require.cache[filename] = standIn;
}
