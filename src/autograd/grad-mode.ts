let enabled = true;

/** Whether ops record the graph now (false inside `noGrad`). */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Runs `fn` without recording a graph, like `torch.no_grad()`. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with recording switched on or off, then restores the previous mode. */
export function withGradMode<T>(on: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = on;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
