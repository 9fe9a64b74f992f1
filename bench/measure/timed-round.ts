/** Calls `fn` back to back until at least `seconds` have passed (at least once): the calls made and the seconds they took. */
export function timedRound(fn: () => unknown, seconds: number): { calls: number; seconds: number } {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    fn();
    calls++;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < seconds);
  return { calls, seconds: elapsed };
}
