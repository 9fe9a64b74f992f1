// The one place the data readers touch node:fs and node:path: file access goes through here so
// that the rest of src/data stays free of Node built-ins.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors/index.js';
import { gunzip, isGzip } from './gunzip.js';

/** The bytes of the file at `path`; a missing or unreadable file is a ConfigError naming it. */
export function readBytes(path: string, op: string): Uint8Array {
  try {
    const buffer = readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${op}: cannot read ${path} (${reason})`, { hint: 'check the path and the file permissions' });
  }
}

/** The bytes of the file at `path`, inflated when they are gzip (by content, not by name). */
export function readMaybeGzip(path: string, op: string, maxBytes?: number): Uint8Array {
  const bytes = readBytes(path, op);
  return isGzip(bytes) ? gunzip(bytes, path, maxBytes) : bytes;
}

/** The file at `path` as UTF-8 text (gzip inflated). */
export function readText(path: string, op: string): string {
  return new TextDecoder('utf-8').decode(readMaybeGzip(path, op));
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}

export function joinPath(dir: string, name: string): string {
  return join(dir, name);
}
