/** Sum rule: (u + v)' = u' + v'. Differences are sums with negated terms, so this is also the difference rule. */
import { add } from "../ast/build.js";
import type { Add, Expr } from "../ast/expr.js";
import type { RuleContext } from "./rule.js";

export function sumRule(e: Add, ctx: RuleContext): Expr {
  ctx.note?.("sum");
  return add(...e.terms.map(ctx.d));
}
