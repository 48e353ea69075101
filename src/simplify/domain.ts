/**
 * The real domain of candidate forms. A rewrite may replace an expression only by a form that is real wherever the
 * expression is: sinh(x)/sqrt(cosh(x)) is real for every x, sqrt(sinh(x))*sqrt(tanh(x)) only for x ≥ 0.
 *
 * Even roots are where the simplifier's rewrites can lose points: u^(p/q) with q even is real only where u ≥ 0 (odd
 * roots of negative numbers are real, as in `evaluate`), and regrouping powers (u^a/v^a as (u/v)^a, sin/cos as tan,
 * u^a*v^a as (u*v)^a or back) moves even roots onto other bases. The other partial functions (log, asin, division)
 * are only ever carried over from the expression by the rewrites, never brought in.
 */
import { children, deepFirst, type Expr, NodeMemo } from "../ast/expr.js";
import { add, hasEvenDenominator, isNonNegative, mul, num, numericContent, splitCoefficient } from "../ast/build.js";
import { Rational } from "../ast/rational.js";

const NONE: ReadonlySet<Expr> = new Set();
const known = new NodeMemo<ReadonlySet<Expr>>();

/**
 * `u` without a positive numeric factor, which does not change its sign: 1 - x^2/16 and 16 - x^2 are both 16 - x^2,
 * so that the content may come out of a root, (1 - x^2/16)^(-1/2) = 4*(16 - x^2)^(-1/2).
 */
function signPart(u: Expr): Expr {
  if (u.kind === "mul") {
    const [c, rest] = splitCoefficient(u);
    return c.isNegative ? u : rest;
  }
  if (u.kind !== "add") return u;
  const c = numericContent(u.terms);
  return c.isOne ? u : add(...u.terms.map((t) => mul(num(Rational.ONE.div(c)), t)));
}

/**
 * The subexpressions that are ≥ 0 wherever `e` is real, up to positive factors (see `signPart`): the bases of its
 * even roots and the arguments of its logarithms. Memoised per node; nodes without any share one empty set.
 */
function nonNegativeWhereReal(e: Expr): ReadonlySet<Expr> {
  const found = known.get(e);
  if (found) return found;
  deepFirst(e, collect, (n) => known.get(n) !== undefined); // children first: recursion only where shallow
  return known.get(e) ?? collect(e);
}

function collect(e: Expr): ReadonlySet<Expr> {
  let found = NONE;
  for (const c of children(e)) {
    const inner = nonNegativeWhereReal(c);
    if (inner === found || inner.size === 0) continue;
    found = found.size === 0 ? inner : new Set([...found, ...inner]);
  }
  const own = e.kind === "pow" && hasEvenDenominator(e.exponent) ? e.base : e.kind === "call" && e.name === "log" ? e.args[0]! : undefined;
  const part = own && signPart(own);
  if (part && !found.has(part)) found = new Set([...found, part]);
  known.set(e, found);
  return found;
}

/**
 * Quotients and reciprocals of sines and cosines: never negative where the functions they are made of are not
 * (cosh is positive anyway), so that sqrt(sin(x))/sqrt(cos(x)) may become sqrt(tan(x)).
 */
const MADE_OF: Readonly<Record<string, readonly string[]>> = {
  tan: ["sin", "cos"],
  cot: ["cos", "sin"],
  sec: ["cos"],
  csc: ["sin"],
  tanh: ["sinh"],
  coth: ["sinh"],
  csch: ["sinh"],
};

/**
 * Does `form` keep the real domain of `e`: is it real wherever `e` is? Checked for even roots: each base `form` takes
 * an even root of must be provably non-negative wherever `e` is real (non-negative outright, or made of what `e`
 * takes even roots or logarithms of). Sufficient, not necessary: a form it cannot prove is not offered.
 */
export function keepsRealDomain(form: Expr, e: Expr): boolean {
  const needed = nonNegativeWhereReal(form);
  if (needed.size === 0) return true;
  const facts = nonNegativeWhereReal(e);
  const given = (u: Expr): boolean => {
    if (facts.has(signPart(u))) return true;
    if (u.kind !== "call" || !(u.name in MADE_OF)) return false;
    return MADE_OF[u.name]!.every((name) => [...facts].some((f) => f.kind === "call" && f.name === name && f.args[0] === u.args[0]));
  };
  for (const part of needed) if (!facts.has(part) && !isNonNegative(part, given)) return false;
  return true;
}
