/** Constant rule: d/dx c = 0 for anything free of x; identity: d/dx x = 1. */
import { ONE, ZERO } from "../ast/build.js";
import type { Expr, Sym } from "../ast/expr.js";
import type { RuleContext } from "./rule.js";

export function constantRule(ctx: RuleContext): Expr {
  ctx.note?.("constant");
  return ZERO;
}

export function variableRule(e: Sym, ctx: RuleContext): Expr {
  ctx.note?.("variable");
  return e.name === ctx.wrt ? ONE : ZERO;
}
