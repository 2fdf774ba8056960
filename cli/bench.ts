// drilltwin bench: measured figures, not pass/fail. Median of several runs.
// `--server`: the joint-drill server under concurrent drills and terminals.
// `--sweep`: the what-if planner's throughput on a worker pool.
type Out = { log(s: string): void; err(s: string): void };

export async function benchCommand(argv: string[], out: Out): Promise<number> {
  if (argv.includes('--server')) {
    const { serverBench } = await import('../workers/server/bench.ts');
    return serverBench(
      argv.filter((a) => a !== '--server'),
      out,
    );
  }
  if (argv.includes('--sweep')) {
    const { runSweepBench } = await import('./bench-sweep.ts');
    return runSweepBench(
      argv.filter((a) => a !== '--sweep'),
      out,
    );
  }
  const { runBench } = await import('./bench-run.ts');
  return runBench(argv, out);
}
