/**
 * The tangent line at a as an equation y = m(x - a) + f(a), in LaTeX and in text. The slope and the value are exact
 * when they are short (4, 1/2, cos(2), sqrt(2)/2) and decimals otherwise, and then the equation says ≈.
 */
import { neg, sym } from "../src/ast/build.js";
import { type Expr, withinGeneration } from "../src/ast/expr.js";
import { Rational } from "../src/ast/rational.js";
import { substitute } from "../src/ast/transform.js";
import { diff, toExpr } from "../src/diff.js";
import { evaluate } from "../src/evaluate.js";
import { toLatex } from "../src/print/latex.js";
import { format } from "../src/print/text.js";
import { simplify } from "../src/simplify/simplify.js";

/** A number shown both ways; `exact` false when it is a rounded decimal. */
export interface Shown {
  readonly value: number;
  readonly latex: string;
  readonly text: string;
  readonly exact: boolean;
}

export interface TangentEquation {
  readonly slope: Shown;
  readonly value: Shown;
  readonly latex: string;
  readonly text: string;
}

/** Exact forms longer than this (as text) are shown as decimals: a tangent equation is read at a glance. */
const SHORT = 16;

/** The value of `e` with `wrt` = `a`: exact when short, else a decimal. */
export function valueAt(e: Expr, wrt: string, a: Expr): Shown {
  return withinGeneration(() => {
    let exactForm: Expr | undefined;
    try {
      exactForm = simplify(substitute(toExpr(e), new Map([[wrt, toExpr(a)]])));
    } catch {
      exactForm = undefined; // too large to simplify: the decimal serves
    }
    const value = evaluate(toExpr(e), { [wrt]: evaluate(toExpr(a)) });
    if (exactForm && exactForm.vars.size === 0 && Number.isFinite(value)) {
      const shown = exactly(exactForm);
      if (shown.text.length <= SHORT) return { value, ...shown, exact: true };
    }
    const decimal = Number.isFinite(value) ? String(Number(value.toPrecision(6))) : "undefined";
    return { value, latex: decimal.replace(/e\+?(-?\d+)$/, "\\cdot 10^{$1}"), text: decimal, exact: false };
  });
}

/** An exact constant as people write it: 1.69 rather than 169/100 when that decimal is exactly the number. */
function exactly(e: Expr): { latex: string; text: string } {
  if (e.kind === "num") {
    const decimal = String(e.value.toNumber());
    if (/^-?\d+(\.\d+)?$/.test(decimal) && Rational.fromDecimal(decimal.replace(/^-/, "")).equals(e.value.abs())) return { latex: decimal, text: decimal };
  }
  return { latex: toLatex(e), text: format(e) };
}

/** y = m(x - a) + f(a) for `f` at `a`; undefined where f or f' has no value. */
export function tangentAt(f: Expr, wrt: string, a: Expr): TangentEquation | undefined {
  return withinGeneration(() => {
    const slope = valueAt(diff(f, wrt), wrt, a);
    const value = valueAt(f, wrt, a);
    if (!Number.isFinite(slope.value) || !Number.isFinite(value.value)) return undefined;
    const point = toExpr(a);
    const relation = slope.exact && value.exact ? "=" : "\\approx";
    const x = sym(wrt);
    const shift = shiftOf(x, point);
    const latex = `y ${relation} ${slopeTimes(slope, shift.latex, "latex")}${offset(value, "latex")}`;
    const text = `y ${relation === "=" ? "=" : "≈"} ${slopeTimes(slope, shift.text, "text")}${offset(value, "text")}`;
    return { slope, value, latex: latex.trim(), text: text.trim() };
  });
}

/** x - a, written x + 2 for a = -2 and x for a = 0. */
function shiftOf(x: Expr, a: Expr): { latex: string; text: string } {
  const v = evaluate(a);
  if (v === 0) return { latex: toLatex(x), text: format(x) };
  const [sign, magnitude] = v < 0 ? ["+", simplify(neg(a))] : ["-", a];
  const wrap = magnitude.kind === "add";
  const { latex, text } = exactly(magnitude);
  return { latex: `${toLatex(x)} ${sign} ${wrap ? `\\left(${latex}\\right)` : latex}`, text: `${format(x)} ${sign} ${wrap ? `(${text})` : text}` };
}

function slopeTimes(m: Shown, shift: string, as: "latex" | "text"): string {
  if (m.value === 0) return "";
  const open = as === "latex" ? "\\left(" : "(";
  const close = as === "latex" ? "\\right)" : ")";
  const factor = as === "latex" ? m.latex : m.text;
  const bare = !shift.includes(" "); // x alone, when a = 0
  if (m.exact && factor === "1") return shift;
  if (m.exact && factor === "-1") return bare ? `-${shift}` : `-${open}${shift}${close}`;
  // A sum or a quotient as a factor is bracketed: (1 + pi)(x - 2), not 1 + pi(x - 2).
  const bracket = /[+/]|.-/.test(m.text);
  const times = bare && as === "latex" ? ` ${shift}` : bare ? `*${shift}` : `${open}${shift}${close}`;
  return `${bracket ? `${open}${factor}${close}` : factor}${times}`;
}

/** + f(a), written - 3 for f(a) = -3, left out for 0. */
function offset(v: Shown, as: "latex" | "text"): string {
  if (v.value === 0) return "";
  const shown = as === "latex" ? v.latex : v.text;
  // m(x - a) - 1 + pi is m(x - a) + (-1 + pi): a leading minus can always become the operator.
  if (shown.startsWith("-")) return ` - ${shown.slice(1)}`;
  return ` + ${shown}`;
}
