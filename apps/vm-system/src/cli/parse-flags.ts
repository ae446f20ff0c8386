export class FlagError extends Error {}

export function parseJsonObject(flag: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FlagError(`${flag} must be valid JSON: ${text}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FlagError(`${flag} must be a JSON object`);
  return value as Record<string, unknown>;
}

export function parseInteger(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text)) throw new FlagError(`${flag} must be an integer: ${text}`);
  return Number(text);
}

export function parseBoolean(flag: string, text: string | boolean | undefined): boolean {
  if (text === undefined || text === true || text === 'true') return true;
  if (text === false || text === 'false') return false;
  throw new FlagError(`${flag} must be true or false: ${text}`);
}
