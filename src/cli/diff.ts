/** `symdiff diff`: the derivative of an expression, optionally evaluated at a point. */
import type { Expr } from "../ast/expr.js";
import { diff } from "../diff.js";
import { realValue } from "../domain.js";
import { parse } from "../parser/parse.js";
import { derivativeLatex, toLatex } from "../print/latex.js";
import { format } from "../print/text.js";
import { derivativeOrder, numericPoint, OUTPUT_OPTIONS, parseCommandArgs, variableList } from "./args.js";
import type { Command } from "./command.js";
import { helpText } from "./help.js";
import { eachInput } from "./input.js";
import { jsonNumber, latexAtPoint, latexNumber, numberText, writeJson } from "./output.js";
import { UsageError } from "./report.js";

const OPTIONS = { ...OUTPUT_OPTIONS, wrt: { type: "string" }, order: { type: "string" }, at: { type: "string" } } as const;

export const diffCommand: Command = {
  name: "diff",
  summary: "differentiate an expression",
  help: helpText({
    usage: "symdiff diff <expression | -> [--wrt x[,y]] [--order n] [--at x=1,y=2] [--latex | --json]",
    description: "Prints the simplified derivative. With -, reads one expression per line from stdin.",
    options: ["wrt", "order", "at", "latex", "json"],
    examples: [
      'symdiff diff "x^2*y + sin(y)" --wrt x          # 2*x*y',
      'symdiff diff "sin(x)^2" --order 2              # 2*cos(2*x)',
      'symdiff diff "x^2*y^3" --wrt x,y --at x=1,y=2  # 6*x*y^2 = 24',
      'symdiff diff "x^3" --latex                     # \\frac{d}{dx}\\left(x^{3}\\right) = 3 x^{2}',
      "symdiff diff - --wrt x < expressions.txt",
    ],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    const wrt = values.wrt === undefined ? undefined : variableList(values.wrt, "--wrt");
    const order = derivativeOrder(values.order);
    const point = values.at === undefined ? undefined : numericPoint(values.at);
    return eachInput(positionals, io, ({ text }) => {
      const f = parse(text);
      const vars = wrt ?? [onlyVariable(f, text)];
      const d = diff(f, vars, order);
      const value = point && realValue(d, point);
      if (values.json) {
        const at = point && { at: point, value: jsonNumber(value!) };
        writeJson(io, { input: text, wrt: vars, order, result: format(d), latex: toLatex(d), ...at });
      } else if (values.latex) {
        const body = point ? latexAtPoint(toLatex(d), point, latexNumber(value!)) : toLatex(d);
        io.stdout.write(`${derivativeLatex(f, vars, order)} = ${body}\n`);
      } else {
        io.stdout.write(point ? `${format(d)} = ${numberText(value!)}\n` : `${format(d)}\n`);
      }
    });
  },
};

/** The variable to differentiate by when --wrt is not given: there must be exactly one. */
export function onlyVariable(f: Expr, text: string): string {
  const vars = [...f.vars].sort();
  if (vars.length === 1) return vars[0]!;
  if (vars.length === 0) throw new UsageError(`'${text}' has no variables: name one with --wrt (the derivative is 0)`);
  throw new UsageError(`'${text}' has ${vars.length} variables (${vars.join(", ")}): choose with --wrt, e.g. --wrt ${vars[0]}`);
}
