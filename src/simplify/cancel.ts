/**
 * Cancelling common polynomial factors of a quotient in one variable: (x^2 - 1)/(x - 1) = x + 1, and
 * (x^2 - 2*x + 1)/(x - 1)^2 = 1. Numerator and denominators are read as polynomials with rational coefficients and
 * divided by their greatest common divisor (Euclid's algorithm). Other factors (sin(x), exp(x), ...) stay as they
 * are; expressions in several variables are left to the other rules.
 */
import { add, mul, num, pow, splitCoefficient, sym } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";
import { expand } from "./expand.js";

/** Coefficients, lowest degree first, without trailing zeros (the zero polynomial is []). */
type Polynomial = Rational[];

const MAX_DEGREE = 40;

/** `e` as a polynomial in `x`, or undefined if it is not one (or too large to be worth it). */
function asPolynomial(e: Expr, x: string): Polynomial | undefined {
  const p: Polynomial = [];
  for (const term of e.kind === "add" ? e.terms : [e]) {
    const [c, rest] = splitCoefficient(term);
    let degree: number;
    if (rest.kind === "num") degree = 0;
    else if (rest.kind === "sym" && rest.name === x) degree = 1;
    else if (rest.kind === "pow" && rest.base.kind === "sym" && rest.base.name === x && rest.exponent.kind === "num") {
      const k = rest.exponent.value;
      if (!k.isInteger || k.isNegative || k.num > BigInt(MAX_DEGREE)) return undefined;
      degree = Number(k.num);
    } else return undefined;
    while (p.length <= degree) p.push(Rational.ZERO);
    p[degree] = p[degree]!.add(c);
  }
  return trim(p);
}

function trim(p: Polynomial): Polynomial {
  while (p.length > 0 && p[p.length - 1]!.isZero) p.pop();
  return p;
}

function toExpr(p: Polynomial, x: string): Expr {
  const v = sym(x);
  return add(...p.map((c, k) => mul(num(c), pow(v, num(k)))));
}

/** Quotient and remainder of a / b (b ≠ 0). */
function divide(a: Polynomial, b: Polynomial): [Polynomial, Polynomial] {
  const remainder = [...a];
  const quotient: Polynomial = new Array(Math.max(a.length - b.length + 1, 0)).fill(Rational.ZERO);
  const lead = b[b.length - 1]!;
  for (let k = a.length - b.length; k >= 0; k--) {
    const c = remainder[k + b.length - 1]!.div(lead);
    quotient[k] = c;
    if (c.isZero) continue;
    b.forEach((bc, i) => (remainder[k + i] = remainder[k + i]!.sub(c.mul(bc))));
  }
  return [trim(quotient), trim(remainder)];
}

function gcd(a: Polynomial, b: Polynomial): Polynomial {
  while (b.length > 0) [a, b] = [b, divide(a, b)[1]];
  const lead = a[a.length - 1]!;
  return a.map((c) => c.div(lead)); // monic
}

/** The quotient `e` with common polynomial factors of numerator and denominator cancelled, or undefined. */
export function cancel(e: Expr): Expr | undefined {
  if (e.kind !== "mul" || e.vars.size !== 1 || !e.factors.some(isPolynomialDenominator)) return undefined;
  const [x] = e.vars as Set<string>;
  let numerator: Polynomial = [Rational.ONE];
  const others: Expr[] = [];
  const denominators: { base: Polynomial; power: number }[] = [];
  for (const f of e.factors) {
    const [base, exponent] = f.kind === "pow" ? [f.base, f.exponent] : [f, num(1)];
    const k = exponent.kind === "num" && exponent.value.isInteger ? Number(exponent.value.num) : undefined;
    if (k !== undefined && k < 0 && k >= -MAX_DEGREE && (base.kind === "add" || base.kind === "sym")) {
      const p = asPolynomial(expand(base), x!);
      if (p) {
        denominators.push({ base: p, power: -k });
        continue;
      }
    }
    const p = asPolynomial(expand(f), x!);
    if (p) numerator = multiply(numerator, p);
    else others.push(f);
  }
  // A constant numerator shares no factor with anything: nothing can cancel.
  if (denominators.length === 0 || numerator.length <= 1) return undefined;

  let cancelled = false;
  const remaining: { base: Polynomial; power: number }[] = [];
  while (denominators.length > 0) {
    const d = denominators.pop()!;
    const g = gcd(numerator, d.base);
    if (g.length <= 1 || numerator.length === 0) {
      remaining.push(d);
      continue;
    }
    cancelled = true;
    numerator = divide(numerator, g)[0];
    const rest = divide(d.base, g)[0];
    if (rest.length > 1) denominators.push({ base: rest, power: 1 });
    else numerator = numerator.map((c) => c.div(rest[0]!)); // g is the whole base, up to a constant
    if (d.power > 1) denominators.push({ base: d.base, power: d.power - 1 });
  }
  if (!cancelled) return undefined;
  return mul(toExpr(numerator, x!), ...others, ...remaining.map(({ base, power }) => pow(toExpr(base, x!), num(-power))));
}

/** Could `f` be a denominator to cancel against: a sum or variable to a negative integer power? (A quick check.) */
function isPolynomialDenominator(f: Expr): boolean {
  return f.kind === "pow" && (f.base.kind === "add" || f.base.kind === "sym") && f.exponent.kind === "num" && f.exponent.value.isInteger && f.exponent.value.isNegative;
}

function multiply(a: Polynomial, b: Polynomial): Polynomial {
  if (a.length === 0 || b.length === 0) return [];
  const p: Polynomial = new Array(a.length + b.length - 1).fill(Rational.ZERO);
  a.forEach((ac, i) => b.forEach((bc, j) => (p[i + j] = p[i + j]!.add(ac.mul(bc)))));
  return trim(p);
}
