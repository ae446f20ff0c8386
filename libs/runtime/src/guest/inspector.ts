import { createGuestFormat } from './format';
import { createGuestInspect, type InspectOptions } from './inspect';
import { createGuestLayout } from './inspect-layout';
import { createGuestText } from './inspect-text';
import { captureGuestIntrinsics } from './intrinsics';

/**
 * Node-like value formatting for the guest: `console.log` text, REPL previews, exception
 * messages. It runs INSIDE the guest isolate because functions, symbols, cycles and getters
 * cannot cross the isolate boundary, and formatting on the host would run guest getters outside
 * the cpu timeout.
 *
 * So the factories below are shipped to the isolate as their own source text
 * (`guestInspectorSource`) and composed there at bootstrap; each must reference nothing outside
 * its own body (no imports at runtime, no module constants). The very same functions run in
 * Node for the unit tests (`createGuestInspector`).
 */

export type { InspectOptions };

export interface ValueDescription {
  type: string;
  preview: string;
  /** JSON text of the value; absent when it has no JSON form or is too large (see guest-format). */
  jsonText?: string;
}

export interface ThrownDescription {
  message: string;
  stack: string;
}

export interface GuestInspector {
  inspect(value: unknown, options?: InspectOptions): string;
  /** `util.format` semantics: printf-like specifiers, then remaining args joined by spaces. */
  formatArgs(args: unknown[]): string;
  describeValue(value: unknown, limits?: { previewChars?: number; jsonChars?: number }): ValueDescription;
  describeThrown(thrown: unknown): ThrownDescription;
  cleanStack(stack: string): string;
}

/** The inspector built in the current realm (Node, for tests). */
export function createGuestInspector(): GuestInspector {
  const intrinsics = captureGuestIntrinsics();
  const text = createGuestText(intrinsics);
  const core = createGuestInspect(intrinsics, text, createGuestLayout(intrinsics, text));
  return createGuestFormat(intrinsics, core);
}

/** An expression that builds the inspector in whatever realm evaluates it. */
export function guestInspectorSource(): string {
  return [
    '(() => {',
    `  const intrinsics = (${captureGuestIntrinsics.toString()})();`,
    `  const text = (${createGuestText.toString()})(intrinsics);`,
    `  const layout = (${createGuestLayout.toString()})(intrinsics, text);`,
    `  const core = (${createGuestInspect.toString()})(intrinsics, text, layout);`,
    `  return (${createGuestFormat.toString()})(intrinsics, core);`,
    '})()',
  ].join('\n');
}
