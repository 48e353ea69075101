/** `symdiff eval`: the numeric value of an expression at a point. */
import { realValue } from "../domain.js";
import { parse } from "../parser/parse.js";
import { numericPoint, OUTPUT_OPTIONS, parseCommandArgs } from "./args.js";
import type { Command } from "./command.js";
import { helpText } from "./help.js";
import { eachInput } from "./input.js";
import { jsonNumber, latexNumber, numberText, writeJson } from "./output.js";

const OPTIONS = { ...OUTPUT_OPTIONS, at: { type: "string" } } as const;

export const evalCommand: Command = {
  name: "eval",
  summary: "evaluate an expression at a point",
  help: helpText({
    usage: "symdiff eval <expression | -> [--at x=1,y=2] [--json]",
    description: "Prints the value in double precision; outside the domain (log(-1), 1/0) it says where and why, and exits with 2.",
    options: ["atRequired", "latex", "json"],
    examples: ['symdiff eval "x^2*y + sin(y)" --at x=1,y=2   # 2.909297426825682', 'symdiff eval "sin(x)" --at x=pi/6'],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    const point = values.at === undefined ? {} : numericPoint(values.at);
    return eachInput(positionals, io, ({ text }) => {
      const value = realValue(parse(text), point);
      if (values.json) writeJson(io, { input: text, at: point, value: jsonNumber(value) });
      else io.stdout.write(`${values.latex ? latexNumber(value) : numberText(value)}\n`);
    });
  },
};
