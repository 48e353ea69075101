/**
 * Timing for the benchmark suites: the median of several rounds, each round long enough for the clock to resolve.
 * Inputs are prepared outside the timed loop, so a "cold" benchmark can hand every call a fresh input (and so miss
 * every per-node memo) without timing the preparation.
 *
 * Two styles, as programs call a library: "loop" makes a round's calls in one synchronous loop (scripts, servers
 * handling a batch); "turns" makes every call in a turn of the event loop of its own (a REPL, a server handling one
 * request at a time), timing only the calls. Rounds are separate turns in both.
 */
export type CallStyle = "loop" | "turns";

export interface Timing {
  /** Median over the rounds of the mean time per call, in microseconds. */
  readonly micros: number;
  readonly rounds: number;
  readonly callsPerRound: number;
}

export interface TimingOptions {
  readonly rounds?: number;
  /** A round runs at least this long (calls per round are calibrated from a first call). */
  readonly minRoundMs?: number;
  /** Slow cases get fewer rounds (never fewer than 3) so the whole suite stays within minutes. */
  readonly budgetMs?: number;
  /** How the calls of a round are made (see above); "loop" unless said. */
  readonly style?: CallStyle;
}

/**
 * The next index for `prepare`, over every timing of the run: a cold benchmark's inputs are then new to the library
 * whatever was timed before (restarting at 0 for each timing handed a later one the texts, nodes and memos of an
 * earlier one).
 */
let next = 0;

/**
 * Times `run(prepare(i))` for fresh indices i. `prepare` may return the same input every time (warm: memo hits
 * after the first call) or a different one per call (cold).
 */
export async function timeCalls<T>(prepare: (i: number) => T, run: (input: T) => unknown, options: TimingOptions = {}): Promise<Timing> {
  return (await compareCalls(prepare, [run], options))[0]!;
}

/**
 * Times several functions on inputs of one kind, their rounds taking turns (A, B, A, B, ...): each pays its share of
 * the garbage collector's work and of the machine's noise, where timing one after the other would let the first
 * leave collection work for the second to pay. Each gets fresh inputs.
 */
export async function compareCalls<T>(prepare: (i: number) => T, runs: readonly ((input: T) => unknown)[], options: TimingOptions = {}): Promise<Timing[]> {
  const { rounds = 7, minRoundMs = 40, budgetMs = 4000, style = "loop" } = options;
  const plans = runs.map((run) => {
    const t0 = performance.now();
    run(prepare(next++)); // warm-up and calibration (includes JIT compilation)
    const first = Math.max(performance.now() - t0, 0.001);
    const callsPerRound = Math.max(1, Math.ceil(minRoundMs / first));
    return { run, callsPerRound, affordable: Math.max(3, Math.floor(budgetMs / (first * callsPerRound))), perCall: [] as number[] };
  });
  const count = Math.min(rounds, ...plans.map((p) => p.affordable));
  for (let r = 0; r < count; r++) {
    for (const plan of plans) {
      await nextTurn();
      const inputs = Array.from({ length: plan.callsPerRound }, () => prepare(next++));
      plan.perCall.push((await timeRound(plan.run, inputs, style)) * 1000 / plan.callsPerRound);
    }
  }
  return plans.map((p) => ({ micros: median(p.perCall), rounds: p.perCall.length, callsPerRound: p.callsPerRound }));
}

/** Milliseconds `run` takes over `inputs`, made in the given style (the turns between calls not counted). */
async function timeRound<T>(run: (input: T) => unknown, inputs: readonly T[], style: CallStyle): Promise<number> {
  if (style === "loop") {
    const start = performance.now();
    for (const input of inputs) run(input);
    return performance.now() - start;
  }
  let elapsed = 0;
  for (const input of inputs) {
    await nextTurn();
    const start = performance.now();
    run(input);
    elapsed += performance.now() - start;
  }
  return elapsed;
}

/** Resolves in a later turn of the event loop. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function geometricMean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
}

/** Milliseconds of one call of `fn`, and its result. */
export function timeOnce<T>(fn: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}
