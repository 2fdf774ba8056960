// Named random streams. Each subsystem draws from its own stream, seeded from
// (scenario seed, stream name), so adding a team never changes which
// substations an earthquake breaks. Alea (from seedrandom) uses only
// arithmetic that IEEE 754 defines exactly, so draws match in every engine.
import seedrandom from 'seedrandom';

export type StreamName = 'hazard' | 'damage' | 'power' | 'comms' | 'response' | 'doctrine' | 'roads' | 'flood';

/** Alea's internal state: plain numbers, safe to put in a snapshot. */
export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

export type RngStates = Record<string, AleaState>;

type AleaPrng = seedrandom.StatefulPRNG<AleaState>;

export class RngStreams {
  private readonly streams = new Map<string, AleaPrng>();

  constructor(
    private readonly seed: number,
    restored?: RngStates,
  ) {
    if (restored) {
      for (const name of Object.keys(restored).sort()) {
        this.streams.set(name, seedrandom.alea('', { state: { ...restored[name] } }) as AleaPrng);
      }
    }
  }

  /** Uniform draw in [0, 1) from the named stream. */
  uniform(name: StreamName): number {
    return this.stream(name)();
  }

  /** Integer in [0, n). */
  int(name: StreamName, n: number): number {
    return Math.floor(this.uniform(name) * n);
  }

  /** States of every stream used so far, in name order. */
  save(): RngStates {
    const out: RngStates = {};
    for (const name of [...this.streams.keys()].sort()) out[name] = this.streams.get(name)!.state();
    return out;
  }

  private stream(name: string): AleaPrng {
    let prng = this.streams.get(name);
    if (!prng) {
      prng = seedrandom.alea(`${this.seed}/${name}`, { state: true }) as AleaPrng;
      this.streams.set(name, prng);
    }
    return prng;
  }
}
