import fs from 'node:fs';
import { MAX_TRANSFER_CHARS } from './guest-values';
import { HostModuleError } from './host-module-error';
import type { HostModule, HostModuleContext } from './host-module.types';
import { fsError, guestPath } from './worktree-paths';

/**
 * `require('fs')`: files inside the session's worktree, synchronous like Node's. Text only:
 * there is no Buffer in the guest, so readFileSync returns a string (utf8 unless another
 * encoding is named) and writeFileSync takes one.
 *
 * Files are opened with O_NOFOLLOW (a symlink swapped in after the guard checked the path is
 * not followed) and O_NONBLOCK (a FIFO cannot park the host), and reads accept regular files
 * only, up to the transfer limit.
 */

const ENCODINGS = new Set(['utf8', 'utf-8', 'ascii', 'latin1', 'binary', 'base64', 'base64url', 'hex', 'utf16le', 'ucs2']);
const { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW, O_NONBLOCK } = fs.constants;

export function createFsModule(ctx: HostModuleContext): HostModule {
  const { worktree, clock, capabilities } = ctx;

  const writable = (fn: string) => {
    if (capabilities.fsReadOnly) {
      throw new HostModuleError(`fs.${fn} is not allowed: the session's fs capability is read_only`, { code: 'EROFS' });
    }
  };

  const functions: HostModule['functions'] = {
    readFileSync(relPath, options) {
      clock.remainingMs();
      const encoding = encodingOf(options);
      const file = guestPath(worktree, relPath);
      let fd: number | undefined;
      try {
        fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
        const stat = fs.fstatSync(fd);
        if (!stat.isFile()) throw new HostModuleError(`Not a regular file: ${relPath}`, { code: stat.isDirectory() ? 'EISDIR' : 'EINVAL' });
        if (stat.size > MAX_TRANSFER_CHARS) {
          throw new HostModuleError(`File too large to read into the session: ${relPath} (${stat.size} bytes, limit ${MAX_TRANSFER_CHARS})`, { code: 'EFBIG' });
        }
        return fs.readFileSync(fd).toString(encoding);
      } catch (err) {
        throw err instanceof HostModuleError ? err : fsError(err, file, relPath as string);
      } finally {
        if (fd !== undefined) fs.closeSync(fd);
      }
    },

    writeFileSync(relPath, data, options) {
      clock.remainingMs();
      writable('writeFileSync');
      if (typeof data !== 'string') throw new HostModuleError('The data must be a string', { code: 'ERR_INVALID_ARG_TYPE' });
      const encoding = encodingOf(options);
      const file = guestPath(worktree, relPath);
      let fd: number | undefined;
      try {
        fd = fs.openSync(file, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK, 0o666);
        if (!fs.fstatSync(fd).isFile()) throw new HostModuleError(`Not a regular file: ${relPath}`, { code: 'EINVAL' });
        fs.writeFileSync(fd, data, { encoding });
      } catch (err) {
        throw err instanceof HostModuleError ? err : fsError(err, file, relPath as string);
      } finally {
        if (fd !== undefined) fs.closeSync(fd);
      }
      return undefined;
    },

    existsSync(relPath) {
      clock.remainingMs();
      return fs.existsSync(guestPath(worktree, relPath));
    },

    readdirSync(relPath) {
      clock.remainingMs();
      const dir = guestPath(worktree, relPath ?? '.');
      try {
        // Sorted: the order readdir(3) gives depends on the file system.
        return fs.readdirSync(dir).sort();
      } catch (err) {
        throw fsError(err, dir, relPath === undefined ? '.' : (relPath as string));
      }
    },

    mkdirSync(relPath, options) {
      clock.remainingMs();
      writable('mkdirSync');
      const recursive = options !== null && typeof options === 'object' && (options as { recursive?: unknown }).recursive === true;
      const dir = guestPath(worktree, relPath);
      try {
        fs.mkdirSync(dir, { recursive });
      } catch (err) {
        throw fsError(err, dir, relPath as string);
      }
      return undefined;
    },
  };
  return { functions };
}

// Node's forms: an encoding name or `{ encoding }`; absent or null means utf8 here (never a Buffer).
function encodingOf(options: unknown): BufferEncoding {
  const name = options !== null && typeof options === 'object' ? (options as { encoding?: unknown }).encoding : options;
  if (name === undefined || name === null) return 'utf8';
  if (typeof name !== 'string' || !ENCODINGS.has(name.toLowerCase())) {
    throw new HostModuleError(`Unsupported encoding: ${String(name)}`, { code: 'ERR_INVALID_ARG_VALUE' });
  }
  return name.toLowerCase() as BufferEncoding;
}
