/** The first group's lr now and after each of `steps` steps. */
export function lrSequence(sched: { step(): void; getLastLr(): number[] }, steps: number): number[] {
  const out = [sched.getLastLr()[0]!];
  for (let i = 0; i < steps; i++) {
    sched.step();
    out.push(sched.getLastLr()[0]!);
  }
  return out;
}
