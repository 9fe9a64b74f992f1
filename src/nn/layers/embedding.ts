import { DTypeError, IndexError } from '../../errors/index.js';
import { zeros } from '../../tensor/create.js';
import type { Generator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import { normal } from '../init/distributions.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import { checkInt, withGenerator } from './checks.js';

export interface EmbeddingOptions {
  /** Row whose vector starts at zero and gets no gradient (e.g. the padding token). @default none */
  readonly paddingIdx?: number;
  /** @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

/**
 * A lookup table: row `i` of `weight` [numEmbeddings, embeddingDim] is the vector of index `i`.
 * Input: int32 indices of any shape [*]; output [*, embeddingDim]. `weight` is initialized from
 * N(0, 1) as in PyTorch. Gradients accumulate into the rows that were looked up.
 * @example new Embedding(1000, 64).call(tensor([[1, 5, 2]], { dtype: 'int32' })) // [1, 3, 64]
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingOptions = {}) {
    super();
    checkInt('Embedding', 'numEmbeddings', numEmbeddings);
    checkInt('Embedding', 'embeddingDim', embeddingDim);
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = options.paddingIdx ?? null;
    if (this.paddingIdx !== null) checkInt('Embedding', 'paddingIdx', this.paddingIdx, 0);
    if (this.paddingIdx !== null && this.paddingIdx >= numEmbeddings) {
      throw new IndexError(`Embedding: paddingIdx ${this.paddingIdx} is out of range for ${numEmbeddings} embeddings`);
    }
    const weight = normal(zeros([numEmbeddings, embeddingDim]), 0, 1, withGenerator(options.generator));
    if (this.paddingIdx !== null) weight.storage.fill(0, this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim);
    this.registerParameter('weight', weight);
  }

  get weight(): Tensor {
    return this.param('weight');
  }

  forward(indices: Tensor): Tensor {
    if (indices.dtype !== 'int32') {
      throw new DTypeError(`Embedding: expected int32 indices, got ${indices.dtype}`, { hint: "cast with indices.cast('int32')" });
    }
    const flat = indices.reshape(indices.size);
    const rows = this.weight.indexSelect(0, flat);
    if (this.paddingIdx !== null && rows.requiresGrad) {
      // The padding row gets no gradient: zero its share of the upstream gradient.
      const pad = this.paddingIdx;
      const keep = flat.ne(pad).cast(rows.dtype).reshape(flat.size, 1);
      rows.registerHook((g) => g.mul(keep));
    }
    return rows.reshape(...indices.shape, this.embeddingDim);
  }

  override toConfig(): LayerConfig {
    return { type: 'Embedding', numEmbeddings: this.numEmbeddings, embeddingDim: this.embeddingDim, paddingIdx: this.paddingIdx };
  }

  static fromConfig(r: ConfigReader): Embedding {
    const paddingIdx = r.optionalInt('paddingIdx', 0);
    return new Embedding(r.int('numEmbeddings', 1), r.int('embeddingDim', 1), paddingIdx === null ? {} : { paddingIdx });
  }

  override toString(): string {
    return `Embedding(${this.numEmbeddings}, ${this.embeddingDim})`;
  }
}
