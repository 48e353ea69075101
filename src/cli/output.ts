/** How results look on stdout: numbers, values at a point, and JSON lines. */
import type { Expr } from "../ast/expr.js";
import { nameLatex, toLatex } from "../print/latex.js";
import { format } from "../print/text.js";
import type { Assignment } from "./args.js";
import type { IO } from "./command.js";
import { numbersOf, type Value, valueText } from "./point.js";

/** A float64 as text: shortest round-trip form, `NaN` and `Infinity` included. */
export function numberText(n: number): string {
  return String(n);
}

/** A float64 as LaTeX. */
export function latexNumber(n: number): string {
  if (Number.isNaN(n)) return "\\mathrm{NaN}";
  return Number.isFinite(n) ? numberText(n) : n > 0 ? "\\infty" : "-\\infty";
}

/** A value at a point as text: `1/2 ≈ 0.5`, `24`, or the decimal alone when there is no exact form. */
export function textValue(value: Value, render: (e: Expr) => string = format): string {
  return valueText(value, render, "≈", numberText);
}

/** A value at a point as LaTeX: `\frac{1}{2} \approx 0.5`. */
export function latexValue(value: Value): string {
  return valueText(value, (e) => toLatex(e), "\\approx", latexNumber);
}

/** JSON has no NaN or Infinity: those become the strings "NaN", "Infinity", "-Infinity". */
export function jsonNumber(n: number): number | string {
  return Number.isFinite(n) ? n : String(n);
}

/** The JSON fields of a value at a point: `at` (the point, in doubles), `value` and, when known, `exact`. */
export function atPointJson(point: readonly Assignment[], value: Value): { at: Record<string, number>; value: number | string; exact?: string } {
  return { at: numbersOf(point), value: jsonNumber(value.number), ...(value.exact && { exact: format(value.exact) }) };
}

export function writeJson(io: Pick<IO, "stdout">, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/** `\left. body \right|_{x = 1, y = \frac{\pi}{6}} = value`: the value of `body` at the point, in LaTeX. */
export function latexAtPoint(body: string, point: readonly Assignment[], value: string): string {
  const at = point.map(({ name, value: v }) => `${nameLatex(name)} = ${toLatex(v)}`).join(", ");
  return `\\left. ${body} \\right|_{${at}} = ${value}`;
}
