/**
 * The answer checker: are two expressions equal as functions? Always a definite verdict.
 *
 * 1. Symbolic: when the difference simplifies to 0 they are equal (method "symbolic"); when it simplifies to a
 *    nonzero number they are not, exactly (method "symbolic", see `exactConstant`).
 * 2. Numeric: otherwise they are compared at seeded random points (method "numeric"). One point where both are
 *    defined and the values differ beyond the tolerance decides "not equivalent", and is reported with both values.
 *    Points where a side is undefined are skipped, and so are points where a difference is no larger than what
 *    rounding can do there (see `reliable`). If the two sides are defined on different sets, the verdict is
 *    about where both are defined, and `note` says where that is (`ln(x^2)` and `2 ln(x)` agree only where x > 0).
 */
import { withWork } from "../ast/work.js";
import { sub, ZERO } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";
import { toExpr, type ExprLike } from "../diff.js";
import { ArgumentError, LimitError } from "../errors.js";
import { evaluate } from "../evaluate.js";
import { format } from "../print/text.js";
import { expand } from "../simplify/expand.js";
import { simplify } from "../simplify/simplify.js";
import { describeRegion } from "./region.js";
import { mulberry32 } from "../random.js";
import { constantsOf, magnitudeAt, type Point, pointsInDomain, randomPoint, turnsFor, valueAt } from "./sampling.js";

export interface CheckOptions {
  /** Seed of the random points: the same seed gives the same verdict and the same reported point. */
  readonly seed?: number;
  /** How many points where both sides are defined must agree for "equivalent". */
  readonly samples?: number;
  /**
   * At a point, the two agree when their difference d is within absoluteTolerance + relativeTolerance · m, where m
   * is the size of the floats the values are made of (the larger value, or the magnitude of the terms of d when they
   * cancel). The default relative tolerance is a few thousand rounding errors; the default absolute tolerance is 0,
   * so a small exact constant is never taken for rounding.
   */
  readonly relativeTolerance?: number;
  readonly absoluteTolerance?: number;
  /** How formulas in `note` are written: `true` spells log and exp as ln(x) and e^x, as `format`'s `ln` option. */
  readonly ln?: boolean;
}

export interface CheckResult {
  readonly equivalent: boolean;
  /** What decided: simplification of the difference (exact), or evaluation at points. */
  readonly method: "symbolic" | "numeric";
  /** Not equivalent: where the two differ (or where only one is defined), and [answer, expected] there. */
  readonly point?: Point;
  readonly values?: readonly [number, number];
  /** Anything a person should know about the verdict, such as a domain where only one side is defined. */
  readonly note?: string;
}

const DEFAULTS = { seed: 20240611, samples: 64, relativeTolerance: 1e-12, absoluteTolerance: 0, ln: false };

/** More points than this would take seconds and prove nothing more. */
const MAX_SAMPLES = 10_000;

/** Points are drawn until `samples` agree; this many tries per sample allows for large undefined regions. */
const TRIES_PER_SAMPLE = 16;

export function check(answer: ExprLike, expected: ExprLike, options: CheckOptions = {}): CheckResult {
  return withWork("check", () => {
    const settings = validOptions(options);
    const a = toExpr(answer);
    const b = toExpr(expected);
    const difference = simplifiedDifference(a, b);
    if (difference === ZERO) return { equivalent: true, method: "symbolic" };
    if (difference.vars.size === 0) {
      const exact = exactConstant(difference, a, b, settings);
      if (exact) return exact;
    }
    return compareAtPoints(a, b, difference, settings);
  });
}

/** a - b simplified; when simplifying hits a limit, the plain difference (it has the same values). */
function simplifiedDifference(a: Expr, b: Expr): Expr {
  const d = sub(a, b);
  try {
    return simplify(d);
  } catch (error) {
    if (error instanceof LimitError) return d;
    throw error;
  }
}

/**
 * A difference without variables is decided exactly where it can be. Invariant: two different exact numbers are
 * never equivalent (an absolute tolerance applies only when the caller asks for one), and neither are two
 * constants whose difference is a nonzero polynomial in pi (pi is transcendental, so such a polynomial has no root).
 * Other constants (sqrt(2) against a decimal, logarithms that simplify did not combine) fall through to evaluation.
 */
function exactConstant(d: Expr, a: Expr, b: Expr, o: Required<CheckOptions>): CheckResult | undefined {
  const values = a.vars.size + b.vars.size === 0 ? ({ values: [valueAt(a, {}), valueAt(b, {})] as const }) : {};
  if (d.kind === "num") {
    const size = Math.abs(d.value.toNumber());
    if (size > 0 && size <= o.absoluteTolerance) {
      return { equivalent: true, method: "symbolic", note: `answer - expected is exactly ${shortText(d, o)}, within the absolute tolerance` };
    }
    return { equivalent: false, method: "symbolic", ...values, note: `answer - expected is exactly ${shortText(d, o)}` };
  }
  if (isPolynomialInPi(d) && expandedIsNonzero(d)) {
    return { equivalent: false, method: "symbolic", ...values, note: `answer - expected is ${shortText(d, o)}, which is not 0` };
  }
  return undefined;
}

/** An exact constant as text, or its decimal value when the text would be unreadably long. */
function shortText(d: Expr, o: Required<CheckOptions>): string {
  if (d.kind === "num") {
    // A decimal that is exactly this number (1e-10 rather than 1/10000000000), when there is a short one.
    const decimal = String(d.value.toNumber());
    const exact = /^-?[\d.]+(e[+-]\d+)?$/.test(decimal) && Rational.fromDecimal(decimal.replace(/^-/, "")).equals(d.value.abs());
    if (exact) return decimal;
  }
  const text = format(d, { ln: o.ln });
  return text.length <= 40 ? text : `${formatValue(evaluate(d))} (a constant ${text.length} characters long)`;
}

/** Expanded, a polynomial with rational coefficients is 0 exactly when it is the zero polynomial. */
function expandedIsNonzero(d: Expr): boolean {
  try {
    return expand(d) !== ZERO;
  } catch (error) {
    if (error instanceof LimitError) return false; // too large to expand: left to evaluation
    throw error;
  }
}

function isPolynomialInPi(e: Expr): boolean {
  switch (e.kind) {
    case "num":
    case "const":
      return true;
    case "add":
      return e.terms.every(isPolynomialInPi);
    case "mul":
      return e.factors.every(isPolynomialInPi);
    case "pow":
      return e.exponent.kind === "num" && e.exponent.value.isInteger && !e.exponent.value.isNegative && isPolynomialInPi(e.base);
    default:
      return false;
  }
}

interface OneSided {
  readonly point: Point;
  readonly values: readonly [number, number];
}

/**
 * The numeric comparison. Points come from the scales of the constants of both sides (see `turnsFor`), so both
 * domains are searched; at each point where both sides are defined, the simplified difference is evaluated and
 * compared with the size of the floats it is made of.
 */
function compareAtPoints(a: Expr, b: Expr, d: Expr, o: Required<CheckOptions>): CheckResult {
  const variables = [...new Set([...a.vars, ...b.vars])].sort();
  const constants = [...constantsOf(a), ...constantsOf(b)];
  const turns = turnsFor(constants);
  const random = mulberry32(o.seed);
  const agreeing: Point[] = [];
  const oneSided: OneSided[] = [];
  const notBoth: Point[] = [];
  let unreliable = 0;
  const tries = variables.length === 0 ? 1 : o.samples * TRIES_PER_SAMPLE;
  // After the first real difference, a few more points show where the two still agree (min(x, 20) and x below 20).
  let first: { point: Point; values: readonly [number, number] } | undefined;
  // The point shown: the first where the two values differ as floats too. The exact difference can be real where
  // the floats agree (cosh(exp(6*x)) - 3*y beside cosh(exp(6*x)), about 7e37): showing two equal values would not
  // show the difference.
  let shown: typeof first;
  const differing: Point[] = [];
  let end = tries;
  const visit = (point: Point, i: number) => {
    const values = [valueAt(a, point), valueAt(b, point)] as const;
    const [aDefined, bDefined] = values.map(Number.isFinite);
    if (aDefined && bDefined) {
      const gap = difference(d, point, values);
      if (close(gap, o)) agreeing.push(point);
      else if (reliable(a, b, d, point, gap.value)) {
        differing.push(point);
        if (!first) {
          first = { point, values };
          end = Math.min(end, i + 1 + o.samples * 4);
        }
        if (!shown && values[0] !== values[1]) shown = { point, values };
      } else unreliable++;
    } else {
      notBoth.push(point);
      if (aDefined !== bDefined) oneSided.push({ point, values });
    }
  };
  for (let i = 0; i < end && agreeing.length < o.samples; i++) visit(randomPoint(variables, random, i, turns), i);
  // Where random points rarely land where both sides are defined (asin(x^2 - 50): 7 < |x| < 7.15), a scan of
  // the line finds that set and the comparison continues inside it.
  if (!first && variables.length === 1 && agreeing.length < o.samples) {
    const inside = pointsInDomain([a, b], variables[0]!, turns, o.samples);
    end = inside.length;
    for (let i = 0; i < end && agreeing.length < o.samples; i++) visit(inside[i]!, i);
  }
  const boundaries = [...new Set(constants.map(Math.abs))].flatMap((c) => [c, -c]);
  if (first) {
    const region = agreeing.length > 0 ? describeRegion(agreeing, [...differing, ...notBoth], boundaries) : undefined;
    const { point, values } = shown ?? first;
    return differ(a, b, point, values, region);
  }

  if (agreeing.length === 0) {
    const witness = oneSided[0];
    const note = witness
      ? `the two are never both defined at the ${tries} points tried; ${whereOneSided(a, b, witness, o)}`
      : unreliable > 0
        ? `at the ${tries} points tried the two are undefined or too sensitive to rounding to compare`
        : `neither expression is defined at any of the ${tries} points tried`;
    return { equivalent: false, method: "numeric", ...witness, note };
  }
  if (variables.length === 0) {
    return { equivalent: true, method: "numeric", note: "the two constants agree to within rounding, but this is not proven exactly" };
  }
  if (oneSided.length === 0) return { equivalent: true, method: "numeric" };
  const region = describeRegion(agreeing, notBoth, boundaries);
  const where = region ? `only where ${region}` : "where both are defined, but they are defined on different sets";
  return { equivalent: true, method: "numeric", note: `equal ${where}: ${whereOneSided(a, b, oneSided[0]!, o)}` };
}

interface Gap {
  /** The difference at the point. */
  readonly value: number;
  /** The size of the floats it was computed from. */
  readonly scale: number;
}

/**
 * The difference at a point: the simplified difference where it is defined (it is exact where the two differ by
 * an exact amount: 1e-10*sin(x) is not lost beside x^2), else the difference of the two values.
 */
function difference(d: Expr, point: Point, [va, vb]: readonly [number, number]): Gap {
  const value = valueAt(d, point);
  if (Number.isFinite(value)) return { value, scale: Math.max(Math.abs(value), magnitudeAt(d, point)) };
  return { value: va - vb, scale: Math.max(Math.abs(va), Math.abs(vb)) };
}

function close({ value, scale }: Gap, o: Required<CheckOptions>): boolean {
  return Math.abs(value) <= o.absoluteTolerance + o.relativeTolerance * scale;
}

/**
 * Relative change of the inputs used to test whether a difference is real. A difference far larger than what such a
 * change (up or down) does to it is real; one of the same size is rounding error amplified by an ill-conditioned point
 * (tan(exp(x^3)) at x = 4, where the argument of tan is about 6e27 and its last bit is worth more than 2π).
 */
const NUDGE = 1e-12;
const SIGNAL_TO_NOISE = 1000;

function reliable(a: Expr, b: Expr, d: Expr, point: Point, gap: number): boolean {
  let noise = 0;
  for (const nudge of [NUDGE, -NUDGE]) {
    const nudged = Object.fromEntries(Object.entries(point).map(([v, x]) => [v, x * (1 + nudge)]));
    const change = (e: Expr) => evaluate(e, nudged) - evaluate(e, point);
    // The change of the difference, computed both ways: a and b themselves may change a lot and cancel.
    noise = Math.max(noise, Math.abs(change(d)), Math.abs(change(a) - change(b)));
  }
  return Math.abs(gap) > SIGNAL_TO_NOISE * noise;
}

/** "Not equivalent", with the point; `agreeWhere` is the condition under which the two agree, if there is one. */
function differ(a: Expr, b: Expr, point: Point, values: readonly [number, number], agreeWhere?: string): CheckResult {
  const extra = [...a.vars].filter((v) => !b.vars.has(v));
  const note =
    extra.length > 0
      ? `the answer uses ${extra.join(", ")}, which the expected expression does not`
      : agreeWhere
        ? `the two agree only where ${agreeWhere}`
        : undefined;
  return { equivalent: false, method: "numeric", point, values, ...(note && { note }) };
}

/** "at x = -1.25, log(x^2) = 0.446287 but 2*log(x) is undefined" */
function whereOneSided(a: Expr, b: Expr, { point, values }: OneSided, o: Required<CheckOptions>): string {
  const at = Object.entries(point).map(([v, x]) => `${v} = ${x}`).join(", ");
  const [defined, undefinedSide, value] = Number.isFinite(values[0]) ? [a, b, values[0]] : [b, a, values[1]];
  return `at ${at}, ${format(defined, { ln: o.ln })} = ${formatValue(value)} but ${format(undefinedSide, { ln: o.ln })} is undefined`;
}

export function formatValue(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : "undefined";
}

/** The options with their defaults; an ArgumentError saying which is wrong (exported for callers that check first). */
export function validOptions(options: CheckOptions): Required<CheckOptions> {
  if (typeof options !== "object" || options === null) {
    throw new ArgumentError(`check options must be an object such as { seed: 1 }, got ${options === null ? "null" : typeof options}`);
  }
  const o = {
    seed: options.seed ?? DEFAULTS.seed,
    samples: options.samples ?? DEFAULTS.samples,
    relativeTolerance: options.relativeTolerance ?? DEFAULTS.relativeTolerance,
    absoluteTolerance: options.absoluteTolerance ?? DEFAULTS.absoluteTolerance,
    ln: options.ln ?? DEFAULTS.ln,
  };
  if (!Number.isSafeInteger(o.seed)) throw new ArgumentError(`seed must be an integer, got ${String(o.seed)}`);
  if (!Number.isSafeInteger(o.samples) || o.samples < 1 || o.samples > MAX_SAMPLES) {
    throw new ArgumentError(`samples must be a whole number from 1 to ${MAX_SAMPLES}, got ${String(o.samples)}`);
  }
  for (const key of ["relativeTolerance", "absoluteTolerance"] as const) {
    if (!(Number.isFinite(o[key]) && o[key] >= 0)) throw new ArgumentError(`${key} must be a finite number ≥ 0, got ${String(o[key])}`);
  }
  if (typeof o.ln !== "boolean") throw new ArgumentError(`ln must be true or false, got ${String(o.ln)}`);
  return o;
}
