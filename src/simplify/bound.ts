/**
 * A lower bound on the operations of a product's expansion, found without expanding it: the simplifier skips an
 * expansion that cannot beat the best form so far. A hessian entry is a product of hundreds of factors times one sum
 * (exp(P)*P/(x*y)*(P + 1)); multiplying it out makes products as large once per term, to be thrown away.
 *
 * Decided for the common case only: one sum among the factors (so like terms cannot collect, see below), and
 * every other factor left as it is by `expand`. Then the expansion is the sum of R*t over the sum's terms t, R the
 * other factors. A factor of R keeps its base in R*t when t has no factor on that base, or when both are powers of
 * the same variable with numeric exponents of one sign (x^a*x^b = x^(a + b), never 1). Where every shared base is
 * such a variable, nothing recombines (no power turns into another base) and the terms R*t keep distinct rests
 * (the exponent on each variable is a + b, one for each b): no like terms collect, each term counts.
 */
import { type Expr } from "../ast/expr.js";
import { baseOf } from "../ast/order.js";
import { expand } from "./expand.js";
import { opCount } from "./size.js";

/** A lower bound on opCount(expand(e)); 0 where none is known. */
export function expansionBound(e: Expr & { factors: readonly Expr[] }): number {
  let sum: Expr | undefined;
  for (const f of e.factors) {
    if (keptByExpand(f)) continue;
    if (sum !== undefined) return 0;
    sum = f;
  }
  if (sum?.kind !== "add" || expand(sum) !== sum) return 0;
  // The factors of R by key: x^n for a variable x and an integer n > 0 (most factors: shared bases keep them and add
  // nothing inside; their set is made only if a term has a factor it must be looked up for) apart from the rest.
  const variables: number[] = [];
  let variableSet: Set<number> | undefined;
  const isVariable = (k: number) => (variableSet ??= new Set(variables)).has(k);
  const others = new Map<number, Expr>();
  let othersOnVariables = 0; // those of `others` on a variable: the only ones x^a (a > 0) in a term may meet
  let inside = 0; // what the factors of R add at least to a product they all stay in (see `least`)
  for (const f of e.factors) {
    if (f === sum || f.kind === "num") continue;
    if (!mayStay(f)) return 0;
    if (variableSign(f) === 1 && least(f) === 0) variables.push(key(f));
    else {
      others.set(key(f), f);
      if (baseOf(f).kind === "sym") othersOnVariables++;
    }
    inside += least(f);
  }
  const factors = variables.length + others.size;
  let bound = sum.terms.length - 1; // the additions or subtractions between the terms
  for (const t of sum.terms) {
    let lost = 0;
    for (const g of t.kind === "mul" ? t.factors : [t]) {
      if (g.kind === "num") continue;
      const sign = variableSign(g);
      // x^a*x^b for a, b of one sign keeps x, counted as a factor without the operations x^a had inside.
      if (sign === 1 && othersOnVariables === 0) continue;
      if (!mayStay(g)) return 0;
      const k = key(g);
      const f = others.get(k);
      if (f !== undefined && sign !== 0 && variableSign(f) === sign) lost += least(f);
      else if (f !== undefined || (sign !== 1 && isVariable(k))) return 0;
    }
    // A product of n factors takes n - 1 operations to join, plus those inside; the term's sign may be the sum's.
    bound += Math.max(factors - 1, 0) + inside - lost - 1;
  }
  return bound;
}

/** Factors `expand` returns as they are: no sum to distribute inside. */
function keptByExpand(f: Expr): boolean {
  if (f.kind === "pow") return f.base.kind === "sym" || f.base.kind === "const" || f.base.kind === "call";
  return f.kind !== "add" && f.kind !== "mul";
}

/** What a factor combines on in a product (as `mul` sees it): its base, and all exponentials on one (key 0). */
function key(f: Expr): number {
  return f.kind === "call" && f.name === "exp" ? 0 : baseOf(f).id;
}

/**
 * Factors that meet others only on their key: not sign(u) (it meets u and |u|), nor powers of numbers (they may
 * meet the coefficient).
 */
function mayStay(f: Expr): boolean {
  if (f.kind === "call") return f.name !== "sign";
  return f.kind !== "pow" || f.base.kind !== "num";
}

/** 1 for x^a with a variable x and a number a > 0 (x itself too), -1 for one with a < 0, 0 for other factors. */
function variableSign(f: Expr): number {
  if (f.kind === "sym") return 1;
  if (f.kind === "pow" && f.base.kind === "sym" && f.exponent.kind === "num") return f.exponent.value.isNegative ? -1 : 1;
  return 0;
}

/**
 * What a factor kept as it is adds at least to a product's operations besides joining it: its own operations, but
 * one (a denominator's division, exp(-u)'s sign, are the product's own); nothing is claimed for a power with a
 * symbolic exponent (its count depends on how the exponent's sign reads).
 */
function least(f: Expr): number {
  if (f.kind === "pow" && f.exponent.kind !== "num") return 0;
  return Math.max(opCount(f) - 1, 0);
}
