/**
 * `symdiff steps` (a derivation step by step) and `symdiff check` (is a student's derivative right?).
 * Both read the expression as every command does (an argument, or `-` for one per line on stdin).
 */
import type { Expr } from "../ast/expr.js";
import { substitute } from "../ast/transform.js";
import { diff } from "../diff.js";
import { evaluate } from "../evaluate.js";
import { parse } from "../parser/parse.js";
import type { ParseOptions } from "../parser/statement.js";
import { toLatex } from "../print/latex.js";
import { format } from "../print/text.js";
import { type Assignment, inputSyntax, parseCommandArgs, variableList } from "../cli/args.js";
import type { Command, IO } from "../cli/command.js";
import { helpText } from "../cli/help.js";
import { derivativeRequest } from "../cli/diff.js";
import { eachInput } from "../cli/input.js";
import { jsonNumber, textValue, writeJson } from "../cli/output.js";
import { constantPoint, constantValue } from "../cli/point.js";
import { simplify } from "../simplify/simplify.js";
import { EXIT, inSource, UsageError, worse } from "../cli/report.js";
import { paint } from "../cli/style.js";
import { check, type CheckResult, formatValue } from "./check.js";
import { steps, stepsToLatex, stepsToText } from "./steps.js";
import { verdict, verdictText } from "./verdict.js";

const WRT_LINE = "  --wrt x           the variable (default: a d/dx prefix's, or the only variable of the expression)";
const LATEX_IN_LINE = "  --latex-in        read the expressions as LaTeX (automatic for text with a \\command such as \\frac)";
const HELP_LINE = "  -h, --help        show this help";

const STEPS_OPTIONS = {
  wrt: { type: "string" },
  "latex-in": { type: "boolean" },
  latex: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const stepsCommand: Command = {
  name: "steps",
  summary: "differentiate step by step, naming each rule (for homework and worked solutions)",
  help: helpText({
    usage: "symdiff steps <expression | -> [--wrt x] [--latex | --json] [--latex-in]",
    description: [
      "Prints the derivation as numbered steps, each naming the rule it applies (chain, product, quotient, power,",
      "sum, constant multiple, ... and the table entry, such as d/du sin(u) = cos(u)). Derivatives still to be",
      "worked out are written d/dx[...]; the steps below work them out, and the last step puts everything together.",
    ].join("\n"),
    options: [],
    notes: [
      "Options:",
      WRT_LINE,
      "  --latex           print an align* block (LaTeX with amsmath; KaTeX renders it in display mode)",
      "  --json            print one JSON object per expression: every step's rule, text, LaTeX and result",
      LATEX_IN_LINE,
      HELP_LINE,
    ].join("\n"),
    examples: [
      'symdiff steps "sin(3*x^2 + x)"',
      'symdiff steps "x^2*y + sin(y)" --wrt x',
      'symdiff steps "x*exp(-x)" --latex > solution.tex',
    ],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, STEPS_OPTIONS);
    let separator = ""; // a blank line between the derivations of several expressions (from stdin)
    return eachInput(positionals, io, values.json, ({ text }) => {
      const { f, wrt } = oneVariable(text, values.wrt, inputSyntax(values));
      const derivation = steps(f, wrt);
      if (values.json) {
        const result = derivation.at(-1)!.result;
        const list = derivation.map((s) => ({
          rule: s.rule,
          expr: format(s.expr),
          result: format(s.result),
          depth: s.depth,
          ...(s.inner && { inner: s.inner.map((e) => format(e)) }),
          ...(s.entry && { entry: s.entry }),
          text: s.text,
          latex: s.latex,
        }));
        writeJson(io, { input: text, wrt, steps: list, result: format(result), latex: toLatex(result) });
      } else {
        io.stdout.write(`${separator}${values.latex ? stepsToLatex(derivation) : stepsToText(derivation)}\n`);
        separator = "\n";
      }
    });
  },
};

const CHECK_OPTIONS = {
  wrt: { type: "string" },
  answer: { type: "string" },
  at: { type: "string" },
  json: { type: "boolean" },
  "latex-in": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const checkCommand: Command = {
  name: "check",
  summary: "check an answer for a derivative: correct, or where it goes wrong",
  help: helpText({
    usage: "symdiff check <expression | -> --answer <derivative> [--wrt x] [--at x=1,y=2] [--json] [--latex-in]",
    description: [
      "Checks a derivative someone worked out: first by simplifying the difference, then by evaluating both at many",
      "seeded random points. A wrong answer is shown with the correct derivative, a point where the two differ and",
      "both values there. With --at, the answer is the derivative's value at that point.",
      "Exit code: 0 when the answer is correct, 1 when it is not, 2 for bad input.",
    ].join("\n"),
    options: [],
    notes: [
      "Options:",
      "  --answer EXPR     the answer to check (required)",
      WRT_LINE,
      "  --at x=1,y=2      check the value of the derivative at this point instead",
      "  --json            print one JSON object: verdict, method, point, values, the correct derivative",
      LATEX_IN_LINE.replace("expressions", "expression and the answer"),
      HELP_LINE,
    ].join("\n"),
    examples: [
      'symdiff check "sin(x^2)" --wrt x --answer "2x cos(x^2)"          # correct',
      'symdiff check "x^2*sin(x)" --answer "2x cos(x)"                  # incorrect, shows where',
      'symdiff check "(2x + 1/x)/(x + y)" --wrt x --at x=1,y=2 --answer -2   # incorrect: the value is 0',
    ],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, CHECK_OPTIONS);
    if (values.answer === undefined) throw new UsageError("missing --answer: the derivative to check, e.g. --answer \"2*x\"");
    const answerText = values.answer;
    const syntax = inputSyntax(values);
    const answer = inSource(answerText, () => parse(answerText, syntax));
    const at = values.at === undefined ? undefined : constantPoint(values.at);
    // At a point, the answer may be a value or an expression: both are taken at the point.
    const atPoint = (e: Expr) => (at ? substitute(e, new Map(at.map((a) => [a.name, a.value]))) : e);
    let answers: number = EXIT.ok;
    const code = await eachInput(positionals, io, values.json, ({ text }) => {
      const { f, wrt } = oneVariable(text, values.wrt, syntax);
      const derivative = diff(f, wrt);
      const expected = atPoint(derivative);
      const missing = at ? [...expected.vars].sort() : [];
      if (missing.length > 0) throw new UsageError(`--at: no value for ${missing.join(", ")} (e.g. --at ${missing.map((v) => `${v}=1`).join(",")})`);
      const result = check(atPoint(answer), expected);
      if (!result.equivalent) answers = EXIT.failure;
      if (values.json) {
        const point = at && Object.fromEntries(at.map((a) => [a.name, format(a.value)]));
        writeJson(io, {
          input: text,
          wrt,
          answer: answerText,
          derivative: format(derivative),
          ...(point && { at: point, value: format(expected) }),
          ...result,
          ...(result.values && { values: result.values.map(jsonNumber) }),
        });
      } else {
        io.stdout.write(at ? valueVerdict(io, result, at, expected, answerText) : `${verdictText(verdict(result, derivative, "the derivative"), (w) => paintVerdict(io, w))}\n`);
      }
    });
    return worse(code, answers);
  },
};

/**
 * The expression and the one variable to differentiate by: `--wrt`, a `d/dx` prefix, or the expression's only
 * variable (see `derivativeRequest`).
 */
function oneVariable(text: string, wrt: string | undefined, syntax: ParseOptions): { f: Expr; wrt: string } {
  const given = wrt === undefined ? undefined : variableList(wrt, "--wrt");
  if (given && given.length > 1) throw new UsageError(`--wrt: one variable, please (got ${given.join(", ")})`);
  const { expression, variables } = derivativeRequest(text, given, syntax);
  if (variables.length === 0) throw new UsageError(`'${text.trim()}' has no variables: name one with --wrt (the derivative is 0)`);
  if (variables.length > 1) throw new UsageError(`'${text.trim()}' asks for a derivative by ${variables.join(", ")}: this command takes first derivatives by one variable`);
  return { f: expression, wrt: variables[0]! };
}

function valueVerdict(io: IO, r: CheckResult, at: readonly Assignment[], expected: Expr, answer: string): string {
  const where = at.map((a) => `${a.name} = ${format(a.value)}`).join(", ");
  // A real value is shown as `--at` shows values everywhere (exact, with its decimal); none says why: `1/0 = undefined`.
  const real = Number.isFinite(evaluate(expected));
  const value = real ? textValue(constantValue(simplify(expected))) : `${format(expected)} = ${formatValue(evaluate(expected))}`;
  const word = paintVerdict(io, r.equivalent ? "correct" : "incorrect");
  return `${word}: at ${where} the derivative is ${value}${r.equivalent ? "" : `, not ${answer}`}\n`;
}

function paintVerdict(io: IO, word: string): string {
  return paint(io, word === "correct" ? "bold" : "red", word);
}
