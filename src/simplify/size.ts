/**
 * How big an expression looks to a reader: the number of operations as printed (additions and subtractions,
 * multiplications and divisions, powers, negations, function calls), the measure SymPy calls `count_ops`.
 * Simplification keeps the candidate with the fewest operations, then the fewest nodes.
 */
import { isNegative } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { asFraction } from "../print/precedence.js";

const memo = new WeakMap<Expr, number>();

export function opCount(e: Expr): number {
  let n = memo.get(e);
  if (n === undefined) {
    n = count(e);
    memo.set(e, n);
  }
  return n;
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
      const subtractions = e.terms.slice(1).filter(isNegative).length; // `a - b` is one operation, not two
      return e.terms.length - 1 + sum(e.terms) - subtractions;
    }
    case "pow":
      if (isNegative(e.exponent)) return product(e);
      return 1 + opCount(e.base) + (e.exponent.kind === "num" ? 0 : opCount(e.exponent));
    case "mul":
      return product(e);
  }
}

function sum(es: readonly Expr[]): number {
  let n = 0;
  for (const e of es) n += opCount(e);
  return n;
}

function product(e: Expr): number {
  const { negative, coefficient, numerator, denominator } = asFraction(e);
  const factors = numerator.length + denominator.length + (coefficient.num !== 1n ? 1 : 0) + (coefficient.den !== 1n ? 1 : 0);
  return (negative ? 1 : 0) + Math.max(factors - 1, 0) + (numerator.length === 0 && denominator.length > 0 && coefficient.num === 1n ? 1 : 0) + sum(numerator) + sum(denominator);
}

/** Candidates compare by operations, then by tree size. */
export function smaller(a: Expr, b: Expr): boolean {
  const oa = opCount(a);
  const ob = opCount(b);
  return oa < ob || (oa === ob && a.size < b.size);
}
