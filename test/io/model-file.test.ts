import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, FormatError } from '../../src/errors/index.js';
import { architectureHashKey, architecturePath, loadModelFile, readSafetensorsFile, saveModelFile } from '../../src/io/model-file.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { tensor } from '../../src/tensor/index.js';

const architecture = {
  type: 'Sequential',
  layers: [
    { type: 'Linear', inFeatures: 3, outFeatures: 2, bias: true },
    { type: 'ReLU' },
  ],
};
const stateDict = () => ({
  '0.weight': tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' }),
  '0.bias': tensor([0.5, -0.5], { dtype: 'float32' }),
  steps: tensor([7], { dtype: 'int32' }),
});

const isFormatError = (pattern: RegExp) => (e: unknown): boolean => e instanceof FormatError && pattern.test(e.message);

describe('model files', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deeptrace-model-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the architecture file beside the weights', () => {
    assert.equal(architecturePath('out/mlp.safetensors'), 'out/mlp.json');
    assert.equal(architecturePath('mlp.bin'), 'mlp.bin.json');
    assert.throws(() => architecturePath('mlp.json'), ConfigError);
  });

  it('saves and loads weights, architecture and metadata', async () => {
    const path = join(dir, 'mlp.safetensors');
    await saveModelFile(path, { stateDict: stateDict(), architecture, metadata: { epoch: '3' } });
    const loaded = await loadModelFile(path);
    assert.deepEqual(loaded.architecture, architecture);
    assert.deepEqual(loaded.metadata, { epoch: '3' });
    assert.deepEqual(Object.keys(loaded.stateDict).sort(), ['0.bias', '0.weight', 'steps']);
    assert.deepEqual(loaded.stateDict['0.weight']!.toArray(), [[1, 2, 3], [4, 5, 6]]);
    assert.equal(loaded.stateDict['steps']!.dtype, 'int32');
    const archFile = JSON.parse(await readFile(join(dir, 'mlp.json'), 'utf8')) as unknown;
    assert.deepEqual(archFile, { format: 'deeptrace.architecture', version: 1, architecture });
    assert.deepEqual((await readdir(dir)).filter((n) => n.startsWith('.')), [], 'no temp files remain');
  });

  it('refuses an architecture file that belongs to another model', async () => {
    const path = join(dir, 'a.safetensors');
    await saveModelFile(path, { stateDict: stateDict(), architecture });
    await saveModelFile(join(dir, 'b.safetensors'), { stateDict: stateDict(), architecture: { type: 'Other' } });
    await writeFile(join(dir, 'a.json'), await readFile(join(dir, 'b.json')));
    await assert.rejects(loadModelFile(path), isFormatError(/a\.json does not belong to .*a\.safetensors/));
  });

  it('reads weights written elsewhere (no hash in the metadata) with any valid architecture file', async () => {
    const path = join(dir, 'ext.safetensors');
    await writeFile(path, encodeSafetensors({ w: tensor([1, 2], { dtype: 'float32' }) }, { format: 'pt' }));
    await writeFile(join(dir, 'ext.json'), JSON.stringify({ format: 'deeptrace.architecture', version: 1, architecture: { type: 'X' } }));
    const loaded = await loadModelFile(path);
    assert.deepEqual(loaded.architecture, { type: 'X' });
    assert.deepEqual(loaded.metadata, { format: 'pt' });
    const bare = await readSafetensorsFile(path);
    assert.deepEqual(bare.tensors['w']!.toArray(), [1, 2]);
  });

  it('treats architecture text as data only: nothing is evaluated, __proto__ stays a key', async () => {
    const path = join(dir, 'evil.safetensors');
    await saveModelFile(path, { stateDict: {}, architecture: { type: 'X' } });
    const hostile = '{"format":"deeptrace.architecture","version":1,"architecture":{"__proto__":{"polluted":true},"code":"process.exit(1)"}}';
    await writeFile(join(dir, 'evil.json'), hostile);
    // The hash no longer matches, so the load is refused; the hostile text was parsed, not run.
    await assert.rejects(loadModelFile(path), isFormatError(/does not belong/));
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('refuses broken architecture files with a FormatError naming the file', async () => {
    const path = join(dir, 'broken.safetensors');
    await saveModelFile(path, { stateDict: stateDict(), architecture });
    const json = join(dir, 'broken.json');
    const cases: [string, RegExp][] = [
      ['{"format":"deeptrace.architecture",', /broken\.json: the architecture file is not valid JSON/],
      ['[1]', /expected a JSON object/],
      ['{"format":"keras","version":1,"architecture":{}}', /"format" must be "deeptrace.architecture"/],
      ['{"format":"deeptrace.architecture","version":9,"architecture":{}}', /version 9 is not supported[\s\S]*upgrade deeptrace/],
      ['{"format":"deeptrace.architecture","version":1}', /"architecture" entry is missing/],
    ];
    for (const [text, pattern] of cases) {
      await writeFile(json, text);
      await assert.rejects(loadModelFile(path), isFormatError(pattern), text);
    }
    await writeFile(json, new Uint8Array([0x7b, 0xff, 0x7d]));
    await assert.rejects(loadModelFile(path), isFormatError(/not valid UTF-8/));
    await writeFile(json, ' '.repeat(100));
    await assert.rejects(loadModelFile(path, { maxArchitectureBytes: 99 }), isFormatError(/100 bytes, more than the limit of 99/));
  });

  it('refuses truncated or oversized weights with a FormatError naming the file', async () => {
    const path = join(dir, 'trunc.safetensors');
    await saveModelFile(path, { stateDict: stateDict(), architecture });
    const whole = await readFile(path);
    await writeFile(path, whole.subarray(0, whole.length - 1));
    await assert.rejects(loadModelFile(path), isFormatError(/trunc\.safetensors: tensor "steps": .*outside the data buffer of 35 bytes/));
    await writeFile(path, whole);
    await assert.rejects(loadModelFile(path, { maxTotalBytes: 8, maxHeaderBytes: 8 }), isFormatError(/more than the limit of 24/));
  });

  it('refuses non-JSON architectures and a reserved metadata key before writing anything', async () => {
    const path = join(dir, 'never.safetensors');
    await assert.rejects(saveModelFile(path, { stateDict: {}, architecture: { act: () => 0 } }), ConfigError);
    await assert.rejects(saveModelFile(path, { stateDict: {}, architecture: {}, metadata: { [architectureHashKey]: 'x' } }), /reserved/);
    assert.deepEqual((await readdir(dir)).filter((n) => n.includes('never')), []);
  });
});
