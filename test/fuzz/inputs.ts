/**
 * Fuzz inputs besides the generator's expressions: mutated expression text, random garbage, adversarial shapes
 * (deep nesting, long input, huge or tiny numbers, odd names, unicode) and API misuse. Each is a pure function of
 * the Rng, so a finding is reproduced from its case id.
 */
import { Generator, type Rng } from "../support/generate.js";
import * as o from "../support/oracle.js";

const FUNCTION_NAMES = [...o.ORACLE_FUNCTIONS.keys(), "ln", "arcsin", "arctan", "sgn", "heaviside", "arsinh"];
const ODD_NAMES = ["constructor", "__proto__", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "then", "length", "NaN", "Infinity", "undefined", "null", "e", "pi", "E", "PI", "i", "d", "dx", "x_1", "x1", "xy", "ÿ", "π", "θ", "Δx"];
const TOKENS = ["(", ")", "+", "-", "*", "/", "^", "**", ",", ".", " ", "x", "y", "z", "0", "1", "2", "9", "e", "E", "pi", "sin", "log", "abs", "sqrt", "min", "max", "atan2", "(x)", "1e308", "1e-320", "0.5", "²", "³", "·", "×", "÷", "−", "√", "∞", "π", "\u200b", "\u00a0", "\t", "\n", "\u0000", "\u001b", "\u0007", "😀", "é", "e\u0301", "[", "]", "{", "}", "|", "!", "=", "<", ">", "'", '"', "\\", "#", ";", ":", "_", "$", "@", "%", "&", "~", "`", "?"];
const NUMBERS = ["0", "1", "2", "0.0000000001", "1.9999999999", "0.5", "1e308", "1e309", "1e-400", "123456789012345678901234567890", "99999999999999999999", "4099/2", "(4099/2)", "(1/3)", "(2/3)", "(-1/2)", "0.1", "3.14159265358979323846264338327950288", "1e100", "(10^100)", "(2^64)", "(2^(1/2))"];

function generated(r: Rng): string {
  return o.print(new Generator(r).expr(r.int(1, 4)));
}

/** Random edits of an expression's text: characters inserted, deleted, replaced, pieces duplicated or swapped. */
export function mutated(r: Rng): string {
  let s = generated(r);
  const edits = r.int(1, 4);
  for (let k = 0; k < edits; k++) {
    const at = r.int(0, s.length);
    const other = r.int(0, s.length);
    const [lo, hi] = [Math.min(at, other), Math.max(at, other)];
    s = r.weighted<() => string>([
      [3, () => s.slice(0, at) + r.pick(TOKENS) + s.slice(at)],
      [2, () => s.slice(0, at) + s.slice(at + r.int(1, 3))],
      [2, () => s.slice(0, at) + r.pick(TOKENS) + s.slice(at + 1)],
      [1, () => s.slice(0, hi) + s.slice(lo, hi) + s.slice(hi)],
      [1, () => s.slice(0, at) + r.pick(NUMBERS) + s.slice(at)],
      [1, () => s.slice(0, at) + r.pick(ODD_NAMES) + s.slice(at)],
      [1, () => s.replaceAll(/\bx\b/g, r.pick(ODD_NAMES))],
      [1, () => s.replaceAll(/\(/g, "").replaceAll(/\)/g, "")],
    ])();
  }
  return s;
}

/** Random token soup. */
export function garbage(r: Rng): string {
  const n = r.weighted([
    [6, r.int(1, 12)],
    [2, r.int(12, 60)],
    [1, r.int(60, 400)],
  ] as const);
  let s = "";
  for (let i = 0; i < n; i++) s += r.chance(0.8) ? r.pick(TOKENS) : String.fromCodePoint(r.int(0, 0x2fff));
  return s;
}

const repeat = (s: string, n: number) => s.repeat(Math.max(0, n));

/** Shapes that stress the limits: nesting, length, numbers, names. */
export function adversarial(r: Rng): string {
  const f = () => r.pick(FUNCTION_NAMES.filter((n) => !["atan2", "min", "max"].includes(n)));
  const depth = r.weighted([
    [3, r.int(10, 200)],
    [2, r.int(200, 1500)],
    [1, r.int(1500, 3000)],
  ] as const);
  const num = () => r.pick(NUMBERS);
  return r.weighted<() => string>([
    [2, () => `${repeat("(", depth)}x${repeat(")", depth)}`],
    [2, () => `${repeat(`${f()}(`, depth)}x${repeat(")", depth)}`],
    [1, () => `${repeat("sin(x+", depth)}x${repeat(")", depth)}`],
    [1, () => `${repeat("(", depth)}x${repeat(")", depth - r.int(1, 3))}`],
    [1, () => `${repeat("-", depth)}x`],
    [1, () => `x${repeat("^x", Math.min(depth, 60))}`],
    [1, () => `x${repeat("^2", Math.min(depth, 40))}`],
    [1, () => Array.from({ length: r.int(100, 5000) }, (_, k) => `1/${k + 1}`).join(" + ")],
    [1, () => Array.from({ length: r.int(100, 4000) }, (_, k) => `x${k}`).join(" + ")],
    [1, () => Array.from({ length: r.int(50, 1000) }, () => `${r.int(1, 99)}*x^${r.int(0, 30)}*y^${r.int(0, 30)}`).join(" + ")],
    [2, () => `${num()}^${num()}`],
    [2, () => `${r.pick(["x", "2", "3*x", "(x+1)", "abs(x)", "-8"])}^${num()}`],
    [1, () => `${num()}^${num()}/${num()}^${num()}`],
    [1, () => `${r.int(2, 9)}^${r.int(1000, 5000)}/${r.int(2, 9)}^${r.int(1000, 5000)}`],
    [1, () => `(${r.int(2, 99)})^(${r.int(1, 9999)}/${r.int(2, 9999)})`],
    [1, () => `${r.pick(ODD_NAMES)}${r.chance(0.5) ? `(${r.pick(["x", "1", ""])})` : ` + ${r.pick(ODD_NAMES)}`}`],
    [1, () => `${r.pick(ODD_NAMES)}^2*${r.pick(ODD_NAMES)}`],
    [1, () => `x${r.pick(["²", "³", "¹", "⁻¹", "₂"])}${r.chance(0.5) ? " + 1" : ""}`],
    [1, () => repeat(r.pick(["x*", "x+", "abs(x)*", "sqrt(x)*", "(x+1)*", "x^(1/3)*"]), r.int(10, 400)) + "x"],
    [1, () => `(${Array.from({ length: 5 }, () => `${r.int(1, 9)}${repeat("7", r.int(10, 20))}*x^${r.int(0, 4)}*y^${r.int(0, 4)}`).join(" + ")})^${r.int(2, 4)}/(${Array.from({ length: 5 }, () => `${r.int(1, 9)}${repeat("3", r.int(10, 20))}*x^${r.int(0, 4)}*y^${r.int(0, 4)}`).join(" + ")})^${r.int(1, 3)}`],
  ])();
}
