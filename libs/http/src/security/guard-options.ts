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

/** 127.0.0.0/8, ::1 and localhost: the addresses only this machine reaches. */
export const isLoopback = (host: string): boolean => {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
};
