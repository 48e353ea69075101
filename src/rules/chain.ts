/**
 * Chain rule, written once for every function: d/dx f(u1, ..., un) = Σ ∂f/∂ui(u1, ..., un) · ui'.
 * The partial derivatives ∂f/∂ui come from the function table's templates.
 */
import { add, mul } from "../ast/build.js";
import type { Call, Expr } from "../ast/expr.js";
import { functionRow } from "../functions.js";
import { instantiate } from "../templates.js";
import { isConstant, type RuleContext } from "./rule.js";

/** outer · inner': the last step of every chain rule, shared with the power rule. */
export function chain(outer: Expr, inner: Expr, ctx: RuleContext): Expr {
  return mul(outer, ctx.d(inner));
}

/** ∂f/∂ui evaluated at the call's arguments. */
export function outerDerivative(e: Call, i: number): Expr {
  return instantiate(functionRow(e.name).derivative[i]!, e.args);
}

export function chainRule(e: Call, ctx: RuleContext): Expr {
  ctx.note?.("chain");
  const parts = e.args.map((arg, i) => (isConstant(arg, ctx) ? undefined : chain(outerDerivative(e, i), arg, ctx)));
  return add(...parts.filter((p): p is Expr => p !== undefined));
}
