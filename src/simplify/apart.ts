/**
 * Dividing out a quotient: N/D = Q + R/D, with N and D read as polynomials in a function call A among D's factors
 * (long division in A, other factors acting as coefficients). It turns the gradient of the cross-entropy written
 * with exponentials, (1 - y - y*exp(-z))/(exp(-z) + 1), back into the form people derive: 1/(exp(-z) + 1) - y.
 * The simplifier keeps the result only when it is smaller.
 */
import { add, div, factorsOf, mul, MINUS_ONE, num, pow, sub, ZERO } from "../ast/build.js";
import { baseOf } from "../ast/order.js";
import { children, type Expr } from "../ast/expr.js";
import { expand } from "./expand.js";

/** Coefficients by degree in A, lowest first (undefined where a term can't be read as c*A^k with c free of A). */
function coefficients(sum: Expr, a: Expr): Expr[] | undefined {
  const byDegree: Expr[][] = [];
  for (const term of sum.kind === "add" ? sum.terms : [sum]) {
    const factors = term.kind === "mul" ? term.factors : [term];
    let degree = 0;
    const rest: Expr[] = [];
    for (const f of factors) {
      if (f === a) degree += 1;
      else if (f.kind === "pow" && f.base === a && f.exponent.kind === "num" && f.exponent.value.isInteger && !f.exponent.value.isNegative) {
        degree += Number(f.exponent.value.num);
      } else rest.push(f);
    }
    const coefficient = mul(...rest);
    if (contains(coefficient, a)) return undefined;
    (byDegree[degree] ??= []).push(coefficient);
  }
  return Array.from(byDegree, (terms) => add(...(terms ?? [])));
}

function contains(e: Expr, a: Expr, seen = new Set<Expr>()): boolean {
  if (e === a) return true;
  if (seen.has(e) || e.depth <= a.depth) return false;
  seen.add(e);
  return children(e).some((c) => contains(c, a, seen));
}

/** N/D as Q + R/D for the first function call A among D's factors that allows it; undefined when none does. */
function divideOut(numerator: Expr, denominator: Expr): Expr | undefined {
  if (denominator.kind !== "add") return undefined;
  const atoms = new Set<Expr>();
  for (const t of denominator.terms) for (const f of factorsOf(t)) atoms.add(baseOf(f));
  // Only function calls: for polynomials in a variable, one fraction reads better than its quotient and remainder.
  for (const a of [...atoms].filter((f) => f.kind === "call").slice(0, 3)) {
    const d = coefficients(denominator, a);
    const n = coefficients(expand(numerator), a);
    if (!d || !n || n.length < d.length || d.length < 2) continue;
    const lead = d[d.length - 1]!;
    const quotient: Expr[] = [];
    const remainder = [...n];
    for (let k = n.length - d.length; k >= 0; k--) {
      const q = div(remainder[k + d.length - 1]!, lead);
      quotient[k] = q;
      d.forEach((dc, i) => (remainder[k + i] = expand(sub(remainder[k + i]!, mul(q, dc)))));
    }
    const power = (k: number) => pow(a, num(k));
    const q = add(...quotient.map((c, k) => mul(c, power(k))));
    const r = add(...remainder.slice(0, d.length - 1).map((c, k) => mul(c, power(k))));
    if (q === ZERO) continue;
    return add(q, mul(r, pow(denominator, MINUS_ONE)));
  }
  return undefined;
}

/** For a product with one sum in the numerator and one sum in the denominator: the sum divided out. */
export function apart(e: Expr): Expr | undefined {
  if (e.kind !== "mul") return undefined;
  const sums = e.factors.filter((f) => f.kind === "add");
  const denominators = e.factors.filter((f) => f.kind === "pow" && f.exponent === MINUS_ONE && f.base.kind === "add");
  if (sums.length !== 1 || denominators.length !== 1) return undefined;
  const [numerator] = sums as [Expr];
  const [denominator] = denominators as [Expr & { base: Expr }];
  const divided = divideOut(numerator, denominator.base);
  if (!divided) return undefined;
  return mul(divided, ...e.factors.filter((f) => f !== numerator && f !== denominator));
}
