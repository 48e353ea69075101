/**
 * One precedence table for every printer (text, LaTeX, JavaScript): how tightly an expression binds when printed,
 * and how a product splits into a signed numerator over a denominator. Printers differ only in spelling.
 */
import { isNegative, neg, pow } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";

export const enum Prec {
  Sum = 1,
  Product = 2,
  Power = 3,
  Atom = 4,
}

export function precedence(e: Expr): Prec {
  switch (e.kind) {
    case "add":
      return Prec.Sum;
    case "num":
      return e.value.isNegative ? Prec.Sum : e.value.isInteger ? Prec.Atom : Prec.Product;
    case "mul":
      return isNegative(e) ? Prec.Sum : Prec.Product;
    case "pow":
      if (isNegativeExponent(e.exponent)) return Prec.Product; // printed as a fraction
      return isHalf(e.exponent) ? Prec.Atom : Prec.Power; // sqrt(...)
    case "sym":
    case "const":
    case "call":
      return Prec.Atom;
  }
}

export function isNegativeExponent(e: Expr): boolean {
  return isNegative(e);
}

export function isHalf(e: Expr): boolean {
  return e.kind === "num" && e.value.equals(Rational.HALF);
}

/** A product (or a single factor) as sign, numerator and denominator, all with positive exponents. */
export interface Fraction {
  readonly negative: boolean;
  readonly coefficient: { readonly num: bigint; readonly den: bigint };
  readonly numerator: readonly Expr[];
  readonly denominator: readonly Expr[];
}

export function asFraction(e: Expr): Fraction {
  const factors = e.kind === "mul" ? e.factors : [e];
  let coefficient = Rational.ONE;
  const numerator: Expr[] = [];
  const denominator: Expr[] = [];
  for (const f of factors) {
    if (f.kind === "num") coefficient = f.value;
    else if (f.kind === "pow" && isNegativeExponent(f.exponent)) denominator.push(pow(f.base, neg(f.exponent)));
    else numerator.push(f);
  }
  const magnitude = coefficient.abs();
  return { negative: coefficient.isNegative, coefficient: { num: magnitude.num, den: magnitude.den }, numerator, denominator };
}

/**
 * The order in which a sum's terms are printed: canonical order, except that a two-term sum starting with a minus
 * is written the other way round (`sigmoid(z) - y`, `5 - 5*x^4`). Longer sums keep the canonical order, so
 * polynomials read by descending degree (`-36*x^5 + 24*x^3 + 4`).
 */
export function readingOrder(terms: readonly Expr[]): readonly Expr[] {
  if (terms.length === 2 && isNegative(terms[0]!) && !isNegative(terms[1]!)) return [terms[1]!, terms[0]!];
  return terms;
}
