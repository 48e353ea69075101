/**
 * The table of elementary functions: one row per function, holding everything symdiff knows about it.
 * Adding a function is adding one row here.
 *
 * - `derivative`: the partial derivative with respect to each argument, as a template in the argument names
 *   `u` (first) and `v` (second). The chain rule (rules/chain.ts) multiplies it by the argument's derivative.
 * - `js`: JavaScript source for the numeric value, given the arguments' source. The compiler emits it inline and
 *   `evaluate` runs the very same code, so interpreted and compiled results agree to the bit. Real numbers have one
 *   zero: where a function tells -0 from 0 (atan2, and 1/u in acot, acsc), `+ 0` makes -0 into 0 first, so that
 *   atan2(x*relu(x), -1) at x = -1 is pi, not -pi.
 * - `latex`: the LaTeX command, or a function building the whole call from the arguments' LaTeX.
 * - Construction-time facts used by the canonical constructors: `parity`, exact `values` at special points,
 *   `undoes` (f(g(u)) = u wherever it is defined) and `exact` folding of rational arguments.
 *
 * Kinks: `abs`, `sign`, `step`, `relu`, `min` and `max` are not differentiable at their kinks. There symdiff returns
 * the average of the one-sided derivatives — the limit of the central difference quotient — so `abs'(0) = sign(0) = 0`,
 * `relu'(0) = step(0) = 1/2`, and at ties `min`/`max` split the derivative 1/2 : 1/2.
 */
import { Rational } from "./ast/rational.js";

export interface FunctionRow {
  readonly name: string;
  readonly arity: number;
  /** Other spellings users type (`ln` for `log`, `arcsin` for `asin`). */
  readonly aliases?: readonly string[];
  readonly derivative: readonly string[];
  readonly js: (...args: string[]) => string;
  readonly latex: string | ((...args: string[]) => string);
  readonly parity?: "odd" | "even";
  readonly values?: Readonly<Record<string, string>>;
  readonly undoes?: string;
  readonly exact?: (...args: Rational[]) => Rational | undefined;
  /** One line for help texts. */
  readonly description: string;
}

const sgn = (q: Rational) => Rational.of(q.sign());
const half = Rational.HALF;

const ROWS: readonly FunctionRow[] = [
  // trigonometric
  { name: "sin", arity: 1, derivative: ["cos(u)"], js: (u) => `Math.sin(${u})`, latex: "\\sin", parity: "odd",
    values: { "0": "0", "pi/6": "1/2", "pi/4": "sqrt(2)/2", "pi/3": "sqrt(3)/2", "pi/2": "1", "pi": "0" }, undoes: "asin",
    description: "sine" },
  { name: "cos", arity: 1, derivative: ["-sin(u)"], js: (u) => `Math.cos(${u})`, latex: "\\cos", parity: "even",
    values: { "0": "1", "pi/6": "sqrt(3)/2", "pi/4": "sqrt(2)/2", "pi/3": "1/2", "pi/2": "0", "pi": "-1" }, undoes: "acos",
    description: "cosine" },
  { name: "tan", arity: 1, derivative: ["sec(u)^2"], js: (u) => `Math.tan(${u})`, latex: "\\tan", parity: "odd",
    values: { "0": "0", "pi/6": "sqrt(3)/3", "pi/4": "1", "pi/3": "sqrt(3)", "pi/2": "1/0", "pi": "0" },
    undoes: "atan",
    description: "tangent" },
  { name: "sec", arity: 1, derivative: ["sec(u)*tan(u)"], js: (u) => `(1 / Math.cos(${u}))`, latex: "\\sec",
    parity: "even", values: { "0": "1", "pi/3": "2", "pi/2": "1/0", "pi": "-1" }, description: "secant, 1/cos" },
  { name: "csc", arity: 1, derivative: ["-csc(u)*cot(u)"], js: (u) => `(1 / Math.sin(${u}))`, latex: "\\csc",
    parity: "odd", values: { "0": "1/0", "pi/6": "2", "pi/2": "1", "pi": "1/0" }, description: "cosecant, 1/sin" },
  { name: "cot", arity: 1, derivative: ["-csc(u)^2"], js: (u) => `(1 / Math.tan(${u}))`, latex: "\\cot",
    parity: "odd", values: { "0": "1/0", "pi/4": "1", "pi/2": "0", "pi": "1/0" }, description: "cotangent, 1/tan" },
  { name: "asin", arity: 1, aliases: ["arcsin"], derivative: ["1/sqrt(1 - u^2)"], js: (u) => `Math.asin(${u})`,
    latex: "\\arcsin", parity: "odd", values: { "0": "0", "1/2": "pi/6", "1": "pi/2" }, description: "inverse sine" },
  { name: "acos", arity: 1, aliases: ["arccos"], derivative: ["-1/sqrt(1 - u^2)"], js: (u) => `Math.acos(${u})`,
    latex: "\\arccos", values: { "0": "pi/2", "1/2": "pi/3", "1": "0", "-1": "pi" }, description: "inverse cosine" },
  { name: "atan", arity: 1, aliases: ["arctan"], derivative: ["1/(u^2 + 1)"], js: (u) => `Math.atan(${u})`,
    latex: "\\arctan", parity: "odd", values: { "0": "0", "1": "pi/4" }, description: "inverse tangent" },
  { name: "acot", arity: 1, aliases: ["arccot"], derivative: ["-1/(u^2 + 1)"], js: (u) => `Math.atan(1 / (${u} + 0))`,
    latex: "\\operatorname{arccot}", parity: "odd", values: { "0": "pi/2", "1": "pi/4" },
    description: "inverse cotangent, atan(1/u) (odd, as in SymPy)" },
  { name: "asec", arity: 1, aliases: ["arcsec"], derivative: ["1/(abs(u)*sqrt(u^2 - 1))"],
    js: (u) => `Math.acos(1 / ${u})`, latex: "\\operatorname{arcsec}", values: { "1": "0" },
    description: "inverse secant, acos(1/u)" },
  { name: "acsc", arity: 1, aliases: ["arccsc"], derivative: ["-1/(abs(u)*sqrt(u^2 - 1))"],
    js: (u) => `Math.asin(1 / (${u} + 0))`, latex: "\\operatorname{arccsc}", parity: "odd", values: { "1": "pi/2" },
    description: "inverse cosecant, asin(1/u)" },
  { name: "atan2", arity: 2, derivative: ["v/(u^2 + v^2)", "-u/(u^2 + v^2)"], js: (u, v) => `Math.atan2(${u} + 0, ${v} + 0)`,
    latex: "\\operatorname{atan2}", description: "angle of the point (x, y), as atan2(y, x): atan(y/x) in the right half-plane" },

  // hyperbolic
  { name: "sinh", arity: 1, derivative: ["cosh(u)"], js: (u) => `Math.sinh(${u})`, latex: "\\sinh", parity: "odd",
    values: { "0": "0" }, undoes: "asinh", description: "hyperbolic sine" },
  { name: "cosh", arity: 1, derivative: ["sinh(u)"], js: (u) => `Math.cosh(${u})`, latex: "\\cosh",
    parity: "even", values: { "0": "1" }, undoes: "acosh", description: "hyperbolic cosine" },
  { name: "tanh", arity: 1, derivative: ["1 - tanh(u)^2"], js: (u) => `Math.tanh(${u})`, latex: "\\tanh",
    parity: "odd", values: { "0": "0" }, undoes: "atanh", description: "hyperbolic tangent" },
  { name: "coth", arity: 1, derivative: ["-1/sinh(u)^2"], js: (u) => `(1 / Math.tanh(${u}))`, latex: "\\coth",
    parity: "odd", values: { "0": "1/0" }, description: "hyperbolic cotangent, 1/tanh" },
  { name: "sech", arity: 1, derivative: ["-sech(u)*tanh(u)"], js: (u) => `(1 / Math.cosh(${u}))`,
    latex: "\\operatorname{sech}", parity: "even", values: { "0": "1" }, description: "hyperbolic secant, 1/cosh" },
  { name: "csch", arity: 1, derivative: ["-csch(u)*coth(u)"], js: (u) => `(1 / Math.sinh(${u}))`,
    latex: "\\operatorname{csch}", parity: "odd", values: { "0": "1/0" }, description: "hyperbolic cosecant, 1/sinh" },
  { name: "asinh", arity: 1, aliases: ["arsinh", "arcsinh"], derivative: ["1/sqrt(u^2 + 1)"],
    js: (u) => `Math.asinh(${u})`, latex: "\\operatorname{arsinh}", parity: "odd", values: { "0": "0" },
    undoes: "sinh", description: "inverse hyperbolic sine" },
  { name: "acosh", arity: 1, aliases: ["arcosh", "arccosh"], derivative: ["1/sqrt(u^2 - 1)"],
    js: (u) => `Math.acosh(${u})`, latex: "\\operatorname{arcosh}", values: { "1": "0" },
    description: "inverse hyperbolic cosine" },
  { name: "atanh", arity: 1, aliases: ["artanh", "arctanh"], derivative: ["1/(1 - u^2)"],
    js: (u) => `Math.atanh(${u})`, latex: "\\operatorname{artanh}", parity: "odd", values: { "0": "0" },
    description: "inverse hyperbolic tangent" },
  { name: "acoth", arity: 1, aliases: ["arcoth", "arccoth"], derivative: ["1/(1 - u^2)"],
    js: (u) => `Math.atanh(1 / ${u})`, latex: "\\operatorname{arcoth}", parity: "odd",
    description: "inverse hyperbolic cotangent, atanh(1/u)" },
  { name: "asech", arity: 1, aliases: ["arsech", "arcsech"], derivative: ["-1/(u*sqrt(1 - u^2))"],
    js: (u) => `Math.acosh(1 / ${u})`, latex: "\\operatorname{arsech}", values: { "1": "0" },
    description: "inverse hyperbolic secant, acosh(1/u)" },
  { name: "acsch", arity: 1, aliases: ["arcsch", "arccsch"], derivative: ["-1/(abs(u)*sqrt(u^2 + 1))"],
    js: (u) => `Math.asinh(1 / ${u})`, latex: "\\operatorname{arcsch}", parity: "odd",
    description: "inverse hyperbolic cosecant, asinh(1/u)" },

  // exponentials and logarithms
  { name: "exp", arity: 1, derivative: ["exp(u)"], js: (u) => `Math.exp(${u})`, latex: "\\exp",
    values: { "0": "1" }, undoes: "log", description: "e^u" },
  { name: "log", arity: 1, aliases: ["ln"], derivative: ["1/u"], js: (u) => `Math.log(${u})`, latex: "\\ln",
    values: { "1": "0" }, undoes: "exp", description: "natural logarithm; log(u, b) is the base-b logarithm" },
  { name: "log2", arity: 1, derivative: ["1/(u*log(2))"], js: (u) => `Math.log2(${u})`,
    latex: "\\operatorname{log2}", values: { "1": "0", "2": "1" }, description: "base-2 logarithm" },
  { name: "log10", arity: 1, derivative: ["1/(u*log(10))"], js: (u) => `Math.log10(${u})`,
    latex: "\\operatorname{log10}", values: { "1": "0", "10": "1" }, description: "base-10 logarithm" },

  // piecewise
  { name: "abs", arity: 1, derivative: ["sign(u)"], js: (u) => `Math.abs(${u})`,
    latex: (u) => `\\left|${u}\\right|`, parity: "even", exact: (q) => q.abs(), description: "absolute value" },
  { name: "sign", arity: 1, aliases: ["sgn"], derivative: ["0"], js: (u) => `Math.sign(${u})`,
    latex: "\\operatorname{sgn}", parity: "odd", exact: sgn, description: "sign: -1, 0 or 1" },
  { name: "step", arity: 1, aliases: ["heaviside"], derivative: ["0"], js: (u) => `(${u} > 0 ? 1 : ${u} < 0 ? 0 : 0.5)`,
    latex: "\\operatorname{H}", exact: (q) => (q.isZero ? half : Rational.of(q.sign() > 0 ? 1 : 0)),
    description: "Heaviside step: 0 below zero, 1 above, 1/2 at zero" },
  { name: "relu", arity: 1, derivative: ["step(u)"], js: (u) => `Math.max(${u}, 0)`, latex: "\\operatorname{ReLU}",
    exact: (q) => (q.isNegative ? Rational.ZERO : q), description: "rectified linear unit, max(u, 0)" },
  { name: "min", arity: 2, derivative: ["step(v - u)", "step(u - v)"], js: (u, v) => `Math.min(${u}, ${v})`,
    latex: "\\min", exact: (a, b) => (a.compare(b) <= 0 ? a : b), description: "smaller of two values" },
  { name: "max", arity: 2, derivative: ["step(u - v)", "step(v - u)"], js: (u, v) => `Math.max(${u}, ${v})`,
    latex: "\\max", exact: (a, b) => (a.compare(b) >= 0 ? a : b), description: "larger of two values" },

  // machine learning
  { name: "sigmoid", arity: 1, derivative: ["sigmoid(u)*(1 - sigmoid(u))"], js: (u) => `(1 / (1 + Math.exp(-${u})))`,
    latex: "\\sigma", values: { "0": "1/2" }, description: "logistic function 1/(1 + e^-u)" },
  { name: "softplus", arity: 1, derivative: ["sigmoid(u)"],
    js: (u) => `(Math.max(${u}, 0) + Math.log1p(Math.exp(-Math.abs(${u}))))`, latex: "\\operatorname{softplus}",
    values: { "0": "log(2)" }, description: "log(1 + e^u), computed without overflow" },
];

export const FUNCTIONS: ReadonlyMap<string, FunctionRow> = new Map(ROWS.map((row) => [row.name, row]));

/** Every name a user may call, aliases included, mapped to its row's canonical name. */
export const FUNCTION_NAMES: ReadonlyMap<string, string> = new Map(
  ROWS.flatMap((row) => [[row.name, row.name] as const, ...(row.aliases ?? []).map((a) => [a, row.name] as const)]),
);

export function functionRow(name: string): FunctionRow {
  const row = FUNCTIONS.get(name);
  if (!row) throw new Error(`internal: no function row for ${name}`);
  return row;
}

const evaluators = new Map<string, (...args: number[]) => number>();
/** The numeric value of a table function, running the same code the compiler emits. */
export function numericFunction(name: string): (...args: number[]) => number {
  let f = evaluators.get(name);
  if (!f) {
    const row = functionRow(name);
    const params = ["u", "v"].slice(0, row.arity);
    f = new Function(...params, `return ${row.js(...params)};`) as (...args: number[]) => number;
    evaluators.set(name, f);
  }
  return f;
}
