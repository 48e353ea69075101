/**
 * Quotient rule: (u/v)' = (u'·v − u·v')/v², and for a constant numerator (c/v)' = −c·v'/v².
 * Used for products with a denominator: it keeps results over one common denominator, as people write them.
 *
 * When the denominator has powers, v = Π wᵢ^nᵢ, the common factor is divided out before it appears, as a careful
 * person does for (u/w³)' = (u'·w − 3·u·w')/w⁴ rather than (u'·w³ − 3·u·w²·w')/w⁶: with W = Π wᵢ,
 *   (u/v)' = (u'·W − u·Σ nᵢ·wᵢ'·W/wᵢ) / (v·W).
 * For v = w this is the textbook formula.
 */
import { add, mul, neg, ONE, pow, sub, MINUS_ONE } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { isConstant, type RuleContext } from "./rule.js";

export function quotientRule(u: Expr, v: Expr, ctx: RuleContext): Expr {
  const powers = (v.kind === "mul" ? v.factors : [v]).map((f): [Expr, Expr] =>
    f.kind === "pow" && f.exponent.kind === "num" ? [f.base, f.exponent] : [f, ONE],
  );
  const radical = mul(...powers.map(([w]) => w));
  const others = (i: number) => powers.filter((_, j) => j !== i).map(([w]) => w);
  // v'·W/v, without ever forming v'
  const scaledDerivative = () => add(...powers.map(([w, n], i) => mul(n, ctx.d(w), ...others(i))));
  const denominator = [pow(v, MINUS_ONE), pow(radical, MINUS_ONE)];
  if (isConstant(u, ctx)) {
    ctx.note?.("reciprocal");
    return mul(neg(u), scaledDerivative(), ...denominator);
  }
  ctx.note?.("quotient");
  return mul(sub(mul(ctx.d(u), radical), mul(u, scaledDerivative())), ...denominator);
}
