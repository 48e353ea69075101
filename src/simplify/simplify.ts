/**
 * The simplify pass. Bottom-up over the shared expression graph, each node is replaced by the smallest of a few
 * candidate forms (by operation count, see size.ts): the node itself, its expansion, common factors taken out,
 * a common denominator, cancelled polynomial factors, signs and content moved, and trigonometric rewrites
 * (trig.ts). Results are memoised per node, so simplifying an expression that shares parts with earlier ones (as
 * successive derivatives do) only works on what is new. Two steps then look at the whole result: functions of 2u
 * written through u where u occurs too, and double angles.
 */
import { add, adopt, call, div, isNegative, mul, neg, num, numericContent, ONE, pow } from "../ast/build.js";
import { deepFirst, type Expr, NodeMemo, sameChildren } from "../ast/expr.js";
import { baseOf } from "../ast/order.js";
import { Rational } from "../ast/rational.js";
import { DepthLimitError, LimitError } from "../errors.js";
import { mapChildren } from "../ast/transform.js";
import { currentOperation, isShort, withWork, WorkLimitError } from "../ast/work.js";
import { apart } from "./apart.js";
import { expansionBound } from "./bound.js";
import { keepsRealDomain } from "./domain.js";
import { cancel } from "./cancel.js";
import { expand } from "./expand.js";
import { factorByGrouping as groupFactors, factorTerms as commonFactors } from "./factor.js";
import { opCount, smaller } from "./size.js";
import { memoized } from "./memo.js";
import { type Bases, mayCombine, together as overCommonDenominator } from "./together.js";
import { asExponentials, asReciprocals, asTangents, inSinesAndCosines, productsToSums, pythagorean, withDoubleAngles, withSingleAngles } from "./trig.js";
import { specialValue } from "./values.js";

/**
 * Simplified forms. Invariant: `memo` (and `finished`) hold only forms found with the full candidate search, so a
 * later call gets the same answer whatever the budget of the call that found it. A form made once the operation's
 * work ran short (candidates skipped, see work.ts) is kept in `rough`, tagged with that operation, and is seen by
 * no other: it is correct (every form is equal to its node), only not searched.
 */
const memo = new NodeMemo<Expr>();
const rough = new NodeMemo<{ readonly operation: number; readonly form: Expr }>();

function known(e: Expr): Expr | undefined {
  const found = memo.get(e);
  if (found !== undefined) return found;
  const r = rough.get(e);
  return r !== undefined && r.operation === currentOperation() ? r.form : undefined;
}

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

const finished = new NodeMemo<Expr>();

export function simplify(e: Expr): Expr {
  const done = finished.get(e);
  if (done !== undefined) return done;
  return withWork("simplification", () => {
    const result = simplifyWhole(adopt(e)); // a node of an older generation: its equal in this one (see ast/expr.ts)
    return isShort() ? result : finished.set(e, result);
  });
}

function simplifyWhole(e: Expr): Expr {
  const simplified = inRounds(e);
  if (isShort()) return simplified;
  // Functions of 2u beside functions of u may cancel once written through u: sin(6*x)/cos(3*x) = 2*sin(3*x). Tried
  // on what was given too, before other rewrites (products to sums) change the angles.
  const smallest = new Smallest(simplified, e);
  for (const form of new Set([e, simplified])) {
    const single = withinDepth(() => withSingleAngles(form), undefined);
    if (single) smallest.consider(inRounds(single));
  }
  return withinDepth(() => withDoubleAngles(smallest.best), smallest.best);
}

/** Node-by-node simplification, repeated while it changes something (a new whole may simplify further). */
function inRounds(e: Expr): Expr {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = simplifyNode(e);
    if (next === e) break;
    e = next;
  }
  return e;
}

function simplifyNode(e: Expr): Expr {
  const found = known(e);
  if (found) return found;
  deepFirst(e, simplifyOne, (n) => known(n) !== undefined); // children first: recursion only where shallow
  return simplifyOne(e);
}

function simplifyOne(e: Expr): Expr {
  const found = known(e);
  if (found) return found;
  computations++;
  let kept = false; // the search kept the rebuilt node as it was
  const result = withinDepth(() => {
    const node = mapChildren(e, simplifyNode);
    if (node.kind === "call") {
      const value = specialValue(node);
      if (value) return value;
    }
    // Simpler parts can make a larger whole: 8*x - 6*x^2 = 2*x*(4 - 3*x), but its square root splits in two factors.
    // Short of work, the node rebuilt from its simplified children is the answer: correct, only not searched.
    if (isShort()) return node;
    const best = withinDepth(() => smallestForm(node, e), node);
    kept = best === node;
    return best;
  }, e);
  if (isShort()) rough.set(e, { operation: currentOperation(), form: result });
  else {
    memo.set(e, result);
    // A node its search kept as it was, over parts that are fixed points, is a fixed point: the next round would
    // search it again only to keep it again. Marked, it is found at once.
    if (kept && result !== e && memo.get(result) === undefined && result.kids.every(isFixedPoint)) memo.set(result, result);
  }
  return result;
}

function isFixedPoint(e: Expr): boolean {
  return memo.get(e) === e;
}

/**
 * `form()`, or `fallback` where a candidate form would nest deeper than MAX_DEPTH (near the limit, expanding a
 * product can add a level): such a form is not a simplification, and the node as it is still is an answer.
 */
function withinDepth<T>(form: () => T, fallback: T): T {
  try {
    return form();
  } catch (error) {
    if (error instanceof DepthLimitError) return fallback;
    throw error;
  }
}

/** The smallest of `e`, its candidate forms (see `candidates`) and `original`, the node `e` was rebuilt from. */
function smallestForm(e: Expr, original: Expr): Expr {
  const smallest = new Smallest(e, original);
  try {
    candidates(e, smallest);
  } catch (error) {
    // A form that needs an exact number past its bound ((x + 10^1000)^5 expanded) is no candidate: `e` itself is
    // made of bounded numbers, and the forms found before stay on offer. A spent work budget ends the operation.
    if (!(error instanceof LimitError) || error instanceof WorkLimitError) throw error;
  }
  smallest.consider(original);
  return smallest.best;
}

/**
 * Keeps the smallest form it is offered (a number beats anything: it is as simple as it gets) among those real
 * wherever the expression it started from is. Every rewrite of the simplifier is offered here, so this is where
 * simplification keeps the real domain: a form that may take an even root of a negative quantity where the
 * expression is real (sinh(x)/sqrt(cosh(x)) as sqrt(sinh(x))*sqrt(tanh(x))) is never chosen.
 */
class Smallest {
  /** `best` is the first form; `reference` the expression whose real domain every form must keep. */
  constructor(
    public best: Expr,
    private readonly reference: Expr = best,
  ) {}

  consider(form: Expr | undefined): void {
    if (form && form !== this.best && (form.kind === "num" || smaller(form, this.best)) && keepsRealDomain(form, this.reference)) this.best = form;
  }
}

/** Offers every candidate form of `e` to `smallest`. */
function candidates(e: Expr, smallest: Smallest): void {
  switch (e.kind) {
    case "add": {
      const expanded = expand(e);
      const trig = pythagorean(expanded);
      const sinCos = inSinesAndCosines(expanded);
      const forms = [e, expanded, trig, sinCos, sinCos && pythagorean(sinCos), productsToSums(expanded), asExponentials(expanded)];
      for (let i = 0; i < forms.length; i++) {
        const form = forms[i];
        if (!form || forms.indexOf(form) < i) continue; // each form once
        smallest.consider(form);
        const factored = factorTerms(form);
        smallest.consider(factored);
        // The content may read better inside: x^3*(6*x*cos(6*x) + 4*sin(6*x)), not 2*x^3*(3*x*cos(6*x) + 2*sin(6*x)).
        if (factored?.kind === "mul") for (const f of withCoefficientInside(factored)) smallest.consider(f);
        smallest.consider(factorByGrouping(form));
        // Over a common denominator the numerator is expanded anyway: the expansion's would be the sum's own.
        if ((form !== expanded || expanded === e) && mayCombine(form)) smallest.consider(together(form));
      }
      return;
    }
    case "mul": {
      const sinCos = inSinesAndCosines(e);
      smallest.consider(sinCos);
      for (const form of asTangents(e)) smallest.consider(form);
      // Only when fewer operations: sin(6*x)/cos(3*x) stays as written rather than becoming sec(3*x)*sin(6*x).
      for (const form of [asReciprocals(e), sinCos && asReciprocals(sinCos)]) if (form && opCount(form) < opCount(e)) smallest.consider(form);
      smallest.consider(withSigns(e.factors));
      // Every candidate below rewrites sums among the factors: without one there is nothing to try.
      if (!e.factors.some(hasSum)) return;
      if (expansionBound(e) <= opCount(smallest.best)) smallest.consider(expand(e));
      // Fractions inside factors may cancel against the rest: 1/(y*(x^2/y^2 + 1)) = y/(x^2 + y^2).
      const bases = basesOf(e.factors);
      smallest.consider(mapFactors(e, (f) => withCommonDenominator(f, bases)));
      const contentOut = withContentOut(e.factors);
      smallest.consider(contentOut);
      smallest.consider(withSignInside(contentOut));
      smallest.consider(cancel(e));
      smallest.consider(apart(e));
      const factored = mapFactors(e, withCommonFactors);
      smallest.consider(factored);
      smallest.consider(withSignInside(factored ?? e));
      smallest.consider(withSignOutside(e.factors));
      // Both: (-2*x - 4)*(-2*x^2 - 8*x - 12) = 4*(x + 2)*(x^2 + 4*x + 6).
      if (contentOut?.kind === "mul") smallest.consider(withSignOutside(contentOut.factors));
      for (const form of withCoefficientInside(e)) smallest.consider(form);
      return;
    }
    case "pow":
      smallest.consider(expand(e));
      smallest.consider(withSignOutside([e]));
      smallest.consider(withCommonDenominator(e));
      smallest.consider(withContentOut([e]));
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

/** The bases of `factors`, as a set made on first use: most sums among them have no fraction to cancel. */
function basesOf(factors: readonly Expr[]): Bases {
  let bases: Set<Expr> | undefined;
  return { has: (base) => (bases ??= new Set(factors.map(baseOf))).has(base) };
}

function isAbs(f: Expr): boolean {
  return f.kind === "call" && f.name === "abs";
}

function hasSum(f: Expr): boolean {
  return f.kind === "add" || (f.kind === "pow" && f.base.kind === "add");
}

/**
 * Powers of |u| and u beside each other, through |u| alone or sign(u), for an odd a and an integer b:
 * |u|^a*u^b = |u|^(a + b) for an even b (x^2/|x| = |x|), and = sign(u)*u^(a + b) for an odd b, since then
 * |u|^a*u^b = |u|^(a + b)*sign(u)^b (|x|/x = sign(x), |x|^3/x^5 = sign(x)/x^2; taken for a > 0 > b only: otherwise the
 * product is one already, or its constructor writes sign(u)*u^k back). Undefined when the product has no such pair.
 */
function withSigns(factors: readonly Expr[]): Expr | undefined {
  if (!factors.some((f) => isAbs(f.kind === "pow" ? f.base : f))) return undefined; // no copy of long products
  const out = [...factors];
  let changed = false;
  for (let i = 0; i < out.length; i++) {
    const f = out[i]!;
    const [absolute, a] = f.kind === "pow" && f.exponent.kind === "num" ? [f.base, f.exponent.value] : [f, Rational.ONE];
    if (absolute.kind !== "call" || absolute.name !== "abs" || !a.isInteger || a.num % 2n === 0n) continue;
    const u = absolute.args[0]!;
    const j = out.findIndex((g) => g.kind === "pow" && g.base === u && g.exponent.kind === "num" && g.exponent.value.isInteger);
    const b = j >= 0 ? (out[j] as Expr & { exponent: Expr & { value: Rational } }).exponent.value : Rational.ONE;
    const even = b.num % 2n === 0n;
    if (!even && (a.isNegative || !b.isNegative)) continue;
    out[i] = even ? pow(absolute, num(a.add(b))) : call("sign", [u]);
    out[j] = even ? ONE : pow(u, num(a.add(b)));
    changed = true;
  }
  return changed ? mul(...out) : undefined;
}

/** The product with each factor rewritten, or undefined when no factor changes. */
function mapFactors(e: Expr & { factors: readonly Expr[] }, rewrite: (f: Expr) => Expr): Expr | undefined {
  const factors = e.factors.map(rewrite);
  return sameChildren(factors, e.factors) ? undefined : mul(...factors);
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

/**
 * A negative product takes its sign into a sum factor, or into the base of an odd power of one:
 * -2*x*(7 - 2*x^3) = 2*x*(2*x^3 - 7) and -9/(4 - 9*x) = 9/(9*x - 4).
 */
function withSignInside(e: Expr | undefined): Expr | undefined {
  if (!e || !isNegative(e) || e.kind !== "mul") return undefined;
  // never -(a + b) → (-a - b)
  const i = e.factors.findIndex((f) => {
    const [sum, exponent] = asPowerOfSum(f);
    return sum !== undefined && isOdd(exponent) && sum.terms.some(isNegative);
  });
  if (i < 0) return undefined;
  return mul(...e.factors.map((f, j) => (j === 0 ? neg(f) : j === i ? withSumNegated(f) : f)));
}

/** A sum, or an integer power of one, as [sum, exponent]; [undefined, 1] for anything else. */
function asPowerOfSum(f: Expr): readonly [(Expr & { terms: readonly Expr[] }) | undefined, Rational] {
  if (f.kind === "add") return [f, Rational.ONE];
  if (f.kind === "pow" && f.base.kind === "add" && f.exponent.kind === "num" && f.exponent.value.isInteger) return [f.base, f.exponent.value];
  return NO_SUM; // one pair for every other factor: products are long
}
const NO_SUM = [undefined, Rational.ONE] as const;

function isOdd(q: Rational): boolean {
  return q.num % 2n !== 0n;
}

/** (a + b)^k with the sum's terms negated: (-a - b)^k. */
function withSumNegated(f: Expr): Expr {
  const [sum, exponent] = asPowerOfSum(f);
  return pow(add(...sum!.terms.map(neg)), num(exponent));
}

/** The numeric coefficient multiplied into one sum factor, each in turn: 2*x^2*(14*x - 3) = x^2*(28*x - 6). */
function withCoefficientInside(e: Expr & { factors: readonly Expr[] }): Expr[] {
  const [coefficient] = e.factors;
  if (coefficient?.kind !== "num") return [];
  const forms: Expr[] = [];
  e.factors.forEach((f, i) => {
    if (f.kind !== "add") return;
    forms.push(mul(...e.factors.filter((_, j) => j !== 0 && j !== i), add(...f.terms.map((t) => mul(coefficient, t)))));
  });
  return forms;
}

/**
 * Sums of negative terms among the factors give their signs to the product, powers of them when the power is odd:
 * (-x - 2)/x^3 = -(x + 2)/x^3, -1/(-x - 1) = 1/(x + 1) and 1/(-3*x - 1)^2 = 1/(3*x + 1)^2.
 */
function withSignOutside(factors: readonly Expr[]): Expr | undefined {
  let negative = false;
  let changed = false;
  const rewritten = factors.map((f) => {
    const [sum, exponent] = asPowerOfSum(f);
    if (!sum?.terms.every(isNegative)) return f;
    changed = true;
    if (isOdd(exponent)) negative = !negative;
    return withSumNegated(f);
  });
  return changed ? mul(num(negative ? -1 : 1), ...rewritten) : undefined;
}

/**
 * A sum, or a power of a sum, with the sum over a common denominator, where that may cancel something (see
 * `mayCombine`; `besides` are the bases of the factors beside it in a product) or turn its denominators into
 * numerators: 1/(1 + 1/x) = x/(x + 1).
 */
function withCommonDenominator(e: Expr, besides?: Bases): Expr {
  if (e.kind === "add") return (mayCombine(e, besides) && together(e)) || e;
  if (e.kind === "pow" && e.base.kind === "add" && (isNegative(e.exponent) || mayCombine(e.base, besides))) {
    const base = together(e.base);
    if (base) return pow(base, e.exponent);
  }
  return e;
}
