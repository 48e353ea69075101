/**
 * An independent oracle: its own expression tree (`Node`), printed to text for symdiff to read, and evaluated here with
 * decimal.js at 60 significant digits. Nothing here uses symdiff's parser, rules or simplifier; symdiff's own output
 * is brought in only through `fromExpr`, which copies the tree shape and gives it this module's meaning.
 *
 * Derivatives are central differences of the input at a small step (1e-10), nested once per variable, in 60-digit
 * arithmetic, so both truncation (~h²) and rounding (~10⁻⁶⁰/hⁿ) errors are far below the tolerances used. Where two
 * step sizes disagree the function is not smooth across the stencil (a kink, a jump, a pole, a domain edge) and the
 * oracle declines to answer.
 *
 * Values below 1e-45 in magnitude count as zero and values past 1e40 as undefined: π and e are only approximate
 * here, and these are the exact zeros and poles they would miss (sin(π), cot(π)).
 *
 * Real conventions follow README "Conventions": odd roots of negatives are real (`(-8)^(1/3) = -2`), exact rational
 * exponents are recognised by value (`x^(2/6)` is `x^(1/3)`), `sign(0) = 0`, `step(0) = 1/2`, `acot(u) = atan(1/u)`,
 * `asec(u) = acos(1/u)` (and alike), `atan2(y, x)` as in Math.atan2. Domain problems give NaN or ±Infinity.
 */
import { Decimal } from "decimal.js";

/** Arbitrary-precision numbers of our own (never the global Decimal configuration, which other code may share). */
export const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -100, toExpPos: 100 });
export type Dec = InstanceType<typeof D>;

export type Node =
  | { readonly k: "num"; readonly p: bigint; readonly q: bigint } // p/q, q > 0, in lowest terms
  | { readonly k: "var"; readonly name: string }
  | { readonly k: "pi" }
  | { readonly k: "e" }
  | { readonly k: "neg"; readonly a: Node }
  | { readonly k: "add" | "sub" | "mul" | "div" | "pow"; readonly a: Node; readonly b: Node }
  | { readonly k: "call"; readonly f: string; readonly args: readonly Node[] }
  | { readonly k: "val"; readonly d: Dec }; // an already computed value (evaluating shared trees once)

// ---- construction ----------------------------------------------------------------------------------------------

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

export function num(p: bigint | number, q: bigint | number = 1n): Node {
  let [n, d] = [BigInt(p), BigInt(q)];
  if (d === 0n) throw new Error("num: zero denominator");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { k: "num", p: n / g, q: d / g };
}
export const v = (name: string): Node => ({ k: "var", name });
export const PI: Node = { k: "pi" };
export const E: Node = { k: "e" };
export const neg = (a: Node): Node => ({ k: "neg", a });
export const add = (a: Node, b: Node): Node => ({ k: "add", a, b });
export const sub = (a: Node, b: Node): Node => ({ k: "sub", a, b });
export const mul = (a: Node, b: Node): Node => ({ k: "mul", a, b });
export const div = (a: Node, b: Node): Node => ({ k: "div", a, b });
export const pow = (a: Node, b: Node): Node => ({ k: "pow", a, b });
export const call = (f: string, ...args: Node[]): Node => ({ k: "call", f, args });
export const val = (d: Dec): Node => ({ k: "val", d });

// ---- printing: fully parenthesised, so the text means exactly this tree ----------------------------------------

export function print(n: Node): string {
  switch (n.k) {
    case "num":
      return n.q === 1n ? (n.p < 0n ? `(${n.p})` : `${n.p}`) : `(${n.p}/${n.q})`;
    case "var":
      return n.name;
    case "pi":
      return "pi";
    case "e":
      return "e";
    case "neg":
      return `(-${print(n.a)})`;
    case "add":
      return `(${print(n.a)} + ${print(n.b)})`;
    case "sub":
      return `(${print(n.a)} - ${print(n.b)})`;
    case "mul":
      return `(${print(n.a)}*${print(n.b)})`;
    case "div":
      return `(${print(n.a)}/${print(n.b)})`;
    case "pow":
      return `(${print(n.a)}^${print(n.b)})`;
    case "call":
      return `${n.f}(${n.args.map(print).join(", ")})`;
    case "val":
      return n.d.isNegative() ? `(${n.d.toString()})` : n.d.toString();
  }
}

export function size(n: Node): number {
  switch (n.k) {
    case "num":
    case "var":
    case "pi":
    case "e":
    case "val":
      return 1;
    case "neg":
      return 1 + size(n.a);
    case "call":
      return 1 + n.args.reduce((s, a) => s + size(a), 0);
    default:
      return 1 + size(n.a) + size(n.b);
  }
}

export function variablesOf(n: Node, out = new Set<string>()): Set<string> {
  if (n.k === "var") out.add(n.name);
  else if (n.k === "neg") variablesOf(n.a, out);
  else if (n.k === "call") n.args.forEach((a) => variablesOf(a, out));
  else if ("b" in n) {
    variablesOf(n.a, out);
    variablesOf(n.b, out);
  }
  return out;
}

// ---- exact rational constants (for the real-root convention of rational exponents) -----------------------------

type Q = { p: bigint; q: bigint };

/** The exact value of a constant rational subtree (numbers under + - * / and small integer powers), if it is one. */
export function exactRational(n: Node): Q | undefined {
  const norm = (p: bigint, q: bigint): Q | undefined => {
    if (q === 0n) return undefined;
    if (q < 0n) [p, q] = [-p, -q];
    const g = gcd(p, q) || 1n;
    return { p: p / g, q: q / g };
  };
  switch (n.k) {
    case "num":
      return { p: n.p, q: n.q };
    case "neg": {
      const a = exactRational(n.a);
      return a && { p: -a.p, q: a.q };
    }
    case "add":
    case "sub":
    case "mul":
    case "div": {
      const a = exactRational(n.a);
      const b = a && exactRational(n.b);
      if (!a || !b) return undefined;
      if (n.k === "add") return norm(a.p * b.q + b.p * a.q, a.q * b.q);
      if (n.k === "sub") return norm(a.p * b.q - b.p * a.q, a.q * b.q);
      if (n.k === "mul") return norm(a.p * b.p, a.q * b.q);
      return norm(a.p * b.q, a.q * b.p);
    }
    case "pow": {
      const a = exactRational(n.a);
      const b = a && exactRational(n.b);
      if (!a || !b || b.q !== 1n || b.p > 64n || b.p < -64n) return undefined;
      const k = b.p < 0n ? -b.p : b.p;
      const [p, q] = [a.p ** k, a.q ** k];
      return b.p < 0n ? norm(q, p) : norm(p, q);
    }
    default:
      return undefined;
  }
}

// ---- evaluation --------------------------------------------------------------------------------------------------

const NaN_ = () => new D(NaN);
const ONE = () => new D(1);
/** 1/u, with u below 1e-45 taken as zero (see evalNode): csc(π) has no value. */
const inv = (u: Dec) => (u.abs().lt("1e-45") ? new D(u.isNaN() ? NaN : Infinity) : ONE().div(u));

/** Real power with the real-root convention when the exponent is an exact rational with an odd denominator. */
function power(b: Dec, e: Dec, exact: Q | undefined): Dec {
  if (exact) {
    if (exact.q === 1n) {
      if (b.isZero() && exact.p < 0n) return new D(Infinity); // 1/0 (sign of zero not tracked)
      return b.pow(new D(exact.p.toString()));
    }
    if (b.isNegative() && !b.isZero()) {
      if (exact.q % 2n === 0n) return NaN_();
      const m = b.neg().pow(new D(exact.p.toString()).div(exact.q.toString()));
      return exact.p % 2n === 0n ? m : m.neg();
    }
    if (b.isZero()) return exact.p < 0n ? new D(Infinity) : new D(0);
    return b.pow(new D(exact.p.toString()).div(exact.q.toString()));
  }
  if (b.isNaN() || e.isNaN()) return NaN_();
  if (b.isZero()) return e.isZero() ? ONE() : e.isNegative() ? new D(Infinity) : new D(0);
  if (b.isNegative() && !e.isInteger()) return NaN_();
  return b.pow(e);
}

// decimal.js's own sinh/cosh/tanh take minutes for arguments past about 1e5; through exp they are immediate. Its
// series are kept for |u| < 1, where the exp forms would cancel.
const sinh = (u: Dec) => (u.abs().lt(1) ? u.sinh() : u.exp().minus(u.neg().exp()).div(2));
const cosh = (u: Dec) => (u.abs().lt(1) ? u.cosh() : u.exp().plus(u.neg().exp()).div(2));
const tanh = (u: Dec) => {
  if (u.abs().lt(1) || u.isNaN()) return u.tanh();
  const t = u.abs().mul(-2).exp(); // e^(-2|u|)
  const m = ONE().minus(t).div(ONE().plus(t));
  return u.isNegative() ? m.neg() : m;
};

/**
 * Trigonometric functions decline arguments past 1e6: decimal.js needs ever more digits of π for them (seconds for
 * cos(e^3000), then an error), and the float64 value they are compared with depends on the last bit of the argument.
 */
const TRIG_LIMIT = new D(1e6);
const trig = (f: (u: Dec) => Dec) => (u: Dec) => (u.abs().gt(TRIG_LIMIT) ? NaN_() : f(u));

const UNARY: Record<string, (u: Dec) => Dec> = {
  sin: trig((u) => u.sin()),
  cos: trig((u) => u.cos()),
  tan: trig((u) => u.tan()),
  sec: trig((u) => inv(u.cos())),
  csc: trig((u) => inv(u.sin())),
  cot: trig((u) => inv(u.tan())),
  asin: (u) => u.asin(),
  acos: (u) => u.acos(),
  atan: (u) => u.atan(),
  acot: (u) => inv(u).atan(),
  asec: (u) => inv(u).acos(),
  acsc: (u) => inv(u).asin(),
  sinh: (u) => sinh(u),
  cosh: (u) => cosh(u),
  tanh: (u) => tanh(u),
  coth: (u) => inv(tanh(u)),
  sech: (u) => inv(cosh(u)),
  csch: (u) => inv(sinh(u)),
  asinh: (u) => u.asinh(),
  acosh: (u) => u.acosh(),
  atanh: (u) => u.atanh(),
  acoth: (u) => inv(u).atanh(),
  asech: (u) => inv(u).acosh(),
  acsch: (u) => inv(u).asinh(),
  exp: (u) => u.exp(),
  log: (u) => (u.isZero() ? new D(-Infinity) : u.ln()),
  log2: (u) => (u.isZero() ? new D(-Infinity) : u.ln().div(new D(2).ln())),
  log10: (u) => (u.isZero() ? new D(-Infinity) : u.ln().div(new D(10).ln())),
  sqrt: (u) => u.sqrt(),
  cbrt: (u) => u.cbrt(),
  abs: (u) => u.abs(),
  sign: (u) => (u.isNaN() ? u : new D(u.isZero() ? 0 : u.isNegative() ? -1 : 1)),
  step: (u) => (u.isNaN() ? u : u.isZero() ? new D("0.5") : new D(u.isNegative() ? 0 : 1)),
  relu: (u) => (u.isNaN() ? u : u.isNegative() ? new D(0) : u),
  sigmoid: (u) => inv(ONE().plus(u.neg().exp())),
  softplus: (u) => (u.isNaN() ? u : u.gt(0) ? u.plus(ONE().plus(u.neg().exp()).ln()) : ONE().plus(u.exp()).ln()),
};

const BINARY: Record<string, (u: Dec, w: Dec) => Dec> = {
  atan2: (u, w) => D.atan2(u, w),
  min: (u, w) => (u.isNaN() || w.isNaN() ? NaN_() : u.lte(w) ? u : w),
  max: (u, w) => (u.isNaN() || w.isNaN() ? NaN_() : u.gte(w) ? u : w),
  // log(u)/log(b): undefined where either logarithm is (b = 0 included: log(u)/-∞ is no value, not 0).
  log: (u, b) => {
    const [lu, lb] = [UNARY.log!(u), UNARY.log!(b)];
    return lu.isFinite() && lb.isFinite() ? lu.div(lb) : NaN_();
  },
};

/** Every function the oracle knows, with its arity: the generator draws from these. */
export const ORACLE_FUNCTIONS: ReadonlyMap<string, number[]> = new Map(
  [...Object.keys(UNARY).map((f) => [f, [1]] as const), ...Object.keys(BINARY).map((f) => [f, [2]] as const)].reduce(
    (m, [f, a]) => m.set(f, [...(m.get(f) ?? []), ...a]),
    new Map<string, number[]>(),
  ),
);

export type Point = Readonly<Record<string, Dec | number | string>>;

/**
 * The value of `n` at the point, in 60-digit arithmetic. Real-number meaning: a zero has no sign (decimal.js keeps
 * IEEE's -0, which would make atan2(0, -0) = π and 1/-0 = -∞), and a part without a finite value leaves the whole
 * without one (relu(1/0) is not ∞ or 0 but undefined), except where a function's definition divides on its own
 * (acot(0) = atan(1/0) = π/2, by the table's convention).
 */
export function evalNode(n: Node, at: Point): Dec {
  const value = evalRaw(n, at);
  // Below 1e-45 a value is taken as zero: π is only approximate here, so sin(π) comes out as 1e-61 where it is 0
  // (and log(x, sin(π)) must be undefined, not log(x)/-140).
  return value.isZero() || value.abs().lt(TINY) ? new D(0) : value;
}

const TINY = new D("1e-45");

const finite = (d: Dec) => d.isFinite();

function evalRaw(n: Node, at: Point): Dec {
  switch (n.k) {
    case "num":
      return new D(n.p.toString()).div(n.q.toString());
    case "var": {
      const value = at[n.name];
      if (value === undefined) throw new Error(`oracle: no value for ${n.name}`);
      return new D(value);
    }
    case "pi":
      return D.acos(-1);
    case "e":
      return D.exp(1);
    case "val":
      return n.d;
    case "neg":
      return evalNode(n.a, at).neg();
    case "add":
      return both(n, at, (a, b) => a.plus(b));
    case "sub":
      return both(n, at, (a, b) => a.minus(b));
    case "mul":
      return both(n, at, (a, b) => a.mul(b));
    case "div":
      return both(n, at, (a, b) => a.div(b));
    case "pow":
      return both(n, at, (a, b) => power(a, b, exactRational(n.b)));
    case "call": {
      const args = n.args.map((a) => evalNode(a, at));
      if (!args.every(finite)) return NaN_();
      const f = args.length === 1 ? UNARY[n.f] : BINARY[n.f];
      if (!f) throw new Error(`oracle: unknown function ${n.f}/${args.length}`);
      try {
        return (f as (...a: Dec[]) => Dec)(...args);
      } catch {
        return NaN_(); // decimal.js refuses (cos of 1e1000 needs more digits of π than it has): no answer here
      }
    }
  }
}

function both(n: Node & { a: Node; b: Node }, at: Point, f: (a: Dec, b: Dec) => Dec): Dec {
  const a = evalNode(n.a, at);
  const b = evalNode(n.b, at);
  if (!finite(a) || !finite(b)) return NaN_();
  try {
    return f(a, b);
  } catch {
    return NaN_(); // decimal.js refuses (a result past its exponent range): no answer here
  }
}

/**
 * Finite and not huge. Past 1e40 a value is most likely a pole at a constant that 60 digits only approximate
 * (cot(π) is about 1e60 here, undefined in exact arithmetic), and says nothing useful about a float64 result.
 */
export function usable(d: Dec | undefined): d is Dec {
  return d !== undefined && d.isFinite() && d.abs().lt("1e40");
}

// ---- derivatives -----------------------------------------------------------------------------------------------

/**
 * ∂ⁿf/∂v₁…∂vₙ at the point by nested central differences of step h, or undefined if any stencil value is not finite.
 * The nested difference is Σ over sign choices s of (Πs)·f(point + h·Σ sᵢ·e_{vᵢ}) / (2h)ⁿ; points are shared.
 */
function nestedDifference(f: (at: Point) => Dec, wrt: readonly string[], at: Point, h: Dec): Dec | undefined {
  const n = wrt.length;
  const cache = new Map<string, Dec>();
  let sum = new D(0);
  for (let mask = 0; mask < 1 << n; mask++) {
    const offset: Record<string, number> = {};
    let sign = 1;
    for (let i = 0; i < n; i++) {
      const s = mask & (1 << i) ? -1 : 1;
      sign *= s;
      offset[wrt[i]!] = (offset[wrt[i]!] ?? 0) + s;
    }
    const key = Object.entries(offset).sort().map(([k, c]) => `${k}${c}`).join(",");
    let value = cache.get(key);
    if (value === undefined) {
      const moved: Record<string, Dec | number | string> = { ...at };
      for (const [name, c] of Object.entries(offset)) moved[name] = new D(at[name]!).plus(h.mul(c));
      value = f(moved);
      if (!value.isFinite()) return undefined;
      cache.set(key, value);
    }
    sum = sign > 0 ? sum.plus(value) : sum.minus(value);
  }
  return sum.div(h.mul(2).pow(n));
}

export const STEP = new D("1e-10");

/**
 * The derivative of `n` with respect to the variables `wrt` (one entry per order) at the point, or undefined where it
 * can't be trusted: the function is not finite across the stencil, or the differences at steps h and 2h disagree
 * beyond their expected O(h²) gap (a kink, a jump or a pole near the point).
 */
export function derivative(n: Node | ((at: Point) => Dec), wrt: readonly string[], at: Point): Dec | undefined {
  const f = typeof n === "function" ? n : (p: Point) => evalNode(n, p);
  if (!f(at).isFinite()) return undefined;
  const fine = nestedDifference(f, wrt, at, STEP);
  const coarse = fine && nestedDifference(f, wrt, at, STEP.mul(2));
  if (!fine || !coarse) return undefined;
  const scale = fine.abs().plus(1);
  if (fine.minus(coarse).abs().gt(scale.mul("1e-14"))) return undefined;
  // Richardson: the h² terms cancel.
  return fine.mul(4).minus(coarse).div(3);
}

/** |a - b| <= tol·(1 + |b|), the comparison used throughout the oracle tests. */
export function near(a: Dec | number, b: Dec, tolerance = 1e-6): boolean {
  const x = new D(a);
  if (!x.isFinite()) return false;
  return x.minus(b).abs().lte(b.abs().plus(1).mul(tolerance));
}
