/**
 * How a derivation is written down, in plain text or in LaTeX. Both notations print expressions with the library's
 * printers and differ only in spelling: `d/dx[3*x^2 + x]` and `\frac{d}{dx}\left[3 x^{2} + x\right]`.
 *
 * A step's formula may still contain derivatives that later steps work out, such as the `u'` of the chain rule.
 * Those are stand-in variables in the formula (see `Pending`), replaced by the derivative operator after printing.
 */
import { sym } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { ArgumentError } from "../errors.js";
import { toLatex } from "../print/latex.js";
import { format, type TextOptions } from "../print/text.js";

export interface Notation {
  /** An expression. */
  expr(e: Expr): string;
  /** The operator for the differentiation variable: `d/dx`, or `∂/∂x` when the function has other variables. */
  readonly operator: string;
  /** The operator for a letter of a table entry (`d/du`), or a partial one for functions of several arguments. */
  letterOperator(letter: string, partial: boolean): string;
  /** The derivative operator applied to an expression, bracketed: `d/dx[u]`. */
  applied(operator: string, operand: string): string;
  /** Words between formulas. */
  words(text: string): string;
  /** A function's name in words ("derivative of ln"), spelled as its formulas spell it. */
  functionName(name: string): string;
}

/** `options` are the text printer's: `{ ln: true }` writes ln(x) and e^x, in the words too. */
export function textNotation(variable: string, ordinary: boolean, options: TextOptions = {}): Notation {
  const letterOperator = (letter: string, partial: boolean) => (partial ? `∂/∂${letter}` : `d/d${letter}`);
  return {
    expr: (e) => format(e, options),
    operator: letterOperator(variable, !ordinary),
    letterOperator,
    applied: (operator, operand) => `${operator}[${operand}]`,
    words: (text) => text,
    functionName: (name) => (options.ln && name === "log" ? "ln" : name),
  };
}

export function latexNotation(variable: string, ordinary: boolean): Notation {
  const letterOperator = (letter: string, partial: boolean) => {
    const name = toLatex(sym(letter));
    return partial ? `\\frac{\\partial}{\\partial ${name}}` : `\\frac{d}{d${name}}`;
  };
  return {
    expr: (e) => toLatex(e),
    operator: letterOperator(variable, !ordinary),
    letterOperator,
    applied: (operator, operand) => `${operator}\\left[${operand}\\right]`,
    words: (text) => `\\text{${text.replace(/[{}$&#_%]/g, (c) => `\\${c}`)}}`,
    functionName: (name) => name,
  };
}

/**
 * Derivatives not yet worked out, as stand-in variables in a formula. The stand-ins are named so that they print
 * as single symbols in both notations (`varpi_0001` is `\varpi_{0001}`), with a fixed-width index so that no name is a
 * prefix of another, and a stem that no variable of the expression starts with.
 */
export class Pending {
  private readonly stem: string;
  private readonly operands: Expr[] = [];
  private readonly byOperand = new Map<Expr, Expr>();

  constructor(expression: Expr) {
    const taken = [...expression.vars];
    const stem = STEMS.find((s) => !taken.some((v) => v.startsWith(s)));
    if (stem === undefined) throw new ArgumentError(`step-by-step derivations need one of the names ${STEMS.join(", ")} free`);
    this.stem = stem;
  }

  /** The stand-in for d/dx[operand]; the same operand gets the same stand-in. */
  of(operand: Expr): Expr {
    let standIn = this.byOperand.get(operand);
    if (!standIn) {
      standIn = sym(`${this.stem}_${String(this.operands.length).padStart(INDEX_WIDTH, "0")}`);
      this.operands.push(operand);
      this.byOperand.set(operand, standIn);
    }
    return standIn;
  }

  /** The formula printed in the notation, each stand-in replaced by the operator applied to its operand. */
  print(formula: Expr, n: Notation): string {
    let printed = n.expr(formula);
    for (const operand of this.operands) {
      printed = printed.split(n.expr(this.of(operand))).join(n.applied(n.operator, n.expr(operand)));
    }
    return printed;
  }
}

const STEMS = ["varpi", "varsigma", "varrho", "vartheta"];
/** Enough digits for every subexpression of the largest expression `steps` accepts (MAX_STEPS in steps.ts). */
const INDEX_WIDTH = 4;
