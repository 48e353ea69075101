/**
 * Sums over a common denominator: `2 - 1/x^2` → `(2*x^2 - 1)/x^2`. The denominator is the product of every base
 * that appears with a negative power, at its largest such power; the numerator is expanded, and factors it shares
 * with the denominator cancel in the canonical product.
 */
import { add, MINUS_ONE, mul, num, pow } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { baseOf } from "../ast/order.js";
import { Rational } from "../ast/rational.js";
import { cancel } from "./cancel.js";
import { expand } from "./expand.js";
import { factorTerms } from "./factor.js";
import { isDenominator, productOf, timesPowers } from "./powers.js";
import { smaller } from "./size.js";

/**
 * Could a common denominator make the sum `e` smaller? Only if something can cancel: two terms have denominators,
 * a term's denominator base is a factor of another term, as in sqrt(u) - x/sqrt(u) = (u - x)/sqrt(u), or a factor
 * beside the sum (`besides`, the bases of the other factors of a product it is in), as in
 * 1/(y*(x^2/y^2 + 1)) = y/(x^2 + y^2). (A single fraction is simplified already: over a common denominator the rest
 * only grows.)
 */
export function mayCombine(e: Expr, besides: Bases = NOTHING_BESIDES): boolean {
  if (e.kind !== "add") return false;
  const denominators = new Set<Expr>();
  let fractions = 0;
  for (const t of e.terms) {
    const bases = (t.kind === "mul" ? t.factors : [t]).filter(isDenominator).map((f) => f.base);
    if (bases.length === 0) continue;
    if (++fractions >= 2 || bases.some((base) => besides.has(base))) return true;
    for (const base of bases) denominators.add(base);
  }
  if (fractions === 0) return false;
  return e.terms.some((t) => (t.kind === "mul" ? t.factors : [t]).some((f) => !isDenominator(f) && denominators.has(baseOf(f))));
}

/** A set of bases as `mayCombine` asks it (a caller may make its set on first use). */
export type Bases = Pick<ReadonlySet<Expr>, "has">;
const NOTHING_BESIDES: Bases = new Set();

export function together(sum: Expr): Expr | undefined {
  if (sum.kind !== "add") return undefined;
  const denominators = new Map<number, { base: Expr; power: Rational }>();
  for (const t of sum.terms) {
    for (const f of t.kind === "mul" ? t.factors : [t]) {
      if (!isDenominator(f)) continue;
      const power = f.exponent.value.neg();
      const entry = denominators.get(f.base.id);
      if (!entry) denominators.set(f.base.id, { base: f.base, power });
      else if (power.compare(entry.power) > 0) entry.power = power;
    }
  }
  if (denominators.size === 0) return undefined;
  const powers = [...denominators.values()].map(({ base, power }) => ({ base, exponent: num(power) }));
  const denominator = productOf(powers);
  const numerator = expand(add(...sum.terms.map((t) => timesPowers(t, Rational.ONE, powers))));
  const factored = factorTerms(numerator);
  const top = factored && smaller(factored, numerator) ? factored : numerator;
  const quotient = mul(top, pow(denominator, MINUS_ONE));
  return cancel(quotient) ?? quotient;
}

