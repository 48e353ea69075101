/** `symdiff grad` and `symdiff hessian`: all first or all second partial derivatives, optionally at a point. */
import type { Expr } from "../ast/expr.js";
import { gradient, hessian } from "../diff.js";
import { realValue } from "../domain.js";
import { parse } from "../parser/parse.js";
import { pmatrix, toLatex, toLatexMatrix } from "../print/latex.js";
import { format } from "../print/text.js";
import { numericPoint, OUTPUT_OPTIONS, parseCommandArgs, variableList } from "./args.js";
import type { Command } from "./command.js";
import { helpText } from "./help.js";
import { eachInput } from "./input.js";
import { jsonNumber, latexAtPoint, latexNumber, numberText, writeJson } from "./output.js";
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
      usage: `symdiff ${command} <expression | -> [--vars x,y] [--at x=1,y=2] [--latex | --json]`,
      description: `Prints the ${summary}. With -, reads one expression per line from stdin.`,
      options: ["vars", "at", "latex", "json"],
      examples,
    }),
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(args, OPTIONS);
      const chosen = values.vars === undefined ? undefined : variableList(values.vars, "--vars");
      const repeated = chosen?.find((v, i) => chosen.indexOf(v) !== i);
      if (repeated) throw new UsageError(`--vars: '${repeated}' is listed twice`);
      const point = values.at === undefined ? undefined : numericPoint(values.at);
      return eachInput(positionals, io, ({ text }) => {
        const f = parse(text);
        const vars = matrixVariables(f, text, chosen);
        const matrix = shape.compute(f, vars);
        const numbers = point && matrix.map((row) => row.map((e) => realValue(e, point)));
        if (values.json) {
          const at = point && { at: point, values: unwrap(shape, numbers!.map((row) => row.map(jsonNumber))) };
          writeJson(io, { input: text, vars, [shape.name]: unwrap(shape, matrix.map((row) => row.map(format))), latex: unwrap(shape, matrix.map((row) => row.map((e) => toLatex(e)))), ...at });
        } else if (values.latex) {
          const body = toLatexMatrix(matrix);
          io.stdout.write(`${numbers ? latexAtPoint(body, point!, pmatrix(numbers.map((row) => row.map(latexNumber)))) : body}\n`);
        } else {
          matrixText(shape, vars, matrix.map((row) => row.map(format))).forEach((line, i) => {
            io.stdout.write(numbers ? `${line} = ${shape.textRow(numbers[i]!.map(numberText))}\n` : `${line}\n`);
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
