import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { makeSpec, repl, systemMessages, valueOf } from './support/fixtures';
import { useModuleSession } from './support/module-session';

const NODE = JSON.stringify(process.execPath);

describe('host module exec', () => {
  // Set before the hosts fork: they inherit this process's environment, as they inherit the daemon's.
  process.env.VM_TEST_EXEC_SECRET = 'not for guests';
  process.env.VM_TEST_EXEC_SHARED = 'shared value';
  const ctx = useModuleSession(
    {
      modules: ['exec'],
      limits: { wall_ms: 10_000, cpu_ms: 1000 },
      capabilities: [{ kind: 'env', name: 'VM_TEST_EXEC_SHARED', enabled: true, config: {} }],
    },
    'var exec = require("exec")',
  );
  const { value, failure } = ctx;

  test('run returns the output: stdout, then stderr', async () => {
    assert.equal(await value('exec.run("echo", ["hello", "world"])'), 'hello world\n');
    const code = 'process.stderr.write("to stderr\\n"); process.stdout.write("to stdout\\n")';
    assert.equal(await value(`exec.run(${NODE}, ["-e", ${JSON.stringify(code)}])`), 'to stdout\nto stderr\n');
    assert.equal(await value('exec.run("true")'), '', 'args may be left out');
  });

  test('the command runs in the worktree and cannot be given another cwd', async () => {
    assert.equal(await value(`exec.run(${NODE}, ["-e", "process.stdout.write(process.cwd())"])`), ctx.tree.worktree);
    assert.match(await failure('exec.run("pwd", [], { cwd: "/" })'), /options such as cwd are not supported/);
  });

  test('no shell: metacharacters stay literal', async () => {
    assert.equal(await value(`exec.run("echo", ["$(id)", "\`id\`", "a; rm -rf x", "|", "$HOME"])`), '$(id) `id` a; rm -rf x | $HOME\n');
    assert.match(await failure('exec.run("echo hi")'), /Command not found: echo hi/);
  });

  test('a non-zero exit throws with the exit code and the output', async () => {
    const run = 'exec.run("sh", ["-c", "echo partial; echo oops >&2; exit 3"])';
    const message = await failure(run);
    assert.match(message, /^Error: Command failed with exit code 3: sh -c "echo partial; echo oops >&2; exit 3"\npartial\noops\n$/);
    const caught = await value(`try { ${run} } catch (e) { ({ exitCode: e.exitCode, output: e.output, isError: e instanceof Error }) }`);
    assert.deepEqual(caught, { exitCode: 3, output: 'partial\noops\n', isError: true });
  });

  test('arguments are checked', async () => {
    assert.match(await failure('exec.run("echo", [1, 2])'), /args must be an array of strings/);
    assert.match(await failure('exec.run("echo", "hi")'), /args must be an array of strings/);
    assert.match(await failure('exec.run(["echo"])'), /cmd must be a non-empty string/);
    assert.match(await failure('exec.run("")'), /cmd must be a non-empty string/);
    assert.match(await failure('exec.run("echo", ["a\\u0000b"])'), /NUL/);
    assert.match(await failure('exec.run("echo", [1n])'), /arguments must be JSON-serialisable/);
  });

  test('output is capped: a command writing without end is killed', async () => {
    // `yes` never ends by itself: this answers only because the cap killed it.
    const message = await failure('exec.run("yes")');
    assert.equal(message, 'Error: Command output exceeded 1048576 bytes; the command was killed: yes');
    const caught = await value('try { exec.run("yes") } catch (e) { ({ code: e.code, onlyYes: /^(y\\n)+y?$/.test(e.output), reachedCap: e.output.length >= 1048576 }) }');
    assert.deepEqual(caught, { code: 'OUTPUT_TOO_LARGE', onlyYes: true, reachedCap: true });
  });

  test('the command sees PATH and HOME and enabled env capabilities, not the rest of the environment', async () => {
    const keys = await value(`JSON.parse(exec.run(${NODE}, ["-e", "process.stdout.write(JSON.stringify(Object.keys(process.env)))"]))`);
    assert.ok((keys as string[]).includes('PATH'));
    assert.ok((keys as string[]).includes('VM_TEST_EXEC_SHARED'));
    assert.ok(!(keys as string[]).includes('VM_TEST_EXEC_SECRET'));
  });

  test('a background process left by the command is killed with its process group', async () => {
    const pid = Number(await value('exec.run("sh", ["-c", "sleep 30 >/dev/null 2>&1 & echo $!"])'));
    assert.ok(pid > 0);
    const gone = () => {
      try {
        return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie is dead
      } catch {
        return true;
      }
    };
    // SIGKILL of the group happened before run() returned; the kernel finishes it at once.
    // Bounded polling of /proc, yielding to the event loop, not a timed sleep.
    for (let i = 0; i < 100_000 && !gone(); i++) await new Promise(setImmediate);
    assert.ok(gone(), `process ${pid} is still running`);
  });

  test('bounded by wall_ms: a 30 s sleep under wall_ms 2500 is killed, the run ends in timeout and the session lives on', async (t) => {
    const own = await ctx.supervisor.start(makeSpec({ worktreePath: ctx.tree.worktree, modules: ['exec'], limits: { wall_ms: 2500 } }));
    valueOf(await repl(own, 'var before = "kept"'));
    const started = performance.now();
    // The shell writes its pid and becomes the sleep: that pid is the command to be killed.
    const c = await repl(own, 'console.log("starting"); require("exec").run("sh", ["-c", "echo $$ > sleeper.pid; exec sleep 30"])');
    t.diagnostic(`stopped after ${Math.round(performance.now() - started)} ms (wall_ms 2500)`);
    assert.equal(c.outcome.status, 'timeout');
    assert.equal(c.outcome.crashed, undefined, 'stopped by the host, not by killing the session');
    assert.deepEqual(
      c.events.map((e) => e.type),
      ['console', 'exception', 'system'],
    );
    assert.equal(
      (c.events[1] as { payload: { message: string } }).payload.message,
      'Error: Execution reached its wall time limit (wall_ms 2500): the command was killed: sh -c "echo $$ > sleeper.pid; exec sleep 30"',
    );
    assert.deepEqual(systemMessages(c), ['Execution timed out after 2500 ms of wall time (wall_ms) in a host module call']);
    const pid = Number(fs.readFileSync(`${ctx.tree.worktree}/sleeper.pid`, 'utf8'));
    assert.ok(Number.isInteger(pid) && pid > 1, `pid ${pid}`);
    // The kill happened before run() returned; a zombie (state Z) is dead.
    const alive = (() => {
      try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    })();
    assert.equal(alive, false, `the sleep (pid ${pid}) is still running`);
    fs.rmSync(`${ctx.tree.worktree}/sleeper.pid`);
    assert.equal(valueOf(await repl(own, 'before')).json, 'kept');
    await own.close();
  });

  test('catching the wall timeout does not turn it into success, and no more host calls run', async () => {
    const own = await ctx.supervisor.start(makeSpec({ worktreePath: ctx.tree.worktree, modules: ['exec'], limits: { wall_ms: 500 } }));
    const c = await repl(
      own,
      `const ex = require("exec");
       let first = ''; let second = '';
       try { ex.run("sleep", ["5"]) } catch (e) { first = e.message }
       try { ex.run("echo", ["again"]) } catch (e) { second = e.message }
       [first, second]`,
    );
    assert.equal(c.outcome.status, 'timeout');
    assert.equal(c.outcome.crashed, undefined);
    const [first, second] = (c.events.find((e) => e.type === 'value') as { payload: { json: string[] } }).payload.json;
    assert.match(first, /wall time limit \(wall_ms 500\): the command was killed: sleep 5/);
    assert.match(second, /wall time limit/);
    assert.equal(valueOf(await repl(own, 'ex.run("echo", ["next run"])')).json, 'next run\n', 'the next execution has its own budget');
    await own.close();
  });
});
