/**
 * Cancelling common polynomial factors of a quotient: (x^2 - 1)/(x - 1) = x + 1, (x^2 - y^2)/(x - y) = x + y, and
 * (sin(x)^2 - 1)/(sin(x) - 1) = sin(x) + 1. The numerator and each denominator are read as polynomials (see
 * polynomial.ts: variables and function calls are the generators) and divided by their greatest common divisor.
 */
import { isNegative, mul, num, pow } from "../ast/build.js";
import type { Expr, Num, Pow } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";
import { expand } from "./expand.js";
import { divide, gcd, isConstant, mul as times, type Poly, Ring, scale, sharesGenerator, withBudget } from "./polynomial.js";
import { isDenominator } from "./powers.js";

const MAX_DEGREE = 40;
/** Coefficient operations one cancellation may take: plenty for textbook quotients, bounded for everything else. */
const BUDGET = 20_000;

/** The quotient `e` with common polynomial factors of numerator and denominators cancelled, or undefined. */
export function cancel(e: Expr): Expr | undefined {
  if (e.kind !== "mul" || !e.factors.some(isPolynomialDenominator)) return undefined;
  return withBudget(BUDGET, () => cancelFactors(e.factors));
}

function cancelFactors(factors: readonly Expr[]): Expr | undefined {
  const ring = new Ring(MAX_DEGREE);
  let numerator: Poly = Rational.ONE;
  const others: Expr[] = [];
  const denominators: { base: Poly; power: number }[] = [];
  for (const f of factors) {
    if (isPolynomialDenominator(f)) {
      const power = -Number(f.exponent.value.num);
      const base = power <= MAX_DEGREE ? ring.read(expand(f.base)) : undefined;
      if (base) {
        denominators.push({ base, power });
        continue;
      }
    }
    // Other denominators (x^-1, sin(x)^-2) stay apart: what they share with a sum, taking common factors out finds.
    const p = isDenominator(f) ? undefined : ring.read(expand(f));
    if (p) numerator = times(numerator, p);
    else others.push(f);
  }
  // A constant numerator shares no factor with anything: nothing can cancel.
  if (denominators.length === 0 || isConstant(numerator)) return undefined;

  let cancelled = false;
  const remaining: { base: Poly; power: number }[] = [];
  while (denominators.length > 0) {
    const d = denominators.pop()!;
    const g: Poly = sharesGenerator(numerator, d.base) ? gcd(numerator, d.base) : Rational.ONE;
    if (isConstant(g)) {
      remaining.push(d);
      continue;
    }
    cancelled = true;
    numerator = divide(numerator, g)!;
    const rest: Poly = divide(d.base, g)!;
    if (isConstant(rest)) numerator = divide(numerator, rest)!; // g is the whole base, up to a constant
    else denominators.push({ base: rest, power: 1 });
    if (d.power > 1) denominators.push({ base: d.base, power: d.power - 1 });
  }
  if (!cancelled) return undefined;
  const written = remaining.map(({ base, power }) => {
    // The gcd is known up to a constant factor only: choose the sign that leaves the denominator mostly positive.
    if (!mostlyNegative(ring.write(base))) return pow(ring.write(base), num(-power));
    if (power % 2 === 1) numerator = scale(numerator, Rational.MINUS_ONE);
    return pow(ring.write(scale(base, Rational.MINUS_ONE)), num(-power));
  });
  return mul(ring.write(numerator), ...others, ...written);
}

function mostlyNegative(e: Expr): boolean {
  const terms = e.kind === "add" ? e.terms : [e];
  return 2 * terms.filter(isNegative).length > terms.length;
}

/** Could `f` be a denominator to cancel against: a sum to a negative integer power? (A quick check.) */
function isPolynomialDenominator(f: Expr): f is Pow & { exponent: Num } {
  return isDenominator(f) && f.base.kind === "add" && f.exponent.value.isInteger;
}
