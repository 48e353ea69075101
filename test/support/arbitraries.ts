/**
 * Random expressions for property tests, built through the canonical constructors. Functions are limited to ones
 * that are smooth where they are defined, so central differences are a valid oracle for their derivatives — except in
 * `compilable`, for compiled code, where only values matter and every function row takes part.
 */
import fc from "fast-check";
import { build, type Expr, FUNCTIONS, Rational } from "../../src/index.js";

const { add, mul, pow, num, sym, call, neg, PI } = build;

export const VARIABLES = ["x", "y"] as const;

const SMOOTH_UNARY = ["sin", "cos", "tan", "exp", "log", "atan", "sinh", "cosh", "tanh", "asinh", "sigmoid", "softplus"];

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VARIABLES).map((v) => sym(v) as Expr) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 5 }).map((n) => num(n) as Expr) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 4 })).map(([p, q]) => num(Rational.of(p, q)) as Expr) },
  { weight: 1, arbitrary: fc.constant(PI as Expr) },
);

const exponent: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: -3, max: 4 }).map((n) => num(n) as Expr),
  fc.constantFrom(Rational.of(1, 2), Rational.of(-1, 2), Rational.of(1, 3), Rational.of(3, 2)).map((q) => num(q) as Expr),
);

/** Random canonical expressions in x and y, at most `depth` levels of operators. */
export function expression(depth = 4): fc.Arbitrary<Expr> {
  return expressionOf(leaf, SMOOTH_UNARY, depth);
}

/**
 * Like `expression`, with |x|, sign(x) and |x + 1| among the leaves and abs and sign among the functions: products in
 * which powers of |u| meet powers of u and sign(u). Not smooth at the kinks (use where values, not slopes, matter).
 */
export function expressionWithAbs(depth = 4): fc.Arbitrary<Expr> {
  const x = sym("x");
  const kinks = fc.constantFrom<Expr>(call("abs", [x]), call("sign", [x]), call("abs", [add(x, num(1))]));
  return expressionOf(fc.oneof(leaf, kinks), [...SMOOTH_UNARY, "abs", "abs", "sign"], depth);
}

function expressionOf(leaves: fc.Arbitrary<Expr>, unary: readonly string[], depth: number): fc.Arbitrary<Expr> {
  const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaves,
      fc.array(tie("tree"), { minLength: 2, maxLength: 3 }).map((ts) => add(...ts)),
      fc.array(tie("tree"), { minLength: 2, maxLength: 3 }).map((fs) => mul(...fs)),
      fc.tuple(tie("tree"), exponent).map(([b, e]) => pow(b, e)),
      fc.tuple(fc.constantFrom(...unary), tie("tree")).map(([f, u]) => call(f, [u])),
      tie("tree").map((u) => neg(u)),
    ),
  }));
  return tree.filter((e) => e.depth <= depth + 2 && e.size <= 60);
}

/** Random points with coordinates in [-3, 3], in steps of 0.001 (no denormals or other float corner cases). */
const coordinate = fc.integer({ min: -3000, max: 3000 }).map((n) => n / 1000);
export const point: fc.Arbitrary<Record<string, number>> = fc.record({ x: coordinate, y: coordinate });

/** The variables of `compilable`. */
export const COMPILED_VARIABLES = ["x", "y", "z"];

const compiledLeaf: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...COMPILED_VARIABLES).map((v) => sym(v) as Expr) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: -7, max: 7 }), fc.integer({ min: 1, max: 5 })).map(([p, q]) => num(Rational.of(p, q)) as Expr) },
  { weight: 1, arbitrary: fc.constant(PI as Expr) },
);
const compiledExponent: fc.Arbitrary<Expr> = fc.tuple(fc.integer({ min: -4, max: 4 }), fc.constantFrom(1, 1, 2, 3, 5)).map(([p, q]) => num(Rational.of(p, q)) as Expr);

/**
 * Random canonical expressions in x, y and z over every function row (steps and their gates included), integer,
 * root and symbolic exponents: for checking compiled code against evaluate, where only values matter.
 */
export const compilable: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    compiledLeaf,
    fc.array(tie("expr"), { minLength: 2, maxLength: 4 }).map((ts) => add(...ts)),
    fc.array(tie("expr"), { minLength: 2, maxLength: 4 }).map((fs) => mul(...fs)),
    fc.tuple(tie("expr"), fc.oneof(compiledExponent, tie("expr"))).map(([b, e]) => pow(b, e)),
    fc.tuple(fc.constantFrom(...FUNCTIONS.values()), fc.array(tie("expr"), { minLength: 2, maxLength: 2 })).map(([row, args]) => call(row.name, args.slice(0, row.arity))),
  ),
})).expr;

/** Any float64 coordinate (NaN and infinities included), with small numbers and integers more often. */
export const compiledCoordinate = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: -8, max: 8 }), fc.double());

/** The same float64 value, to the bit: signed zeros told apart, NaN equal to NaN. */
export function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b);
}
