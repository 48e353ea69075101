/**
 * A term multiplied by powers of bases it mostly has already: the exponents are added where the bases are. This is
 * the product the `mul` constructor makes, without first building the other factor only for like bases to combine
 * again (dividing exp(u) out of a term as a factor exp(-u) would build the whole argument negated, then cancel it).
 */
import { add, factorsOf, mul, num, ONE, pow, splitCoefficient } from "../ast/build.js";
import { baseOf } from "../ast/order.js";
import type { Expr, Num, Pow } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";

/** A factor that puts its base in a denominator: a power with a negative numeric exponent. */
export function isDenominator(f: Expr): f is Pow & { exponent: Num } {
  return f.kind === "pow" && f.exponent.kind === "num" && f.exponent.value.isNegative;
}

/** base^exponent, as a pair: the power need not be built. */
export interface Power {
  readonly base: Expr;
  readonly exponent: Expr;
}

/** coefficient × Π base^exponent, built. */
export function productOf(powers: readonly Power[], coefficient: Rational = Rational.ONE): Expr {
  return mul(num(coefficient), ...powers.map(({ base, exponent }) => pow(base, exponent)));
}

/** term × coefficient × Π base^exponent. */
export function timesPowers(term: Expr, coefficient: Rational, powers: readonly Power[]): Expr {
  const factors: Expr[] = [num(splitCoefficient(term)[0].mul(coefficient))];
  const met = powers.map(() => false);
  for (const f of factorsOf(term)) {
    const base = baseOf(f);
    const i = powers.findIndex((p) => p.base === base);
    if (i < 0) {
      factors.push(f);
      continue;
    }
    met[i] = true;
    factors.push(pow(base, add(f.kind === "pow" ? f.exponent : ONE, powers[i]!.exponent)));
  }
  powers.forEach((p, i) => met[i] || factors.push(pow(p.base, p.exponent)));
  return mul(...factors);
}
