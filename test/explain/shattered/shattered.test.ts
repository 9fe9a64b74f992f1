import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDigits } from '../../../src/data/index.js';
import { autocorrelation, highFrequencyPower } from '../../../src/explain/shattered/autocorrelation.js';
import { mapRoughness, measureMapShattering } from '../../../src/explain/shattered/map-shattering.js';
import { defaultShatteringFactories, inputGradients, measureShattering } from '../../../src/explain/shattered/measure.js';
import { shatteringNetwork } from '../../../src/explain/shattered/networks.js';
import { shatteringChartSvg } from '../../../src/report/shattering-chart.js';
import { Generator, linspace, tensor } from '../../../src/tensor/index.js';
import { noGrad } from '../../../src/autograd/index.js';

describe('autocorrelation and spectrum', () => {
  it('match hand-computed values', () => {
    // [1, 2, 3, 4]: deviations ±1.5, ±0.5; c0 = 5, c1 = 0.75 − 0.25 + 0.75 = 1.25.
    const rho = autocorrelation([1, 2, 3, 4], 2);
    assert.equal(rho[0], 1);
    assert.ok(Math.abs(rho[1]! - 0.25) < 1e-12);
    assert.ok(Math.abs(rho[2]! - (-1.5 * 0.5 + -0.5 * 1.5) / 5) < 1e-12);
    assert.ok(Math.abs(autocorrelation([1, -1, 1, -1], 1)[1]! + 0.75) < 1e-12);
    assert.deepEqual(autocorrelation([3, 3, 3], 1), [1, 1]);
    const n = 64;
    assert.ok(highFrequencyPower(Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 2 * i) / n))) < 1e-9);
    assert.ok(Math.abs(highFrequencyPower(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1))) - 1) < 1e-9);
    assert.throws(() => autocorrelation([1, 2], 2), /maxLag must be in \[0, 1\]/);
  });
});

describe('shattered gradients (Balduzzi et al. 2017)', () => {
  it('inputGradients agree with central differences in float64', () => {
    const model = shatteringNetwork('residual-bn', 4, { width: 8, generator: new Generator(3) }).cast('float64');
    const xs = linspace(-2, 2, 16, { dtype: 'float64' }).reshape(16, 1);
    const g = inputGradients(model, xs);
    const h = 1e-6;
    // The model is now in eval mode with the grid's batch-norm statistics: each output depends on its own input.
    const f = (shift: number): Float64Array => Float64Array.from(noGrad(() => model.call(xs.add(shift))).values());
    const [up, down] = [f(h), f(-h)];
    g.forEach((v, i) => assert.ok(Math.abs(v - (up[i]! - down[i]!) / (2 * h)) < 1e-5 * (1 + Math.abs(v)), `point ${i}: ${v}`));
  });

  it('deep plain networks with batch norm decorrelate toward white noise, residual ones stay correlated', () => {
    const result = measureShattering(defaultShatteringFactories({ width: 32 }), { depths: [2, 16], networks: 2, points: 128 });
    const at = (name: string, depth: number) => result.curves.find((c) => c.name === name)!.points.find((p) => p.depth === depth)!;
    assert.deepEqual(result.curves.map((c) => c.name), ['plain', 'plain-bn', 'residual', 'residual-bn']);
    assert.ok(at('plain-bn', 2).lag1 > 0.85, `plain-bn depth 2: ${at('plain-bn', 2).lag1}`);
    assert.ok(Math.abs(at('plain-bn', 16).lag1) < 0.2, `plain-bn depth 16: ${at('plain-bn', 16).lag1}`);
    assert.ok(at('plain-bn', 16).highFrequency > 0.4, 'white noise puts about half its power above half the Nyquist frequency');
    assert.ok(at('residual-bn', 16).lag1 > at('plain-bn', 16).lag1 + 0.3);
    assert.ok(at('residual', 16).lag1 > 0.6, `residual depth 16: ${at('residual', 16).lag1}`);
    assert.equal(result.curves[0]!.exampleGradient.length, 128);
    const svg = shatteringChartSvg(
      result.curves.map((c) => ({ name: c.name, depths: c.points.map((p) => p.depth), values: c.points.map((p) => p.lag1) })),
      result.curves.map((c) => ({ name: c.name, values: c.exampleGradient })),
    );
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svg.match(/<polyline/g) ?? []).length, 8);
    assert.match(svg, />plain-bn</);
  });

  it('shattering makes saliency maps unstable along a line of nearby images', () => {
    const images = loadDigits({ split: 'test', layout: 'image' }).inputs.slice({ start: 0, end: 2 }).contiguous();
    const rows = measureMapShattering(images, { depths: [2, 12], channels: 8, points: 16, architectures: ['plain-bn', 'residual-bn', 'residual'] });
    const at = (a: string, d: number) => rows.find((r) => r.architecture === a && r.depth === d)!;
    assert.ok(at('plain-bn', 2).pathCorrelation > 0.85);
    assert.ok(at('plain-bn', 12).pathCorrelation < 0.5, `plain-bn depth 12: ${at('plain-bn', 12).pathCorrelation}`);
    assert.ok(at('residual-bn', 12).pathCorrelation > 0.7);
    assert.ok(at('residual', 12).pathCorrelation > 0.85);
  });

  it('mapRoughness: a ramp is smooth, a checkerboard is rough', () => {
    const ramp = mapRoughness(tensor(Array.from({ length: 4 }, (_, y) => Array.from({ length: 4 }, (_, x) => x + y + 1))));
    assert.ok(Math.abs(ramp.neighbourCorrelation - 1) < 1e-12);
    // 24 unit steps over 2·Σ|v| = 2·64.
    assert.ok(Math.abs(ramp.totalVariation - 24 / 128) < 1e-12);
    const checker = mapRoughness(tensor(Array.from({ length: 4 }, (_, y) => Array.from({ length: 4 }, (_, x) => ((x + y) % 2 === 0 ? 1 : -1)))));
    assert.ok(Math.abs(checker.neighbourCorrelation + 1) < 1e-12);
    assert.equal(checker.totalVariation, (24 * 2) / 32);
  });
});
