/**
 * Common factors of a sum: `3*x^2*cos(x) - 4*x^3*sin(x)` → `x^2*(3*cos(x) - 4*x*sin(x))` (SymPy's factor_terms).
 * A base is common when every term has it with numeric exponents of one sign (the smallest power comes out),
 * or with the very same symbolic exponent. The numeric content comes out with it.
 */
import { add, div, mul, num, pow, splitCoefficient } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { Rational, rationalGcd } from "../ast/rational.js";

type Powers = Map<number, { base: Expr; exponent: Expr }>;

function powersOf(rest: Expr): Powers {
  const map: Powers = new Map();
  for (const f of rest.kind === "mul" ? rest.factors : [rest]) {
    const [base, exponent] = f.kind === "pow" ? [f.base, f.exponent] : [f, num(1)];
    map.set(base.id, { base, exponent });
  }
  return map;
}

export function factorTerms(sum: Expr): Expr | undefined {
  if (sum.kind !== "add") return undefined;
  const split = sum.terms.map(splitCoefficient);
  let content = split[0]![0].abs();
  for (const [c] of split) content = rationalGcd(content, c);
  if (split.every(([c]) => c.isNegative)) content = content.neg();

  const all = split.map(([, rest]) => powersOf(rest));
  const common: Expr[] = [];
  for (const [id, { base, exponent }] of all[0]!) {
    let chosen: Expr | undefined = exponent;
    for (const other of all.slice(1)) {
      const theirs = other.get(id)?.exponent;
      chosen = theirs && chosen ? commonExponent(chosen, theirs) : undefined;
      if (!chosen) break;
    }
    if (chosen) common.push(pow(base, chosen));
  }
  if (common.length === 0) return undefined;
  const factor = mul(num(content), ...common);
  return mul(factor, add(...sum.terms.map((t) => div(t, factor))));
}

function commonExponent(a: Expr, b: Expr): Expr | undefined {
  if (a === b) return a;
  if (a.kind !== "num" || b.kind !== "num" || a.value.sign() !== b.value.sign()) return undefined;
  const positive = a.value.sign() > 0;
  const pick = (a.value.compare(b.value) < 0) === positive ? a : b;
  return pick.value.equals(Rational.ZERO) ? undefined : pick;
}
