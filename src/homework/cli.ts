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
import { type Assignment, derivativeOrder, inputSyntax, parseCommandArgs, variableList } from "../cli/args.js";
import { implicitRequest } from "../cli/implicit.js";
import { curveVariables } from "../implicit.js";
import { implicitSteps } from "./implicit-steps.js";
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

const ORDER_LINE = "  --order n         the n-th derivative (default 1)";

const STEPS_OPTIONS = {
  wrt: { type: "string" },
  order: { type: "string" },
  implicit: { type: "string" },
  "latex-in": { type: "boolean" },
  latex: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const stepsCommand: Command = {
  name: "steps",
  summary: "differentiate step by step, naming each rule (for homework and worked solutions)",
  help: helpText({
    usage: "symdiff steps <expression | -> [--wrt x] [--order n] [--implicit y] [--latex | --json] [--latex-in]",
    description: [
      "Prints the derivation as numbered steps, each naming the rule it applies (chain, product, quotient, power,",
      "sum, constant multiple, ... and the table entry, such as d/du sin(u) = cos(u)). Derivatives still to be",
      "worked out are written d/dx[...]; the steps below work them out, and the last step puts everything together.",
      "A higher order works out each derivative in turn. With --implicit y, the input is a curve (x^2 + y^2 = 1)",
      "and the steps differentiate both sides, collect the y' terms and solve for y' = dy/dx.",
    ].join("\n"),
    options: [],
    notes: [
      "Options:",
      WRT_LINE,
      ORDER_LINE,
      "  --implicit y      implicit differentiation: dy/dx on the curve, by --wrt x",
      "  --latex           print an align* block (LaTeX with amsmath; KaTeX renders it in display mode)",
      "  --json            print one JSON object per expression: every step's rule, text, LaTeX and result",
      LATEX_IN_LINE,
      HELP_LINE,
    ].join("\n"),
    examples: [
      'symdiff steps "sin(3*x^2 + x)"',
      'symdiff steps "x^2*y + sin(y)" --wrt x',
      'symdiff steps "x*exp(-x)" --latex > solution.tex',
      'symdiff steps "x^3" --order 2',
      'symdiff steps "x^2 + y^2 = 1" --implicit y --wrt x',
    ],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, STEPS_OPTIONS);
    let separator = ""; // a blank line between the derivations of several expressions (from stdin)
    const order = values.order === undefined ? undefined : derivativeOrder(values.order);
    return eachInput(positionals, io, values.json, ({ text }) => {
      const syntax = inputSyntax(values);
      const request = values.implicit === undefined ? undefined : implicitRequest(values.implicit, values.wrt, () => curveVariables(text, syntax));
      const { f, wrt, order: n } = request ? { f: text, wrt: request.x, order: order ?? 1 } : oneVariable(text, values.wrt, syntax, order);
      const derivation = request ? implicitSteps(f, request.y, wrt, n, syntax) : steps(f, wrt, n);
      if (values.json) {
        const result = derivation.at(-1)!.result;
        const list = derivation.map((s) => ({
          rule: s.rule,
          expr: format(s.expr),
          result: format(s.result),
          depth: s.depth,
          ...(s.order !== undefined && { order: s.order }),
          ...(s.inner && { inner: s.inner.map((e) => format(e)) }),
          ...(s.entry && { entry: s.entry }),
          text: s.text,
          latex: s.latex,
        }));
        writeJson(io, { input: text, wrt, ...(request && { implicit: request.y }), order: n, steps: list, result: format(result), latex: toLatex(result) });
      } else {
        io.stdout.write(`${separator}${values.latex ? stepsToLatex(derivation) : stepsToText(derivation)}\n`);
        separator = "\n";
      }
    });
  },
};

const CHECK_OPTIONS = {
  wrt: { type: "string" },
  order: { type: "string" },
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
    usage: "symdiff check <expression | -> --answer <derivative> [--wrt x] [--order n] [--at x=1,y=2] [--json] [--latex-in]",
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
      ORDER_LINE.replace("the n-th", "the answer is the n-th"),
      "  --at x=1,y=2      check the value of the derivative at this point instead",
      "  --json            print one JSON object: verdict, method, point, values, the correct derivative",
      LATEX_IN_LINE.replace("expressions", "expression and the answer"),
      HELP_LINE,
    ].join("\n"),
    examples: [
      'symdiff check "sin(x^2)" --wrt x --answer "2x cos(x^2)"          # correct',
      'symdiff check "x^2*sin(x)" --answer "2x cos(x)"                  # incorrect, shows where',
      'symdiff check "(2x + 1/x)/(x + y)" --wrt x --at x=1,y=2 --answer -2   # incorrect: the value is 0',
      'symdiff check "x^3" --order 2 --answer "6x"                      # correct',
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
    const order = values.order === undefined ? undefined : derivativeOrder(values.order);
    const code = await eachInput(positionals, io, values.json, ({ text }) => {
      const { f, wrt, order: n } = oneVariable(text, values.wrt, syntax, order);
      const derivative = diff(f, wrt, n);
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
          order: n,
          answer: answerText,
          derivative: format(derivative),
          ...(point && { at: point, value: format(expected) }),
          ...result,
          ...(result.values && { values: result.values.map(jsonNumber) }),
        });
      } else {
        io.stdout.write(at ? valueVerdict(io, result, at, expected, answerText, n) : `${verdictText(verdict(result, derivative, derivativeName(n)), (w) => paintVerdict(io, w))}\n`);
      }
    });
    return worse(code, answers);
  },
};

/**
 * The expression, the one variable to differentiate by and the order: `--wrt`, a `d/dx` prefix, or the expression's
 * only variable (see `derivativeRequest`); the order is `--order`'s, or the prefix's (`d²/dx²`).
 */
function oneVariable(text: string, wrt: string | undefined, syntax: ParseOptions, order: number | undefined): { f: Expr; wrt: string; order: number } {
  const given = wrt === undefined ? undefined : variableList(wrt, "--wrt");
  if (given && given.length > 1) throw new UsageError(`--wrt: one variable, please (got ${given.join(", ")})`);
  const { expression, variables } = derivativeRequest(text, given, syntax);
  if (variables.length === 0) throw new UsageError(`'${text.trim()}' has no variables: name one with --wrt (the derivative is 0)`);
  if (variables.some((v) => v !== variables[0])) {
    throw new UsageError(`'${text.trim()}' asks for a derivative by ${variables.join(", ")}: this command takes derivatives by one variable`);
  }
  if (variables.length > 1 && order !== undefined) throw new UsageError(`'${text.trim()}' already asks for derivative ${variables.length}: drop --order or the prefix`);
  return { f: expression, wrt: variables[0]!, order: order ?? variables.length };
}

/** "the derivative", "the 2nd derivative". */
function derivativeName(order: number): string {
  if (order === 1) return "the derivative";
  const teen = Math.floor(order / 10) % 10 === 1;
  const suffix = teen ? "th" : (["th", "st", "nd", "rd"][order % 10] ?? "th");
  return `the ${order}${suffix} derivative`;
}

function valueVerdict(io: IO, r: CheckResult, at: readonly Assignment[], expected: Expr, answer: string, order: number): string {
  const where = at.map((a) => `${a.name} = ${format(a.value)}`).join(", ");
  // A real value is shown as `--at` shows values everywhere (exact, with its decimal); none says why: `1/0 = undefined`.
  const real = Number.isFinite(evaluate(expected));
  const value = real ? textValue(constantValue(simplify(expected))) : `${format(expected)} = ${formatValue(evaluate(expected))}`;
  const word = paintVerdict(io, r.equivalent ? "correct" : "incorrect");
  return `${word}: at ${where} ${derivativeName(order)} is ${value}${r.equivalent ? "" : `, not ${answer}`}\n`;
}

function paintVerdict(io: IO, word: string): string {
  return paint(io, word === "correct" ? "bold" : "red", word);
}
