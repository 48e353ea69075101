/**
 * Numeric evaluation in float64. Domain problems follow IEEE 754 (`log(-1)` is NaN, `1/0` is Infinity) rather than
 * throwing; only a variable without a value is an error. Odd roots of negative numbers are real:
 * `x^(1/3)` at x = -8 is -2, as `cbrt` is.
 */
import { children, type Expr } from "./ast/expr.js";
import { isGate } from "./ast/gate.js";
import { type Rational, scaledPower, timesPowerOfTwo } from "./ast/rational.js";
import { describeValue } from "./arguments.js";
import { ArgumentError } from "./errors.js";
import { numericFunction } from "./functions.js";

export type Scope = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export function evaluate(e: Expr, scope: Scope = {}): number {
  return evaluateAll(e, scope).get(e)!;
}

/** The value of `e` and of every subexpression evaluated on the way to it (each once). */
export function evaluateAll(e: Expr, scope: Scope = {}): ReadonlyMap<Expr, number> {
  const values = snapshot(e, scope);
  const lookup = (name: string) => values.get(name);
  const memo = new Map<Expr, number>();
  const ev = (x: Expr): number => {
    let v = memo.get(x);
    if (v === undefined) {
      v = value(x, ev, lookup);
      memo.set(x, v);
    }
    return v;
  };
  if (e.depth > RECURSION_DEPTH) evaluateBottomUp(e, ev, memo);
  ev(e);
  return memo;
}

/**
 * The value of each variable of `e`, read from the scope exactly once (a getter or a Proxy is not consulted again,
 * so the value checked is the value used), and checked to be a number.
 */
export function snapshot(e: Expr, scope: Scope): Map<string, number> {
  if (typeof scope !== "object" || scope === null) {
    throw new ArgumentError(`the scope must be an object such as { x: 1 } or a Map, got ${describeValue(scope)}`);
  }
  const read = scope instanceof Map ? (name: string) => scope.get(name) : (name: string) => (Object.hasOwn(scope, name) ? (scope as Record<string, unknown>)[name] : undefined);
  const values = new Map<string, number>();
  for (const v of e.vars) {
    const value = read(v);
    if (typeof value !== "number") {
      throw new ArgumentError(`no value for variable '${v}'${value === undefined ? "" : ` (got ${typeof value})`}`);
    }
    values.set(v, value);
  }
  return values;
}

/** Deeper than this, evaluating recursively could overflow the call stack (nesting goes up to 2,500 levels). */
const RECURSION_DEPTH = 200;

/** Evaluates children before parents with an explicit stack, so `ev` finds every child's value memoised. */
function evaluateBottomUp(root: Expr, ev: (e: Expr) => number, memo: ReadonlyMap<Expr, number>): void {
  const stack: { e: Expr; childrenDone: boolean }[] = [{ e: root, childrenDone: false }];
  while (stack.length > 0) {
    const { e, childrenDone } = stack.pop()!;
    if (memo.has(e)) continue;
    if (childrenDone) {
      ev(e);
      continue;
    }
    stack.push({ e, childrenDone: true });
    for (const c of children(e)) stack.push({ e: c, childrenDone: false });
  }
}

function value(e: Expr, ev: (e: Expr) => number, lookup: (name: string) => number | undefined): number {
  switch (e.kind) {
    case "num":
      return e.value.toNumber();
    case "sym":
      return lookup(e.name)!;
    case "const":
      return Math.PI;
    case "add": {
      // From the first term, as compiled code adds: 0 + (-0) would be +0 where -0 + -0 is -0.
      let s = ev(e.terms[0]!);
      for (let i = 1; i < e.terms.length; i++) s += ev(e.terms[i]!);
      return s;
    }
    case "mul": {
      const n = numericPrefix(e.factors);
      let p = n > 1 ? numericCoefficient(e.factors.slice(0, n), ev) : 1;
      for (let i = n > 1 ? n : 0; i < e.factors.length; i++) p *= ev(e.factors[i]!);
      return e.factors.some((f) => isGate(f) && ev(f) === 0) ? 0 : p; // step gates a product (ast/gate.ts)
    }
    case "pow":
      return e.exponent.kind === "num" ? rationalPower(ev(e.base), e.exponent.value) : Math.pow(ev(e.base), ev(e.exponent));
    case "call":
      return numericFunction(e.name)(...e.args.map(ev));
  }
}

/** How many leading factors are numbers or powers of numbers (2, 2^3000, 3^(1/2)): canonical order puts them first. */
export function numericPrefix(factors: readonly Expr[]): number {
  let n = 0;
  while (n < factors.length && isNumeric(factors[n]!)) n++;
  return n;
}

function isNumeric(f: Expr): boolean {
  return f.kind === "num" || (f.kind === "pow" && f.base.kind === "num" && f.exponent.kind === "num");
}

/**
 * The product of numeric factors (numbers and powers of numbers) as one float, rounded where it lands: a factor
 * beyond the range of floats (2^3000 overflows, 3^-3000 underflows) is taken as m·2^k, so that 2^3000·3^-3000 is 0
 * rather than Infinity·0 = NaN. Invariant: where every factor and partial product is an ordinary float, this is
 * the plain left-to-right product to the bit (scaling by powers of two is exact there), so compiled code that
 * multiplies the factors agrees with it; the compiler folds this value for such prefixes (compile/javascript.ts).
 */
export function numericCoefficient(factors: readonly Expr[], ev: (e: Expr) => number = evaluate): number {
  let m = 1;
  let k = 0;
  for (const f of factors) {
    const v = ev(f);
    const [fm, fk] = isOrdinary(v) ? frexp(v) : outOfRange(f, v);
    m *= fm;
    k += fk;
    if (isOrdinary(m)) {
      const [mm, mk] = frexp(m);
      m = mm;
      k += mk;
    }
  }
  return timesPowerOfTwo(m, k);
}

/** A finite, nonzero float that is not subnormal. */
function isOrdinary(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v) >= 2 ** -1022;
}

/** v as m·2^k with |m| in [0.5, 4) (exact: a power of two scales an ordinary float without rounding). */
function frexp(v: number): [number, number] {
  const k = Math.floor(Math.log2(Math.abs(v)));
  return [v * 2 ** -k, k];
}

/** A numeric factor whose float `v` overflowed or underflowed, as m·2^k; `v` itself where it is the true value. */
function outOfRange(f: Expr, v: number): [number, number] {
  if (f.kind === "num") return f.value.scaled();
  if (f.kind === "pow" && f.base.kind === "num" && f.exponent.kind === "num" && !f.base.value.isZero) return scaledPower(f.base.value, f.exponent.value);
  return [v, 0];
}

/** b^(p/q) with the real-root convention; the compiler emits the same operations (see compile). */
export function rationalPower(b: number, q: Rational): number {
  if (q.den === 1n) return Math.pow(b, Number(q.num));
  if (q.den === 2n && q.num === 1n) return Math.sqrt(b);
  if (q.den === 2n && q.num === -1n) return 1 / Math.sqrt(b);
  if (q.den % 2n === 1n && b < 0) return (q.num % 2n === 0n ? 1 : -1) * Math.pow(-b, q.toNumber());
  return Math.pow(b, q.toNumber());
}
