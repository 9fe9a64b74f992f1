import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

/** Runs an example with --quick and returns the JSON of its last `result:` line. */
function runExample(file: string): Record<string, Record<string, number>> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', file, '--quick'], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.startsWith('result: '));
  assert.ok(line !== undefined, `${file} printed no result line:\n${out}`);
  return JSON.parse(line.slice('result: '.length)) as Record<string, Record<string, number>>;
}

describe('stability experiments (examples 04–07, --quick)', () => {
  it('vanishing: a 10-layer sigmoid MLP barely updates its first layer; ReLU + He init trains', () => {
    const { sigmoid, relu } = runExample('examples/04-vanishing.ts');
    // First-layer gradient norm orders of magnitude below the last layer's.
    assert.ok(sigmoid!['ratio']! < 1e-2, `sigmoid first/last gradient ratio ${sigmoid!['ratio']}`);
    assert.ok(sigmoid!['firstUpdateRatio']! < 1e-4 * relu!['firstUpdateRatio']!, 'the sigmoid first layer barely moves');
    assert.ok(relu!['ratio']! > 0.1, `relu first/last gradient ratio ${relu!['ratio']}`);
    // The diagnostics' default threshold (1e-2) flags the sigmoid net only.
    assert.equal(sigmoid!['vanishingWarnings'], 1);
    assert.equal(relu!['vanishingWarnings'], 0);
    // Same epochs, same optimizer: the sigmoid net stays near chance (10 classes), ReLU learns.
    assert.ok(sigmoid!['testAccuracy']! < 0.2, `sigmoid accuracy ${sigmoid!['testAccuracy']}`);
    assert.ok(relu!['testAccuracy']! > sigmoid!['testAccuracy']! + 0.4, `relu accuracy ${relu!['testAccuracy']}`);
  });

  it('batch norm: the deep network reaches the target accuracy in fewer epochs', () => {
    const r = runExample('examples/05-batchnorm.ts') as unknown as Record<string, { epochsToTarget: number | null }>;
    const withBn = r['batchNorm']!.epochsToTarget;
    const without = r['plain']!.epochsToTarget;
    assert.ok(withBn !== null, 'with batch norm the target is reached');
    // Not reaching it in the allotted epochs counts as more epochs.
    assert.ok(without === null || without > withBn, `epochs to target: ${without} without, ${withBn} with batch norm`);
  });

  it('exploding: a vanilla RNN with large recurrent weights diverges; clipGradNorm keeps it finite and learning', () => {
    const { plain, clipped } = runExample('examples/06-exploding.ts');
    assert.ok(plain!['divergedAtStep']! > 0, 'without clipping the loss passes 1000');
    assert.ok(plain!['explodingWarnings']! >= 1, 'diagnostics flag the explosion');
    assert.equal(clipped!['divergedAtStep'], 0);
    assert.equal(clipped!['explodingWarnings'], 0);
    assert.ok(Number.isFinite(clipped!['finalMse']) && clipped!['finalMse']! < 0.2 * clipped!['initialMse']!, `clipped MSE ${clipped!['initialMse']} → ${clipped!['finalMse']}`);
  });

  it('LSTM vs RNN: on the adding problem the LSTM beats the 0.167 baseline, the RNN does not', () => {
    const r = runExample('examples/07-lstm-vs-rnn.ts');
    // --quick: T = 30, up to 700 steps; the LSTM stops once its test MSE is below 0.05.
    assert.ok(r['lstm']!['solvedAt']! > 0 && r['lstm']!['mse']! < 0.05, `LSTM test MSE ${r['lstm']!['mse']}`);
    assert.equal(r['rnn']!['solvedAt'], 0);
    assert.ok(r['rnn']!['mse']! > 0.12, `RNN test MSE ${r['rnn']!['mse']} after ${r['rnn']!['steps']} steps`);
  });
});
