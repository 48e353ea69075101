/** `symdiff eval`: the value of an expression at a point, exact when symdiff finds it, with its decimal. */
import { parse } from "../diff.js";
import { format } from "../print/text.js";
import { inputSyntax, OUTPUT_OPTIONS, parseCommandArgs } from "./args.js";
import type { Command } from "./command.js";
import { helpText } from "./help.js";
import { eachInput } from "./input.js";
import { atPointJson, latexValue, textValue, writeJson } from "./output.js";
import { constantPoint, valueAt } from "./point.js";

const OPTIONS = { ...OUTPUT_OPTIONS, at: { type: "string" } } as const;

export const evalCommand: Command = {
  name: "eval",
  summary: "evaluate an expression at a point",
  help: helpText({
    usage: "symdiff eval <expression | -> [--at x=1,y=2] [--latex | --json] [--ln] [--latex-in]",
    description: [
      "Prints the value: exactly when symdiff can work it out (1/2, sqrt(3)/2, sin(2) + 2), with its decimal value in",
      "double precision beside it. Outside the domain (log(-1), 1/0) it says where and why, and exits with 2.",
    ].join("\n"),
    options: ["atRequired", "latex", "json", "ln", "latexIn"],
    examples: [
      'symdiff eval "x^2*y + sin(y)" --at x=1,y=2   # sin(2) + 2 ≈ 2.909297426825682',
      'symdiff eval "sin(x)" --at x=pi/6            # 1/2 ≈ 0.5',
      'symdiff eval "x^3 - 1" --at x=2              # 7',
    ],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    const point = values.at === undefined ? [] : constantPoint(values.at);
    return eachInput(positionals, io, values.json, ({ text }) => {
      const value = valueAt(parse(text, inputSyntax(values)), point);
      if (values.json) writeJson(io, { input: text, ...atPointJson(point, value) });
      else io.stdout.write(`${values.latex ? latexValue(value) : textValue(value, (e) => format(e, { ln: values.ln }))}\n`);
    });
  },
};
