/** `symdiff simplify`: an expression in the simplest form symdiff finds. */
import { parse } from "../diff.js";
import { toLatex } from "../print/latex.js";
import { format } from "../print/text.js";
import { simplify } from "../simplify/simplify.js";
import { inputSyntax, OUTPUT_OPTIONS, parseCommandArgs } from "./args.js";
import type { Command } from "./command.js";
import { helpText } from "./help.js";
import { eachInput } from "./input.js";
import { writeJson } from "./output.js";

export const simplifyCommand: Command = {
  name: "simplify",
  summary: "simplify an expression",
  help: helpText({
    usage: "symdiff simplify <expression | -> [--latex | --json] [--ln] [--latex-in]",
    description: "Prints the expression simplified. With -, reads one expression per line from stdin.",
    options: ["latex", "json", "ln", "latexIn"],
    examples: [
      'symdiff simplify "sin(x)^2 + cos(x)^2"      # 1',
      'symdiff simplify "x/(2*x^2)" --latex        # \\frac{1}{2 x}',
      'symdiff simplify "exp(x)*exp(log(y))" --ln  # y*e^x',
    ],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OUTPUT_OPTIONS);
    return eachInput(positionals, io, values.json, ({ text }) => {
      const result = simplify(parse(text, inputSyntax(values)));
      const shown = format(result, { ln: values.ln });
      if (values.json) writeJson(io, { input: text, result: shown, latex: toLatex(result) });
      else io.stdout.write(`${values.latex ? toLatex(result) : shown}\n`);
    });
  },
};
