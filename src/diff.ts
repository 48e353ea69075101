/**
 * Differentiation: `derivative` picks the rule for a node (with an exhaustive switch over node kinds); `diff`,
 * `gradient` and `hessian` are the public entry points, memoised per node and returning simplified results.
 */
import type { Expr } from "./ast/expr.js";
import { ZERO } from "./ast/build.js";
import { ArgumentError } from "./errors.js";
import { isBuiltinFunction, parse } from "./parser/parse.js";
import { chainRule } from "./rules/chain.js";
import { constantRule, variableRule } from "./rules/constant.js";
import { powerRule } from "./rules/power.js";
import { productRule } from "./rules/product.js";
import { isConstant, type RuleContext } from "./rules/rule.js";
import { sumRule } from "./rules/sum.js";
import { simplify } from "./simplify/simplify.js";

/** An expression, or text to parse. */
export type ExprLike = Expr | string;

export function toExpr(e: ExprLike): Expr {
  return typeof e === "string" ? parse(e) : e;
}

/** One differentiation step at the root of `e`; subexpressions go through `ctx.d`. */
export function derivative(e: Expr, ctx: RuleContext): Expr {
  if (isConstant(e, ctx)) return constantRule(ctx);
  switch (e.kind) {
    case "sym":
      return variableRule(e, ctx);
    case "add":
      return sumRule(e, ctx);
    case "mul":
      return productRule(e, ctx);
    case "pow":
      return powerRule(e, ctx);
    case "call":
      return chainRule(e, ctx);
    case "num":
    case "const":
      return constantRule(ctx); // unreachable: constants have no variables
  }
}

/** Unsimplified derivatives, memoised per (node, variable). Interning makes repeated subexpressions hit the cache. */
const rawMemo = new WeakMap<Expr, Map<string, Expr>>();

let rawComputations = 0;
/** How many derivatives were computed rather than found in the memo (a test hook). */
export function derivativeComputations(): number {
  return rawComputations;
}

export function rawDerivative(e: Expr, wrt: string): Expr {
  let byVar = rawMemo.get(e);
  if (!byVar) rawMemo.set(e, (byVar = new Map()));
  let result = byVar.get(wrt);
  if (result === undefined) {
    rawComputations++;
    result = derivative(e, { wrt, d: (sub) => rawDerivative(sub, wrt) });
    byVar.set(wrt, result);
  }
  return result;
}

const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** Checks that `wrt` names a variable (not a number, a function, a constant or an expression). */
export function checkVariable(wrt: unknown): string {
  if (typeof wrt !== "string" || !NAME.test(wrt) || isBuiltinFunction(wrt) || ["e", "pi", "π"].includes(wrt)) {
    throw new ArgumentError(`cannot differentiate with respect to ${JSON.stringify(wrt)}: expected a variable name such as "x"`);
  }
  return wrt;
}

function checkOrder(order: unknown): number {
  if (typeof order !== "number" || !Number.isInteger(order) || order < 0) {
    throw new ArgumentError(`derivative order must be a non-negative integer, got ${String(order)}`);
  }
  return order;
}

/**
 * The derivative of `e`, simplified. `wrt` is a variable name, or a list of names for a mixed partial
 * (`diff(f, ["x", "y"])` is ∂²f/∂y∂x: first x, then y). `order` repeats the whole list.
 */
export function diff(e: ExprLike, wrt: string | readonly string[], order = 1): Expr {
  const variables = (typeof wrt === "string" ? [wrt] : [...wrt]).map(checkVariable);
  checkOrder(order);
  let result = toExpr(e);
  for (let i = 0; i < order && result !== ZERO; i++) {
    for (const v of variables) result = simplify(rawDerivative(result, v));
  }
  return result;
}

export function gradient(e: ExprLike, vars: readonly string[]): Expr[] {
  const f = toExpr(e);
  return vars.map((v) => diff(f, v));
}

/** The matrix of second partials; symmetric, each mixed partial is computed once. */
export function hessian(e: ExprLike, vars: readonly string[]): Expr[][] {
  const g = gradient(e, vars);
  const h: Expr[][] = vars.map(() => []);
  vars.forEach((_, i) => {
    for (let j = i; j < vars.length; j++) h[i]![j] = h[j]![i] = diff(g[i]!, vars[j]!);
  });
  return h;
}
