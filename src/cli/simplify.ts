/** `symdiff simplify`: an expression in the simplest form symdiff finds. */
import { parse } from "../parser/parse.js";
import { toLatex } from "../print/latex.js";
import { format } from "../print/text.js";
import { simplify } from "../simplify/simplify.js";
import { OUTPUT_OPTIONS, parseCommandArgs } from "./args.js";
import type { Command } from "./command.js";
import { helpText } from "./help.js";
import { eachInput } from "./input.js";
import { writeJson } from "./output.js";

export const simplifyCommand: Command = {
  name: "simplify",
  summary: "simplify an expression",
  help: helpText({
    usage: "symdiff simplify <expression | -> [--latex | --json]",
    description: "Prints the expression simplified. With -, reads one expression per line from stdin.",
    options: ["latex", "json"],
    examples: ['symdiff simplify "sin(x)^2 + cos(x)^2"      # 1', 'symdiff simplify "x/(2*x^2)" --latex        # \\frac{1}{2 x}'],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OUTPUT_OPTIONS);
    return eachInput(positionals, io, ({ text }) => {
      const result = simplify(parse(text));
      if (values.json) writeJson(io, { input: text, result: format(result), latex: toLatex(result) });
      else io.stdout.write(`${values.latex ? toLatex(result) : format(result)}\n`);
    });
  },
};
