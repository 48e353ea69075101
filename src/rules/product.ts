/**
 * Products, by the rule a person would pick:
 *   constant multiple  (c·u)' = c·u'
 *   quotient           when some factors are a denominator (negative powers), see quotient.ts
 *   product rule       (u1·u2·…·un)' = Σ ui'·Π(j≠i) uj
 */
import { add, isNegative, mul, neg, pow } from "../ast/build.js";
import type { Expr, Mul } from "../ast/expr.js";
import { quotientRule } from "./quotient.js";
import { isConstant, type RuleContext } from "./rule.js";

export function productRule(e: Mul, ctx: RuleContext): Expr {
  const constants = e.factors.filter((f) => isConstant(f, ctx));
  const variables = e.factors.filter((f) => !isConstant(f, ctx));
  if (constants.length > 0) {
    ctx.note?.("constant multiple");
    return mul(...constants, ctx.d(mul(...variables)));
  }

  const numerator = variables.filter((f) => !isDenominator(f));
  const denominator = variables.filter(isDenominator).map((f) => pow((f as { base: Expr }).base, neg((f as { exponent: Expr }).exponent)));
  if (denominator.length > 0 && (numerator.length > 0 || denominator.length > 1)) {
    return quotientRule(mul(...numerator), mul(...denominator), ctx);
  }
  ctx.note?.("product");
  return add(...variables.map((f, i) => mul(ctx.d(f), ...variables.filter((_, j) => j !== i))));
}

function isDenominator(f: Expr): boolean {
  return f.kind === "pow" && isNegative(f.exponent);
}
