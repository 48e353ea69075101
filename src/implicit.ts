/**
 * Implicit differentiation: dy/dx on a curve F(x, y) = 0 given by an equation `left = right`, where F = left - right.
 * Differentiating F(x, y(x)) = 0 by the chain rule gives F_x + F_y·dy/dx = 0, so dy/dx = -F_x/F_y wherever F_y ≠ 0.
 * `x^2 + y^2 = 1` gives -x/y.
 *
 * Higher orders differentiate dy/dx again with y still a function of x: d/dx g(x, y) = g_x + g_y·dy/dx, simplified.
 * The result is an expression in x and y that holds at every point of the curve; it is not reduced by the equation
 * of the curve itself (the circle's second derivative is -(x^2 + y^2)/y^3, which on the circle is -1/y^3).
 */
import { add, div, mul, neg, sym, ZERO } from "./ast/build.js";
import { type Expr, withinGeneration } from "./ast/expr.js";
import { expectOptions } from "./arguments.js";
import { checkVariable, diff, toExpr, type ExprLike } from "./diff.js";
import { ArgumentError } from "./errors.js";
import { format } from "./print/text.js";
import { parse, type ParseOptions, readEquation } from "./parser/parse.js";
import { toLatex } from "./print/latex.js";
import { simplify } from "./simplify/simplify.js";

/** The equation of a curve, read and checked, with the partial derivatives of F = left - right. */
export interface ImplicitCurve {
  readonly left: Expr;
  readonly right: Expr;
  /** The dependent variable (y) and the independent one (x). */
  readonly y: string;
  readonly x: string;
  /** ∂F/∂x and ∂F/∂y, simplified; `fy` is never identically 0. */
  readonly fx: Expr;
  readonly fy: Expr;
}

/** An equation as text or an expression F (meaning F = 0), or its two sides (as `readEquation` returns them). */
export type EquationLike = ExprLike | { readonly left: Expr; readonly right: Expr };

/**
 * Reads the curve: the text of an equation (`x^2 + y^2 = 1`, `sin(x*y) = x`, `y = x^2`), the text of an expression
 * F (meaning F = 0), an expression F, or the two sides. Refuses a curve that does not determine dy/dx (F_y identically 0).
 */
export function implicitCurve(equation: EquationLike, y: string, x: string, options: ParseOptions = {}): ImplicitCurve {
  return withinGeneration(() => {
    expectOptions(options, "implicitDiff: the options");
    checkVariable(y);
    checkVariable(x);
    if (x === y) throw new ArgumentError(`implicitDiff: the dependent variable and the variable of differentiation are both '${x}'`);
    const { left, right } = sides(equation, { ...options, variables: [x, y, ...(options.variables ?? [])] });
    const f = add(left, neg(right));
    const shown = typeof equation === "string" ? equation.trim() : `${format(left)} = ${format(right)}`;
    if (!f.vars.has(y)) {
      throw new ArgumentError(`implicitDiff: '${shown}' does not involve ${y}, so it does not define ${y} as a function of ${x}`);
    }
    const fy = diff(f, y);
    if (fy === ZERO) {
      throw new ArgumentError(`implicitDiff: d${y}/d${x} is not determined by '${shown}': its derivative with respect to ${y} is identically 0`);
    }
    return { left, right, y, x, fx: diff(f, x), fy };
  });
}

function sides(equation: EquationLike, options: ParseOptions): { left: Expr; right: Expr } {
  if (typeof equation === "object" && equation !== null && "left" in equation) return { left: toExpr(equation.left), right: toExpr(equation.right) };
  // Text without '=' is an expression F, meaning F = 0 (no equation can be written without one).
  if (typeof equation === "string" && equation.includes("=")) return readEquation(equation, options);
  return { left: typeof equation === "string" ? parse(equation, options) : toExpr(equation), right: ZERO };
}

/** The variables of a curve's text, sorted. */
export function curveVariables(text: string, options: ParseOptions = {}): string[] {
  const { left, right } = sides(text, options);
  return [...new Set([...left.vars, ...right.vars])].sort();
}

/** d^n y/dx^n in text, as a student writes it: `dy/dx`, `d^2y/dx^2`. */
export function implicitText(y: string, x: string, order: number): string {
  return order === 1 ? `d${y}/d${x}` : `d^${order}${y}/d${x}^${order}`;
}

/** The LaTeX of d^n y/dx^n: `\frac{dy}{dx}`, `\frac{d^{2}y}{dx^{2}}`. */
export function implicitLatex(y: string, x: string, order: number): string {
  const [dy, dx] = [toLatex(sym(y)), toLatex(sym(x))];
  return order === 1 ? `\\frac{d${dy}}{d${dx}}` : `\\frac{d^{${order}}${dy}}{d${dx}^{${order}}}`;
}

/** dy/dx = -F_x/F_y, simplified. */
export function firstDerivative(curve: ImplicitCurve): Expr {
  return simplify(neg(div(curve.fx, curve.fy)));
}

/** d/dx of g(x, y) with y a function of x whose derivative is `slope`: g_x + g_y·slope, simplified. */
export function totalDerivative(g: Expr, curve: ImplicitCurve, slope: Expr): Expr {
  return simplify(add(diff(g, curve.x), mul(diff(g, curve.y), slope)));
}

/**
 * Highest order accepted. Implicit derivatives grow quickly (each order multiplies in dy/dx and differentiates a
 * quotient) and, unlike explicit ones, never cycle: beyond this they are too long to be of use.
 */
export const MAX_IMPLICIT_ORDER = 12;

/**
 * The `order`-th derivative of `y` with respect to `x` on the curve `equation` (see `implicitCurve` for what it
 * may be; `options` say how to read text, as `parse`'s): `implicitDiff("x^2 + y^2 = 1", "y", "x")` is -x/y.
 */
export function implicitDiff(equation: EquationLike, y: string, x: string, order = 1, options: ParseOptions = {}): Expr {
  if (typeof order !== "number" || !Number.isSafeInteger(order) || order < 1 || order > MAX_IMPLICIT_ORDER) {
    throw new ArgumentError(`implicitDiff: the order must be a whole number from 1 to ${MAX_IMPLICIT_ORDER}, got ${String(order)}`);
  }
  return withinGeneration(() => {
    const curve = implicitCurve(equation, y, x, options);
    const slope = firstDerivative(curve);
    let d = slope;
    for (let n = 2; n <= order; n++) d = totalDerivative(d, curve, slope);
    return d;
  });
}
