import { execFileSync } from 'node:child_process';

export const NPM_DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

export interface ResolvedRegistry {
  registry: string;
  source: 'option' | 'env' | 'npm config' | 'default';
}

/**
 * The registry npm itself would use: an explicit one, else npm_config_registry (npm sets it for
 * scripts, users export it), else `npm config get registry` (reads every .npmrc the way npm
 * does), else npm's default when npm cannot be run.
 */
export function resolveRegistry(explicit?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ResolvedRegistry {
  if (explicit) return { registry: normalize(explicit), source: 'option' };
  const fromEnv = env.npm_config_registry || env.NPM_CONFIG_REGISTRY;
  if (fromEnv) return { registry: normalize(fromEnv), source: 'env' };
  const fromNpm = askNpm(env, cwd);
  return fromNpm ? { registry: normalize(fromNpm), source: 'npm config' } : { registry: NPM_DEFAULT_REGISTRY, source: 'default' };
}

function askNpm(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  try {
    const out = execFileSync('npm', ['config', 'get', 'registry'], {
      cwd,
      encoding: 'utf8',
      timeout: 15_000,
      stdio: ['ignore', 'pipe', 'ignore'],
      // npm's update check would reach the network: a config lookup must not.
      env: { ...env, npm_config_update_notifier: 'false' },
      shell: process.platform === 'win32',
    }).trim();
    return /^https?:\/\//.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** Registry URLs are joined with package paths: they must end in a slash. */
const normalize = (url: string) => (url.endsWith('/') ? url : `${url}/`);
