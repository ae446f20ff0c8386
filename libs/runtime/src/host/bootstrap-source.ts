import { createGuestHostModules } from '../guest/host-modules';
import { guestInspectorSource } from '../guest/inspector';
import { installGuestRuntime } from '../guest/runtime';

/**
 * Source of the closure that bootstraps a session's context (for `context.evalClosure`, where
 * `$0` is the console emitter Callback, `$1` the runtime config JSON, `$2` the host-module
 * Callback and `$3` the host-module config JSON). The guest functions are
 * shipped as their own source text so the very code that is unit-tested in Node is what runs
 * in the isolate. The result is the control object the host keeps as a Reference.
 */
export function bootstrapSource(): string {
  return [
    `const inspector = ${guestInspectorSource()};`,
    `const hostModules = (${createGuestHostModules.toString()})($2, $3);`,
    `return (${installGuestRuntime.toString()})($0, $1, inspector, hostModules);`,
  ].join('\n');
}

/** Filename given to the bootstrap; stack cleaning drops frames that carry it. */
export const RUNTIME_FILENAME = 'vm-system:runtime';
