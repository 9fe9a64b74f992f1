import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FormatError } from '../../src/errors/index.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import { tensor } from '../../src/tensor/index.js';
import { handMade } from './hand-made.js';

/** Asserts decode throws a FormatError whose message matches every pattern. */
function refuses(bytes: Uint8Array, ...patterns: RegExp[]): void {
  assert.throws(
    () => decodeSafetensors(bytes),
    (e: unknown) => {
      assert.ok(e instanceof FormatError, `expected FormatError, got ${String(e)}`);
      for (const p of patterns) assert.match(e.message, p);
      return true;
    },
  );
}

const entry = (name: string, dtype: string, shape: string, offsets: string): string =>
  `"${name}":{"dtype":"${dtype}","shape":${shape},"data_offsets":${offsets}}`;
const eight = [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40];

describe('decodeSafetensors refuses hostile or broken files with a FormatError', () => {
  it('a file shorter than the 8-byte length prefix', () => {
    refuses(new Uint8Array(0), /0 bytes/, /too short/);
    refuses(new Uint8Array(5), /5 bytes/);
  });

  it('a header length larger than the file', () => {
    refuses(handMade('{}', [], 100n), /header length 100/, /larger than the 2 bytes/);
  });

  it('a header length of 2^53 and of 2^64-1, quickly and without allocating', () => {
    for (const claim of [2n ** 53n, 2n ** 64n - 1n]) {
      const before = process.memoryUsage().arrayBuffers;
      const start = performance.now();
      refuses(handMade('{}', [], claim), new RegExp(`header length ${claim}`));
      assert.ok(performance.now() - start < 50, 'decode must fail fast');
      assert.ok(process.memoryUsage().arrayBuffers - before < 1_000_000, 'decode must not allocate for the claim');
    }
  });

  it('a header over the maxHeaderBytes limit', () => {
    assert.throws(() => decodeSafetensors(handMade(' '.repeat(64) + '{}'), { maxHeaderBytes: 16 }), (e: unknown) =>
      e instanceof FormatError && /exceeds the limit of 16/.test(e.message));
  });

  it('data over the maxTotalBytes limit', () => {
    const file = encodeSafetensors({ w: tensor([1, 2, 3, 4], { dtype: 'float32' }) });
    assert.throws(() => decodeSafetensors(file, { maxTotalBytes: 15 }), (e: unknown) =>
      e instanceof FormatError && /16 bytes, more than the limit of 15/.test(e.message));
  });

  it('a header that is not JSON, or not UTF-8', () => {
    refuses(handMade('{"x": '), /not valid JSON/);
    refuses(handMade('hello'), /does not start with "\{"/);
    const bad = handMade('{"\u00e9":1}');
    bad[10] = 0xff;
    refuses(bad, /not valid UTF-8/);
  });

  it('a JSON array or other non-object header', () => {
    refuses(handMade('[1,2]'), /does not start with/);
    refuses(handMade('{"x":[1]}'), /tensor "x": expected an object/);
    refuses(handMade('{"__metadata__":[]}'), /"__metadata__" must be an object/);
    refuses(handMade('{"__metadata__":{"k":1}}'), /value "k" must be a string/);
  });

  it('unknown and unsupported dtypes, naming the tensor', () => {
    refuses(handMade(`{${entry('w', 'Q7', '[2]', '[0,8]')}}`, eight), /tensor "w"/, /unknown dtype "Q7"/);
    refuses(handMade(`{${entry('w', 'I64', '[1]', '[0,8]')}}`, eight), /tensor "w"/, /I64 is not supported/);
    refuses(handMade(`{${entry('w', 'BF16', '[4]', '[0,8]')}}`, eight), /BF16 is not supported/);
    refuses(handMade('{"w":{"dtype":5,"shape":[2],"data_offsets":[0,8]}}', eight), /"dtype" must be a string/);
  });

  it('negative, fractional, huge or non-numeric shape entries', () => {
    refuses(handMade(`{${entry('w', 'F32', '[-2]', '[0,8]')}}`, eight), /tensor "w"/, /-2 is not a non-negative integer/);
    refuses(handMade(`{${entry('w', 'F32', '[1.5]', '[0,8]')}}`, eight), /1.5 is not a non-negative integer/);
    refuses(handMade(`{${entry('w', 'F32', '[1e300]', '[0,8]')}}`, eight), /is not a non-negative integer/);
    refuses(handMade(`{${entry('w', 'F32', '["2"]', '[0,8]')}}`, eight), /the string "2" is not/);
    refuses(handMade(`{${entry('w', 'F32', '3', '[0,8]')}}`, eight), /"shape" must be an array/);
  });

  it('a shape whose element count would overflow', () => {
    const shape = '[4294967296,4294967296,4294967296]';
    refuses(handMade(`{${entry('w', 'F32', shape, '[0,8]')}}`, eight), /tensor "w"/, /needs more bytes than the data buffer holds \(8\)/);
    const big = '[9007199254740991,9007199254740991]';
    refuses(handMade(`{${entry('w', 'F64', big, '[0,8]')}}`, eight), /needs more bytes/);
  });

  it('offsets out of bounds, reversed, malformed or not matching the shape', () => {
    refuses(handMade(`{${entry('w', 'F32', '[2]', '[0,16]')}}`, eight), /tensor "w"/, /\[0,16\] lie outside the data buffer of 8 bytes/);
    refuses(handMade(`{${entry('w', 'F32', '[0]', '[8,4]')}}`, eight), /end before they begin/);
    refuses(handMade(`{${entry('w', 'F32', '[2]', '[0]')}}`, eight), /must be \[begin, end\]/);
    refuses(handMade(`{${entry('w', 'F32', '[2]', '[-1,7]')}}`, eight), /-1 is not a non-negative integer/);
    refuses(handMade(`{${entry('w', 'F32', '[2]', '[0.5,8]')}}`, eight), /0.5 is not a non-negative integer/);
    refuses(handMade(`{${entry('w', 'F32', '[1]', '[0,8]')}}`, eight), /hold 8 bytes, but F32 shape \[1\] needs 4/);
    refuses(handMade(`{${entry('w', 'I32', '[3]', '[0,8]')}}`, [...eight, ...eight]), /hold 8 bytes, but I32 shape \[3\] needs 12/);
    refuses(handMade(`{${entry('w', 'F64', '[2]', '[0,8]')}}`, eight), /F64 shape \[2\] needs more bytes than the data buffer holds/);
  });

  it('overlapping tensors, gaps, and trailing bytes', () => {
    const overlap = `{${entry('a', 'F32', '[2]', '[0,8]')},${entry('b', 'F32', '[1]', '[4,8]')}}`;
    refuses(handMade(overlap, eight), /"a" and "b" overlap/);
    const same = `{${entry('a', 'F32', '[2]', '[0,8]')},${entry('b', 'F32', '[2]', '[0,8]')}}`;
    refuses(handMade(same, eight), /overlap/);
    refuses(handMade(`{${entry('a', 'F32', '[1]', '[4,8]')}}`, eight), /bytes 0\.\.4 of the data buffer belong to no tensor/);
    refuses(handMade(`{${entry('a', 'F32', '[1]', '[0,4]')}}`, eight), /last 4 bytes of the data buffer belong to no tensor/);
  });

  it('a tensor name that appears twice', () => {
    const twice = `{${entry('a', 'F32', '[1]', '[0,4]')},${entry('a', 'F32', '[1]', '[4,8]')}}`;
    refuses(handMade(twice, eight), /names "a" twice/);
    const escaped = `{${entry('a', 'F32', '[1]', '[0,4]')},${entry('\\u0061', 'F32', '[1]', '[4,8]')}}`;
    refuses(handMade(escaped, eight), /names "a" twice/);
    const innerTwice = '{"a":{"dtype":"F32","dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    refuses(handMade(innerTwice, eight), /names "dtype" twice/);
  });

  it('keys inside strings and nested values do not confuse the duplicate check', () => {
    const header = `{"__metadata__":{"x":"a\\",\\"a","y":"{[,"},${entry('a', 'F32', '[2]', '[0,8]')}}`;
    const { metadata, tensors } = decodeSafetensors(handMade(header, eight));
    assert.deepEqual(metadata, { x: 'a","a', y: '{[,' });
    assert.deepEqual(tensors['a']!.toArray(), [1, 2]);
  });

  it('cuts a huge hostile tensor name short in the message', () => {
    const name = 'n'.repeat(10_000);
    assert.throws(() => decodeSafetensors(handMade(`{${entry(name, 'Q7', '[2]', '[0,8]')}}`, eight)), (e: unknown) =>
      e instanceof FormatError && e.message.length < 400 && /n\.\.\."/.test(e.message));
  });
});

describe('decodeSafetensors under fuzzing', () => {
  const valid = encodeSafetensors(
    { a: tensor([[1, 2], [3, 4]], { dtype: 'float32' }), b: tensor([5], { dtype: 'float64' }), c: tensor([6, 7], { dtype: 'int32' }) },
    { k: 'v' },
  );

  /** Decode either succeeds or throws FormatError; anything else fails the test. */
  function decodeOrFormatError(bytes: Uint8Array): 'ok' | 'refused' {
    try {
      decodeSafetensors(bytes);
      return 'ok';
    } catch (e) {
      if (e instanceof FormatError) return 'refused';
      throw new Error(`decode threw ${String(e)} instead of a FormatError`, { cause: e });
    }
  }

  it('every truncation of a valid file is refused with a FormatError', () => {
    for (let n = 0; n < valid.length; n++) assert.equal(decodeOrFormatError(valid.subarray(0, n)), 'refused', `length ${n}`);
    assert.equal(decodeOrFormatError(valid), 'ok');
  });

  it('random byte flips give success or a FormatError, never another error or a hang', () => {
    let seed = 12345;
    const next = (): number => {
      // xorshift32: a fixed seed keeps the test reproducible.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const counts = { ok: 0, refused: 0 };
    const start = performance.now();
    for (let trial = 0; trial < 3000; trial++) {
      const bytes = valid.slice();
      const flips = 1 + Math.floor(next() * 3);
      for (let f = 0; f < flips; f++) {
        // Bias half the flips into the 8-byte length and the header, where parsing happens.
        const limit = next() < 0.5 ? Math.min(valid.length, 120) : valid.length;
        bytes[Math.floor(next() * limit)] = Math.floor(next() * 256);
      }
      counts[decodeOrFormatError(bytes)]++;
    }
    assert.ok(performance.now() - start < 5000, 'fuzzing must finish quickly');
    assert.ok(counts.ok > 0 && counts.refused > 0, `both outcomes occur: ${JSON.stringify(counts)}`);
  });
});
