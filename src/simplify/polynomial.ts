/**
 * Polynomials in several generators with rational coefficients, enough to cancel common factors of a quotient:
 * arithmetic, exact division and the greatest common divisor.
 *
 * The representation is recursive and dense, the classical one for gcds (Brown, "On Euclid's algorithm and the
 * computation of polynomial greatest common divisors", 1971): a polynomial is a rational constant, or a list of
 * coefficients in its main generator (lowest degree first), each coefficient a polynomial in later generators only.
 * The gcd is Euclid's algorithm on primitive parts (the primitive polynomial remainder sequence), recursing into the
 * coefficients for contents.
 *
 * Generators are numbered by a `Ring` that reads expressions: variables, function calls and any other non-sum
 * base become independent generators (sin(x) and cos(x) are unrelated here; the result is still exact, since an
 * identity of the free polynomial ring holds for whatever the generators stand for).
 */
import { add as addExpr, call, mul as mulExpr, num, pow, splitCoefficient } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { bitLength, Rational } from "../ast/rational.js";
import { LimitError } from "../errors.js";
import { charge, WorkLimitError } from "../ast/work.js";

export type Poly = Rational | Dense;

/** Coefficients in generator `v`: at least two, the last nonzero, each free of generators numbered ≤ v. */
interface Dense {
  readonly v: number;
  readonly c: readonly Poly[];
}

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;

/** Thrown when a computation outgrows its budget; `withBudget` turns it into `undefined`. */
class TooLarge extends Error {}

let work = 0;
let workLimit = Infinity;

/**
 * Runs `fn` with at most `limit` units of work, or returns undefined if it needs more (or if an exact number would
 * outgrow its bound). A unit is an operation on polynomial coefficients; arithmetic on a number of b bits costs
 * (b/128)^2 more (gcds of big numbers take time quadratic in their size), and numbers past MAX_COEFFICIENT_BITS
 * end the computation: remainder sequences can make coefficients grow exponentially while the operation count
 * stays small (products of 5-term polynomials with 20-digit coefficients hung in the gcd).
 */
export function withBudget<T>(limit: number, fn: () => T): T | undefined {
  const saved = [work, workLimit];
  work = 0;
  workLimit = limit;
  try {
    return fn();
  } catch (error) {
    // A number past its bound gives up this computation only; the operation's spent work budget ends the operation.
    if (error instanceof TooLarge || (error instanceof LimitError && !(error instanceof WorkLimitError))) return undefined;
    throw error;
  } finally {
    [work, workLimit] = saved as [number, number];
  }
}

function spend(n: number): void {
  charge(n);
  work += n;
  if (work > workLimit) throw new TooLarge();
}

/** Coefficients are given up on past this size (bits, ~1,233 digits); work on them is charged by size below it. */
const MAX_COEFFICIENT_BITS = 4096;
const SMALL = 1n << 128n;

/** A coefficient just computed, its cost charged (nothing below 128 bits: textbook numbers cost what they did). */
function charged(r: Rational): Rational {
  if (r.den < SMALL && r.num < SMALL && r.num > -SMALL) return r;
  const bits = Math.max(bitLength(r.num), bitLength(r.den));
  if (bits > MAX_COEFFICIENT_BITS) throw new TooLarge();
  spend(Math.floor((bits / 128) ** 2));
  return r;
}

export function isConstant(p: Poly): p is Rational {
  return p instanceof Rational;
}

export function isZero(p: Poly): boolean {
  return isConstant(p) && p.isZero;
}

/** The main generator's number; constants come after every generator. */
function level(p: Poly): number {
  return isConstant(p) ? Infinity : p.v;
}

/** The polynomial with these coefficients in generator `v`, in normal form. */
function dense(v: number, c: Poly[]): Poly {
  let n = c.length;
  while (n > 0 && isZero(c[n - 1]!)) n--;
  if (n <= 1) return c[0] ?? ZERO;
  if (n < c.length) c.length = n;
  return { v, c };
}

/** Coefficients of `p` in generator `v`, where `p` has no generator before `v`. */
function coefficientsIn(p: Poly, v: number): readonly Poly[] {
  return level(p) === v ? (p as Dense).c : [p];
}

export function degreeIn(p: Poly, v: number): number {
  return coefficientsIn(p, v).length - 1;
}

function leading(p: Poly, v: number): Poly {
  const c = coefficientsIn(p, v);
  return c[c.length - 1]!;
}

/** coefficient · (generator v)^k, where `coefficient` is free of generators ≤ v. */
function monomial(v: number, k: number, coefficient: Poly): Poly {
  const c: Poly[] = new Array<Poly>(k + 1).fill(ZERO);
  c[k] = coefficient;
  return dense(v, c);
}

export function add(a: Poly, b: Poly): Poly {
  if (isConstant(a) && isConstant(b)) return charged(a.add(b));
  spend(1);
  const v = Math.min(level(a), level(b));
  const ca = coefficientsIn(a, v);
  const cb = coefficientsIn(b, v);
  const c: Poly[] = [];
  for (let i = 0; i < Math.max(ca.length, cb.length); i++) c.push(add(ca[i] ?? ZERO, cb[i] ?? ZERO));
  return dense(v, c);
}

export function scale(p: Poly, r: Rational): Poly {
  if (isConstant(p)) return charged(p.mul(r));
  if (r.isZero) return ZERO;
  spend(p.c.length);
  return dense(p.v, p.c.map((c) => scale(c, r)));
}

export function sub(a: Poly, b: Poly): Poly {
  return add(a, scale(b, Rational.MINUS_ONE));
}

export function mul(a: Poly, b: Poly): Poly {
  if (isConstant(a)) return scale(b, a);
  if (isConstant(b)) return scale(a, b);
  const v = Math.min(a.v, b.v);
  const ca = coefficientsIn(a, v);
  const cb = coefficientsIn(b, v);
  spend(ca.length * cb.length);
  const c: Poly[] = new Array<Poly>(ca.length + cb.length - 1).fill(ZERO);
  for (let i = 0; i < ca.length; i++) for (let j = 0; j < cb.length; j++) c[i + j] = add(c[i + j]!, mul(ca[i]!, cb[j]!));
  return dense(v, c);
}

/** a / b when b divides a exactly; otherwise undefined. */
export function divide(a: Poly, b: Poly): Poly | undefined {
  if (isConstant(b)) return b.isZero ? undefined : scale(a, ONE.div(b));
  if (isConstant(a)) return a.isZero ? ZERO : undefined;
  const v = Math.min(a.v, b.v);
  if (b.v > v) {
    // b is free of v: it must divide every coefficient.
    const c: Poly[] = [];
    for (const ac of a.c) {
      const q = divide(ac, b);
      if (q === undefined) return undefined;
      c.push(q);
    }
    return dense(v, c);
  }
  if (a.v > v) return undefined; // a is free of v, b is not
  const db = degreeIn(b, v);
  const lb = leading(b, v);
  let remainder: Poly = a;
  let quotient: Poly = ZERO;
  while (!isZero(remainder) && degreeIn(remainder, v) >= db) {
    const t = divide(leading(remainder, v), lb);
    if (t === undefined) return undefined;
    const term = monomial(v, degreeIn(remainder, v) - db, t);
    quotient = add(quotient, term);
    remainder = sub(remainder, mul(term, b));
  }
  return isZero(remainder) ? quotient : undefined;
}

/** The pseudo-remainder of a by b in generator v (both of degree ≥ 1 in v): no division of coefficients needed. */
function pseudoRemainder(a: Poly, b: Poly, v: number): Poly {
  const db = degreeIn(b, v);
  const lb = leading(b, v);
  let r = a;
  while (!isZero(r) && level(r) === v && degreeIn(r, v) >= db) {
    r = sub(mul(lb, r), mul(monomial(v, degreeIn(r, v) - db, leading(r, v)), b));
  }
  return r;
}

/** The gcd of the coefficients of `p` in generator v. */
function content(p: Poly, v: number): Poly {
  let g: Poly = ZERO;
  for (const c of coefficientsIn(p, v)) {
    g = gcd(g, c);
    if (isConstant(g) && !g.isZero) return ONE; // a nonzero constant divides everything over the rationals
  }
  return g;
}

/** `p` divided by its content in v and scaled so that its innermost leading coefficient is 1 (keeps numbers small). */
function primitive(p: Poly, v: number): Poly {
  const q = divide(p, content(p, v))!;
  let lead = q;
  while (!isConstant(lead)) lead = lead.c[lead.c.length - 1]!;
  return scale(q, ONE.div(lead));
}

/** Do `a` and `b` have a generator in common? Without one, their gcd is a constant. */
export function sharesGenerator(a: Poly, b: Poly): boolean {
  const inA = generatorsOf(a, new Set());
  return [...generatorsOf(b, new Set())].some((v) => inA.has(v));
}

function generatorsOf(p: Poly, found: Set<number>): Set<number> {
  if (isConstant(p)) return found;
  found.add(p.v);
  for (const c of p.c) generatorsOf(c, found);
  return found;
}

/** The greatest common divisor, up to a constant factor. */
export function gcd(a: Poly, b: Poly): Poly {
  if (isZero(a)) return b;
  if (isZero(b)) return a;
  if (isConstant(a) || isConstant(b)) return ONE;
  const v = Math.min(a.v, b.v);
  if (a.v > v) return gcd(a, content(b, v));
  if (b.v > v) return gcd(content(a, v), b);
  const common = gcd(content(a, v), content(b, v));
  let [p, q] = degreeIn(a, v) >= degreeIn(b, v) ? [primitive(a, v), primitive(b, v)] : [primitive(b, v), primitive(a, v)];
  for (;;) {
    const r = pseudoRemainder(p, q, v);
    if (isZero(r)) return mul(common, q);
    if (level(r) !== v) return common; // a nonzero remainder free of v: the primitive parts are coprime
    [p, q] = [q, primitive(r, v)];
  }
}

/**
 * Reads expressions as polynomials over the generators it meets, numbering them in order of appearance, and writes
 * polynomials back as expressions.
 */
export class Ring {
  private readonly generators: Expr[] = [];
  private readonly numbers = new Map<Expr, number>();

  constructor(private readonly maxDegree: number) {}

  /** `e` (expanded) as a polynomial, or undefined when a power is too high or a term has a sum inside. */
  read(e: Expr): Poly | undefined {
    let p: Poly = ZERO;
    for (const term of e.kind === "add" ? e.terms : [e]) {
      const [coefficient, rest] = splitCoefficient(term);
      let t: Poly = coefficient;
      for (const f of rest.kind === "mul" ? rest.factors : rest.kind === "num" ? [] : [rest]) {
        const power = this.power(f);
        if (power === undefined) return undefined;
        t = mul(t, power);
      }
      p = add(p, t);
    }
    return p;
  }

  /**
   * A factor base^k (k a natural number) as a polynomial; other factors are generators of their own. exp(k*u) is
   * read as exp(u)^k, so that exp(2*x) - 1 = (exp(x) - 1)*(exp(x) + 1) is seen.
   */
  private power(f: Expr): Poly | undefined {
    let k = f.kind === "pow" && f.exponent.kind === "num" && f.exponent.value.isInteger && !f.exponent.value.isNegative ? f.exponent.value.num : 1n;
    let base = k === 1n ? f : (f as Expr & { base: Expr }).base;
    if (base.kind === "call" && base.name === "exp") {
      const [c, u] = splitCoefficient(base.args[0]!);
      if (c.isInteger && c.num > 1n) [base, k] = [call("exp", [u]), k * c.num];
    }
    if (base.kind === "add" || k > BigInt(this.maxDegree)) return undefined;
    return monomial(this.generator(base), Number(k), ONE);
  }

  private generator(e: Expr): number {
    let n = this.numbers.get(e);
    if (n === undefined) {
      n = this.generators.length;
      this.generators.push(e);
      this.numbers.set(e, n);
    }
    return n;
  }

  write(p: Poly): Expr {
    if (isConstant(p)) return num(p);
    const g = this.generators[p.v]!;
    return addExpr(...p.c.map((c, k) => mulExpr(this.write(c), pow(g, num(k)))));
  }
}
