export {
  AutogradError,
  BackendError,
  ConfigError,
  DeeptraceError,
  DTypeError,
  FormatError,
  IndexError,
  NumericError,
  ShapeError,
  formatShape,
} from './errors.js';
export type { ErrorDetails } from './errors.js';
