/**
 * How big an expression looks to a reader: the number of operations as printed (additions and subtractions,
 * multiplications and divisions, powers, negations, function calls), the measure SymPy calls `count_ops`.
 * Simplification keeps the candidate with the fewest operations, then the fewest nodes.
 */
import { isNegative, isNonNegative, neg, pow, splitCoefficient } from "../ast/build.js";
import { children, deepFirst, type Expr, NodeMemo } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";
import { isNegativeExponent } from "../print/precedence.js";

const memo = new NodeMemo<number>();

export function opCount(e: Expr): number {
  const known = memo.get(e);
  if (known !== undefined) return known;
  deepFirst(e, counted, (n) => memo.get(n) !== undefined); // so that `count` recurses only where it is shallow
  return counted(e);
}

function counted(e: Expr): number {
  return memo.get(e) ?? memo.set(e, count(e));
}

function count(e: Expr): number {
  switch (e.kind) {
    case "num":
      return (e.value.isNegative ? 1 : 0) + (e.value.isInteger ? 0 : 1);
    case "sym":
    case "const":
      return 0;
    case "call":
      return e.name === "exp" && e.args[0]!.kind === "num" && e.args[0].value.isOne ? 0 : 1 + sum(e.args);
    case "add": {
      // `a - b` is one operation, the sign of b costs nothing; only a sum of negative terms is a negation of a sum.
      const negatives = e.terms.filter(isNegative).length;
      return e.terms.length - 1 + sum(e.terms) - negatives + (negatives === e.terms.length ? 1 : 0);
    }
    case "pow":
      if (isNegative(e.exponent)) return product(e);
      return 1 + opCount(e.base) + opCount(e.exponent); // x^(1/2) is a power and a division, as SymPy counts it
    case "mul":
      return product(e);
  }
}

function sum(es: readonly Expr[]): number {
  let n = 0;
  for (const e of es) n += opCount(e);
  return n;
}

/** A product as printed: a signed numerator over a denominator (the split `asFraction` makes, without building it). */
function product(e: Expr): number {
  let coefficient = Rational.ONE;
  let numerator = 0;
  let denominator = 0;
  let inside = 0;
  const factors = e.kind === "mul" ? e.factors : [e];
  // In a product, exp(-u) is 1/exp(u): x*exp(-x) = x/exp(x) (but -exp(-x) is a negation of exp(-x)).
  const reciprocalExp = factors.length > (factors[0]!.kind === "num" && factors[0].value.abs().isOne ? 2 : 1);
  for (const f of factors) {
    if (f.kind === "num") coefficient = f.value;
    else if (f.kind === "pow" && isNegativeExponent(f.exponent)) {
      denominator++;
      inside += denominatorCount(f.base, f.exponent);
    } else if (reciprocalExp && isExpOfNegative(f)) {
      denominator++;
      inside += opCount(f) - 1; // the argument's sign is gone
    } else {
      numerator++;
      inside += opCount(f);
    }
  }
  const magnitude = coefficient.abs();
  const count = numerator + denominator + (magnitude.num !== 1n ? 1 : 0) + (magnitude.den !== 1n ? 1 : 0);
  return (coefficient.isNegative ? 1 : 0) + Math.max(count - 1, 0) + (numerator === 0 && denominator > 0 && magnitude.num === 1n ? 1 : 0) + inside;
}

/** Operations of base^-exponent, the factor that base^exponent (a negative exponent) puts in a denominator. */
function denominatorCount(base: Expr, exponent: Expr): number {
  if (exponent.kind !== "num") return opCount(pow(base, neg(exponent)));
  return exponent.value.equals(Rational.MINUS_ONE) ? opCount(base) : 1 + opCount(base) + (exponent.value.isInteger ? 0 : 1);
}

/**
 * exp(u) for a u written negative (a negative number or term) or a sum that is negative for every real value of its
 * variables, as SymPy decides: x*exp(-8*x^2 - 9) counts as x/exp(8*x^2 + 9), x*exp(-x - 1) does not.
 */
function isExpOfNegative(f: Expr): boolean {
  if (f.kind !== "call" || f.name !== "exp") return false;
  const u = f.args[0]!;
  if (u.kind !== "add") return (u.kind === "num" || u.kind === "mul") && isNegative(u);
  return u.terms.every((t) => {
    const [c, rest] = splitCoefficient(t);
    return c.isNegative && isNonNegative(rest);
  });
}

/** Candidates compare by operations, then by awkward forms (see below), then by tree size. */
export function smaller(a: Expr, b: Expr): boolean {
  const oa = opCount(a);
  const ob = opCount(b);
  if (oa !== ob) return oa < ob;
  const wa = awkwardness(a);
  const wb = awkwardness(b);
  return wa < wb || (wa === wb && a.size < b.size);
}

const awkward = new NodeMemo<number>();

/**
 * Forms people avoid when they can: terms of sums with a fractional coefficient (`3*x/2 + 1` rather than
 * `(3*x + 2)/2`) and sums whose terms are all negative (`-x - 2` rather than `-(x + 2)`).
 */
function awkwardness(e: Expr): number {
  if (awkward.get(e) === undefined) deepFirst(e, awkwardnessOf, (k) => awkward.get(k) !== undefined);
  return awkwardnessOf(e);
}

function awkwardnessOf(e: Expr): number {
  let n = awkward.get(e);
  if (n === undefined) {
    n = 0;
    if (e.kind === "add") {
      n += e.terms.filter((t) => !splitCoefficient(t)[0].isInteger).length;
      if (e.terms.every(isNegative)) n++;
    }
    for (const c of children(e)) n += awkwardness(c);
    awkward.set(e, n);
  }
  return n;
}
