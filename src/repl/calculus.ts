/**
 * The REPL's tangent lines and implicit differentiation:
 *   tangent x^2 at x=2                 y = 4*x - 4
 *   implicit dy/dx x^2 + y^2 = 1       -x/y        (d2y/dx2 for the second derivative)
 * Definitions made in the session can be used; the variables named stay variables.
 */
import type { Expr } from "../ast/expr.js";
import { ArgumentError } from "../errors.js";
import { implicitDiff } from "../implicit.js";
import { NAME } from "../parser/lexer.js";
import { toLatex } from "../print/latex.js";
import { tangent } from "../tangent.js";
import { AT_POINT, type CommandInput, type ReplCommand, type SessionContext } from "./command.js";

export const tangentReplCommand: ReplCommand = {
  name: "tangent",
  takesArgument: true,
  usage: "tangent <expr> at x=a",
  summary: "the tangent line of y = expr at x = a",
  example: "tangent sin(x) at x=pi/6",
  run: ({ rest, restOffset }, session) => {
    const split = [...rest.matchAll(AT_POINT)].pop();
    if (!split) throw new ArgumentError("write the point after 'at': tangent x^2 at x=2");
    const pointOffset = split.index + split[0].length;
    const point = session.readPoint(rest.slice(pointOffset), restOffset + pointOffset);
    if (point.length !== 1) throw new ArgumentError(`one variable and its value after 'at', as in tangent x^2 at x=2 (got ${point.length})`);
    const { name, value } = point[0]!;
    const f = session.parse(rest.slice(0, split.index), restOffset, new Set([name]));
    const line = tangent(f, name, value);
    const shown = session.latex ? line.latex : `${line.dependent} = ${session.render(line.line)}`;
    const note = session.definedVariablesNote([name]);
    return note ? `${shown}\n${note}` : shown;
  },
};

export const implicitReplCommand: ReplCommand = {
  name: "implicit",
  takesArgument: true,
  usage: "implicit dy/dx <equation>",
  summary: "dy/dx on a curve, by implicit differentiation (d2y/dx2: the second derivative)",
  example: "implicit dy/dx x^2 + y^2 = 1",
  run: (input, session) => {
    const { y, x, order, text, offset } = implicitOperator(input, "implicit dy/dx x^2 + y^2 = 1");
    const d = implicitDiff(equationSides(session, text, offset, new Set([x, y])), y, x, order);
    return session.latex ? `${implicitLatexHead(y, x, order)} = ${toLatex(d)}` : session.render(d);
  },
};

function implicitLatexHead(y: string, x: string, order: number): string {
  return order === 1 ? `\\frac{d${y}}{d${x}}` : `\\frac{d^{${order}}${y}}{d${x}^{${order}}}`;
}

/** `dy/dx`, `d2y/dx2` at the start of the argument: the dependent variable, the variable and the order. */
const OPERATOR = new RegExp(String.raw`^\s*d(\d*)(${NAME})\/d(${NAME})\s`, "u");

/**
 * `dy/dx <equation>` → y, x, 1 and the equation's text (at `offset` in the line). The order is written on top, as in
 * `d2/dx2`: `d2y/dx2` (a trailing order on the variable below is dropped when it matches).
 */
export function implicitOperator({ rest, restOffset }: CommandInput, example: string): { y: string; x: string; order: number; text: string; offset: number } {
  const match = OPERATOR.exec(rest);
  if (!match) throw new ArgumentError(`write the derivative first: ${example}`);
  const [whole, top, y, below] = match as unknown as [string, string, string, string];
  const order = top === "" ? 1 : Number(top);
  const x = top !== "" && below.endsWith(top) && below.length > top.length ? below.slice(0, -top.length) : below;
  if (!Number.isSafeInteger(order) || order < 1) throw new ArgumentError(`the order in '${whole.trim()}' must be a whole number of at least 1`);
  return { y, x, order, text: rest.slice(whole.length), offset: restOffset + whole.length };
}

/** The two sides of `left = right` (or F, meaning F = 0), each parsed with the session's definitions. */
export function equationSides(session: SessionContext, text: string, offset: number, keep: ReadonlySet<string>): { left: Expr; right: Expr } | Expr {
  const equals = text.indexOf("=");
  if (equals < 0) return session.parse(text, offset, keep);
  return { left: session.parse(text.slice(0, equals), offset, keep), right: session.parse(text.slice(equals + 1), offset + equals + 1, keep) };
}
