import type { Tensor } from '../tensor/tensor.js';

/**
 * Maps the gradient of an op's output to the gradients of its inputs (null where an input
 * needs none). Written with public ops, so it runs on any backend.
 */
export type BackwardFn = (gradOutput: Tensor) => readonly (Tensor | null)[];

/** One recorded op of the define-by-run graph: the op's name, its inputs, and its vector–Jacobian product. */
export class GradNode {
  private backwardFn: BackwardFn | null;

  constructor(
    readonly op: string,
    readonly inputs: readonly Tensor[],
    backward: BackwardFn,
  ) {
    this.backwardFn = backward;
  }

  /** True once `backward` ran without `retainGraph`: its saved tensors are gone. */
  get released(): boolean {
    return this.backwardFn === null;
  }

  apply(gradOutput: Tensor): readonly (Tensor | null)[] {
    if (this.backwardFn === null) throw new Error('GradNode.apply on a released node');
    return this.backwardFn(gradOutput);
  }

  /** Drops the closure and with it the tensors it saved for backward. */
  release(): void {
    this.backwardFn = null;
  }
}

/** A gradient hook: may return a replacement gradient. */
export type GradHook = (grad: Tensor) => Tensor | void;

/** Returned by `registerHook`; `remove()` detaches the hook. */
export interface HookHandle {
  remove(): void;
}
