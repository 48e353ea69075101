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
import { UsageError, visible } from "./report.js";
import { paint } from "./style.js";

// --wrt is --vars by the name every other command uses for the variables of a derivative.
const OPTIONS = { ...OUTPUT_OPTIONS, vars: { type: "string" }, wrt: { type: "string" }, at: { type: "string" } } as const;

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
      if (values.vars !== undefined && values.wrt !== undefined) throw new UsageError("--vars and --wrt say the same thing: give one of them");
      const option = values.wrt === undefined ? "--vars" : "--wrt";
      const list = values.vars ?? values.wrt;
      const chosen = list === undefined ? undefined : variableList(list, option);
      const repeated = chosen?.find((v, i) => chosen.indexOf(v) !== i);
      if (repeated) throw new UsageError(`${option}: '${repeated}' is listed twice`);
      const point = values.at === undefined ? undefined : constantPoint(values.at);
      const text = (e: Expr) => format(e, { ln: values.ln });
      return eachInput(positionals, io, values.json, ({ text: input, where }) => {
        const f = parse(input, inputSyntax(values));
        const vars = matrixVariables(f, chosen);
        // The empty matrix is the answer (no rows; [] in JSON); the note says why, on stderr as diff's notes are.
        if (vars.length === 0) io.stderr.write(`${paint(io, "yellow", where ? `note (${where}):` : "note:")} ${visible(emptyMatrixNote(shape, input))}; --vars x,y lists the zeros\n`);
        const matrix = shape.compute(f, vars);
        const at = point && matrix.map((row) => row.map((e) => valueAt(e, point)));
        if (values.json) {
          const numbers = at && {
            at: numbersOf(point!),
            values: unwrap(shape, at.map((row) => row.map((v) => jsonNumber(v.number)))),
            exact: unwrap(shape, at.map((row) => row.map((v) => (v.exact ? text(v.exact) : null)))),
          };
          writeJson(io, { input, vars, [shape.name]: unwrap(shape, matrix.map((row) => row.map(text))), latex: unwrap(shape, matrix.map((row) => row.map((e) => toLatex(e)))), ...numbers });
        } else if (vars.length === 0) {
          // Nothing to print: an empty pmatrix renders as nothing at all.
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

/**
 * The variables of the matrix: those chosen, or else all of `f`'s. A constant has none, and its gradient and Hessian
 * are empty (a derivative by a variable it does not have is 0: `--vars x,y` lists those zeros).
 */
export function matrixVariables(f: Expr, chosen?: readonly string[]): readonly string[] {
  return chosen ?? [...f.vars].sort();
}

/** Said of an empty matrix (a constant's), which prints no rows: "'5' has no variables, so its gradient is empty". */
export function emptyMatrixNote(shape: Shape, text: string): string {
  const name = shape.name === "gradient" ? "gradient" : "Hessian";
  return `'${text.trim()}' has no variables, so its ${name} is empty (every derivative of a constant is 0)`;
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
