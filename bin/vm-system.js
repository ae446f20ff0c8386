#!/usr/bin/env node
'use strict';
// V8's code cache for the modules loaded after this line: Node >= 22.1 keeps it in its own
// directory (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1
// turns it off), and a directory it cannot write only leaves it off. Node 20 has no such API.
require('node:module').enableCompileCache?.();
// isolated-vm on Node 20 wants --no-node-snapshot, and only `serve` loads it (the session
// hosts are forked with the flag in their own execArgv). Client commands run without it:
// Node's startup snapshot saves them ~60 ms of a ~150 ms floor (docs/benchmarks.md). For
// `serve` without the flag, the launcher re-runs Node with it, so a user never has to; the
// re-run process dies with the launcher (see main.ts) so a kill reaches it.
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'vm-system', 'src', 'main.js');
const args = process.argv.slice(2);
// Any argument spelled `serve` counts: a false positive only costs a client command the re-run.
const needsFlag = args.includes('serve');
const hasFlag = process.execArgv.includes('--no-node-snapshot') || (process.env.NODE_OPTIONS || '').includes('--no-node-snapshot');

if (!needsFlag || hasFlag) {
  require(entry);
} else {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, ['--no-node-snapshot', ...process.execArgv, entry, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, VM_SYSTEM_LAUNCHED: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
