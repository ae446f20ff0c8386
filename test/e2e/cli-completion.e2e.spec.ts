import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { runCli } from '../support/cli';
import { HelpPage, allHelpPages } from '../support/cli-help';
import { ensureDebianPackage } from '../support/debian-package';
import { CLI_BIN, REPO_ROOT, tempDir } from '../support/paths';

const run = promisify(execFile);
/** A failure guard for a shell that never answers, not synchronisation. */
const SHELL_DEADLINE_MS = 60_000;

/** A directory with `vm-system` on PATH (the binary as npm installs it) and some files to complete. */
function workspace(): { cwd: string; env: NodeJS.ProcessEnv } {
  const root = tempDir();
  const bin = join(root, 'bin');
  const cwd = join(root, 'work');
  mkdirSync(bin);
  mkdirSync(join(cwd, 'cache dir'), { recursive: true });
  writeFileSync(join(cwd, 'ledger.db'), '');
  writeFileSync(join(cwd, 'notes.txt'), '');
  symlinkSync(CLI_BIN, join(bin, 'vm-system'));
  return { cwd, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } };
}

/**
 * bash as a user has it: `source <(vm-system completion bash)`, then for each line the words
 * bash would hand the completion function (a trailing space: an empty word at the cursor),
 * COMPREPLY printed one candidate a line. Answers the candidates of each line.
 */
async function bashCompletions(lines: string[]): Promise<string[][]> {
  const { cwd, env } = workspace();
  const script = `
source <(vm-system completion bash) || exit 3
complete -p vm-system
for line in "$@"; do
  read -r -a COMP_WORDS <<< "$line"
  [[ $line == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
  COMPREPLY=()
  _vm_system
  echo '<<line>>'
  (( \${#COMPREPLY[@]} )) && printf '%s\\n' "\${COMPREPLY[@]}"
done
echo '<<end>>'`;
  const { stdout } = await run('bash', ['--norc', '--noprofile', '-c', script, 'bash', ...lines], { cwd, env, timeout: SHELL_DEADLINE_MS });
  const [registration, ...answers] = stdout.split('<<line>>\n');
  assert.equal(registration, 'complete -F _vm_system vm-system\n');
  assert.match(answers.at(-1)!, /<<end>>\n$/);
  return answers.map((answer) =>
    answer
      .replace(/<<end>>\n$/, '')
      .split('\n')
      .filter(Boolean),
  );
}

/** zsh's own completion system, in a pseudo-terminal: the line typed, then Tab (test/support/zsh-capture.zsh). */
async function zshCompletions(line: string): Promise<string[]> {
  const { cwd, env } = workspace();
  const { stdout } = await run('zsh', ['-f', join(REPO_ROOT, 'test', 'support', 'zsh-capture.zsh'), 'source <(vm-system completion zsh)', line], {
    cwd,
    env,
    timeout: SHELL_DEADLINE_MS,
  });
  // A directory may come with the '/' suffix zsh adds as it inserts it, or without, by version.
  return [
    ...new Set(
      stdout
        .split('\n')
        .filter(Boolean)
        .map((word) => word.replace(/\/$/, '')),
    ),
  ];
}

const sorted = (list: string[]) => [...list].sort();

describe('vm-system completion', () => {
  let pages: HelpPage[];
  before(async () => {
    pages = await allHelpPages();
  });

  test('bash: commands, subcommands, flags and flag values, as the user types them', async () => {
    const cases: [string, string[]][] = [
      ['vm-system ses', ['session']],
      ['vm-system session ', ['create', 'list', 'get', 'close', 'suspend', 'resume', 'fork']],
      ['vm-system session create --w', ['--workspace-id', '--worktree-path']],
      ['vm-system --output json session create --template-id T --w', ['--workspace-id', '--worktree-path']],
      ['vm-system exec repl --s', ['--stream', '--server-url']],
      ['vm-system --output ', ['text', 'json']],
      ['vm-system ops health --log-level w', ['warn']],
      ['vm-system serve --cache-dir ', ['cache dir']],
      ['vm-system serve --db le', ['ledger.db']],
      ['vm-system completion ', ['bash', 'zsh']],
      ['vm-system help get', ['getting-started']],
      ['vm-system exec repl S ', []],
    ];
    const answers = await bashCompletions(cases.map(([line]) => line));
    cases.forEach(([line, expected], i) => assert.deepEqual(sorted(answers[i]), sorted(expected), line));
    // bash splits --flag=value at '=': the value is still completed.
    const [equals] = await bashCompletions(['vm-system --output = j']);
    assert.deepEqual(equals, ['json']);
  });

  test("bash offers exactly what each --help lists: every group's commands and every command's flags", async () => {
    const lines = pages.flatMap((page) => [`vm-system ${page.path.map((w) => `${w} `).join('')}`, `vm-system ${page.path.map((w) => `${w} `).join('')}-`]);
    const answers = await bashCompletions(lines);
    pages.forEach((page, i) => {
      const where = `vm-system ${page.path.join(' ')}`;
      const [words, flags] = [answers[2 * i], answers[2 * i + 1]];
      if (page.commands.length > 0) assert.deepEqual(sorted(words), sorted(page.commands), `${where} <Tab>`);
      assert.deepEqual(sorted(flags), sorted([...page.options, ...page.globalOptions]), `${where} -<Tab>`);
    });
  });

  test("zsh: the script parses, registers with compinit, and completes through zsh's own completion system", async () => {
    ensureDebianPackage('/usr/bin/zsh', 'zsh');
    const script = join(tempDir(), '_vm-system');
    const made = await runCli(['completion', 'zsh']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^#compdef vm-system\n/);
    writeFileSync(script, made.stdout);
    await run('zsh', ['-n', script]);
    const { stdout } = await run('zsh', ['-f', '-c', `autoload -Uz compinit && compinit -u -D && source ${script} && print -r -- $_comps[vm-system]`]);
    assert.equal(stdout, '_vm_system\n');

    const cases: [string, string[]][] = [
      ['vm-system ses', ['session']],
      ['vm-system session ', ['create', 'list', 'get', 'close', 'suspend', 'resume', 'fork']],
      ['vm-system session create --t', ['--template-id', '--token']],
      ['vm-system --output ', ['text', 'json']],
      ['vm-system serve --cache-dir ', ['cache\\ dir']],
      ['vm-system completion ', ['bash', 'zsh']],
    ];
    for (const [line, expected] of cases) assert.deepEqual(sorted(await zshCompletions(line)), sorted(expected), line);
  });
});
