// drilltwin bench: measured figures, not pass/fail. Median of several runs.
type Out = { log(s: string): void; err(s: string): void };

export async function benchCommand(argv: string[], out: Out): Promise<number> {
  const { runBench } = await import('./bench-run.ts');
  return runBench(argv, out);
}
