/**
 * Quotient rule: (u/v)' = (u'·v − u·v')/v², and for a constant numerator (c/v)' = −c·v'/v².
 * Used for products with a denominator: it keeps results over one common denominator, as people write them.
 */
import { mul, neg, num, pow, sub } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { isConstant, type RuleContext } from "./rule.js";

export function quotientRule(u: Expr, v: Expr, ctx: RuleContext): Expr {
  const vSquared = pow(v, num(-2));
  if (isConstant(u, ctx)) {
    ctx.note?.("reciprocal");
    return mul(neg(u), ctx.d(v), vSquared);
  }
  ctx.note?.("quotient");
  return mul(sub(mul(ctx.d(u), v), mul(u, ctx.d(v))), vSquared);
}
