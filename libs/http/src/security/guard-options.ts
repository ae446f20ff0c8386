export type AuthMode = 'token' | 'none';

/** What the one HTTP guard checks; set by `serve`'s flags. */
export interface GuardOptions {
  auth: AuthMode;
  /** Host names besides localhost, 127.0.0.1 and [::1] that may appear in Host. */
  allowedHosts: string[];
  /** Origins, besides the daemon's own, that may write (and get CORS headers). */
  allowedOrigins: string[];
  scheme: 'http' | 'https';
}

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];
