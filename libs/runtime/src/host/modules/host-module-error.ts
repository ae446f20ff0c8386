/**
 * An error a host module means the guest to see. Only these keep their message and `props`
 * when they cross into the guest; anything else thrown by a handler is a bug or a library error
 * and is reported with its message only (see index.ts).
 *
 * `props` must be JSON-serialisable: they become own properties of the guest's Error (an
 * isolated-vm copy of a host error would drop them).
 */
export class HostModuleError extends Error {
  constructor(
    message: string,
    readonly props: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HostModuleError';
  }
}

/** Shortens `text` for an error message; the whole text goes in a property instead. */
export function excerpt(text: string, max = 2000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
