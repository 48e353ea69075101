/**
 * Random points for numeric comparison: seeded, so a verdict (and the point it reports) is the same on every run,
 * and made of short decimals, so that a reported point is easy to type back in.
 */
import { num } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";
import { substitute } from "../ast/transform.js";
import { evaluate } from "../evaluate.js";

/** A coordinate in thousandths, so it is exact as a rational: 1.375 is 1375/1000. */
export type Point = Readonly<Record<string, number>>;

/**
 * Coordinates come from three scales in turn, so that functions defined only near zero (asin), only far from it, or
 * that differ only for large values (min(x, 5)) all get points; the first point is small, which makes a reported
 * point easy to check by hand. Whole numbers are skipped: they are where kinks, poles and special values sit (abs at
 * 0, log at 1), which would make agreement there a coincidence.
 */
const SCALES = [1, 4, 16];
const THOUSANDTHS = 1000;

/** The `n`th random point (n from 0), coordinates in (-s, s) for the scale s of its turn. */
export function randomPoint(variables: readonly string[], random: () => number, n: number): Point {
  const scale = SCALES[n % SCALES.length]!;
  const coordinates = variables.map((v) => {
    let k = 0;
    while (k % THOUSANDTHS === 0) k = Math.round((2 * random() - 1) * scale * THOUSANDTHS);
    return [v, k / THOUSANDTHS] as const;
  });
  // fromEntries defines own properties, so a variable named __proto__ is a coordinate, not the object's prototype.
  return Object.fromEntries(coordinates);
}

/**
 * The value of `e` at the point, with the point substituted exactly first: polynomial and rational parts then fold
 * to exact numbers, so an expanded polynomial and its factored form cannot differ by cancellation error.
 * NaN or ±Infinity where `e` is undefined.
 */
export function valueAt(e: Expr, point: Point): number {
  const exact = new Map(Object.entries(point).map(([v, x]) => [v, num(Rational.of(Math.round(x * THOUSANDTHS), THOUSANDTHS))]));
  return evaluate(substitute(e, exact));
}
