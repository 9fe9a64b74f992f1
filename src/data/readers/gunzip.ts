// The one place the data readers touch node:zlib. A browser build can swap this file for one
// built on DecompressionStream or a pure-JS inflate.
import { gunzipSync } from 'node:zlib';
import { FormatError } from '../../errors/index.js';

/** The most bytes `gunzip` inflates unless told otherwise: refuses gzip bombs. @default 1 GiB */
export const DEFAULT_MAX_GUNZIP_BYTES = 1 << 30;

/** True when `bytes` start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Inflates gzip data. `source` names the file in errors; a corrupt or truncated stream, or one
 * that inflates past `maxBytes`, is a FormatError.
 */
export function gunzip(bytes: Uint8Array, source: string, maxBytes = DEFAULT_MAX_GUNZIP_BYTES): Uint8Array {
  try {
    const out = gunzipSync(bytes, { maxOutputLength: maxBytes });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const tooBig = error instanceof RangeError || /maxOutputLength|larger than/i.test(reason);
    throw new FormatError(
      tooBig
        ? `${source}: the gzip stream inflates to more than ${maxBytes} bytes, refused`
        : `${source}: the gzip stream is corrupt or truncated (${reason})`,
      { hint: tooBig ? 'raise maxBytes if the file is trusted and really this large' : 'download or copy the file again' },
    );
  }
}
