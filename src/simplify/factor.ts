/**
 * Common factors of a sum: `3*x^2*cos(x) - 4*x^3*sin(x)` → `x^2*(3*cos(x) - 4*x*sin(x))` (SymPy's factor_terms).
 * A base is common when every term has it with numeric exponents of one sign (the smallest power comes out),
 * or with the very same symbolic exponent. The numeric content comes out with it.
 */
import { add, factorsOf, MINUS_ONE, mul, neg, numericContent, ONE, pow, splitCoefficient } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";
import { type Power, productOf, timesPowers } from "./powers.js";

/** The exponent of `base` among `factors` (1 for the base itself), or undefined when it is not one of them. */
function exponentOf(base: Expr, factors: readonly Expr[]): Expr | undefined {
  for (const f of factors) {
    if (f === base) return ONE;
    if (f.kind === "pow" && f.base === base) return f.exponent;
  }
  return undefined;
}

export function factorTerms(sum: Expr): Expr | undefined {
  if (sum.kind !== "add") return undefined;
  // Only bases of the first term can be common to all; most sums have none, found before anything is built.
  const others = sum.terms.slice(1).map(factorsOf);
  const common: Power[] = [];
  for (const f of factorsOf(sum.terms[0]!)) {
    const base = f.kind === "pow" ? f.base : f;
    let chosen: Expr | undefined = f.kind === "pow" ? f.exponent : ONE;
    for (const factors of others) {
      const theirs = exponentOf(base, factors);
      chosen = theirs && commonExponent(chosen, theirs);
      if (!chosen) break;
    }
    if (chosen) common.push({ base, exponent: chosen });
  }
  if (common.length === 0) return undefined;
  let content = numericContent(sum.terms);
  if (sum.terms.every((t) => splitCoefficient(t)[0].isNegative)) content = content.neg();
  const factor = productOf(common, content);
  // Each term divided by the factor: its exponents lowered where the common bases are.
  const inverse = common.map(({ base, exponent }) => ({ base, exponent: neg(exponent) }));
  const reciprocal = Rational.ONE.div(content);
  return mul(factor, add(...sum.terms.map((t) => timesPowers(t, reciprocal, inverse))));
}

function commonExponent(a: Expr, b: Expr): Expr | undefined {
  if (a === b) return a;
  if (a.kind !== "num" || b.kind !== "num" || a.value.sign() !== b.value.sign()) return undefined;
  const positive = a.value.sign() > 0;
  const pick = (a.value.compare(b.value) < 0) === positive ? a : b;
  return pick.value.equals(Rational.ZERO) ? undefined : pick;
}

/**
 * Factoring by grouping: a sum A*Q + P in which Q and P are multiples of one sum S (Q = a*S, P = b*S) becomes
 * S*(a*A + b). For example -y + y*t + s - s*t = (s - y)*(1 - t), as in the gradient of a tanh layer
 * (t = tanh(u)^2), and a*c + a*d + b*c + b*d = (a + b)*(c + d).
 */
export function factorByGrouping(sum: Expr): Expr | undefined {
  if (sum.kind !== "add" || sum.terms.length < 4) return undefined;
  const atoms = new Map<number, Expr>();
  for (const t of sum.terms) {
    for (const f of factorsOf(t)) atoms.set(f.id, f);
  }
  for (const atom of [...atoms.values()].slice(0, 8)) {
    // The terms with the atom and those without must be multiples of one sum, so as many of each (dividing distinct
    // terms by a common factor keeps them distinct): counted before anything is built, which most atoms fail.
    if (2 * sum.terms.filter((t) => hasFactor(t, atom)).length !== sum.terms.length) continue;
    const inverse = pow(atom, MINUS_ONE);
    const withAtom: Expr[] = [];
    const without: Expr[] = [];
    for (const t of sum.terms) {
      if (hasFactor(t, atom)) withAtom.push(mul(t, inverse));
      else without.push(t);
    }
    const [a, s] = asMultiple(add(...withAtom));
    const [b, r] = asMultiple(add(...without));
    // The common sum keeps the orientation of the terms without the atom, as the sum was written.
    if (s === r) return mul(r, add(mul(a, atom), b));
    if (s === negated(r)) return mul(r, add(neg(mul(a, atom)), b));
  }
  return undefined;
}

function hasFactor(term: Expr, f: Expr): boolean {
  return term === f || (term.kind === "mul" && term.factors.includes(f));
}

/** A sum as factor × sum, with the common factors of its terms in front. */
function asMultiple(e: Expr): [factor: Expr, sum: Expr] {
  const f = factorTerms(e) ?? e;
  const factors = f.kind === "mul" ? f.factors : [f];
  const i = factors.findIndex((x) => x.kind === "add");
  if (i < 0) return [f, ONE];
  return [mul(...factors.filter((_, j) => j !== i)), factors[i]!];
}

/** The sum with every term negated, as its own node (a number times a sum distributes anyway). */
function negated(e: Expr): Expr {
  return e.kind === "add" ? add(...e.terms.map(neg)) : neg(e);
}
