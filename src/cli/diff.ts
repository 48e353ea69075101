/** `symdiff diff`: the derivative of an expression, optionally evaluated at a point. */
import type { Expr } from "../ast/expr.js";
import { candidateVariables, diff } from "../diff.js";
import { readStatement } from "../parser/parse.js";
import type { ParseOptions } from "../parser/statement.js";
import { derivativeLatex, toLatex } from "../print/latex.js";
import { format } from "../print/text.js";
import { derivativeOrder, inputSyntax, OUTPUT_OPTIONS, parseCommandArgs, variableList } from "./args.js";
import type { Command, IO } from "./command.js";
import { helpText } from "./help.js";
import { eachInput } from "./input.js";
import { atPointJson, latexAtPoint, latexValue, textValue, writeJson } from "./output.js";
import { constantPoint, valueAt } from "./point.js";
import { UsageError, visible } from "./report.js";
import { curveVariables, implicitDiff, implicitLatex } from "../implicit.js";
import { implicitRequest } from "./implicit.js";
import { paint } from "./style.js";

const OPTIONS = { ...OUTPUT_OPTIONS, wrt: { type: "string" }, order: { type: "string" }, at: { type: "string" }, implicit: { type: "string" } } as const;

export const diffCommand: Command = {
  name: "diff",
  summary: "differentiate an expression",
  help: helpText({
    usage: "symdiff diff <expression | equation | -> [--wrt x[,y]] [--implicit y] [--order n] [--at x=1,y=2] [--latex | --json] [--ln] [--latex-in]",
    description: [
      "Prints the simplified derivative. With -, reads one expression per line from stdin. A Leibniz prefix",
      "(d/dx x^2) or an equation (f(t) = t^2) names the variable; so does an expression with only one.",
      "With --implicit y, the input is a curve (x^2 + y^2 = 1, or F meaning F = 0) and the result is dy/dx on it",
      "(-F_x/F_y, and higher orders with --order), an expression in x and y.",
    ].join("\n"),
    options: ["wrt", "implicit", "order", "at", "latex", "json", "ln", "latexIn"],
    examples: [
      'symdiff diff "x^2*y + sin(y)" --wrt x          # 2*x*y',
      'symdiff diff "sin(x)^2" --order 2              # 2*cos(2*x)',
      'symdiff diff "x^2*y^3" --wrt x,y --at x=1,y=2  # 6*x*y^2 = 24',
      'symdiff diff "sin(x)" --at x=pi/3              # cos(x) = 1/2 ≈ 0.5',
      'symdiff diff "x*exp(x)" --ln                   # (x + 1)*e^x',
      'symdiff diff "x^3" --latex                     # \\frac{d}{dx}\\left(x^{3}\\right) = 3 x^{2}',
      'symdiff diff "x^2 + y^2 = 1" --implicit y --wrt x   # -x/y',
      "symdiff diff - --wrt x < expressions.txt",
    ],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    const wrt = values.wrt === undefined ? undefined : variableList(values.wrt, "--wrt");
    const order = derivativeOrder(values.order);
    const point = values.at === undefined ? undefined : constantPoint(values.at);
    const text = (e: Expr) => format(e, { ln: values.ln });
    return eachInput(positionals, io, values.json, ({ text: input, where }) => {
      if (values.implicit !== undefined) {
        const { y, x } = implicitRequest(values.implicit, values.wrt, () => curveVariables(input, inputSyntax(values)));
        const d = implicitDiff(input, y, x, order, inputSyntax(values));
        const value = point && valueAt(d, point);
        if (values.json) writeJson(io, { input, implicit: y, wrt: x, order, result: text(d), latex: toLatex(d), ...(point && atPointJson(point, value!)) });
        else if (values.latex) io.stdout.write(`${implicitLatex(y, x, order)} = ${point ? latexAtPoint(toLatex(d), point, latexValue(value!)) : toLatex(d)}\n`);
        else io.stdout.write(point ? `${text(d)} = ${textValue(value!, text)}\n` : `${text(d)}\n`);
        return;
      }
      const { expression: f, variables } = derivativeRequest(input, wrt, inputSyntax(values));
      const absent = variables.filter((v) => !f.vars.has(v));
      if (absent.length > 0) absentNote(io, input, absent, where);
      const d = diff(f, variables, order);
      const value = point && valueAt(d, point);
      if (values.json) {
        writeJson(io, { input, wrt: variables, order, result: text(d), latex: toLatex(d), ...(point && atPointJson(point, value!)) });
      } else if (values.latex) {
        const body = point ? latexAtPoint(toLatex(d), point, latexValue(value!)) : toLatex(d);
        io.stdout.write(`${derivativeLatex(f, variables, order)} = ${body}\n`);
      } else {
        io.stdout.write(point ? `${text(d)} = ${textValue(value!, text)}\n` : `${text(d)}\n`);
      }
    });
  },
};

export interface DerivativeRequest {
  /** What to differentiate: the expression, the right side of an equation, or what a Leibniz prefix applies to. */
  readonly expression: Expr;
  /** The variables to differentiate by, in order (none for a constant: its derivative is 0). */
  readonly variables: readonly string[];
}

/**
 * What a line asks to differentiate, by the same rule as the library's `diff` (see `candidateVariables`): the `--wrt`
 * variables, else the text's own prefix (`d/dx x^2`), else its function's parameters or its only variable.
 */
export function derivativeRequest(text: string, wrt: readonly string[] | undefined, options: ParseOptions = {}): DerivativeRequest {
  const statement = readStatement(text, wrt ? { ...options, variables: wrt } : options);
  if (statement.derivative && wrt) {
    throw new UsageError(`'${text.trim()}' already asks for a derivative (${statement.derivative.join(", ")}): drop --wrt or the prefix`);
  }
  if (statement.derivative) return { expression: statement.expression, variables: statement.derivative };
  if (wrt) return { expression: statement.expression, variables: wrt };
  const candidates = candidateVariables(statement);
  if (candidates.length > 1) {
    throw new UsageError(`'${text.trim()}' has ${candidates.length} variables (${candidates.join(", ")}): choose with --wrt, e.g. --wrt ${candidates[0]}`);
  }
  return { expression: statement.expression, variables: candidates };
}

/** A variable that does not occur is answered (the derivative is 0), with a note in case it is a typo. */
function absentNote(io: IO, text: string, absent: readonly string[], where: string | undefined): void {
  const names = absent.join(", ");
  const verb = absent.length === 1 ? "does" : "do";
  io.stderr.write(`${paint(io, "yellow", where ? `note (${where}):` : "note:")} ${names} ${verb} not occur in '${visible(text.trim())}', so the derivative is 0\n`);
}
