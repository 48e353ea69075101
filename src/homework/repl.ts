/**
 * The REPL's homework commands:
 *   steps d/dx sin(3x^2 + x)              the derivation, step by step (LaTeX in :latex mode)
 *   check d/dx sin(x^2) = 2x cos(x^2)     is the answer the derivative?
 *   check (x + 1)^2 = x^2 + 2x + 1        are two expressions equal?
 * Definitions made in the session can be used on either side.
 */
import type { Expr } from "../ast/expr.js";
import { diff } from "../diff.js";
import { UsageError } from "../cli/report.js";
import { NAME } from "../parser/lexer.js";
import type { CommandInput, ReplCommand } from "../repl/command.js";
import { check } from "./check.js";
import { steps, stepsToLatex, stepsToText } from "./steps.js";
import { verdict, verdictText } from "./verdict.js";

export const stepsReplCommand: ReplCommand = {
  name: "steps",
  takesArgument: true,
  usage: "steps d/dx <expr>",
  summary: "differentiate step by step, naming each rule",
  example: "steps d/dx sin(3x^2 + x)",
  run: (input, session) => {
    const { variable, text, offset } = derivativeOperator(input, "steps d/dx sin(3x^2 + x)");
    if (variable === undefined) throw new UsageError("write the variable: steps d/dx <expr>");
    const derivation = steps(session.parse(text, offset, new Set([variable])), variable);
    const note = session.definedVariablesNote([variable]);
    const shown = session.latex ? stepsToLatex(derivation) : stepsToText(derivation);
    return note ? `${shown}\n${note}` : shown;
  },
};

export const checkReplCommand: ReplCommand = {
  name: "check",
  takesArgument: true,
  usage: "check [d/dx] <expr> = <answer>",
  summary: "check an answer (a derivative, with d/dx)",
  example: "check d/dx sin(x^2) = 2x cos(x^2)",
  run: (input, session) => {
    const { variable, text, offset } = derivativeOperator(input, "check d/dx sin(x^2) = 2x cos(x^2)");
    const equals = text.indexOf("=");
    if (equals < 0) throw new UsageError("write the answer after '=': check d/dx sin(x^2) = 2x cos(x^2)");
    // The variable of the derivative stays a variable on both sides, even if the session gives it a value.
    const keep = new Set(variable === undefined ? [] : [variable]);
    const f = session.parse(text.slice(0, equals), offset, keep);
    const answer = session.parse(text.slice(equals + 1), offset + equals + 1, keep);
    const expected: Expr = variable === undefined ? f : diff(f, variable);
    const what = variable === undefined ? "the expression" : "the derivative";
    const note = variable === undefined ? "" : session.definedVariablesNote([variable]);
    const result = check(answer, expected);
    session.failed = !result.equivalent;
    const shown = verdictText(verdict(result, expected, what));
    return note ? `${shown}\n${note}` : shown;
  },
};

/** `d/dx <expr>` → x and the expression's text (at `offset` in the line); without the operator, no variable. */
function derivativeOperator({ rest, restOffset }: CommandInput, example: string): { variable?: string; text: string; offset: number } {
  const match = new RegExp(`^\\s*d\\/d(${NAME})\\s`, "u").exec(rest);
  if (!match) {
    if (/^\s*d\d/u.test(rest)) throw new UsageError(`only first derivatives, as in: ${example}`);
    return { text: rest, offset: restOffset };
  }
  return { variable: match[1]!, text: rest.slice(match[0].length), offset: restOffset + match[0].length };
}
