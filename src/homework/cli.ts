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
import { curveVariables, implicitCurve, type ImplicitCurve, implicitDiff, implicitText } from "../implicit.js";
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
import { checkOnCurve } from "./curve-check.js";
import { steps, stepsToLatex, stepsToText } from "./steps.js";
import { verdict, verdictText } from "./verdict.js";

const WRT_LINE = "  --wrt x           the variable (default: a d/dx prefix's, or the only variable of the expression)";
const LATEX_IN_LINE = "  --latex-in        read the expressions as LaTeX (automatic for text with a \\command such as \\frac)";
const HELP_LINE = "  -h, --help        show this help";

const ORDER_LINE = "  --order n         the n-th derivative (default 1)";
const LN_LINE = "  --ln              write ln(x) and e^x rather than log(x) and exp(x) (LaTeX always has \\ln and e^{x})";

const STEPS_OPTIONS = {
  wrt: { type: "string" },
  order: { type: "string" },
  implicit: { type: "string" },
  "latex-in": { type: "boolean" },
  latex: { type: "boolean" },
  json: { type: "boolean" },
  ln: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const stepsCommand: Command = {
  name: "steps",
  summary: "differentiate step by step, naming each rule (for homework and worked solutions)",
  help: helpText({
    usage: "symdiff steps <expression | -> [--wrt x] [--order n] [--implicit y] [--latex | --json] [--ln] [--latex-in]",
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
      LN_LINE,
      LATEX_IN_LINE,
      HELP_LINE,
    ].join("\n"),
    examples: [
      'symdiff steps "sin(3*x^2 + x)"',
      'symdiff steps "x*exp(x)" --ln',
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
      const spelling = { ln: values.ln === true };
      const derivation = request ? implicitSteps(f, request.y, wrt, n, { ...syntax, ...spelling }) : steps(f, wrt, n, spelling);
      const show = (e: Expr) => format(e, spelling);
      if (values.json) {
        const result = derivation.at(-1)!.result;
        const list = derivation.map((s) => ({
          rule: s.rule,
          expr: show(s.expr),
          result: show(s.result),
          depth: s.depth,
          ...(s.order !== undefined && { order: s.order }),
          ...(s.inner && { inner: s.inner.map(show) }),
          ...(s.entry && { entry: s.entry }),
          text: s.text,
          latex: s.latex,
        }));
        writeJson(io, { input: text, wrt, ...(request && { implicit: request.y }), order: n, steps: list, result: show(result), latex: toLatex(result) });
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
  implicit: { type: "string" },
  json: { type: "boolean" },
  ln: { type: "boolean" },
  "latex-in": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const checkCommand: Command = {
  name: "check",
  summary: "check an answer for a derivative: correct, or where it goes wrong",
  help: helpText({
    usage: "symdiff check <expression | -> [<answer> | --answer <answer>] [--wrt x] [--order n] [--implicit y] [--at x=1,y=2] [--json] [--ln] [--latex-in]",
    description: [
      "Checks a derivative someone worked out: first by simplifying the difference, then by evaluating both at many",
      "seeded random points. A wrong answer is shown with the correct derivative, a point where the two differ and",
      "both values there. With --at, the answer is the derivative's value at that point.",
      "With --implicit y, the expression is a curve (x^2 + y^2 = 1, or F meaning F = 0) and the answer is dy/dx on",
      "it, an expression in x and y. It is checked on the curve: an answer equal to dy/dx at the points of the curve",
      "is correct even where the two differ as expressions (on x*y = 1, -1/x^2 is right as well as -y/x), and a",
      "wrong answer is shown with a point of the curve (x drawn, y solved for, shown as y ≈ ...). Only when no point",
      "of the curve is found (x^2 + y^2 = -1) are the two compared as expressions in x and y; a note says so.",
      "Exit code: 0 when the answer is correct, 1 when it is not, 2 for bad input.",
    ].join("\n"),
    options: [],
    notes: [
      "Options:",
      "  --answer EXPR     the answer to check (required; or give it as the second argument)",
      WRT_LINE,
      ORDER_LINE.replace("the n-th", "the answer is the n-th"),
      "  --implicit y      the expression is a curve; the answer is dy/dx on it, by --wrt x (as diff --implicit)",
      "  --at x=1,y=2      check the value of the derivative at this point instead",
      "  --json            print one JSON object: verdict, method, point, values, the correct derivative (with",
      "                    --implicit: compared, \"curve\" or \"expressions\", and solvedFor, the coordinate solved for)",
      LN_LINE.replace(/ \(LaTeX.*\)$/, ""),
      LATEX_IN_LINE.replace("expressions", "expression and the answer"),
      HELP_LINE,
    ].join("\n"),
    examples: [
      'symdiff check "sin(x^2)" --wrt x --answer "2x cos(x^2)"          # correct',
      'symdiff check "x^2*sin(x)" --answer "2x cos(x)"                  # incorrect, shows where',
      'symdiff check "(2x + 1/x)/(x + y)" --wrt x --at x=1,y=2 --answer -2   # incorrect: the value is 0',
      'symdiff check "x^3" --order 2 --answer "6x"                      # correct',
      'symdiff check "x^2 + y^2 = 1" "-x/y" --implicit y --wrt x        # correct',
      'symdiff check "x*y = 1" --implicit y --answer "-1/x^2"           # correct on the curve',
    ],
  }),
  async run(args, io) {
    const { values, positionals: given } = parseCommandArgs(args, CHECK_OPTIONS);
    const { answerText, positionals } = answerArgument(values.answer, given);
    const syntax = inputSyntax(values);
    const spelling = { ln: values.ln === true };
    const show = (e: Expr) => format(e, spelling);
    const answer = inSource(answerText, () => parse(answerText, syntax));
    const at = values.at === undefined ? undefined : constantPoint(values.at);
    // At a point, the answer may be a value or an expression: both are taken at the point.
    const atPoint = (e: Expr) => (at ? substitute(e, new Map(at.map((a) => [a.name, a.value]))) : e);
    let answers: number = EXIT.ok;
    const order = values.order === undefined ? undefined : derivativeOrder(values.order);
    const code = await eachInput(positionals, io, values.json, ({ text, where }) => {
      const { curve, wrt, order: n, derivative, what } = checkTarget(text, values, syntax, order);
      const expected = atPoint(derivative);
      const missing = at ? [...expected.vars].sort() : [];
      if (missing.length > 0) throw new UsageError(`--at: no value for ${missing.join(", ")} (e.g. --at ${missing.map((v) => `${v}=1`).join(",")})`);
      if (curve && at) offCurveNote(io, curve, at, where, show);
      // On a curve, the answer is compared at points of the curve; at a point given by --at, as a value.
      const result: CheckResult = curve && !at ? checkOnCurve(answer, derivative, curve, spelling) : check(atPoint(answer), expected, spelling);
      if (!result.equivalent) answers = EXIT.failure;
      if (values.json) {
        const point = at && Object.fromEntries(at.map((a) => [a.name, show(a.value)]));
        writeJson(io, {
          input: text,
          wrt,
          ...(curve && { implicit: curve.y }),
          order: n,
          answer: answerText,
          derivative: show(derivative),
          ...(point && { at: point, value: show(expected) }),
          ...result,
          ...(result.values && { values: result.values.map(jsonNumber) }),
        });
      } else {
        io.stdout.write(at ? valueVerdict(io, result, at, expected, answerText, what, show) : `${verdictText(verdict(result, derivative, what, show), (w) => paintVerdict(io, w))}\n`);
      }
    });
    return worse(code, answers);
  },
};

/**
 * What `check` compares the answer with: the derivative of the expression (by the variable `oneVariable` finds), or
 * with --implicit, dy/dx on the curve; and its name for the verdict ("the derivative", "dy/dx").
 */
function checkTarget(
  text: string,
  values: { readonly implicit?: string; readonly wrt?: string },
  syntax: ParseOptions,
  order: number | undefined,
): { curve?: ImplicitCurve; wrt: string; order: number; derivative: Expr; what: string } {
  if (values.implicit === undefined) {
    const { f, wrt, order: n } = oneVariable(text, values.wrt, syntax, order);
    return { wrt, order: n, derivative: diff(f, wrt, n), what: derivativeName(n) };
  }
  const { y, x } = implicitRequest(values.implicit, values.wrt, () => curveVariables(text, syntax));
  const curve = implicitCurve(text, y, x, syntax);
  const n = order ?? 1;
  return { curve, wrt: x, order: n, derivative: implicitDiff(curve, y, x, n), what: implicitText(y, x, n) };
}

/**
 * The answer: `--answer`, or the second argument (`symdiff check "x^2" "2x"`); the expressions are the rest.
 * Both at once is a mistake, and so is neither.
 */
function answerArgument(option: string | undefined, positionals: readonly string[]): { answerText: string; positionals: readonly string[] } {
  if (positionals.length === 2) {
    if (option !== undefined) throw new UsageError(`the answer is given twice, as --answer and as the second argument ${JSON.stringify(positionals[1])}: keep one`);
    return { answerText: positionals[1]!, positionals: positionals.slice(0, 1) };
  }
  if (option === undefined) throw new UsageError("missing --answer: the derivative to check, e.g. --answer \"2*x\" (or the second argument)");
  return { answerText: option, positionals };
}

/**
 * `--at` with a curve: the derivative is worked out at any point, but means something only on the curve. A point
 * clearly off it gets a note on stderr (the verdict still compares the two values there).
 */
function offCurveNote(io: IO, curve: ImplicitCurve, at: readonly Assignment[], where: string | undefined, show: (e: Expr) => string): void {
  const values = new Map(at.map((a) => [a.name, a.value]));
  const [left, right] = [curve.left, curve.right].map((side) => simplify(substitute(side, values)));
  if (left!.vars.size > 0 || right!.vars.size > 0) return; // parameters without values: nothing to say
  const [l, r] = [left!, right!].map((side) => evaluate(side));
  if (!(Math.abs(l! - r!) > 1e-9 * Math.max(1, Math.abs(l!), Math.abs(r!)))) return;
  const point = at.map((a) => `${a.name} = ${show(a.value)}`).join(", ");
  const lhs = show(curve.left);
  io.stderr.write(
    `${paint(io, "yellow", where ? `note (${where}):` : "note:")} ${point} is not on the curve ${lhs} = ${show(curve.right)}: there ${lhs} is ${show(left!)}${curve.right.vars.size > 0 ? ` and ${show(curve.right)} is ${show(right!)}` : ""}\n`,
  );
}

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

function valueVerdict(io: IO, r: CheckResult, at: readonly Assignment[], expected: Expr, answer: string, what: string, show: (e: Expr) => string): string {
  const where = at.map((a) => `${a.name} = ${show(a.value)}`).join(", ");
  // A real value is shown as `--at` shows values everywhere (exact, with its decimal); none says why: `1/0 = undefined`.
  const real = Number.isFinite(evaluate(expected));
  const value = real ? textValue(constantValue(simplify(expected)), show) : `${show(expected)} = ${formatValue(evaluate(expected))}`;
  const word = paintVerdict(io, r.equivalent ? "correct" : "incorrect");
  return `${word}: at ${where} ${what} is ${value}${r.equivalent ? "" : `, not ${answer}`}\n`;
}

function paintVerdict(io: IO, word: string): string {
  return paint(io, word === "correct" ? "bold" : "red", word);
}
