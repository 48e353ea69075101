/** How results look on stdout: numbers, points, and JSON lines. */
import { nameLatex } from "../print/latex.js";
import type { IO } from "./command.js";

/** A float64 as text: shortest round-trip form, `NaN` and `Infinity` included. */
export function numberText(n: number): string {
  return String(n);
}

/** A float64 as LaTeX. */
export function latexNumber(n: number): string {
  if (Number.isNaN(n)) return "\\mathrm{NaN}";
  return Number.isFinite(n) ? numberText(n) : n > 0 ? "\\infty" : "-\\infty";
}

/** JSON has no NaN or Infinity: those become the strings "NaN", "Infinity", "-Infinity". */
export function jsonNumber(n: number): number | string {
  return Number.isFinite(n) ? n : String(n);
}

export function writeJson(io: Pick<IO, "stdout">, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/** `\left. body \right|_{x = 1, y = 2} = value`: the value of `body` at the point, in LaTeX. */
export function latexAtPoint(body: string, point: Readonly<Record<string, number>>, value: string): string {
  const at = Object.entries(point).map(([name, v]) => `${nameLatex(name)} = ${numberText(v)}`).join(", ");
  return `\\left. ${body} \\right|_{${at}} = ${value}`;
}
