/**
 * Timing for the benchmark suites: the median of several rounds, each round long enough for the clock to resolve.
 * Inputs are prepared outside the timed loop, so a "cold" benchmark can hand every call a fresh input (and so miss
 * every per-node memo) without timing the preparation.
 *
 * Rounds are separate turns of the event loop, as separate calls of a real program are: a synchronous loop of
 * thousands of calls would keep every WeakRef target it touched alive until it ends (the JavaScript spec keeps
 * them for the rest of the job), so interning would look more expensive than it is in use.
 */
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
}

/**
 * Times `run(prepare(i))` for fresh indices i. `prepare` may return the same input every time (warm: memo hits
 * after the first call) or a different one per call (cold).
 */
export async function timeCalls<T>(prepare: (i: number) => T, run: (input: T) => unknown, options: TimingOptions = {}): Promise<Timing> {
  const { rounds = 7, minRoundMs = 40, budgetMs = 4000 } = options;
  let next = 0;
  const t0 = performance.now();
  run(prepare(next++)); // warm-up and calibration (includes JIT compilation)
  const first = Math.max(performance.now() - t0, 0.001);
  const callsPerRound = Math.max(1, Math.ceil(minRoundMs / first));
  const affordable = Math.max(3, Math.floor(budgetMs / (first * callsPerRound)));
  const perCall: number[] = [];
  for (let r = 0; r < Math.min(rounds, affordable); r++) {
    await nextTurn();
    const inputs = Array.from({ length: callsPerRound }, () => prepare(next++));
    const start = performance.now();
    for (const input of inputs) run(input);
    perCall.push(((performance.now() - start) * 1000) / callsPerRound);
  }
  return { micros: median(perCall), rounds: perCall.length, callsPerRound };
}

/** Resolves in a later turn of the event loop (see the note at the top on WeakRef targets). */
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
