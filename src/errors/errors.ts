/**
 * The deeptrace error hierarchy. Every error says what happened, what was expected, what was
 * received and, where there is one, how to fix it (`hint`).
 */
export interface ErrorDetails {
  /** What the operation expected, in words or as a value. */
  readonly expected?: unknown;
  /** What it received. */
  readonly got?: unknown;
  /** How to fix it. Appended to the message after "- help: ". */
  readonly hint?: string;
}

/** Base class of every error deeptrace throws on purpose. */
export class DeeptraceError extends Error {
  override name = 'DeeptraceError';
  readonly expected: unknown;
  readonly got: unknown;
  readonly hint: string | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(details.hint === undefined ? message : `${message}\n- help: ${details.hint}`);
    this.expected = details.expected;
    this.got = details.got;
    this.hint = details.hint;
  }
}

/** Shapes that do not fit the operation. The message names the op and both shapes. */
export class ShapeError extends DeeptraceError {
  override name = 'ShapeError';
}

/** A dtype the operation does not accept. */
export class DTypeError extends DeeptraceError {
  override name = 'DTypeError';
}

/** An index or axis outside the valid range. */
export class IndexError extends DeeptraceError {
  override name = 'IndexError';
}

/** Misuse of automatic differentiation (backward from a non-scalar, a released graph, ...). */
export class AutogradError extends DeeptraceError {
  override name = 'AutogradError';
}

/** A backend that cannot run a kernel, or cannot be loaded. */
export class BackendError extends DeeptraceError {
  override name = 'BackendError';
}

/** An invalid option, hyperparameter or configuration value. */
export class ConfigError extends DeeptraceError {
  override name = 'ConfigError';
}

/** A file or message that is malformed, truncated or hostile. */
export class FormatError extends DeeptraceError {
  override name = 'FormatError';
}

/** A non-finite value where training cannot continue. */
export class NumericError extends DeeptraceError {
  override name = 'NumericError';
}

/** Formats a shape the way error messages show it: `[128,784]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
