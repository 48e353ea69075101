/** `symdiff tangent`: the tangent line of y = f(x) at a point, exactly (`x^2` at x=2 is y = 4*x - 4). */
import type { Expr } from "../ast/expr.js";
import { format } from "../print/text.js";
import { tangent } from "../tangent.js";
import { inputSyntax, OUTPUT_OPTIONS, parseCommandArgs } from "./args.js";
import type { Command } from "./command.js";
import { helpText } from "./help.js";
import { eachInput } from "./input.js";
import { writeJson } from "./output.js";
import { constantPoint } from "./point.js";
import { UsageError } from "./report.js";

const OPTIONS = { ...OUTPUT_OPTIONS, at: { type: "string" } } as const;

export const tangentCommand: Command = {
  name: "tangent",
  summary: "the tangent line of y = f(x) at a point",
  help: helpText({
    usage: "symdiff tangent <expression | -> --at x=a [--latex | --json] [--ln] [--latex-in]",
    description: [
      "Prints the tangent line of the graph y = f(x) at x = a, exactly: slope f'(a), through (a, f(a)). The point",
      "may be a constant such as pi/6. Other names in f are parameters, kept in the slope and the intercept. Where f",
      "or f' has no real value (sqrt(x) at -1, a vertical tangent, a corner) it says why, and exits with 2.",
    ].join("\n"),
    options: ["atRequired", "latex", "json", "ln", "latexIn"],
    examples: [
      'symdiff tangent "x^2" --at x=2             # y = 4*x - 4',
      'symdiff tangent "sin(x)" --at x=pi/6       # y = sqrt(3)*x/2 - sqrt(3)*pi/12 + 1/2',
      'symdiff tangent "a*x^2" --at x=1           # y = 2*a*x - a',
      'symdiff tangent "s = t^3" --at t=1 --json',
    ],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (values.at === undefined) throw new UsageError("missing --at: the point of tangency, e.g. --at x=2");
    const point = constantPoint(values.at);
    if (point.length !== 1) throw new UsageError(`--at: one variable and its value, e.g. --at x=2 (got ${point.length})`);
    const { name, value } = point[0]!;
    const text = (e: Expr) => format(e, { ln: values.ln });
    return eachInput(positionals, io, values.json, ({ text: input }) => {
      const t = tangent(input, name, value, inputSyntax(values));
      const equation = `${t.dependent} = ${text(t.line)}`;
      if (values.json) {
        writeJson(io, {
          input, variable: t.variable, at: text(t.point.x), point: { x: text(t.point.x), y: text(t.point.y) },
          slope: text(t.slope), intercept: text(t.intercept), line: text(t.line), equation, latex: t.latex,
        });
      } else io.stdout.write(`${values.latex ? t.latex : equation}\n`);
    });
  },
};
