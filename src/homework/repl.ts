/**
 * The REPL's homework commands:
 *   steps d/dx sin(3x^2 + x)              the derivation, step by step (LaTeX in :latex mode)
 *   check d/dx sin(x^2) = 2x cos(x^2)     is the answer the derivative?
 *   check (x + 1)^2 = x^2 + 2x + 1        are two expressions equal?
 *   steps d2/dx2 x^3, check d2/dx2 x^3 = 6x    higher orders
 *   steps dy/dx x^2 + y^2 = 1             implicit differentiation, step by step
 *   check dy/dx x^2 + y^2 = 1 = -x/y      an implicit derivative, checked on the curve (the answer follows the last =)
 * Definitions made in the session can be used on either side. Text follows the session's spelling (`:ln`).
 */
import type { Expr } from "../ast/expr.js";
import { diff } from "../diff.js";
import { UsageError } from "../cli/report.js";
import { NAME } from "../parser/lexer.js";
import type { CommandInput, ReplCommand, SessionContext } from "../repl/command.js";
import { equationSides, implicitOperator } from "../repl/calculus.js";
import { implicitCurve, implicitDiff, implicitText } from "../implicit.js";
import { format } from "../print/text.js";
import { check } from "./check.js";
import { checkOnCurve } from "./curve-check.js";
import { implicitSteps } from "./implicit-steps.js";
import { steps, stepsToLatex, stepsToText } from "./steps.js";
import { verdict, verdictText } from "./verdict.js";

export const stepsReplCommand: ReplCommand = {
  name: "steps",
  takesArgument: true,
  usage: "steps dN/dxN <expr>",
  summary: "differentiate step by step, naming each rule (steps dy/dx <equation>: implicitly)",
  example: "steps d/dx sin(3x^2 + x)",
  run: (input, session) => {
    if (IMPLICIT.test(input.rest)) {
      const { y, x, order, text, offset } = implicitOperator(input, "steps dy/dx x^2 + y^2 = 1");
      const derivation = implicitSteps(equationSides(session, text, offset, new Set([x, y])), y, x, order, { ln: session.ln });
      return session.latex ? stepsToLatex(derivation) : stepsToText(derivation);
    }
    const { variable, order, text, offset } = derivativeOperator(input);
    if (variable === undefined) throw new UsageError("write the variable: steps d/dx <expr>");
    const derivation = steps(session.parse(text, offset, new Set([variable])), variable, order, { ln: session.ln });
    const note = session.definedVariablesNote([variable]);
    const shown = session.latex ? stepsToLatex(derivation) : stepsToText(derivation);
    return note ? `${shown}\n${note}` : shown;
  },
};

export const checkReplCommand: ReplCommand = {
  name: "check",
  takesArgument: true,
  usage: "check [dN/dxN] <expr> = <answer>",
  summary: "check an answer (a derivative, with d/dx; check dy/dx <curve> = <answer>: on the curve)",
  example: "check d/dx sin(x^2) = 2x cos(x^2)",
  run: (input, session) => {
    if (IMPLICIT.test(input.rest)) return checkImplicit(input, session);
    const { variable, order, text, offset } = derivativeOperator(input);
    const equals = text.indexOf("=");
    if (equals < 0) throw new UsageError("write the answer after '=': check d/dx sin(x^2) = 2x cos(x^2)");
    // The variable of the derivative stays a variable on both sides, even if the session gives it a value.
    const keep = new Set(variable === undefined ? [] : [variable]);
    const f = session.parse(text.slice(0, equals), offset, keep);
    const answer = session.parse(text.slice(equals + 1), offset + equals + 1, keep);
    const expected: Expr = variable === undefined ? f : diff(f, variable, order);
    const what = variable === undefined ? "the expression" : order === 1 ? "the derivative" : `the derivative of order ${order}`;
    const note = variable === undefined ? "" : session.definedVariablesNote([variable]);
    const result = check(answer, expected, { ln: session.ln });
    session.failed = !result.equivalent;
    const shown = verdictText(verdict(result, expected, what, (e) => format(e, { ln: session.ln })));
    return note ? `${shown}\n${note}` : shown;
  },
};

/**
 * `check dy/dx x^2 + y^2 = 1 = -x/y`: the answer follows the last `=`, the curve is what comes before it (an
 * equation, or F meaning F = 0); the answer is checked on the curve, as `symdiff check --implicit` does.
 */
function checkImplicit(input: CommandInput, session: SessionContext): string {
  const example = "check dy/dx x^2 + y^2 = 1 = -x/y";
  const { y, x, order, text, offset } = implicitOperator(input, example);
  const last = text.lastIndexOf("=");
  if (last < 0) throw new UsageError(`write the answer after '=': ${example}`);
  const keep = new Set([x, y]);
  const curve = implicitCurve(equationSides(session, text.slice(0, last), offset, keep), y, x);
  const answer = session.parse(text.slice(last + 1), offset + last + 1, keep);
  const expected = implicitDiff(curve, y, x, order);
  const result = checkOnCurve(answer, expected, curve, { ln: session.ln });
  session.failed = !result.equivalent;
  const shown = verdictText(verdict(result, expected, implicitText(y, x, order), (e) => format(e, { ln: session.ln })));
  const note = session.definedVariablesNote([x, y]);
  return note ? `${shown}\n${note}` : shown;
}

/** `dy/dx`, `d2y/dx2` before an equation: implicit differentiation. */
const IMPLICIT = new RegExp(`^\\s*d\\d*${NAME}\\/d`, "u");

const ORDER_TOO_LARGE = 1000;

/**
 * `d/dx <expr>` or `d2/dx2 <expr>` → x, the order and the expression's text (at `offset` in the line); without the
 * operator, no variable. The order is written on top, and repeated below (`d2/dx2`) or not (`d2/dx`).
 */
function derivativeOperator({ rest, restOffset }: CommandInput): { variable?: string; order: number; text: string; offset: number } {
  const match = new RegExp(`^\\s*d(\\d*)\\/d(${NAME})\\s`, "u").exec(rest);
  if (!match) return { order: 1, text: rest, offset: restOffset };
  const [whole, top, below] = match as unknown as [string, string, string];
  const order = top === "" ? 1 : Number(top);
  if (order < 1 || order > ORDER_TOO_LARGE) throw new UsageError(`the order in '${whole.trim()}' must be a whole number from 1 to ${ORDER_TOO_LARGE}`);
  const variable = top !== "" && below.endsWith(top) && below.length > top.length ? below.slice(0, -top.length) : below;
  return { variable, order, text: rest.slice(whole.length), offset: restOffset + whole.length };
}
