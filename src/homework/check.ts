/**
 * The answer checker: are two expressions equal as functions? Always a definite verdict.
 *
 * 1. Symbolic: when the difference simplifies to 0 they are equal (method "symbolic").
 * 2. Numeric: otherwise they are compared at seeded random points (method "numeric"). One point where both are
 *    defined and the values differ beyond the tolerance decides "not equivalent", and is reported with both values.
 *    Points where a side is undefined are skipped, and so are points where a difference is no larger than what
 *    rounding can do there (see `reliable`). If the two sides are defined on different sets, the verdict is
 *    about where both are defined, and `note` says where that is (`ln(x^2)` and `2 ln(x)` agree only where x > 0).
 */
import { sub, ZERO } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { toExpr, type ExprLike } from "../diff.js";
import { ArgumentError } from "../errors.js";
import { evaluate } from "../evaluate.js";
import { format } from "../print/text.js";
import { simplify } from "../simplify/simplify.js";
import { describeRegion } from "./region.js";
import { mulberry32 } from "../random.js";
import { type Point, randomPoint, valueAt } from "./sampling.js";

export interface CheckOptions {
  /** Seed of the random points: the same seed gives the same verdict and the same reported point. */
  readonly seed?: number;
  /** How many points where both sides are defined must agree for "equivalent". */
  readonly samples?: number;
  /** Values a and b agree when |a - b| ≤ absoluteTolerance + relativeTolerance · max(|a|, |b|). */
  readonly relativeTolerance?: number;
  readonly absoluteTolerance?: number;
}

export interface CheckResult {
  readonly equivalent: boolean;
  /** What decided: simplification of the difference, or evaluation at points. */
  readonly method: "symbolic" | "numeric";
  /** Not equivalent: where the two differ (or where only one is defined), and [answer, expected] there. */
  readonly point?: Point;
  readonly values?: readonly [number, number];
  /** Anything a person should know about the verdict, such as a domain where only one side is defined. */
  readonly note?: string;
}

const DEFAULTS = { seed: 20240611, samples: 64, relativeTolerance: 1e-9, absoluteTolerance: 1e-9 };

/** More points than this would take seconds and prove nothing more. */
const MAX_SAMPLES = 10_000;

/** Points are drawn until `samples` agree; this many tries per sample allows for large undefined regions. */
const TRIES_PER_SAMPLE = 16;

export function check(answer: ExprLike, expected: ExprLike, options: CheckOptions = {}): CheckResult {
  const a = toExpr(answer);
  const b = toExpr(expected);
  const settings = validOptions(options);
  if (simplify(sub(a, b)) === ZERO) return { equivalent: true, method: "symbolic" };
  return compareAtPoints(a, b, settings);
}

interface OneSided {
  readonly point: Point;
  readonly values: readonly [number, number];
}

function compareAtPoints(a: Expr, b: Expr, o: Required<CheckOptions>): CheckResult {
  const variables = [...new Set([...a.vars, ...b.vars])].sort();
  const random = mulberry32(o.seed);
  const agreeing: Point[] = [];
  const oneSided: OneSided[] = [];
  let unreliable = 0;
  const tries = variables.length === 0 ? 1 : o.samples * TRIES_PER_SAMPLE;
  for (let i = 0; i < tries && agreeing.length < o.samples; i++) {
    const point = randomPoint(variables, random, i);
    const values = [valueAt(a, point), valueAt(b, point)] as const;
    const [aDefined, bDefined] = values.map(Number.isFinite);
    if (aDefined && bDefined) {
      if (close(values[0], values[1], o)) agreeing.push(point);
      else if (reliable(a, b, point, values)) return differ(a, b, point, values);
      else unreliable++;
    } else if (aDefined !== bDefined) {
      oneSided.push({ point, values });
    }
  }

  if (agreeing.length === 0) {
    const witness = oneSided[0];
    const note = witness
      ? `the two are never both defined at the ${tries} points tried; ${whereOneSided(a, b, witness)}`
      : unreliable > 0
        ? `at the ${tries} points tried the two are undefined or too sensitive to rounding to compare`
        : `neither expression is defined at any of the ${tries} points tried`;
    return { equivalent: false, method: "numeric", ...witness, note };
  }
  if (oneSided.length === 0) return { equivalent: true, method: "numeric" };
  const region = describeRegion(agreeing, oneSided.map((s) => s.point));
  const where = region ? `only where ${region}` : "where both are defined, but they are defined on different sets";
  return { equivalent: true, method: "numeric", note: `equal ${where}: ${whereOneSided(a, b, oneSided[0]!)}` };
}

function close(x: number, y: number, o: Required<CheckOptions>): boolean {
  return Math.abs(x - y) <= o.absoluteTolerance + o.relativeTolerance * Math.max(Math.abs(x), Math.abs(y));
}

/**
 * Relative change of the inputs used to test whether a difference is real. A difference far larger than what such a
 * change does to either side is real; one of the same size is rounding error amplified by an ill-conditioned point
 * (tan(exp(x^3)) at x = 4, where the argument of tan is about 6e27 and its last bit is worth more than 2π).
 */
const NUDGE = 1e-12;
const SIGNAL_TO_NOISE = 1000;

function reliable(a: Expr, b: Expr, point: Point, [va, vb]: readonly [number, number]): boolean {
  const nudged = Object.fromEntries(Object.entries(point).map(([v, x]) => [v, x * (1 + NUDGE)]));
  const noise = Math.max(Math.abs(evaluate(a, nudged) - va), Math.abs(evaluate(b, nudged) - vb));
  return Math.abs(va - vb) > SIGNAL_TO_NOISE * noise;
}

function differ(a: Expr, b: Expr, point: Point, values: readonly [number, number]): CheckResult {
  const extra = [...a.vars].filter((v) => !b.vars.has(v));
  const note = extra.length > 0 ? `the answer uses ${extra.join(", ")}, which the expected expression does not` : undefined;
  return { equivalent: false, method: "numeric", point, values, ...(note && { note }) };
}

/** "at x = -1.25, log(x^2) = 0.446287 but 2*log(x) is undefined" */
function whereOneSided(a: Expr, b: Expr, { point, values }: OneSided): string {
  const at = Object.entries(point).map(([v, x]) => `${v} = ${x}`).join(", ");
  const [defined, undefinedSide, value] = Number.isFinite(values[0]) ? [a, b, values[0]] : [b, a, values[1]];
  return `at ${at}, ${format(defined)} = ${formatValue(value)} but ${format(undefinedSide)} is undefined`;
}

export function formatValue(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : "undefined";
}

function validOptions(options: CheckOptions): Required<CheckOptions> {
  const o = {
    seed: options.seed ?? DEFAULTS.seed,
    samples: options.samples ?? DEFAULTS.samples,
    relativeTolerance: options.relativeTolerance ?? DEFAULTS.relativeTolerance,
    absoluteTolerance: options.absoluteTolerance ?? DEFAULTS.absoluteTolerance,
  };
  if (!Number.isSafeInteger(o.seed)) throw new ArgumentError(`seed must be an integer, got ${String(o.seed)}`);
  if (!Number.isSafeInteger(o.samples) || o.samples < 1 || o.samples > MAX_SAMPLES) {
    throw new ArgumentError(`samples must be a whole number from 1 to ${MAX_SAMPLES}, got ${String(o.samples)}`);
  }
  for (const key of ["relativeTolerance", "absoluteTolerance"] as const) {
    if (!(Number.isFinite(o[key]) && o[key] >= 0)) throw new ArgumentError(`${key} must be a finite number ≥ 0, got ${String(o[key])}`);
  }
  return o;
}
