/**
 * What a line of input says, beyond its expression. Students paste equations and derivative requests, not bare
 * expressions: `y = x^2`, `f(x, y) = x*y`, `d/dx x^2`, `\frac{\partial}{\partial x}\left(x y\right)`. Both readers
 * (the text grammar and the LaTeX grammar) return a Statement; src/diff.ts gives it its meaning (a derivative
 * request is differentiated there: the parser cannot import the rules, whose templates it parses).
 */
import type { Expr } from "../ast/expr.js";

/** A function defined by the caller (the REPL's `g(x, y) = x*y`): applied by substitution at parse time. */
export interface UserFunction {
  readonly params: readonly string[];
  readonly apply: (args: readonly Expr[]) => Expr;
}

export interface ParseOptions {
  /** Extra functions callable by name; they may not shadow built-in functions. */
  readonly functions?: ReadonlyMap<string, UserFunction>;
  /** "text" (the default), "latex", or "auto": LaTeX when the text has a backslash command such as `\frac`. */
  readonly syntax?: "text" | "latex" | "auto";
  /**
   * Names that are variables even where they read as a function applied to a variable: `sinx` is refused as
   * ambiguous (sin(x), or a variable named sinx?) unless it is listed here.
   */
  readonly variables?: readonly string[];
}

export interface Statement {
  /** The expression: the right side of an equation, or what a derivative prefix applies to. */
  readonly expression: Expr;
  /**
   * A Leibniz prefix (`d/dx`, `d²/dx²`, `∂²/∂x∂y`): the variables to differentiate by, in the order they apply
   * (`∂²/∂x∂y` is ["y", "x"]: y first), the order written out (`d²/dx²` is ["x", "x"]).
   */
  readonly derivative?: readonly string[];
  /** The left side of an equation: `y = ...` defines y with no parameters, `f(x, y) = ...` defines f of x and y. */
  readonly definition?: { readonly name: string; readonly params: readonly string[] };
  /**
   * The left side of an equation that defines nothing, an implicit curve such as `x^2 + y^2 = 1` (its right side is
   * `expression`). Such a statement is not an expression: `parse` refuses it, `implicitDiff` reads it.
   */
  readonly left?: Expr;
}
