/**
 * The file-system adapter of src/io, and the only file here that touches node:fs (loaded lazily,
 * so importing src/io in a browser works; only calling these functions needs Node).
 *
 * writeFileAtomic follows the usual recipe so that a crash mid-save never leaves a broken file:
 * write a temp file in the same directory, fsync it, rename it over the target (atomic on POSIX
 * within one file system), then fsync the directory so the rename itself is durable.
 */
import { FormatError } from '../errors/index.js';

/** The part of a node:fs/promises FileHandle that writeFileAtomic uses. */
export interface AtomicFileHandle {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls writeFileAtomic makes; tests inject failures through this. */
export interface AtomicWriteFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export interface AtomicWriteOptions {
  /**
   * Permission bits of the new file (the process umask still applies).
   * @default 0o666
   */
  readonly mode?: number;
  /**
   * The file-system calls to use.
   * @default node:fs/promises
   */
  readonly fs?: AtomicWriteFs;
}

function splitPath(path: string): { dir: string; base: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? { dir: '.', base: path } : { dir: path.slice(0, cut) || '/', base: path.slice(cut + 1) };
}

let tempCounter = 0;

/** The temp file name used for `path`: hidden, in the same directory, unique per process and call. */
export function tempPathFor(path: string): string {
  const { dir, base } = splitPath(path);
  const unique = `${typeof process === 'object' ? process.pid : 0}.${Date.now().toString(36)}.${(tempCounter++).toString(36)}`;
  return `${dir}/.${base}.${unique}.tmp`;
}

/**
 * Writes `bytes` to `path` atomically: readers see the old content or the new, never a mix, and
 * a failure at any step removes the temp file and leaves the old file untouched.
 * @example
 * await writeFileAtomic('model.safetensors', encodeSafetensors(stateDict));
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? (await import('node:fs/promises'));
  const temp = tempPathFor(path);
  let handle: AtomicFileHandle | undefined;
  try {
    // 'wx' fails if the name exists, so a stale temp file of another writer is never reused.
    handle = await fs.open(temp, 'wx', options.mode ?? 0o666);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, path);
  } catch (error) {
    if (handle !== undefined) await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  if (options.fs === undefined) await syncDirectory(splitPath(path).dir);
}

/** fsyncs a directory so a rename in it survives a power cut; some systems (Windows) refuse, which is harmless. */
async function syncDirectory(dir: string): Promise<void> {
  const fs = await import('node:fs/promises');
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the rename is best effort; the file itself is already complete.
  }
}

/**
 * Reads a whole file, refusing (before reading) one larger than `maxBytes`, so a huge or
 * hostile file cannot make the process allocate without bound.
 */
export async function readFileLimited(path: string, maxBytes: number): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      throw new FormatError(`${path}: the file is ${size} bytes, more than the limit of ${maxBytes}`, {
        expected: `at most ${maxBytes} bytes`,
        got: size,
        hint: 'raise the size limit in the options if you trust this file',
      });
    }
    const out = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(out, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // A file that shrank while we read it returns only what exists.
    return filled === size ? out : out.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
