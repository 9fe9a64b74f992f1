import { AutogradError, ShapeError, formatShape } from '../errors/index.js';
import { shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { add } from '../ops/binary.js';
import { cast } from '../ops/shape.js';
import { onesLike } from '../tensor/create.js';
import { withGradMode } from './grad-mode.js';
import { accumulateGradient, withLeafAccumulation } from './leaf-gradients.js';

export interface BackwardOptions {
  /** Keep the graph so that backward can run through it again. @default createGraph */
  readonly retainGraph?: boolean;
  /** Record the backward pass itself, for higher-order gradients. @default false */
  readonly createGraph?: boolean;
}

/** Every tensor that `roots` depend on through the graph, inputs before the tensors made from them. */
function topologicalOrder(roots: readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // Iterative depth-first search (deep graphs such as long RNN unrolls would overflow recursion).
  const stack: { tensor: Tensor; expanded: boolean }[] = roots.map((tensor) => ({ tensor, expanded: false }));
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.expanded) {
      order.push(top.tensor);
      continue;
    }
    if (visited.has(top.tensor)) continue;
    visited.add(top.tensor);
    stack.push({ tensor: top.tensor, expanded: true });
    for (const input of top.tensor.gradFn?.inputs ?? []) {
      if (input.requiresGrad && !visited.has(input)) stack.push({ tensor: input, expanded: false });
    }
  }
  return order;
}

function seedGradients(roots: readonly Tensor[], gradients: readonly Tensor[] | undefined): Map<Tensor, Tensor> {
  const grads = new Map<Tensor, Tensor>();
  roots.forEach((root, i) => {
    if (!root.requiresGrad) {
      throw new AutogradError('backward: this tensor does not require grad and has no grad_fn', {
        hint: 'create the leaves with requiresGrad: true (or call x.requiresGrad_()) before computing the output',
      });
    }
    const given = gradients?.[i];
    if (given === undefined) {
      if (root.size !== 1) {
        throw new AutogradError(
          `backward: the output has shape ${formatShape(root.shape)}; a gradient can be implied only for a scalar output`,
          { hint: 'pass the upstream gradient, y.backward(onesLike(y)), or reduce first, y.sum().backward()' },
        );
      }
      grads.set(root, onesLike(root));
      return;
    }
    if (!shapesEqual(given.shape, root.shape)) {
      throw new ShapeError(`backward: gradient shape ${formatShape(given.shape)} does not match output shape ${formatShape(root.shape)}`);
    }
    // A gradient takes its tensor's dtype (as in PyTorch), whatever dtype the caller passed.
    grads.set(root, given.dtype === root.dtype ? given : cast(given, root.dtype));
  });
  return grads;
}

/**
 * Reverse-mode sweep from `roots`: visits tensors in reverse topological order, runs their
 * hooks, and pushes gradients to inputs through each node's vector–Jacobian product.
 * `visit(t, grad)` sees each tensor's final gradient; it returns true to stop descending.
 */
function sweep(
  roots: readonly Tensor[],
  gradients: readonly Tensor[] | undefined,
  options: BackwardOptions,
  intoLeaves: boolean,
  visit: (tensor: Tensor, grad: Tensor) => void,
): void {
  const grads = seedGradients(roots, gradients);
  const order = topologicalOrder(roots);
  // Ops may add into leaves' `.grad` themselves only in backward() without createGraph (leafGradientTarget).
  withLeafAccumulation(intoLeaves && !(options.createGraph ?? false), () =>
    withGradMode(options.createGraph ?? false, () => propagate(order, grads, options, visit)),
  );
}

function propagate(order: readonly Tensor[], grads: Map<Tensor, Tensor>, options: BackwardOptions, visit: (tensor: Tensor, grad: Tensor) => void): void {
  for (let i = order.length - 1; i >= 0; i--) {
    const tensor = order[i]!;
    let grad = grads.get(tensor);
    if (grad === undefined) continue;
    grads.delete(tensor);
    for (const hook of tensor.gradHooks()) grad = hook(grad) ?? grad;
    visit(tensor, grad);
    const node = tensor.gradFn;
    if (node === null) continue;
    if (node.released) {
      throw new AutogradError(
        `backward: trying to backward through the graph a second time (at op '${node.op}'); its saved tensors were freed by the first backward`,
        { hint: 'pass { retainGraph: true } to the first backward() if you need to backward twice' },
      );
    }
    const inputGrads = node.apply(grad);
    // As in PyTorch, retainGraph defaults to createGraph: a recorded backward may reuse this graph's tensors.
    if (!(options.retainGraph ?? options.createGraph ?? false)) node.release();
    node.inputs.forEach((input, j) => {
      const g = inputGrads[j];
      if (g === null || g === undefined || !input.requiresGrad) return;
      if (!shapesEqual(g.shape, input.shape)) {
        throw new ShapeError(`backward: op '${node.op}' produced a gradient of shape ${formatShape(g.shape)} for an input of shape ${formatShape(input.shape)}`);
      }
      // An op that promoted dtypes (float32 · float64) hands back float64; each input gets its own dtype.
      const own = g.dtype === input.dtype ? g : cast(g, input.dtype);
      const previous = grads.get(input);
      grads.set(input, previous === undefined ? own : add(previous, own));
    });
  }
}

/** Backpropagates from `roots` and accumulates into `.grad` of leaves (and of tensors that retain grad). */
export function backward(roots: readonly Tensor[], gradients?: readonly Tensor[], options: BackwardOptions = {}): void {
  const createGraph = options.createGraph ?? false;
  sweep(roots, gradients, options, true, (tensor, grad) => {
    if (!tensor.isLeaf && !tensor.retainsGradient) return;
    // Gradients are stored contiguous, laid out like their tensor (a transposed or expanded view
    // from the backward pass is materialized), so optimizers can read them as flat arrays.
    const own = createGraph ? grad.contiguous() : grad.detach().contiguous();
    accumulateGradient(tensor, own, createGraph);
  });
}

/**
 * The gradients of `outputs` with respect to `inputs`, like torch.autograd.grad: nothing is
 * written to any `.grad`. An input the outputs do not depend on gets zeros (or throws when
 * `allowUnused` is false).
 */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options: BackwardOptions & { gradOutputs?: readonly Tensor[]; allowUnused?: boolean } = {},
): Tensor[] {
  const outs = Array.isArray(outputs) ? outputs : [outputs as Tensor];
  const ins = Array.isArray(inputs) ? inputs : [inputs as Tensor];
  const found = new Map<Tensor, Tensor>();
  const wanted = new Set(ins);
  sweep(outs, options.gradOutputs, options, false, (tensor, g) => {
    if (wanted.has(tensor)) found.set(tensor, g);
  });
  return ins.map((input, i) => {
    const g = found.get(input);
    if (g !== undefined) return g;
    if (options.allowUnused === false) {
      throw new AutogradError(`grad: input ${i} was not used to compute the outputs`, { hint: 'pass allowUnused: true to get zeros instead' });
    }
    return onesLike(input).mul(0);
  });
}
