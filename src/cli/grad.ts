/** `symdiff grad` and `symdiff hessian`: all first or all second partial derivatives, optionally at a point. */
import type { Expr } from "../ast/expr.js";
import { gradient, hessian, parse } from "../diff.js";
import { pmatrix, toLatex, toLatexMatrix } from "../print/latex.js";
import { format } from "../print/text.js";
import { inputSyntax, OUTPUT_OPTIONS, parseCommandArgs, variableList } from "./args.js";
import type { Command } from "./command.js";
import { helpText } from "./help.js";
import { eachInput } from "./input.js";
import { jsonNumber, latexAtPoint, latexValue, textValue, writeJson } from "./output.js";
import { constantPoint, numbersOf, valueAt } from "./point.js";
import { UsageError } from "./report.js";

const OPTIONS = { ...OUTPUT_OPTIONS, vars: { type: "string" }, at: { type: "string" } } as const;

/** The shape of the result: a gradient is a column (one row per variable), a Hessian a square matrix. */
export interface Shape {
  readonly name: "gradient" | "hessian";
  compute(f: Expr, vars: readonly string[]): Expr[][];
  /** The start of a row's line of text. */
  label(variable: string): string;
  /** A row's entries, as text. */
  textRow(row: readonly string[]): string;
}

function matrixCommand(command: string, summary: string, shape: Shape, examples: string[]): Command {
  return {
    name: command,
    summary,
    help: helpText({
      usage: `symdiff ${command} <expression | -> [--vars x,y] [--at x=1,y=2] [--latex | --json] [--ln] [--latex-in]`,
      description: `Prints the ${summary}. With -, reads one expression per line from stdin.`,
      options: ["vars", "at", "latex", "json", "ln", "latexIn"],
      examples,
    }),
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(args, OPTIONS);
      const chosen = values.vars === undefined ? undefined : variableList(values.vars, "--vars");
      const repeated = chosen?.find((v, i) => chosen.indexOf(v) !== i);
      if (repeated) throw new UsageError(`--vars: '${repeated}' is listed twice`);
      const point = values.at === undefined ? undefined : constantPoint(values.at);
      const text = (e: Expr) => format(e, { ln: values.ln });
      return eachInput(positionals, io, values.json, ({ text: input }) => {
        const f = parse(input, inputSyntax(values));
        const vars = matrixVariables(f, input, chosen);
        const matrix = shape.compute(f, vars);
        const at = point && matrix.map((row) => row.map((e) => valueAt(e, point)));
        if (values.json) {
          const numbers = at && {
            at: numbersOf(point!),
            values: unwrap(shape, at.map((row) => row.map((v) => jsonNumber(v.number)))),
            exact: unwrap(shape, at.map((row) => row.map((v) => (v.exact ? text(v.exact) : null)))),
          };
          writeJson(io, { input, vars, [shape.name]: unwrap(shape, matrix.map((row) => row.map(text))), latex: unwrap(shape, matrix.map((row) => row.map((e) => toLatex(e)))), ...numbers });
        } else if (values.latex) {
          const body = toLatexMatrix(matrix);
          io.stdout.write(`${at ? latexAtPoint(body, point!, pmatrix(at.map((row) => row.map(latexValue)))) : body}\n`);
        } else {
          matrixText(shape, vars, matrix.map((row) => row.map(text))).forEach((line, i) => {
            io.stdout.write(at ? `${line} = ${shape.textRow(at[i]!.map((v) => textValue(v, text)))}\n` : `${line}\n`);
          });
        }
      });
    },
  };
}

/** The variables of the matrix: those chosen, or else all of `f`'s; none is an error rather than an empty matrix. */
export function matrixVariables(f: Expr, text: string, chosen?: readonly string[]): readonly string[] {
  const vars = chosen ?? [...f.vars].sort();
  if (vars.length === 0) throw new UsageError(`'${text.trim()}' has no variables: every derivative is 0`);
  return vars;
}

/** A gradient is reported as a flat list, not a one-column matrix. */
function unwrap<T>(shape: Shape, matrix: T[][]): T[] | T[][] {
  return shape.name === "gradient" ? matrix.map((row) => row[0]!) : matrix;
}

export const GRADIENT: Shape = {
  name: "gradient",
  compute: (f, vars) => gradient(f, vars).map((d) => [d]),
  label: (v) => `d/d${v} = `,
  textRow: ([d]) => d!,
};

export const HESSIAN: Shape = {
  name: "hessian",
  compute: (f, vars) => hessian(f, vars),
  label: () => "",
  textRow: (row) => `[${row.join(", ")}]`,
};

/** The matrix as lines of text, one per row. */
export function matrixText(shape: Shape, vars: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return rows.map((row, i) => `${shape.label(vars[i]!)}${shape.textRow(row)}`);
}

export const gradCommand = matrixCommand(
  "grad",
  "gradient: the first partial derivative for each variable",
  GRADIENT,
  [
    'symdiff grad "x^2*y + sin(y)"                # d/dx = 2*x*y, d/dy = x^2 + cos(y)',
    'symdiff grad "x^2*y + sin(y)" --at x=1,y=0   # d/dx = 2*x*y = 0, d/dy = x^2 + cos(y) = 2',
    'symdiff grad "w*x + b" --vars w,b --json',
  ],
);

export const hessianCommand = matrixCommand(
  "hessian",
  "Hessian: the matrix of second partial derivatives",
  HESSIAN,
  ['symdiff hessian "x^2*y + sin(y)"   # [2*y, 2*x], [2*x, -sin(y)]', 'symdiff hessian "x*y*z" --vars x,y --latex'],
);
