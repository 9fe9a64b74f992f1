import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FormatError } from '../../src/errors/index.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import { Tensor, arange, tensor } from '../../src/tensor/index.js';
import { handMade } from './hand-made.js';

function parseByHand(bytes: Uint8Array): { n: number; header: Record<string, unknown>; headerText: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  assert.equal(hi, 0);
  const headerText = new TextDecoder().decode(bytes.subarray(8, 8 + lo));
  return { n: lo, header: JSON.parse(headerText) as Record<string, unknown>, headerText };
}

describe('encodeSafetensors / decodeSafetensors round trip', () => {
  const cases: [string, Tensor][] = [
    ['f32 matrix', tensor([[1.5, -2], [3, 1e-7], [3.4e38, -0]], { dtype: 'float32' })],
    ['f64 vector', tensor([Math.PI, -Math.E, 1e-300, Number.MAX_VALUE], { dtype: 'float64' })],
    ['i32 3-d', tensor([[[1, -2], [2147483647, -2147483648]]], { dtype: 'int32' })],
    ['0-d scalar', tensor(7.25, { dtype: 'float64' })],
    ['empty [0]', new Tensor(new Float32Array(0), [0])],
    ['empty [3,0,2]', new Tensor(new Int32Array(0), [3, 0, 2])],
    ['4-d', arange(0, 24, 1, { dtype: 'float32' }).reshape(2, 3, 2, 2)],
  ];
  for (const [title, t] of cases) {
    it(`keeps dtype, shape and values exactly: ${title}`, () => {
      const { tensors } = decodeSafetensors(encodeSafetensors({ x: t }));
      const back = tensors['x']!;
      assert.equal(back.dtype, t.dtype);
      assert.deepEqual(back.shape, t.shape);
      assert.deepEqual(Array.from(back.values()), Array.from(t.values()));
    });
  }

  it('round-trips several tensors of mixed dtypes, metadata, and unusual names', () => {
    const input = {
      'layers.0.weight': tensor([[1, 2, 3]], { dtype: 'float32' }),
      'layers.0.bias': tensor([0.5], { dtype: 'float64' }),
      counts: tensor([4, 5], { dtype: 'int32' }),
      '__proto__': tensor([9], { dtype: 'float32' }),
      'ünïcode 名': tensor([1, 2], { dtype: 'float64' }),
    };
    const meta = { format: 'pt', note: 'héllo' };
    const { tensors, metadata } = decodeSafetensors(encodeSafetensors(input, meta));
    assert.deepEqual(metadata, meta);
    assert.deepEqual(Object.keys(tensors).sort(), Object.keys(input).sort());
    for (const [name, t] of Object.entries(input)) {
      const back = Object.getOwnPropertyDescriptor(tensors, name)?.value as Tensor;
      assert.equal(back.dtype, t.dtype, name);
      assert.deepEqual(back.toArray(), t.toArray(), name);
    }
    assert.equal(Object.getPrototypeOf(tensors), Object.prototype, 'a tensor named __proto__ must not change the prototype');
  });

  it('writes non-contiguous views in row-major order', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' }).transpose(0, 1);
    const { tensors } = decodeSafetensors(encodeSafetensors({ t }));
    assert.deepEqual(tensors['t']!.toArray(), [[1, 4], [2, 5], [3, 6]]);
  });

  it('returns copies that share no memory with the input bytes', () => {
    const bytes = encodeSafetensors({ a: tensor([1, 2], { dtype: 'float32' }) });
    const { tensors } = decodeSafetensors(bytes);
    bytes.fill(0);
    assert.deepEqual(tensors['a']!.toArray(), [1, 2]);
  });

  it('decodes a file whose data sits at an unaligned offset inside a larger buffer', () => {
    const file = encodeSafetensors({ d: tensor([1.25, -8], { dtype: 'float64' }) });
    const big = new Uint8Array(file.length + 3);
    big.set(file, 3);
    const { tensors } = decodeSafetensors(big.subarray(3));
    assert.deepEqual(tensors['d']!.toArray(), [1.25, -8]);
    assert.ok(tensors['d']!.storage instanceof Float64Array);
  });
});

describe('encodeSafetensors byte layout', () => {
  it('writes u64 LE header length, compact JSON padded with spaces to 8, then packed LE data', () => {
    const bytes = encodeSafetensors(
      { b: tensor([1, 2], { dtype: 'float32' }), a: tensor([3], { dtype: 'int32' }), c: tensor([0.5], { dtype: 'float64' }) },
      { format: 'pt' },
    );
    const { n, header, headerText } = parseByHand(bytes);
    assert.equal(n % 8, 0, 'header length is a multiple of 8');
    const compact =
      '{"__metadata__":{"format":"pt"},' +
      '"c":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},' +
      '"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},' +
      '"a":{"dtype":"I32","shape":[1],"data_offsets":[16,20]}}';
    assert.equal(headerText.trimEnd(), compact);
    assert.equal(headerText, compact.padEnd(n, ' '));
    assert.deepEqual(header['__metadata__'], { format: 'pt' });
    assert.equal(bytes.length, 8 + n + 20);
    const data = new DataView(bytes.buffer, bytes.byteOffset + 8 + n);
    assert.equal(data.getFloat64(0, true), 0.5);
    assert.equal(data.getFloat32(8, true), 1);
    assert.equal(data.getFloat32(12, true), 2);
    assert.equal(data.getInt32(16, true), 3);
  });

  it('encodes an empty state dict as the header {} padded to 8 bytes', () => {
    const bytes = encodeSafetensors({});
    assert.deepEqual(Array.from(bytes), [8, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d, 32, 32, 32, 32, 32, 32]);
    assert.deepEqual(decodeSafetensors(bytes), { tensors: {}, metadata: {} });
  });

  it('refuses a tensor named __metadata__ and metadata that is not a string', () => {
    assert.throws(() => encodeSafetensors({ __metadata__: tensor([1]) }), /__metadata__/);
    assert.throws(() => encodeSafetensors({}, { n: 3 as unknown as string }), /must be a string/);
  });
});

describe('decodeSafetensors reads files laid out by the reference implementation', () => {
  it('one F32 tensor [2] = [1, 2]', () => {
    // Bytes as safetensors' Python `save({"x": torch.tensor([1., 2.])})` lays them out.
    const header = '{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    const padded = header.padEnd(56, ' ');
    const file = handMade(padded, [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40]);
    assert.deepEqual(Array.from(file.subarray(0, 8)), [56, 0, 0, 0, 0, 0, 0, 0]);
    const { tensors, metadata } = decodeSafetensors(file);
    assert.deepEqual(metadata, {});
    assert.equal(tensors['x']!.dtype, 'float32');
    assert.deepEqual(tensors['x']!.toArray(), [1, 2]);
  });

  it('the reference documentation example: header length 60 (not padded), I32 [2,2] of zeros', () => {
    const header = '{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}';
    assert.equal(header.length, 0x3c);
    const file = handMade(header, new Uint8Array(16));
    assert.deepEqual(Array.from(file.subarray(0, 8)), [0x3c, 0, 0, 0, 0, 0, 0, 0]);
    const { tensors } = decodeSafetensors(file);
    assert.equal(tensors['test']!.dtype, 'int32');
    assert.deepEqual(tensors['test']!.toArray(), [[0, 0], [0, 0]]);
  });

  it('an I32 matrix, an F64 scalar and metadata, in the order the header gives', () => {
    const header =
      '{"__metadata__":{"format":"pt"},"s":{"dtype":"F64","shape":[],"data_offsets":[0,8]},' +
      '"m":{"dtype":"I32","shape":[2,2],"data_offsets":[8,24]}}';
    const data = new Uint8Array(24);
    const v = new DataView(data.buffer);
    v.setFloat64(0, -0.125, true);
    [7, -1, 65536, 0].forEach((x, i) => v.setInt32(8 + 4 * i, x, true));
    const { tensors, metadata } = decodeSafetensors(handMade(header, data));
    assert.deepEqual(metadata, { format: 'pt' });
    assert.deepEqual(Object.keys(tensors), ['s', 'm']);
    assert.deepEqual(tensors['s']!.shape, []);
    assert.equal(tensors['s']!.item(), -0.125);
    assert.deepEqual(tensors['m']!.toArray(), [[7, -1], [65536, 0]]);
  });

  it('a zero-size tensor sharing its offset with the next one', () => {
    const header =
      '{"e":{"dtype":"F32","shape":[0,4],"data_offsets":[0,0]},"f":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
    const { tensors } = decodeSafetensors(handMade(header, [0, 0, 0x80, 0x3f]));
    assert.deepEqual(tensors['e']!.shape, [0, 4]);
    assert.deepEqual(tensors['f']!.toArray(), [1]);
  });

  it('unsupported dtype is refused with a FormatError naming the tensor and dtype', () => {
    const header = '{"half":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}';
    assert.throws(
      () => decodeSafetensors(handMade(header, [0, 0x3c, 0, 0x40])),
      (e: unknown) => e instanceof FormatError && /"half"/.test(e.message) && /F16/.test(e.message) && /not supported/.test(e.message),
    );
  });
});
