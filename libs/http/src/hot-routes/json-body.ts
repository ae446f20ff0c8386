import { BadRequestException } from '@nestjs/common';

/**
 * A request body parsed as Express's JSON body parser (body-parser, strict) parses it, with
 * the same errors: a hot route reads the body itself, and its answers must be the route's.
 * A UTF-8 byte order mark is dropped; an object or array is parsed; anything else fails as
 * body-parser's strict mode says it, quoting the offending text.
 */
export function parseJsonBody(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw malformed(strictViolation(body, first));
  try {
    return JSON.parse(body);
  } catch (error) {
    throw malformed((error as Error).message);
  }
}

/** As body-parser words it: JSON.parse's message for the text with everything from `first` on masked, then unmasked. */
function strictViolation(body: string, first: string | undefined): string {
  const index = first === undefined ? -1 : body.indexOf(first);
  const partial = index === -1 ? '' : body.substring(0, index) + '#'.repeat(body.length - index);
  try {
    JSON.parse(partial);
    return 'strict violation';
  } catch (error) {
    return (error as Error).message.replace(/#+/g, (placeholder) => body.substring(index, index + placeholder.length));
  }
}

/** What the route's caller gets for it: Nest maps body-parser's syntax errors to a 400 (BadRequestException), the envelope to INVALID_REQUEST. */
function malformed(message: string): Error {
  return new BadRequestException(message);
}
