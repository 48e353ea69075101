/**
 * Power rules for u^v, chosen by which side depends on x:
 *   power rule        (u^n)' = n·u^(n-1)·u'
 *   exponential rule  (a^v)' = a^v·ln(a)·v'
 *   general rule      (u^v)' = u^v·(v'·ln(u) + v·u'/u)      e.g. (x^x)' = x^x·(ln(x) + 1)
 */
import { add, call, div, mul, ONE, pow, sub } from "../ast/build.js";
import type { Expr, Pow } from "../ast/expr.js";
import { chain } from "./chain.js";
import { isConstant, type RuleContext } from "./rule.js";

export function powerRule(e: Pow, ctx: RuleContext): Expr {
  const { base: u, exponent: v } = e;
  if (isConstant(v, ctx)) {
    ctx.note?.("power");
    return chain(mul(v, pow(u, sub(v, ONE))), u, ctx);
  }
  if (isConstant(u, ctx)) {
    ctx.note?.("exponential");
    return chain(mul(e, call("log", [u])), v, ctx);
  }
  ctx.note?.("general power");
  return mul(e, add(mul(ctx.d(v), call("log", [u])), mul(v, div(ctx.d(u), u))));
}
