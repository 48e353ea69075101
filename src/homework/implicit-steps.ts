/**
 * Implicit differentiation step by step, as a textbook works `x^2 + y^2 = 1`:
 *
 *   1. differentiate both sides with respect to x, y being a function of x:   d/dx[x^2 + y^2] = d/dx[1]
 *   2. chain rule, d/dx[g(x, y)] = ∂g/∂x + ∂g/∂y*y':                           2*x + 2*y*y' = 0
 *   3. collect the y' terms on the left:                                       2*y*y' = -2*x
 *   4. solve for y':                                                           y' = -x/y
 *
 * In text y' stands for dy/dx (dy/dx inside a product would read ambiguously); LaTeX writes \frac{dy}{dx}.
 *
 * and, for a higher order, one step per order: differentiate the last derivative again, putting in dy/dx. The
 * results are implicit.ts's own (the last step's `result` is `implicitDiff(equation, y, x, order)`).
 */
import { add, div, mul, neg, sym } from "../ast/build.js";
import { type Expr, type Sym, withinGeneration } from "../ast/expr.js";
import { diff } from "../diff.js";
import { ArgumentError } from "../errors.js";
import { type EquationLike, firstDerivative, type ImplicitCurve, implicitCurve, MAX_IMPLICIT_ORDER, totalDerivative } from "../implicit.js";
import type { ParseOptions } from "../parser/statement.js";
import { toLatex } from "../print/latex.js";
import { format, type TextOptions } from "../print/text.js";
import { expectTextOptions } from "../arguments.js";
import { simplify } from "../simplify/simplify.js";
import { substitute } from "../ast/transform.js";
import type { StepRule } from "./describe.js";
import type { Step } from "./steps.js";

/** How to read the equation's text, as `parse`'s options; and `ln: true` to write ln(x) and e^x in the steps' text. */
export interface ImplicitStepsOptions extends ParseOptions, TextOptions {}

/**
 * The derivation of d^order y/dx^order on the curve `equation` (see `implicitCurve` for what it may be; `options`
 * say how to read text, as `parse`'s, and how to write it).
 */
export function implicitSteps(equation: EquationLike, y: string, x: string, order = 1, options: ImplicitStepsOptions = {}): Step[] {
  if (typeof order !== "number" || !Number.isSafeInteger(order) || order < 1 || order > MAX_IMPLICIT_ORDER) {
    throw new ArgumentError(`implicit steps: the order must be a whole number from 1 to ${MAX_IMPLICIT_ORDER}, got ${String(order)}`);
  }
  expectTextOptions(options, "implicitSteps: the options");
  const { ln, ...parseOptions } = options;
  return withinGeneration(() => {
    const curve = implicitCurve(equation, y, x, parseOptions);
    const writer = new Writer(curve, { ln });
    const out = firstOrder(curve, writer);
    const slope = out.at(-1)!.result;
    let d = slope;
    for (let n = 2; n <= order; n++) {
      const next = totalDerivative(d, curve, slope);
      const formula = add(diff(d, x), mul(diff(d, y), writer.prime));
      out.push(writer.step("implicit", `differentiate again, ${y} being a function of ${x}, and put in ${writer.text(1)} = ${writer.show(slope)}`, d, next, [
        writer.side(n, "text"),
        writer.print(formula, "text"),
        writer.show(next),
      ], [writer.side(n, "latex"), writer.print(formula, "latex"), toLatex(next)], `differentiate again, ${y} being a function of ${x}, and put in `, slope));
      d = next;
    }
    return out;
  });
}

function firstOrder(curve: ImplicitCurve, w: Writer): Step[] {
  const { left, right, x, y } = curve;
  const [lx, ly, rx, ry] = [diff(left, x), diff(left, y), diff(right, x), diff(right, y)];
  const differentiated = [add(lx, mul(ly, w.prime)), add(rx, mul(ry, w.prime))] as const;
  const coefficient = simplify(add(ly, neg(ry)));
  const rest = simplify(add(rx, neg(lx)));
  const quotient = div(rest, coefficient);
  const solved = firstDerivative(curve);
  const both = (l: Expr, r: Expr, n: "text" | "latex") => [w.print(l, n), w.print(r, n)];
  const applied = (e: Expr, n: "text" | "latex") => (n === "text" ? `d/d${x}[${w.show(e)}]` : `\\frac{d}{d${toLatex(sym(x))}}\\left[${toLatex(e)}\\right]`);
  const ySide = [w.side(1, "text"), w.show(quotient), ...(solved === quotient ? [] : [w.show(solved)])];
  const ySideLatex = [w.side(1, "latex"), toLatex(quotient), ...(solved === quotient ? [] : [toLatex(solved)])];
  const all = [
    w.step("implicit", `differentiate both sides with respect to ${x}, ${y} being a function of ${x} (${w.text(1)} = d${y}/d${x})`, add(left, neg(right)), add(...differentiated.map((s, i) => (i === 0 ? s : neg(s)))),
      [applied(left, "text"), applied(right, "text")], [applied(left, "latex"), applied(right, "latex")]),
    w.step("chain", `chain rule, d/d${x}[g(${x}, ${y})] = ∂g/∂${x} + ∂g/∂${y}*${w.text(1)}`, add(left, neg(right)), add(differentiated[0], neg(differentiated[1])),
      both(...differentiated, "text"), both(...differentiated, "latex"), "chain rule, ", undefined, `\\frac{d}{d${toLatex(sym(x))}}\\left[g(${toLatex(sym(x))}, ${toLatex(sym(y))})\\right] = \\frac{\\partial g}{\\partial ${toLatex(sym(x))}} + \\frac{\\partial g}{\\partial ${toLatex(sym(y))}} ${w.latex(1)}`),
    w.step("collect", `collect the ${w.text(1)} terms on the left`, mul(coefficient, w.prime), rest,
      both(mul(coefficient, w.prime), rest, "text"), both(mul(coefficient, w.prime), rest, "latex")),
    w.step("solve", solved === quotient ? `solve for ${w.text(1)}` : `solve for ${w.text(1)} and simplify`, quotient, solved, ySide, ySideLatex),
  ];
  // When y is already alone (y = x^2), collecting and solving repeat the equation: each is shown once, the last
  // step (which carries dy/dx as its result) kept.
  const same = (a: Step, b: Step) => a.equation.join(" = ") === b.equation.join(" = ");
  return all.filter((s, i) => !all.slice(i + 1).some((later) => same(s, later)));
}

const STAND_INS = ["ω", "ψ", "χ", "ϖ"];

/**
 * Writes formulas in which dy/dx appears. In the formulas it is the variable `y'` (a name no input can have), which
 * text prints as it is. LaTeX would print it as `\text{y'}` between `\cdot`s, so for LaTeX it is swapped for a Greek
 * stand-in (printed as one symbol, placed as `y'` is among the factors), which the printed text then replaces by
 * `\frac{dy}{dx}`.
 */
class Writer {
  /** dy/dx in formulas: y'. */
  readonly prime: Sym;
  private readonly standIn: Expr;

  /** An expression in text, spelled as asked (`ln`). */
  readonly show: (e: Expr) => string;

  constructor(
    private readonly curve: ImplicitCurve,
    options: TextOptions,
  ) {
    this.show = (e) => format(e, options);
    const names = [...curve.left.vars, ...curve.right.vars];
    const stem = STAND_INS.find((s) => !names.some((v) => v.startsWith(s)));
    if (stem === undefined) throw new ArgumentError(`implicit steps need one of the names ${STAND_INS.join(", ")} free`);
    this.prime = sym(`${curve.y}'`);
    this.standIn = sym(`${stem}_0`);
  }

  /** d^n y/dx^n in text: y', y'', y''', y^(4). (A quotient dy/dx inside a product would read ambiguously.) */
  text(order: number): string {
    const { y } = this.curve;
    return order <= 3 ? `${y}${"'".repeat(order)}` : `${y}^(${order})`;
  }

  latex(order: number): string {
    const [x, y] = [toLatex(sym(this.curve.x)), toLatex(sym(this.curve.y))];
    return order === 1 ? `\\frac{d${y}}{d${x}}` : `\\frac{d^{${order}}${y}}{d${x}^{${order}}}`;
  }

  side(order: number, notation: "text" | "latex"): string {
    return notation === "text" ? this.text(order) : this.latex(order);
  }

  print(e: Expr, notation: "text" | "latex"): string {
    if (notation === "text") return this.show(e);
    return toLatex(substitute(e, new Map([[this.prime.name, this.standIn]]))).split(toLatex(this.standIn)).join(this.latex(1));
  }

  /**
   * A step. `title` is the text title; the LaTeX title is the same words, or `latexWords` followed by `latexFormula`
   * (or by `formula` printed) when the title has a formula in it.
   */
  step(
    rule: StepRule, title: string, expr: Expr, result: Expr, equation: readonly string[], equationLatex: readonly string[],
    latexWords?: string, formula?: Expr, latexFormula?: string,
  ): Step {
    const words = (text: string) => `\\text{${text.replace(/[{}$&#_%]/g, (c) => `\\${c}`)}}`;
    const titleLatex = latexWords === undefined ? words(title) : `${words(latexWords)}${latexFormula ?? `${this.latex(1)} = ${toLatex(formula!)}`}`;
    return {
      rule, expr, result, depth: 0, title, titleLatex, equation, equationLatex,
      text: `${title}: ${equation.join(" = ")}`,
      latex: `${equationLatex.join(" = ")} \\qquad ${titleLatex}`,
    };
  }
}
