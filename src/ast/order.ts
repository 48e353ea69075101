/**
 * The total order that makes canonical forms deterministic (never based on creation ids, which vary between runs).
 *
 * Sums read like a careful person writes them: polynomial terms by descending degree, variables alphabetically,
 * the constant last (`3*x^2 + x + 1`, `b + w*x`, `x^2 + cos(y)`).
 * Products put the number first, then constants, variables, sums and function calls (`2*pi*x*(x + 1)*sin(x)`).
 */
import type { Expr } from "./expr.js";
import { Rational } from "./rational.js";

const KIND_RANK = { num: 0, const: 1, sym: 2, pow: 3, mul: 4, add: 5, call: 6 } as const;

/**
 * Comparing two deep expressions can descend their whole depth, and sorting the factors of a deep product (as the
 * chain rule builds for sin(sin(...sin(x)))) compares neighbours again and again: results for deep pairs are kept.
 */
const DEEP = 32;
const deepComparisons = new WeakMap<Expr, WeakMap<Expr, number>>();

/** Structural total order; `0` only for identical (interned) expressions. */
export function compareExpr(a: Expr, b: Expr): number {
  if (a === b) return 0;
  if (a.depth < DEEP || b.depth < DEEP) return compareStructure(a, b);
  return deepComparisons.get(a)?.get(b) ?? compareDeep(a, b); // which remembers (a, b)
}

/**
 * compareStructure for two deep expressions, with an explicit stack instead of recursion (pairs of nodes still to
 * compare, in order, and pending differences of list lengths), so it keeps within the call stack at any depth.
 * Pairs compared before are looked up; pairs where one side is shallow recurse at most DEEP levels.
 *
 * Interned nodes are equal only when identical, so two different nodes never compare 0: the first difference met
 * decides every pair opened on the way to it, and all of them are remembered with it.
 */
function compareDeep(a: Expr, b: Expr): number {
  const todo: (readonly [Expr, Expr] | number)[] = [[a, b]];
  const opened: (readonly [Expr, Expr])[] = [];
  const decided = (c: number) => {
    for (const [x, y] of opened) {
      let known = deepComparisons.get(x);
      if (!known) deepComparisons.set(x, (known = new WeakMap()));
      known.set(y, c);
    }
    return c;
  };
  while (todo.length > 0) {
    const next = todo.pop()!;
    if (typeof next === "number") {
      if (next !== 0) return decided(next);
      continue;
    }
    const [x, y] = next;
    if (x === y) continue;
    if (x.depth < DEEP || y.depth < DEEP) return decided(compareStructure(x, y));
    const known = deepComparisons.get(x)?.get(y);
    if (known !== undefined) return decided(known);
    const head = x.kind !== y.kind ? KIND_RANK[x.kind] - KIND_RANK[y.kind] : x.kind === "call" ? compareStrings(x.name, (y as typeof x).name) : 0;
    if (head !== 0) return decided(head);
    opened.push(next);
    // Deep nodes are sums, products, powers or calls: their children compare in order, then their numbers.
    const [kx, ky] = [x.kids, y.kids];
    todo.push(kx.length - ky.length);
    for (let i = Math.min(kx.length, ky.length) - 1; i >= 0; i--) todo.push([kx[i]!, ky[i]!]);
  }
  return 0; // unreachable for interned nodes
}

function compareStructure(a: Expr, b: Expr): number {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  switch (a.kind) {
    case "num":
      return a.value.compare((b as typeof a).value);
    case "sym":
    case "const":
      return compareStrings(a.name, (b as typeof a).name);
    case "pow": {
      const o = b as typeof a;
      return compareExpr(a.base, o.base) || compareExpr(a.exponent, o.exponent);
    }
    case "add":
      return compareLists(a.terms, (b as typeof a).terms);
    case "mul":
      return compareLists(a.factors, (b as typeof a).factors);
    case "call": {
      const o = b as typeof a;
      return compareStrings(a.name, o.name) || compareLists(a.args, o.args);
    }
  }
}

function compareLists(a: readonly Expr[], b: readonly Expr[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareExpr(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Products: order factors by base, then exponent.

const FACTOR_RANK = { num: 0, const: 1, sym: 2, add: 3, call: 4, pow: 5, mul: 6 } as const;

/** A factor's base: `u` for `u^k`, the factor itself otherwise. */
export function baseOf(e: Expr): Expr {
  return e.kind === "pow" ? e.base : e;
}

export function compareFactors(a: Expr, b: Expr): number {
  const ba = baseOf(a);
  const bb = baseOf(b);
  if (ba !== bb) {
    if (ba.kind !== bb.kind) return FACTOR_RANK[ba.kind] - FACTOR_RANK[bb.kind];
    return compareExpr(ba, bb);
  }
  return compareExpr(a.kind === "pow" ? a.exponent : a, b.kind === "pow" ? b.exponent : b);
}

// ---------------------------------------------------------------------------------------------------------------
// Sums: order terms as monomials (lexicographic by variable name, higher degree first), then structurally.

/**
 * A term's monomial: its plain variables with their degrees (`3*x^2*y*sin(x)` has x^2*y). Read in place from the
 * term's factors, never built: a list per term, kept for every term of every sum, took most of the memory of a
 * large computation (a 200-variable hessian), and comparing two terms rarely reads far. Canonical products (every
 * product: the constructors in build.ts sort their factors with `compareFactors`) list the factors on plain
 * variables together and by name, each variable once.
 */
function isVariablePower(f: Expr): boolean {
  return f.kind === "sym" || (f.kind === "pow" && f.base.kind === "sym" && f.exponent.kind === "num");
}
function variableName(f: Expr): string {
  return f.kind === "sym" ? f.name : (f as Expr & { base: Expr & { name: string } }).base.name;
}
function degree(f: Expr): Rational {
  return f.kind === "sym" ? Rational.ONE : (f as Expr & { exponent: Expr & { value: Rational } }).exponent.value;
}
/** The index of the next plain-variable factor of `factors` from `i` on, or `factors.length`. */
function nextVariable(factors: readonly Expr[], i: number): number {
  while (i < factors.length && !isVariablePower(factors[i]!)) i++;
  return i;
}

/**
 * Lexicographic monomial order: the first variable (by name) whose degrees differ decides, higher degree first;
 * a variable missing from a term has degree 0 there.
 */
function compareMonomials(a: readonly Expr[], b: readonly Expr[]): number {
  let i = nextVariable(a, 0);
  let j = nextVariable(b, 0);
  while (i < a.length || j < b.length) {
    const na = i < a.length ? variableName(a[i]!) : undefined;
    const nb = j < b.length ? variableName(b[j]!) : undefined;
    let c: number;
    if (na !== undefined && (nb === undefined || na < nb)) {
      c = Rational.ZERO.compare(degree(a[i]!));
      i = nextVariable(a, i + 1);
    } else if (nb !== undefined && (na === undefined || nb < na)) {
      c = degree(b[j]!).compare(Rational.ZERO);
      j = nextVariable(b, j + 1);
    } else {
      c = degree(b[j]!).compare(degree(a[i]!));
      i = nextVariable(a, i + 1);
      j = nextVariable(b, j + 1);
    }
    if (c !== 0) return c;
  }
  return 0;
}

/** The term's factors, and where they start without its numeric coefficient. */
function factorList(term: Expr): readonly Expr[] {
  return term.kind === "mul" ? term.factors : [term];
}
function restStart(factors: readonly Expr[]): number {
  return factors[0]!.kind === "num" ? 1 : 0;
}

export function compareTerms(a: Expr, b: Expr): number {
  if (a === b) return 0;
  if (a.kind === "num" || b.kind === "num") return a.kind === "num" ? (b.kind === "num" ? compareExpr(a, b) : 1) : -1;
  const c = compareMonomials(factorList(a), factorList(b)) || compareRests(factorList(a), factorList(b));
  return c !== 0 ? c : compareExpr(a, b);
}

/** compareLists of the two factor lists without their coefficients (no copies made). */
function compareRests(a: readonly Expr[], b: readonly Expr[]): number {
  const i = restStart(a);
  const j = restStart(b);
  const n = Math.min(a.length - i, b.length - j);
  for (let k = 0; k < n; k++) {
    const c = compareExpr(a[i + k]!, b[j + k]!);
    if (c !== 0) return c;
  }
  return a.length - i - (b.length - j);
}
