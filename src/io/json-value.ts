/** Checks for values that must survive JSON unchanged, and the small hash that pairs model files. */
import { ConfigError } from '../errors/index.js';

/**
 * Throws a ConfigError naming the path of the first part of `value` that JSON would lose or
 * change: undefined, functions, symbols, bigints, NaN/Infinity, class instances, cycles.
 */
export function checkJsonValue(value: unknown, path: string, ancestors: Set<object> = new Set()): void {
  const fail = (what: string): never => {
    throw new ConfigError(`${path} is ${what}, which JSON cannot store`, {
      expected: 'null, booleans, finite numbers, strings, arrays and plain objects',
      hint: "the architecture must be plain data, as the layers' toConfig() returns",
    });
  };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(String(value));
    return;
  }
  if (typeof value !== 'object') return fail(`a ${typeof value}`);
  if (ancestors.has(value)) fail('a reference back to itself (a cycle)');
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkJsonValue(value[i] as unknown, `${path}[${i}]`, ancestors);
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) fail('an instance of a class');
    for (const [key, v] of Object.entries(value)) checkJsonValue(v, `${path}.${key}`, ancestors);
  }
  ancestors.delete(value);
}

/**
 * 64-bit FNV-1a of the UTF-8 bytes of `text`, as 16 hex digits. Not cryptographic: it detects
 * accidental mismatches (a JSON file from another model), not forgery.
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // The 64-bit state is two 32-bit halves; the prime is 2^40 + 0x1b3, so h*prime = h*0x1b3 + (h << 40).
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const b of bytes) {
    lo = (lo ^ b) >>> 0;
    const t = lo * 0x1b3;
    const carry = Math.floor(t / 0x100000000);
    hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = t >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
