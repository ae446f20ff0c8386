import { createGuestHostModules } from '../guest/host-modules';
import { guestInspectorSource } from '../guest/inspector';
import { installGuestRuntime } from '../guest/runtime';
import { createGuestTape, REPLAY_RERUNS } from '../guest/tape';

/**
 * Source of the closure that bootstraps a session's context (for `context.evalClosure`, where
 * `$0` is the console emitter Callback, `$1` the runtime config JSON, `$2` the host-module
 * Callback and `$3` the host-module config JSON). The guest functions are
 * shipped as their own source text so the very code that is unit-tested in Node is what runs
 * in the isolate. The result is the control object the host keeps as a Reference.
 *
 * The tape comes first (it captures the real clock and random before anything else runs)
 * and replaces Date and Math.random last, after the runtime took its own clock: see tape.ts.
 */
export function bootstrapSource(): string {
  return [
    `const tape = (${createGuestTape.toString()})(${JSON.stringify(JSON.stringify(REPLAY_RERUNS))});`,
    `const inspector = ${guestInspectorSource()};`,
    `const hostModules = (${createGuestHostModules.toString()})(tape.wrapInvoke($2), $3);`,
    `const control = (${installGuestRuntime.toString()})($0, $1, inspector, hostModules);`,
    'tape.installGlobals();',
    'return { beginRun: control.beginRun, drain: control.drain, capture: control.capture, tapeBegin: tape.begin, tapeEnd: tape.end };',
  ].join('\n');
}

/** Filename given to the bootstrap; stack cleaning drops frames that carry it. */
export const RUNTIME_FILENAME = 'vm-system:runtime';
