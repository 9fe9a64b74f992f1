// Helpers that write small data files into a fresh temporary directory for the reader tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A fresh directory under os.tmpdir(); remove it with `cleanup`. */
export function tempDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'deeptrace-data-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** IDX bytes: two zero bytes, type code, ndim, big-endian uint32 dims, then `data` as given. */
export function idxBytes(typeCode: number, dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = typeCode;
  header[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

/** uint8 images [n, rows, cols] with pixel (s, r, c) = (s * 7 + r * cols + c) % 256. */
export function imagePixels(n: number, rows: number, cols: number): Uint8Array {
  const data = new Uint8Array(n * rows * cols);
  for (let s = 0; s < n; s++) for (let p = 0; p < rows * cols; p++) data[s * rows * cols + p] = (s * 7 + p) % 256;
  return data;
}

export function writeBytes(path: string, bytes: Uint8Array, gzip = false): string {
  writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
  return path;
}
