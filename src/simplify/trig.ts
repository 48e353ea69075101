/**
 * Trigonometric and hyperbolic rewrites, each offered to the simplifier as a candidate form:
 *
 * - Pythagorean identities: sin²u + cos²u = 1, cosh²u − sinh²u = 1 and 1 − tanh²u = 1/cosh²u. For each argument u
 *   squared in a sum, try writing every even power of one function through the other, expand, and keep whatever is
 *   smaller.
 * - cosh(u) ± sinh(u) as exp(±u).
 * - tan, sec, csc, cot (and their hyperbolic kin) through sin and cos; quotients of sines and cosines as tangents;
 *   negative powers of sines and cosines as cosecants and secants.
 * - Double angles, as a last step over the whole expression.
 */
import { add, call, mul, neg, num, ONE, pow, sub } from "../ast/build.js";
import { type Call, children, deepFirst, type Expr, NodeMemo, nodesOf, type Pow } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";
import { postwalk } from "../ast/transform.js";
import { expand } from "./expand.js";
import { isDenominator } from "./powers.js";
import { smaller } from "./size.js";

const PAIRS: readonly (readonly [string, string, (square: Expr) => Expr])[] = [
  ["cos", "sin", (s) => sub(ONE, s)], // cos² = 1 − sin²
  ["sin", "cos", (c) => sub(ONE, c)], // sin² = 1 − cos²
  ["cosh", "sinh", (s) => add(ONE, s)], // cosh² = 1 + sinh²
  ["sinh", "cosh", (c) => sub(c, ONE)], // sinh² = cosh² − 1
  ["tanh", "cosh", (c) => sub(ONE, pow(c, num(-1)))], // tanh² = 1 − 1/cosh²
];

/**
 * The powers sin(u)^k, cos(u)^k, ... (k >= 2) that occur as factors of the sum's terms, as the calls sin(u), cos(u).
 * Squares deeper inside are found when the simplifier reaches the sums that hold them.
 */
function squaredCalls(sum: Expr & { terms: readonly Expr[] }): Map<Expr, Expr> {
  const found = new Map<Expr, Expr>(); // call → its argument
  for (const term of sum.terms) {
    for (const f of term.kind === "mul" ? term.factors : [term]) {
      if (f.kind !== "pow" || f.exponent.kind !== "num" || !f.exponent.value.isInteger || f.exponent.value.num < 2n) continue;
      const base = f.base;
      if (base.kind === "call" && PAIRS.some(([from]) => from === base.name)) found.set(base, base.args[0]!);
    }
  }
  return found;
}

export function pythagorean(sum: Expr): Expr | undefined {
  if (sum.kind !== "add") return undefined;
  let best: Expr | undefined;
  const squared = squaredCalls(sum);
  const args = [...new Set(squared.values())].slice(0, 3);
  for (const u of args) {
    for (const [from, to, rewrite] of PAIRS) {
      const target = call(from, [u]);
      // Only even powers of `from` are rewritten: without one, the rewrite would give back the sum itself.
      if (!squared.has(target)) continue;
      const square = pow(call(to, [u]), num(2));
      const rewritten = postwalk(sum, (node) => {
        if (node.kind !== "pow" || node.base !== target || node.exponent.kind !== "num" || !node.exponent.value.isInteger) return undefined;
        const k = node.exponent.value.num;
        if (k < 2n) return undefined;
        return mul(pow(target, num(k % 2n)), pow(rewrite(square), num(k / 2n)));
      });
      const candidate = expand(rewritten);
      if (smaller(candidate, best ?? sum)) best = candidate;
    }
  }
  return best;
}

/**
 * cosh(u) + sinh(u) = exp(u) and cosh(u) - sinh(u) = exp(-u), for pairs of terms alike but for those factors:
 * (cosh(x) + sinh(x))*exp(x) = exp(2*x). Undefined when the sum has no such pair.
 */
export function asExponentials(sum: Expr): Expr | undefined {
  if (sum.kind !== "add") return undefined;
  const terms = new Set(sum.terms);
  let changed = false;
  for (const t of sum.terms) {
    const factors = t.kind === "mul" ? t.factors : [t];
    const cosh = factors.find((f): f is Call => f.kind === "call" && f.name === "cosh");
    if (!cosh || !terms.has(t)) continue;
    const u = cosh.args[0]!;
    const rest = mul(...factors.filter((f) => f !== cosh));
    const withSinh = mul(rest, call("sinh", [u]));
    for (const [partner, exponent] of [[withSinh, u], [neg(withSinh), neg(u)]] as const) {
      if (!terms.has(partner)) continue;
      terms.delete(t);
      terms.delete(partner);
      terms.add(mul(rest, call("exp", [exponent])));
      changed = true;
      break;
    }
  }
  return changed ? add(...terms) : undefined;
}

/**
 * tan, sec, csc and cot in terms of sin and cos (what lets sin(x)*cos(x)*tan(x) become sin(x)^2), and sech, csch and
 * coth in terms of sinh and cosh.
 */
const IN_SINES_AND_COSINES: Readonly<Record<string, (u: Expr) => Expr>> = {
  tan: (u) => mul(call("sin", [u]), pow(call("cos", [u]), num(-1))),
  sec: (u) => pow(call("cos", [u]), num(-1)),
  csc: (u) => pow(call("sin", [u]), num(-1)),
  cot: (u) => mul(call("cos", [u]), pow(call("sin", [u]), num(-1))),
  sech: (u) => pow(call("cosh", [u]), num(-1)),
  csch: (u) => pow(call("sinh", [u]), num(-1)),
  coth: (u) => mul(call("cosh", [u]), pow(call("sinh", [u]), num(-1))),
};

/** A test whether an expression calls any of the functions `names`, memoised per node. */
function callsAnyOf(names: readonly string[]): (e: Expr) => boolean {
  const memo = new NodeMemo<boolean>();
  const test = (e: Expr): boolean => {
    let found = memo.get(e);
    if (found === undefined) {
      found = (e.kind === "call" && names.includes(e.name)) || children(e).some(test);
      memo.set(e, found);
    }
    return found;
  };
  // Children first on deep input, so that `test` recurses only where it is shallow.
  return (e) => {
    if (memo.get(e) === undefined) deepFirst(e, test, (n) => memo.get(n) !== undefined);
    return test(e);
  };
}

const hasReciprocal = callsAnyOf(Object.keys(IN_SINES_AND_COSINES));

/** `e` with tan, sec, ... written through sin and cos, sinh and cosh (expanded if a sum); undefined if it has none. */
export function inSinesAndCosines(e: Expr): Expr | undefined {
  if (!hasReciprocal(e)) return undefined;
  const rewritten = postwalk(e, (node) => (node.kind === "call" && node.name in IN_SINES_AND_COSINES ? IN_SINES_AND_COSINES[node.name]!(node.args[0]!) : undefined));
  return e.kind === "add" ? expand(rewritten) : rewritten;
}

/** A factor as base and numeric exponent: sin(x)^2 → [sin(x), 2], sin(x) → [sin(x), 1]. */
function asPower(f: Expr): [Expr, Rational] | undefined {
  if (f.kind === "pow") return f.exponent.kind === "num" ? [f.base, f.exponent.value] : undefined;
  return [f, Rational.ONE];
}

/** The exponent of the call name(u) among the factors, with the factor that holds it. */
function findCall(factors: readonly Expr[], name: string, u: Expr): { factor: Expr; exponent: Rational } | undefined {
  const target = call(name, [u]);
  for (const factor of factors) {
    const p = asPower(factor);
    if (p && p[0] === target) return { factor, exponent: p[1] };
  }
  return undefined;
}

/** The calls name(u) that are factors (or numeric powers of factors) of a product (no pairs made: products are long). */
function callsAmong(factors: readonly Expr[], name: string): Expr[] {
  const found: Expr[] = [];
  for (const f of factors) {
    const base = f.kind !== "pow" ? f : f.exponent.kind === "num" ? f.base : undefined;
    if (base?.kind === "call" && base.name === name) found.push(base.args[0]!);
  }
  return found;
}

/** sin(u)/cos(u) = tan(u), cos(u)/sin(u) = cot(u), sinh(u)/cosh(u) = tanh(u), cosh(u)/sinh(u) = coth(u). */
const QUOTIENTS: readonly (readonly [string, string, string])[] = [
  ["sin", "cos", "tan"],
  ["cos", "sin", "cot"],
  ["sinh", "cosh", "tanh"],
  ["cosh", "sinh", "coth"],
];

/**
 * A product with quotients of sines and cosines of one argument written as tangents: sin(x)/cos(x) = tan(x),
 * cos(x)^2/sin(x)^3 = cot(x)^2/sin(x); empty when there is none. Two forms when the quotient's power is fractional:
 * with it (sqrt(sin(x))/sqrt(cos(x)) = sqrt(tan(x))) and with its whole part only (sin(x)/sqrt(cos(x)) stays as it
 * is): a fractional power of tan(x) is an even root of what may be negative where sin(x)/sqrt(cos(x)) is real, and
 * the simplifier takes only forms that keep the real domain (see domain.ts).
 */
export function asTangents(e: Expr): Expr[] {
  // A quotient needs a sine or cosine (or sinh, cosh) over another: most products have none, and are done at once.
  if (e.kind !== "mul" || !hasQuotientParts(e.factors)) return [];
  const forms = [tangents(e.factors, false), tangents(e.factors, true)].filter((f): f is Expr => f !== undefined);
  return forms[0] === forms[1] ? [forms[0]!] : forms;
}

/** Has the product a positive and a negative power of sin, cos, sinh or cosh (of any arguments)? */
function hasQuotientParts(factors: readonly Expr[]): boolean {
  let above = false;
  let below = false;
  for (const f of factors) {
    const base = f.kind === "pow" ? f.base : f;
    if (base.kind !== "call" || !QUOTIENT_PARTS.has(base.name)) continue;
    const exponent = f.kind === "pow" ? f.exponent : undefined;
    if (exponent === undefined || (exponent.kind === "num" && !exponent.value.isNegative)) above = true;
    else if (exponent.kind === "num") below = true;
  }
  return above && below;
}

const QUOTIENT_PARTS: ReadonlySet<string> = new Set(["sin", "cos", "sinh", "cosh"]);

function tangents(original: readonly Expr[], whole: boolean): Expr | undefined {
  let factors = original;
  let changed = false;
  for (const [top, bottom, quotient] of QUOTIENTS) {
    for (const u of callsAmong(factors, top)) {
      const t = findCall(factors, top, u);
      const b = findCall(factors, bottom, u);
      if (!t || !b || t.exponent.sign() <= 0 || !b.exponent.isNegative) continue;
      const least = t.exponent.compare(b.exponent.neg()) < 0 ? t.exponent : b.exponent.neg();
      const m = whole ? Rational.of(least.floor()) : least;
      if (m.isZero) continue;
      factors = [
        ...factors.filter((f) => f !== t.factor && f !== b.factor),
        pow(call(top, [u]), num(t.exponent.sub(m))),
        pow(call(bottom, [u]), num(b.exponent.add(m))),
        pow(call(quotient, [u]), num(m)),
      ];
      changed = true;
    }
  }
  return changed ? mul(...factors) : undefined;
}

/** 1/sin(u) = csc(u), 1/cos(u) = sec(u), and the hyperbolic ones. */
const RECIPROCAL_NAMES: Readonly<Record<string, string>> = { sin: "csc", cos: "sec", sinh: "csch", cosh: "sech" };

/**
 * A product with negative powers of sines and cosines written as cosecants and secants: 1/(sin(x)*cos(x)) =
 * csc(x)*sec(x). Undefined when there is none.
 */
export function asReciprocals(e: Expr): Expr | undefined {
  if (e.kind !== "mul") return undefined;
  let changed = false;
  const factors = e.factors.map((f) => {
    if (!isDenominator(f) || f.base.kind !== "call" || !(f.base.name in RECIPROCAL_NAMES)) return f;
    changed = true;
    return pow(call(RECIPROCAL_NAMES[f.base.name]!, f.base.args), num(f.exponent.value.neg()));
  });
  return changed ? mul(...factors) : undefined;
}

/**
 * Products of a sine or cosine of a with one of b (a different angle), or of their hyperbolic kin, as sums, term by
 * term, expanded:
 * 2*cos(2*x)*cos(7*x) + 7*sin(2*x)*sin(7*x) = 9*cos(5*x)/2 - 5*cos(9*x)/2. Undefined when no term has such a pair.
 */
export function productsToSums(sum: Expr): Expr | undefined {
  return sum.kind === "add" ? withTermsRewritten(sum, productToSum) : undefined;
}

/** The sum with `rewrite` applied to each term it has a form for, expanded; undefined when it has none for any. */
function withTermsRewritten(sum: Expr & { terms: readonly Expr[] }, rewrite: (term: Expr) => Expr | undefined): Expr | undefined {
  let changed = false;
  const terms = sum.terms.map((term) => {
    const rewritten = rewrite(term);
    if (rewritten) changed = true;
    return rewritten ?? term;
  });
  return changed ? expand(add(...terms)) : undefined;
}

/** The sines and cosines, circular and hyperbolic. */
const SINES_AND_COSINES: readonly string[] = ["sin", "cos", "sinh", "cosh"];

/**
 * f(a)*g(b) as a sum of functions of a + b and a - b (twice the product): sin(a)*cos(b) = (sin(a + b) + sin(a - b))/2,
 * sin(a)*sin(b) = (cos(a - b) - cos(a + b))/2, and the like for cos*cos, cos*sin and the hyperbolic pairs.
 */
const PRODUCT_TO_SUM: Readonly<Record<string, (plus: Expr, minus: Expr) => Expr>> = {
  "sin*sin": (p, m) => sub(call("cos", [m]), call("cos", [p])),
  "cos*cos": (p, m) => add(call("cos", [m]), call("cos", [p])),
  "sin*cos": (p, m) => add(call("sin", [p]), call("sin", [m])),
  "cos*sin": (p, m) => sub(call("sin", [p]), call("sin", [m])),
  "sinh*sinh": (p, m) => sub(call("cosh", [p]), call("cosh", [m])),
  "cosh*cosh": (p, m) => add(call("cosh", [p]), call("cosh", [m])),
  "sinh*cosh": (p, m) => add(call("sinh", [p]), call("sinh", [m])),
  "cosh*sinh": (p, m) => sub(call("sinh", [p]), call("sinh", [m])),
};

/** A term's two factors f(a)*g(b) (see PRODUCT_TO_SUM, a and b different) as a sum; undefined without such a pair. */
function productToSum(term: Expr): Expr | undefined {
  if (term.kind !== "mul") return undefined;
  const pair = term.factors.filter((f): f is Call => f.kind === "call" && SINES_AND_COSINES.includes(f.name));
  if (pair.length !== 2) return undefined;
  const [f, g] = pair as [Call, Call];
  const [a, b] = [f.args[0]!, g.args[0]!];
  const rewrite = PRODUCT_TO_SUM[`${f.name}*${g.name}`];
  if (!rewrite || a === b) return undefined;
  return mul(num(Rational.HALF), rewrite(add(a, b), sub(a, b)), ...term.factors.filter((x) => x !== f && x !== g));
}

/** sin(2u), cos(2u) and the hyperbolic ones through functions of u. */
const OF_DOUBLE_ANGLE: Readonly<Record<string, (u: Expr) => Expr>> = {
  sin: (u) => mul(num(2), call("sin", [u]), call("cos", [u])),
  cos: (u) => sub(pow(call("cos", [u]), num(2)), pow(call("sin", [u]), num(2))),
  sinh: (u) => mul(num(2), call("sinh", [u]), call("cosh", [u])),
  cosh: (u) => add(pow(call("cosh", [u]), num(2)), pow(call("sinh", [u]), num(2))),
};

/**
 * `e` with sines and cosines of 2u written through u wherever functions of u occur too, or undefined when no
 * argument is twice another: what lets sin(6*x)/cos(3*x) become 2*sin(3*x).
 */
export function withSingleAngles(e: Expr): Expr | undefined {
  if (!hasSineOrCosine(e)) return undefined;
  const args = new Set<Expr>();
  for (const node of nodesOf(e)) if (node.kind === "call" && node.name in OF_DOUBLE_ANGLE) args.add(node.args[0]!);
  if (args.size < 2) return undefined; // one angle: nothing to pair (and nothing built to find out)
  const halves = new Map<Expr, Expr>(); // 2u → u
  for (const u of args) {
    const twice = mul(num(2), u);
    if (args.has(twice)) halves.set(twice, u);
  }
  if (halves.size === 0) return undefined;
  return postwalk(e, (node) => {
    const u = node.kind === "call" && node.name in OF_DOUBLE_ANGLE ? halves.get(node.args[0]!) : undefined;
    return u && OF_DOUBLE_ANGLE[(node as Call).name]!(u);
  });
}

/** sin(u)*cos(u) = sin(2u)/2 and sinh(u)*cosh(u) = sinh(2u)/2. */
const DOUBLE_ANGLES: readonly (readonly [string, string])[] = [
  ["sin", "cos"],
  ["sinh", "cosh"],
];

/**
 * Double angles, the last step of simplification: 2*sin(x)*cos(x) = sin(2*x), cos(x)^2 - sin(x)^2 = cos(2*x).
 * Each product and sum takes the double-angle form where it is smaller, and the whole is kept only if no function of
 * the single angle is left beside it: sin(2*x) alone is simpler, but sin(2*x) beside sin(x) mixes two angles, which
 * later derivatives multiply. (So this looks at the whole expression, not node by node as the other rewrites do.)
 */
export function withDoubleAngles(e: Expr): Expr {
  let known = doubledMemo.get(e);
  if (known === undefined && !hasSineOrCosine(e)) known = e;
  if (known === undefined) {
    const angles = new Set<Expr>();
    const rewritten = postwalk(e, (node) => {
      const form = node.kind === "mul" ? doubleAngleProduct(node, angles) : node.kind === "add" ? doubleAngleSum(node, angles) : undefined;
      return form && smaller(form, node) ? form : undefined;
    });
    // Doubled angles may double again: sin(2*x)*cos(2*x) = sin(4*x)/2. Each step is smaller, so this ends.
    known = rewritten !== e && keepsOneAngle(rewritten, [...angles]) ? withDoubleAngles(rewritten) : e;
    doubledMemo.set(e, known);
  }
  return known;
}

const doubledMemo = new NodeMemo<Expr>();
const hasSineOrCosine = callsAnyOf(SINES_AND_COSINES);

/**
 * sin(u)^k*cos(u)^k as sin(2u)^k/2^k (and the hyperbolic pair). It keeps the real domain (this step does not go
 * through the simplifier's check): for an even root k, sin(u)^k*cos(u)^k is real only where both are ≥ 0, and
 * sin(2u) ≥ 0 there.
 */
function doubleAngleProduct(e: Expr & { factors: readonly Expr[] }, angles: Set<Expr>): Expr | undefined {
  for (const [odd, even] of DOUBLE_ANGLES) {
    for (const u of callsAmong(e.factors, odd)) {
      const s = findCall(e.factors, odd, u)!;
      const c = findCall(e.factors, even, u);
      if (!c || !c.exponent.equals(s.exponent)) continue;
      angles.add(u);
      const k = num(s.exponent);
      const rest = e.factors.filter((f) => f !== s.factor && f !== c.factor);
      return mul(...rest, pow(call(odd, [mul(num(2), u)]), k), pow(num(2), neg(k)));
    }
  }
  return undefined;
}

/** Squares through the double angle: sin²u = (1 − cos 2u)/2, cos²u = (1 + cos 2u)/2, and the hyperbolic ones. */
const HALF_ANGLE_SQUARES: Readonly<Record<string, (u: Expr) => Expr>> = {
  sin: (u) => sub(ONE, call("cos", [mul(num(2), u)])),
  cos: (u) => add(ONE, call("cos", [mul(num(2), u)])),
  sinh: (u) => sub(call("cosh", [mul(num(2), u)]), ONE),
  cosh: (u) => add(call("cosh", [mul(num(2), u)]), ONE),
};

/**
 * A sum with double angles in its terms, expanded: products of a sine and a cosine (see `doubleAngleProduct`) and
 * squares, so that x - 2*x*sin(x)^2 + sin(x)*cos(x) = x*cos(2*x) + sin(2*x)/2.
 */
function doubleAngleSum(sum: Expr & { terms: readonly Expr[] }, angles: Set<Expr>): Expr | undefined {
  return withTermsRewritten(sum, (original) => {
    const paired = original.kind === "mul" ? doubleAngleProduct(original, angles) : undefined;
    const term = paired ?? original;
    const factors = term.kind === "mul" ? term.factors : [term];
    if (!factors.some(isHalfAngleSquare)) return paired;
    return mul(
      ...factors.map((f) => {
        if (!isHalfAngleSquare(f)) return f;
        angles.add(f.base.args[0]!);
        return mul(HALF_ANGLE_SQUARES[f.base.name]!(f.base.args[0]!), num(Rational.HALF));
      }),
    );
  });
}

const TWO = Rational.of(2);

function isHalfAngleSquare(f: Expr): f is Pow & { base: Call } {
  return f.kind === "pow" && f.base.kind === "call" && f.base.name in HALF_ANGLE_SQUARES && f.exponent.kind === "num" && f.exponent.value.equals(TWO);
}

const FAMILIES = [
  ["sin", "cos", "tan", "sec", "csc", "cot"],
  ["sinh", "cosh", "tanh", "sech", "csch", "coth"],
];

/** Does `e` leave no trigonometric or hyperbolic function of the angles `us` behind? */
function keepsOneAngle(e: Expr, us: readonly Expr[]): boolean {
  const single = new Set(us.flatMap((u) => FAMILIES.flat().map((name) => call(name, [u]))));
  return ![...nodesOf(e)].some((node) => single.has(node));
}
