import type { Expr } from "../ast/expr.js";

/**
 * What every rule receives: the variable, and `d` to differentiate a subexpression with respect to it.
 * Rules never recurse by themselves, so the caller decides how (memoised, traced for step-by-step output, ...).
 */
export interface RuleContext {
  readonly wrt: string;
  readonly d: (e: Expr) => Expr;
  /** Told which rule applies, before its subexpressions are differentiated (for step-by-step derivations). */
  readonly note?: (rule: RuleName) => void;
  /** Differentiate every term of a sum, constants too (a derivation shows d/dx[c] = 0); else only those with x. */
  readonly everyTerm?: boolean;
}

export type RuleName =
  | "constant"
  | "variable"
  | "sum"
  | "constant multiple"
  | "product"
  | "quotient"
  | "reciprocal"
  | "power"
  | "exponential"
  | "general power"
  | "chain";

/** True when `e` does not depend on the variable: the constant rule applies. */
export function isConstant(e: Expr, ctx: RuleContext): boolean {
  return !e.vars.has(ctx.wrt);
}
