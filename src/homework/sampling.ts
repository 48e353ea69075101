/**
 * Points for numeric comparison: seeded, so a verdict (and the point it reports) is the same on every run, and made
 * of short decimals, so that a reported point is easy to type back in.
 */
import { num } from "../ast/build.js";
import { children, type Expr } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";
import { substitute } from "../ast/transform.js";
import { isGate } from "../ast/gate.js";
import { evaluate, evaluateAll } from "../evaluate.js";
import { LimitError } from "../errors.js";

/** Coordinates are short decimals, exact as rationals: 1.375 is 1375/1000. */
export type Point = Readonly<Record<string, number>>;

/** Where a turn draws its coordinates: uniformly from (center - spread, center + spread). */
interface Turn {
  readonly center: number;
  readonly spread: number;
}

/**
 * The scales every comparison uses, in turn, so that functions defined only near zero (asin), only far from it, or
 * that differ only for large values (min(x, 5)) all get points; the first point is small, which makes a reported
 * point easy to check by hand.
 */
const BASE: readonly Turn[] = [
  { center: 0, spread: 1 },
  { center: 0, spread: 4 },
  { center: 0, spread: 16 },
];

/** More centres than this would dilute the base scales without finding more. */
const MAX_CENTERS = 16;
/** Beyond this, one decimal no longer fits a double exactly (2^53 is about 9e15), and most functions overflow. */
const MAX_SCALE = 1e14;

/**
 * The turns for expressions whose numbers are `constants`. A function can change its behaviour at the scale of any
 * constant in it (min(x, 20) is x only below 20; log(2x - 40) is defined only above 20), so besides the base scales
 * the points reach beyond the largest constant, below the smallest, and cluster around each constant and each ratio
 * of two (the root of 2x - 40). Invariant: every scale at which a constant of either side could matter is sampled.
 */
export function turnsFor(constants: readonly number[]): readonly Turn[] {
  const sizes = [...new Set(constants.map(Math.abs))].filter((c) => c > 0 && c < MAX_SCALE);
  if (sizes.length === 0) return BASE;
  const turns = [...BASE];
  const largest = Math.max(...sizes);
  const smallest = Math.min(...sizes);
  if (largest > 8) turns.push({ center: 0, spread: 2 * largest });
  if (smallest < 0.25) turns.push({ center: 0, spread: 4 * smallest });
  const centers = new Set<number>();
  for (const c of sizes) for (const d of sizes) centers.add(c / d).add(c);
  const far = [...centers].filter((c) => c > 2 && c < MAX_SCALE).sort((p, q) => p - q).slice(0, MAX_CENTERS / 2);
  for (const c of far) turns.push({ center: c, spread: c / 4 }, { center: -c, spread: c / 4 });
  return turns;
}

/**
 * Decimals of the coordinates at a spread: 3 up to a spread of 100, fewer beyond (at least 1, so that a coordinate
 * is never a whole number), more below 1 (four significant digits).
 */
function decimals(spread: number): number {
  const e = Math.floor(Math.log10(spread));
  return e >= 1 ? Math.max(1, 4 - e) : 3 - e;
}

/**
 * The `n`th random point (n from 0), coordinates from the turn n mod the number of turns. Whole numbers are skipped:
 * they are where kinks, poles and special values sit (abs at 0, log at 1), which would make agreement there a
 * coincidence.
 */
export function randomPoint(variables: readonly string[], random: () => number, n: number, turns: readonly Turn[] = BASE): Point {
  const { center, spread } = turns[n % turns.length]!;
  const digits = decimals(spread);
  const unit = 10 ** digits;
  const middle = Math.round(center * unit);
  const coordinates = variables.map((v) => {
    let k = 0;
    while (k % unit === 0) k = middle + Math.round((2 * random() - 1) * spread * unit);
    // k / 10^digits is the double nearest the decimal, so String() of it is the short decimal itself.
    return [v, k / unit] as const;
  });
  // fromEntries defines own properties, so a variable named __proto__ is a coordinate, not the object's prototype.
  return Object.fromEntries(coordinates);
}

/** Points per turn of the domain scan: a domain narrower than 2/SCAN of a turn's width can still be missed. */
const SCAN = 1024;

/**
 * Up to `limit` points of the line where every one of `exprs` (of the single `variable`) is defined, found by
 * scanning each turn's range evenly and keeping the points where the float values are finite, then taking them
 * evenly spread. Coordinates are short decimals at the turn's precision, never whole numbers.
 */
export function pointsInDomain(exprs: readonly Expr[], variable: string, turns: readonly Turn[], limit: number): Point[] {
  const found: Point[] = [];
  for (const { center, spread } of turns) {
    const unit = 10 ** decimals(spread);
    for (let j = 0; j < SCAN; j++) {
      let k = Math.round((center - spread + ((j + 0.5) * 2 * spread) / SCAN) * unit);
      if (k % unit === 0) k++;
      const point = { [variable]: k / unit };
      if (exprs.every((e) => Number.isFinite(evaluate(e, point)))) found.push(point);
    }
  }
  if (found.length <= limit) return found;
  return Array.from({ length: limit }, (_, i) => found[Math.floor((i * found.length) / limit)]!);
}

/** Every number that occurs in `e` (coefficients, exponents, constants inside calls). */
export function constantsOf(e: Expr): number[] {
  const found: number[] = [];
  const seen = new Set<Expr>();
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (x.kind === "num") found.push(x.value.toNumber());
    stack.push(...children(x));
  }
  return found;
}

/** The coordinate as the exact rational its decimal denotes. */
function exact(x: number): Expr {
  const r = Rational.fromDecimal(String(Math.abs(x)));
  return num(x < 0 ? r.neg() : r);
}

/**
 * `e` with the point substituted exactly: polynomial and rational parts then fold to exact numbers, so an expanded
 * polynomial and its factored form cannot differ by cancellation error. Undefined when exact arithmetic gives up
 * (a limit), in which case the float value is the one to use.
 */
function substituted(e: Expr, point: Point): Expr | undefined {
  try {
    return substitute(e, new Map(Object.entries(point).map(([v, x]) => [v, exact(x)])));
  } catch (error) {
    if (error instanceof LimitError) return undefined; // exact substitution only refines the float evaluation below
    throw error;
  }
}

/** The value of `e` at the point, exact where it can be (see `substituted`); NaN or ±Infinity where undefined. */
export function valueAt(e: Expr, point: Point): number {
  const s = substituted(e, point);
  return s ? evaluate(s) : evaluate(e, point);
}

/**
 * The size of the numbers that evaluating `e` at the point adds up: sums count the magnitudes of their terms, so
 * `sin(x)^2 + cos(x)^2 - 1` has magnitude 2 although its value is 0. Rounding error is a small multiple of this times
 * the float epsilon, which makes it the scale for a relative tolerance on a difference whose value may cancel.
 * `exact`: substitute the point's short decimals exactly first, as `valueAt` does.
 */
export function magnitudeAt(e: Expr, point: Point, exact = true): number {
  const s = exact ? substituted(e, point) : undefined;
  const values = s ? evaluateAll(s) : evaluateAll(e, point);
  const memo = new Map<Expr, number>();
  const size = (x: Expr): number => {
    let m = memo.get(x);
    if (m !== undefined) return m;
    const v = x.kind === "num" ? x.value.toNumber() : values.get(x)!;
    if (x.kind === "add") m = x.terms.reduce((total, t) => total + size(t), 0);
    else if (x.kind === "mul") m = x.factors.some((f) => isGate(f) && values.get(f) === 0) ? 0 : x.factors.reduce((total, f) => total * size(f), 1);
    else if (x.kind === "pow" && x.exponent.kind === "num" && !x.exponent.value.isNegative) m = Math.pow(size(x.base), x.exponent.value.toNumber());
    else m = Math.abs(v);
    memo.set(x, m);
    return m;
  };
  return size(s ?? e);
}
