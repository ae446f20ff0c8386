/**
 * Turning errors that reach the host side of isolated-vm (compile errors, timeouts, disposal,
 * unhandled rejections) into event payloads. Pure functions, used inside the session host.
 */

const TIMEOUT_MESSAGE = 'Script execution timed out.';

export function isCpuTimeout(err: unknown): boolean {
  return err instanceof Error && err.message === TIMEOUT_MESSAGE;
}

export function isDisposal(err: unknown): boolean {
  return err instanceof Error && /isolate (was|is) disposed/i.test(err.message);
}

/** Host-copied stacks end with isolated-vm's boundary marker followed by host frames. */
export function guestPartOfStack(stack: string): string {
  const lines = stack.split('\n');
  const boundary = lines.findIndex((line) => line.includes('<isolated-vm boundary>'));
  const guest = boundary === -1 ? lines : lines.slice(0, boundary);
  return guest.filter((line) => !line.includes('vm-system:runtime')).join('\n');
}

export function exceptionFromHostError(err: unknown): { message: string; stack: string } {
  if (err instanceof Error) {
    const message = err.message === '' ? err.name : `${err.name}: ${err.message}`;
    return { message, stack: typeof err.stack === 'string' ? guestPartOfStack(err.stack) : message };
  }
  const message = `Uncaught ${typeof err === 'string' ? `'${err}'` : String(err)}`;
  return { message, stack: message };
}

/**
 * V8 syntax errors from isolated-vm carry the location in the message ("Unexpected token ')'
 * [repl:1:4]", 1-based column). Give back Node's shape instead: the message without the
 * location, and a stack that names the file and points at the spot.
 */
export function exceptionFromSyntaxError(err: unknown, code: string): { message: string; stack: string } {
  if (!(err instanceof Error)) return exceptionFromHostError(err);
  const match = /\s\[([^\]]*):(\d+):(\d+)\]$/.exec(err.message);
  const text = match ? err.message.slice(0, match.index) : err.message;
  const message = `${err.name}: ${text}`;
  if (!match) return { message, stack: message };
  const [, file, lineText, columnText] = match;
  const line = Number(lineText);
  const column = Math.max(1, Number(columnText));
  const source = code.split('\n')[line - 1];
  const pointer = source === undefined ? '' : `${source}\n${' '.repeat(column - 1)}^\n\n`;
  return { message, stack: `${file}:${line}\n${pointer}${message}` };
}
