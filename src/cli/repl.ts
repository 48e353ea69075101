/** `symdiff repl` (and `symdiff` alone): the interactive session of src/repl/. */
import { historyPath } from "../repl/history.js";
import { startRepl } from "../repl/repl.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./command.js";
import { helpText } from "./help.js";
import { UsageError } from "./report.js";

export const replCommand: Command = {
  name: "repl",
  summary: "interactive session (also: symdiff with no arguments)",
  help: helpText({
    usage: "symdiff [repl]",
    description: [
      "An interactive session: type an expression to simplify it, define names (f = x^2*y, g(x, y) = x*y),",
      "differentiate (d/dx f, diff(f, y), grad f, hessian f) and evaluate (f at x=1, y=2). :help lists everything.",
      "With piped input it prints only results and reports bad lines on stderr; it exits with 2 if a line was bad",
      "input, and with 1 if a check found an answer incorrect (as symdiff check does).",
    ].join("\n"),
    options: [],
    notes: "History is kept in ~/.symdiff_history; set SYMDIFF_HISTORY to another file, or to nothing to keep none.",
    examples: ["symdiff", 'printf "f = x^2*y\\nd/dx f\\n" | symdiff repl      # f = x^2*y, 2*x*y'],
  }),
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, { help: { type: "boolean", short: "h" } });
    if (positionals.length > 0) throw new UsageError(`repl takes no arguments, got '${positionals[0]}' (to run lines, pipe them in)`);
    return startRepl(io, historyPath(process.env));
  },
};
