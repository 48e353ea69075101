/**
 * The simplify pass. Bottom-up over the shared expression graph, each node is replaced by the smallest of a few
 * candidate forms (by operation count, see size.ts): the node itself, its expansion, common factors taken out,
 * a common denominator, and Pythagorean rewrites. Results are memoised per node, so simplifying an expression
 * that shares parts with earlier ones (as successive derivatives do) only works on what is new.
 */
import { add, div, isNegative, mul, neg, num, numericContent, ONE, pow, rebuild } from "../ast/build.js";
import { children, type Expr, NodeMemo } from "../ast/expr.js";
import { apart } from "./apart.js";
import { cancel } from "./cancel.js";
import { expand } from "./expand.js";
import { factorByGrouping as groupFactors, factorTerms as commonFactors } from "./factor.js";
import { smaller } from "./size.js";
import { memoized } from "./memo.js";
import { fractions, together as overCommonDenominator } from "./together.js";
import { inSinesAndCosines, pythagorean } from "./trig.js";
import { specialValue } from "./values.js";

const memo = new NodeMemo<Expr>();

// Asked for from several candidate forms and in every round: remember them per node.
const factorTerms = memoized(commonFactors);
const factorByGrouping = memoized(groupFactors);
const together = memoized(overCommonDenominator);
const MAX_ROUNDS = 3;

let computations = 0;
/** How many nodes were simplified rather than found in the memo (a test hook). */
export function simplifyComputations(): number {
  return computations;
}

export function simplify(e: Expr): Expr {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = simplifyNode(e);
    if (next === e) return e;
    e = next;
  }
  return e;
}

function simplifyNode(e: Expr): Expr {
  const known = memo.get(e);
  if (known) return known;
  computations++;
  const kids = children(e);
  let node = e;
  if (kids.length > 0) {
    const simplified = kids.map(simplifyNode);
    if (simplified.some((k, i) => k !== kids[i])) node = rebuild(e, simplified);
  }
  const result = (node.kind === "call" && specialValue(node)) || smallest(node, candidates(node));
  memo.set(e, result);
  return result;
}

function* candidates(e: Expr): Generator<Expr | undefined> {
  switch (e.kind) {
    case "add": {
      const expanded = expand(e);
      const trig = pythagorean(expanded);
      const sinCos = inSinesAndCosines(expanded);
      for (const form of new Set([e, expanded, trig, sinCos, sinCos && pythagorean(sinCos)])) {
        if (!form) continue;
        yield form;
        yield factorTerms(form);
        yield factorByGrouping(form);
        // Over a common denominator the numerator is expanded anyway: the expansion's would be the sum's own. With
        // one fraction among the terms, nothing can cancel (that fraction is simplified already), the rest only grows.
        if ((form !== expanded || expanded === e) && fractions(form) >= 2) yield together(form);
      }
      return;
    }
    case "mul": {
      yield inSinesAndCosines(e);
      // Every candidate below rewrites sums among the factors: without one there is nothing to try.
      if (!e.factors.some(hasSum)) return;
      yield expand(e);
      // Fractions inside factors may cancel against the rest: 1/(y*(x^2/y^2 + 1)) = y/(x^2 + y^2).
      yield mapFactors(e, withCommonDenominator);
      const contentOut = withContentOut(e.factors);
      yield contentOut;
      yield withSignInside(contentOut);
      yield cancel(e);
      yield apart(e);
      const factored = mapFactors(e, withCommonFactors);
      yield factored;
      yield withSignInside(factored ?? e);
      yield withSignOutside(e);
      return;
    }
    case "pow":
      yield expand(e);
      yield withCommonDenominator(e);
      yield withContentOut([e]);
      return;
  }
}

/**
 * The numeric content of sums comes out in front: (1 - x^2/16)^(-1/2) = 4*(16 - x^2)^(-1/2), and
 * (3*x/2 + 1)*y = (3*x + 2)*y/2.
 */
function withContentOut(factors: readonly Expr[]): Expr | undefined {
  let coefficient: Expr = ONE;
  const rest = factors.map((f) => {
    const [sum, exponent] = f.kind === "pow" && f.exponent.kind === "num" ? [f.base, f.exponent] : [f, ONE];
    if (sum.kind !== "add") return f;
    const content = numericContent(sum.terms);
    if (content.isOne) return f;
    const c = num(content);
    coefficient = mul(coefficient, pow(c, exponent));
    return pow(add(...sum.terms.map((t) => div(t, c))), exponent);
  });
  return coefficient === ONE ? undefined : mul(coefficient, ...rest);
}

function hasSum(f: Expr): boolean {
  return f.kind === "add" || (f.kind === "pow" && f.base.kind === "add");
}

/** The product with each factor rewritten, or undefined when no factor changes. */
function mapFactors(e: Expr & { factors: readonly Expr[] }, rewrite: (f: Expr) => Expr): Expr | undefined {
  const factors = e.factors.map(rewrite);
  return factors.some((f, i) => f !== e.factors[i]) ? mul(...factors) : undefined;
}

/** Sums among the factors with their common factors taken out: (4*x^4 - 14*x)*y = 2*x*(2*x^3 - 7)*y. */
function withCommonFactors(e: Expr): Expr {
  if (e.kind === "add") return factorTerms(e) ?? e;
  if (e.kind === "pow" && e.base.kind === "add" && e.exponent.kind === "num" && e.exponent.value.isInteger) {
    const base = factorTerms(e.base);
    if (base) return pow(base, e.exponent);
  }
  return e;
}

/** A negative product takes its sign into a sum factor: -2*x*(7 - 2*x^3) = 2*x*(2*x^3 - 7). */
function withSignInside(e: Expr | undefined): Expr | undefined {
  if (!e || !isNegative(e) || e.kind !== "mul") return undefined;
  const i = e.factors.findIndex((f) => f.kind === "add" && f.terms.some(isNegative)); // never -(a + b) → (-a - b)
  if (i < 0) return undefined;
  return mul(...e.factors.map((f, j) => (j === 0 ? neg(f) : j === i ? neg(f) : f)));
}

/** Sums of negative terms give their signs to the product: (-x - 2)/x^3 = -(x + 2)/x^3. */
function withSignOutside(e: Expr & { factors: readonly Expr[] }): Expr | undefined {
  let flips = 0;
  const factors = e.factors.map((f) => {
    if (f.kind !== "add" || !f.terms.every(isNegative)) return f;
    flips++;
    return add(...f.terms.map(neg));
  });
  return flips === 0 ? undefined : mul(num(flips % 2 === 0 ? 1 : -1), ...factors);
}

/** A sum, or a power of a sum, with the sum over a common denominator. */
function withCommonDenominator(e: Expr): Expr {
  if (e.kind === "add") return together(e) ?? e;
  if (e.kind === "pow" && e.base.kind === "add") {
    const base = together(e.base);
    if (base) return pow(base, e.exponent);
  }
  return e;
}

function smallest(e: Expr, forms: Iterable<Expr | undefined>): Expr {
  let best = e;
  for (const f of forms) if (f && f !== best && (f.kind === "num" || smaller(f, best))) best = f;
  return best;
}
