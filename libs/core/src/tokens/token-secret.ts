import { createHash, randomBytes } from 'node:crypto';

const TOKEN_FORMAT = /^vms_[A-Za-z0-9_-]{43}$/;

/** `vms_` and 32 random bytes in base64url: greppable in a leaked file, unguessable. */
export const mintTokenSecret = (): string => `vms_${randomBytes(32).toString('base64url')}`;

export const isTokenSecret = (value: string): boolean => TOKEN_FORMAT.test(value);

export const tokenSha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');
