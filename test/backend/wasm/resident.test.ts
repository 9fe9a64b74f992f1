import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createWasmBackend, jsBackend, registerBackend, withBackend } from '../../../src/backend/index.js';
import { Linear } from '../../../src/nn/layers/linear.js';
import { Module } from '../../../src/nn/module.js';
import { Adam } from '../../../src/optim/index.js';
import { Generator, Tensor, randn, tensor } from '../../../src/tensor/index.js';
import { assertGemmClose, makeGemm } from './gemm-helpers.js';

const wasm = createWasmBackend({ name: 'wasm-resident-test', threads: 2, minParallelWork: 0 });
wasm.waitForThreads();
registerBackend(wasm);
after(() => wasm.dispose());
const kernels = wasm.optimizer!;

/** A module that registers the tensors it is given, to see what becomes of them. */
class Holder extends Module {
  constructor(tensors: Record<string, Tensor>) {
    super();
    for (const [name, t] of Object.entries(tensors)) this.registerParameter(name, t);
  }
  forward(): Tensor {
    return this.param('a');
  }
  get(name: string): Tensor {
    return this.param(name);
  }
}

interface TrainedLinear {
  readonly weight: number[];
  /** Whether the weight ended up in the wasm backend's resident memory. */
  readonly resident: boolean;
}

/** A Linear layer trained with Adam for `steps` on a fixed batch (generators seeded from `seed`), on `backend`. */
function trainLinear(backend: string, o: { inFeatures: number; outFeatures: number; rows: number; steps: number; seed: number }): TrainedLinear {
  return withBackend(backend, () => {
    const layer = new Linear(o.inFeatures, o.outFeatures, { generator: new Generator(o.seed) });
    const opt = new Adam(layer.parameters(), { lr: 0.01 });
    const x = randn([o.rows, o.inFeatures], { generator: new Generator(o.seed + 1) });
    for (let step = 0; step < o.steps; step++) {
      opt.zeroGrad();
      layer.call(x).square().mean().backward();
      opt.step();
    }
    return { weight: (layer.weight.toArray() as number[][]).flat(), resident: kernels.owns(layer.weight.storage as Float32Array) };
  });
}

/** Float32 updates in another order: within 1e-6 + 1e-5·|r| of the reference. */
function assertWeightsNear(actual: readonly number[], reference: readonly number[]): void {
  assert.equal(actual.length, reference.length);
  actual.forEach((w, i) => {
    const r = reference[i]!;
    assert.ok(Math.abs(w - r) <= 1e-6 + 1e-5 * Math.abs(r), `weight ${i}: ${w} vs ${r}`);
  });
}

describe('resident parameters (float32 parameters in wasm memory)', () => {
  it('registers float32 parameters in wasm memory with the same values; the same tensor twice gets one copy', () => {
    withBackend(wasm.name, () => {
      const shared = randn([3, 4], { generator: new Generator(1) });
      const a = new Holder({ a: shared, b: tensor([1, 2, 3]) });
      const b = new Holder({ a: shared });
      const [pa, pb] = [a.get('a'), b.get('a')];
      assert.ok(kernels.owns(pa.storage as Float32Array));
      assert.equal(pa, pb, 'weight sharing survives: both modules hold the same tensor');
      assert.deepEqual(pa.toArray(), shared.toArray());
      assert.ok(pa.requiresGrad && pa.isLeaf);
    });
  });

  it('keeps float64 tensors, tensors that already require grad, and every tensor on the js backend as they are', () => {
    const f64 = randn([2, 2], { dtype: 'float64' });
    const leaf = randn([2, 2]).requiresGrad_();
    withBackend(wasm.name, () => {
      const m = new Holder({ a: f64, b: leaf });
      assert.equal(m.get('a'), f64);
      assert.equal(m.get('b'), leaf);
    });
    const plain = randn([2]);
    withBackend('js', () => assert.equal(new Holder({ a: plain }).get('a'), plain));
  });

  it('GEMM reads a resident operand in place, plain and transposed, batched and broadcast', () => {
    let seed = 300;
    for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      for (const batch of [1, 3]) {
        const p = makeGemm({ m: 37, n: 70, k: 129, transA, transB, batch, broadcastB: batch > 1, pad: 2 }, seed++);
        // The same values, with A and B moved into wasm memory.
        const [a, b] = [kernels.stateArray(p.a.length), kernels.stateArray(p.b.length)];
        a.set(p.a);
        b.set(p.b);
        const before = p.c.slice();
        const resident = { ...p, a, b, c: p.c.slice() };
        wasm.gemm(resident);
        assertGemmClose(p, before, resident.c, `resident tA=${transA} tB=${transB} batch=${batch}`);
        // Elements outside the matrices are untouched, and the operands too.
        assert.deepEqual([...a], [...p.a]);
      }
    }
  });

  it('trains a Linear layer with Adam to the same weights as the js backend, the weights updated in place', () => {
    const run = (backend: string): TrainedLinear => trainLinear(backend, { inFeatures: 70, outFeatures: 33, rows: 16, steps: 5, seed: 2 });
    const [fast, reference] = [run(wasm.name), run(jsBackend.name)];
    assert.ok(fast.resident);
    assert.ok(!reference.resident);
    assertWeightsNear(fast.weight, reference.weight);
  });
});

describe('when wasm memory cannot grow', () => {
  it('parameters stay ordinary arrays and Adam runs its own loop, with the same result as js', () => {
    // The wasm backend with an optimizer whose memory is full: every new resident array fails.
    const full = {
      ...wasm,
      name: 'wasm-full-memory',
      optimizer: {
        ...kernels,
        stateArray: (): Float32Array => {
          throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
        },
      },
    };
    registerBackend(full);
    const run = (backend: string): TrainedLinear => trainLinear(backend, { inFeatures: 20, outFeatures: 9, rows: 8, steps: 4, seed: 6 });
    const [constrained, reference] = [run(full.name), run(jsBackend.name)];
    assert.equal(constrained.resident, false);
    assertWeightsNear(constrained.weight, reference.weight);
  });
});
