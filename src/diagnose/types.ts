/** The kind of nonlinearity a layer applies, which decides the extra statistics it gets. */
export type LayerKind = 'relu' | 'sigmoid' | 'tanh' | 'other';

/** Statistics of one layer at one recorded step. NaN where a value does not apply. */
export interface LayerStepStats {
  /** Optimizer step (1-based) and epoch (1-based; outside fit, counted by endEpoch calls). */
  readonly step: number;
  readonly epoch: number;
  /** L2 norm of the gradients of the layer's own parameters (all of them as one vector). */
  readonly gradNorm: number;
  /** L2 norm of the layer's parameters after the step. */
  readonly weightNorm: number;
  /** ‖w_after − w_before‖ / ‖w_before‖ over the step (Karpathy's update-to-weight ratio; ~1e-3 is healthy). */
  readonly updateRatio: number;
  /** Mean and standard deviation of the layer's output over the batch. */
  readonly activationMean: number;
  readonly activationStd: number;
  /** L2 norm of dL/d(output), from a backward hook. */
  readonly outputGradNorm: number;
  /** Sigmoid/tanh layers: the fraction of saturated outputs. */
  readonly saturated: number;
}

/** A layer's statistics over one epoch: means over its recorded steps, norms at the last one. */
export interface LayerEpochStats {
  readonly epoch: number;
  readonly gradNorm: number;
  readonly weightNorm: number;
  readonly updateRatio: number;
  readonly activationMean: number;
  readonly activationStd: number;
  readonly outputGradNorm: number;
  readonly saturated: number;
  /** ReLU layers: the fraction of units whose output was 0 for every training sample of the epoch. */
  readonly dead: number;
}

/** One observed layer and its records. */
export interface LayerRecord {
  /** Dotted module path ('0', 'encoder.fc1'). */
  readonly name: string;
  /** Class name ('Linear', 'ReLU'). */
  readonly type: string;
  readonly kind: LayerKind;
  /** Number of the layer's own parameter elements (0 for activations). */
  readonly parameters: number;
  readonly steps: LayerStepStats[];
  readonly epochs: LayerEpochStats[];
}

export type WarningKind = 'vanishing' | 'exploding' | 'dead-units' | 'overfitting';

/** A problem the diagnostics found, with the numbers behind it. */
export interface DiagnosticsWarning {
  readonly kind: WarningKind;
  /** The epoch it was found in (1-based). */
  readonly epoch: number;
  /** The step, for step-level findings (exploding). */
  readonly step?: number;
  /** The layer concerned, when there is one. */
  readonly layer?: string;
  readonly message: string;
  readonly values: Readonly<Record<string, number>>;
}
