/**
 * Checking an implicit derivative: is the answer dy/dx on the curve F(x, y) = 0?
 *
 * On a curve, answers that differ as expressions in x and y can both be right: on x*y = 1, dy/dx = -y/x is also
 * -1/x^2 and -y^2; the circle's second derivative -(x^2 + y^2)/y^3 is -1/y^3 there. So the answer is compared with
 * the derivative at points of the curve:
 *
 * 1. Equal as expressions (the checker's verdict, `check`): then equal on the curve too, and that is the verdict.
 * 2. Otherwise at seeded points of the curve: x (and any parameter) drawn as `check` draws them, y solved for
 *    numerically (every sign change of F along y, refined by bisection). One point where both are defined and
 *    differ decides "not equivalent"; it is reported, with the condition under which the two agree on the curve
 *    when there is one (a branch: `y > 0` for -x/sqrt(1 - x^2) on the circle).
 * 3. When no point of the curve is found where both are defined (x^2 + y^2 = -1 has none), the verdict of step 1
 *    stands, and the note says the two were compared as expressions in x and y.
 *
 * A root is known only to within rounding, so a point of the curve is only near it. A difference is taken as real
 * only when it is far larger than what moving y within the root's uncertainty does to it, and a root too poorly
 * determined to compare at (where the curve is nearly tangent to the y direction) is skipped.
 */
import { sub } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { evaluate } from "../evaluate.js";
import { type EquationLike, implicitCurve, implicitDiff, type ImplicitCurve } from "../implicit.js";
import { toExpr, type ExprLike } from "../diff.js";
import { withWork } from "../ast/work.js";
import { format } from "../print/text.js";
import { mulberry32 } from "../random.js";
import { check, type CheckOptions, type CheckResult, validOptions } from "./check.js";
import { describeRegion } from "./region.js";
import { constantsOf, magnitudeAt, type Point, randomPoint, turnsFor } from "./sampling.js";

export interface CurveCheckResult extends CheckResult {
  /**
   * "curve": decided at points of the curve. "expressions": decided as expressions in all their variables, because
   * the two are equal as expressions, or because no point of the curve was found to compare at (`note` says so).
   */
  readonly compared: "curve" | "expressions";
  /** Compared on the curve: the variable solved for to put each point on it (y); its coordinate is a float root. */
  readonly solvedFor?: string;
}

/** Points drawn for x (and parameters) per sample: as `check`, many draws fall where the curve has no point. */
const TRIES_PER_SAMPLE = 16;
/** Grid points per turn when looking for the roots of F along y. */
const GRID = 64;
/** A difference is real when it exceeds this many times its change as y moves within the root's uncertainty. */
const SIGNAL_TO_NOISE = 1000;
/** Relative change of the coordinates that rounding alone may amount to (as `check`'s `reliable`). */
const NUDGE = 1e-12;
/** Roots known less precisely than this (relative to max(|y|, 1)) are not compared at. */
const WORST_ROOT = 1e-9;

/**
 * Checks an answer for the implicit derivative d^order y/dx^order on the curve `equation` (`x*y = 1`): equal on the
 * curve is correct, so `-y^2` and `-1/x^2` both are there. The library form of `symdiff check --implicit y --wrt x`.
 */
export function checkImplicit(answer: ExprLike, equation: EquationLike, y: string, x: string, order = 1, options: CheckOptions = {}): CurveCheckResult {
  return withWork("checkImplicit", () => checkOnCurve(toExpr(answer), implicitDiff(equation, y, x, order), implicitCurve(equation, y, x), options));
}

export function checkOnCurve(answer: Expr, expected: Expr, curve: ImplicitCurve, options: CheckOptions = {}): CurveCheckResult {
  const o = validOptions(options);
  const asExpressions = check(answer, expected, options);
  if (asExpressions.equivalent) return { ...asExpressions, compared: "expressions" };

  const { y } = curve;
  const f = sub(curve.left, curve.right);
  const others = [...new Set([...f.vars, ...answer.vars, ...expected.vars])].filter((v) => v !== y).sort();
  const constants = [...constantsOf(f), ...constantsOf(answer), ...constantsOf(expected)];
  const turns = turnsFor(constants);
  const random = mulberry32(o.seed);

  const agreeing: Point[] = [];
  const differing: Point[] = [];
  const notBoth: Point[] = [];
  let first: { point: Point; values: readonly [number, number] } | undefined;
  let end = others.length === 0 ? 1 : o.samples * TRIES_PER_SAMPLE;
  for (let i = 0; i < end && agreeing.length < o.samples; i++) {
    const base = randomPoint(others, random, i, turns);
    for (const root of rootsAlong(f, base, y, turns)) {
      const point = withCoordinate(base, y, root.y);
      const values = [evaluate(answer, point), evaluate(expected, point)] as const;
      if (!values.every(Number.isFinite)) {
        notBoth.push(point);
        continue;
      }
      const uncertainty = rootUncertainty(f, curve.fy, point, y, root.width);
      if (uncertainty === undefined) continue;
      const gap = values[0] - values[1];
      const scale = Math.max(Math.abs(values[0]), Math.abs(values[1]));
      if (Math.abs(gap) <= o.absoluteTolerance + o.relativeTolerance * scale) agreeing.push(point);
      else if (Math.abs(gap) > SIGNAL_TO_NOISE * noise(answer, expected, point, y, uncertainty)) {
        differing.push(point);
        if (!first) {
          first = { point, values };
          end = Math.min(end, i + 1 + o.samples); // a few more points say where the two still agree
        }
      } // else: within what the root's uncertainty can do, neither agreeing nor differing
    }
  }

  if (first) {
    const region = agreeing.length > 0 ? describeRegion(agreeing, [...differing, ...notBoth], [...new Set(constants.map(Math.abs))].flatMap((c) => [c, -c])) : undefined;
    const extra = [...answer.vars].filter((v) => !expected.vars.has(v) && !f.vars.has(v));
    const note = extra.length > 0
      ? `the answer uses ${extra.join(", ")}, which the curve and its derivative do not`
      : region
        ? `on the curve, the two agree only where ${region}`
        : undefined;
    return { equivalent: false, method: "numeric", compared: "curve", solvedFor: y, ...first, ...(note && { note }) };
  }
  if (agreeing.length > 0) {
    const curveText = `${format(curve.left, { ln: o.ln })} = ${format(curve.right, { ln: o.ln })}`;
    return { equivalent: true, method: "numeric", compared: "curve", solvedFor: y, note: `equal on the curve ${curveText}, though not off it (as expressions in ${names([...others, y])} they differ)` };
  }
  const notFound = `no point of the curve was found where both are defined, so the two were compared as expressions in ${names([...others, y])}`;
  return { ...asExpressions, compared: "expressions", note: asExpressions.note ? `${notFound}; ${asExpressions.note}` : notFound };
}

/** "x and y", "a, x and y". */
function names(list: readonly string[]): string {
  return list.length <= 1 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

function withCoordinate(base: Point, name: string, value: number): Point {
  // fromEntries defines own properties, so a variable named __proto__ is a coordinate, not the object's prototype.
  return Object.fromEntries([...Object.entries(base), [name, value]]);
}

/**
 * The roots of F along the line through `base` in the y direction: every sign change of F on a grid over each
 * turn's range, refined by bisection to neighbouring floats. `width` is the last bracket's width. A sign change
 * across a pole (1/y) or a jump is not a root: there |F| does not become small.
 */
function rootsAlong(f: Expr, base: Point, y: string, turns: readonly { center: number; spread: number }[]): { y: number; width: number }[] {
  const scope = new Map(Object.entries(base));
  const g = (t: number) => {
    scope.set(y, t);
    return evaluate(f, scope);
  };
  const roots: { y: number; width: number }[] = [];
  const add = (root: { y: number; width: number }) => {
    if (!roots.some((r) => Math.abs(r.y - root.y) <= 1e-9 * Math.max(1, Math.abs(root.y)))) roots.push(root);
  };
  for (const { center, spread } of turns) {
    let [t0, g0] = [center - spread, g(center - spread)];
    for (let j = 1; j <= GRID; j++) {
      const t1 = center - spread + (j * 2 * spread) / GRID;
      const g1 = g(t1);
      if (g0 === 0) add({ y: t0, width: 0 });
      else if (Number.isFinite(g0) && Number.isFinite(g1) && g1 !== 0 && g0 > 0 !== g1 > 0) {
        const root = bisect(g, t0, g0, t1, g1);
        if (root) add(root);
      }
      [t0, g0] = [t1, g1];
    }
    if (g0 === 0) add({ y: t0, width: 0 });
  }
  return roots;
}

function bisect(g: (t: number) => number, lo: number, glo: number, hi: number, ghi: number): { y: number; width: number } | undefined {
  const ends = Math.max(Math.abs(glo), Math.abs(ghi));
  for (;;) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    const gm = g(mid);
    if (!Number.isFinite(gm)) return undefined;
    if (gm === 0) return { y: mid, width: 0 };
    if (gm > 0 === glo > 0) [lo, glo] = [mid, gm];
    else [hi, ghi] = [mid, gm];
  }
  const [y, gy] = Math.abs(glo) <= Math.abs(ghi) ? [lo, glo] : [hi, ghi];
  // At a root F is small beside its values a grid step away; at a pole or a jump it is not.
  return Math.abs(gy) <= 1e-8 * ends ? { y, width: hi - lo } : undefined;
}

/**
 * How far the root y at `point` may be from the curve's true point: the bracket's width, and F's rounding error
 * (a few thousand ulps of the size of its terms) divided by |dF/dy|. Undefined when that is too large to compare at.
 */
function rootUncertainty(f: Expr, fy: Expr, point: Point, y: string, width: number): number | undefined {
  const slope = Math.abs(evaluate(fy, point));
  const rounding = (4096 * Number.EPSILON * magnitudeAt(f, point, false)) / slope;
  const uncertainty = Math.max(width, Number.isFinite(rounding) ? rounding : Infinity);
  return uncertainty <= WORST_ROOT * Math.max(1, Math.abs(point[y]!)) ? uncertainty : undefined;
}

/**
 * What the difference may change by through rounding: y moved within its uncertainty, every coordinate nudged
 * relatively as `check` does, up and down.
 */
function noise(a: Expr, b: Expr, point: Point, y: string, uncertainty: number): number {
  const at = (p: Point) => evaluate(a, p) - evaluate(b, p);
  const here = at(point);
  let most = 0;
  for (const sign of [1, -1]) {
    const moved = Object.fromEntries(
      Object.entries(point).map(([v, x]) => [v, v === y ? x + sign * Math.max(uncertainty, NUDGE * Math.abs(x)) : x * (1 + sign * NUDGE)]),
    );
    most = Math.max(most, Math.abs(at(moved) - here));
  }
  return most;
}
