/**
 * Canonical constructors: the only way to make expressions. Each is cheap and sound for real arguments:
 *
 * - sums flatten, fold numbers and collect like terms by hashing (`2*x + 3*x = 5*x`), then sort;
 * - products flatten, fold numbers, combine like bases (`x*x^2 = x^3`, `exp(a)*exp(b) = exp(a + b)`), sort, and
 *   distribute a lone number over a sum (`2*(x + 1) = 2*x + 2`);
 * - powers fold exact rationals (`8^(1/3) = 2`, `8^(1/2) = 2*sqrt(2)`) and nested powers where that is valid;
 * - calls fold exact values, odd/even symmetry and inverse pairs (`exp(log(u)) = u`).
 *
 * Anything that needs search or comparison of alternatives lives in the explicit simplify pass instead.
 */
import { functionRow } from "../functions.js";
import { bigintHash, type Call, children, deepFirst, type Expr, fileNode as fileNew, findNode, isStale, pin, makeAdd, makeCall, makeConst, makeMul, makeNum, makePow, makeSym, mixHash, NodeMemo, type Num, type Pow, shapeHash, stringHash, type Sym } from "./expr.js";
import { baseOf, compareFactors, compareTerms } from "./order.js";
import { bitLength as bits, exactRoot, MAX_BITS, Rational, rationalGcd } from "./rational.js";
import { LimitError } from "../errors.js";
import { charge, CONSTRUCTOR_WORK, NODE_WORK, WorkLimitError } from "./work.js";

/** Files a new node (see expr.ts), charging the operation for it. */
function fileNode<T extends Expr>(hash: number, node: T): T {
  charge(NODE_WORK);
  return fileNew(hash, node);
}

// ---------------------------------------------------------------------------------------------------------------
// Atoms

/** Small integers are made once and kept for good (pinned): they are by far the most common numbers. */
const SMALL = 1024;
const SMALL_BIG = 1024n; // compared with bigints: a mixed bigint/number comparison is much slower
const smallIntegers: Num[] = [];

/** Hash seeds per kind of node, so that say x + y and x*y file under different hashes. */
const SEED = { num: stringHash("num"), sym: stringHash("sym"), const: stringHash("const"), add: stringHash("+"), mul: stringHash("*"), pow: stringHash("^"), call: stringHash("call") };

export function num(value: Rational | number | bigint): Num {
  if (typeof value === "number" && Number.isInteger(value) && value > -SMALL && value < SMALL) {
    return (smallIntegers[value + SMALL] ??= pin(internNum(Rational.of(value))));
  }
  const q = value instanceof Rational ? value : Rational.of(BigInt(value));
  const small = q.den === 1n && q.num > -SMALL_BIG && q.num < SMALL_BIG ? Number(q.num) + SMALL : -1;
  if (small >= 0) return (smallIntegers[small] ??= pin(internNum(q)));
  return internNum(q);
}

function internNum(q: Rational): Num {
  const hash = bigintHash(bigintHash(SEED.num, q.num), q.den);
  return (findNode(hash, "num", q) as Num | undefined) ?? fileNode(hash, makeNum(q));
}

export function sym(name: string): Sym {
  const hash = mixHash(SEED.sym, stringHash(name));
  return (findNode(hash, "sym", name) as Sym | undefined) ?? fileNode(hash, makeSym(name));
}

export const ZERO = num(0);
export const ONE = num(1);
export const MINUS_ONE = num(-1);
export const HALF = num(Rational.HALF);
export const PI = findNode(SEED.const, "const", "pi") ?? fileNode(SEED.const, makeConst("pi"));

// ---------------------------------------------------------------------------------------------------------------
// Adoption of nodes from older generations (see "Interning, in generations" in expr.ts)

const adoptions = new NodeMemo<Expr>();

/**
 * `e` itself, or, if `e` is from an older generation, its equal in the current one. Every constructor adopts its
 * operands first, so an expression a program kept from long ago combines with new ones exactly as a new one would
 * (like terms collected, equal factors combined: all of it decided by `===`).
 */
export function adopt(e: Expr): Expr {
  if (!isStale(e)) return e;
  deepFirst(e, adoptNode, (n) => !isStale(n) || isAdopted(n));
  return adoptNode(e);
}

function isAdopted(e: Expr): boolean {
  const known = adoptions.get(e);
  return known !== undefined && !isStale(known);
}

/** The node of `e`'s shape over its adopted children: `e` was canonical, so its shape needs no constructor's work. */
function adoptNode(e: Expr): Expr {
  const known = adoptions.get(e);
  if (known !== undefined && !isStale(known)) return known;
  const kids = e.kids.map(adopt);
  switch (e.kind) {
    case "num":
      return adoptions.set(e, num(e.value));
    case "sym":
      return adoptions.set(e, sym(e.name));
    case "const":
      return PI;
    case "add":
      return adoptions.set(e, rawAdd(kids));
    case "mul":
      return adoptions.set(e, rawMul(kids));
    case "pow":
      return adoptions.set(e, rawPow(kids[0]!, kids[1]!));
    case "call":
      return adoptions.set(e, rawCall(e.name, kids));
  }
}

/** Adopts the stale operands of a constructor in place. */
function adoptAll(list: Expr[]): void {
  for (let i = 0; i < list.length; i++) if (isStale(list[i]!)) list[i] = adopt(list[i]!);
}

// ---------------------------------------------------------------------------------------------------------------
// Sums

const coefficientSplits = new NodeMemo<readonly [Rational, Expr]>();

/** A term as coefficient × rest, e.g. `-3*x*y` is (-3, x*y). Sums ask this of every term they collect: kept. */
export function splitCoefficient(term: Expr): readonly [Rational, Expr] {
  return coefficientSplits.get(term) ?? coefficientSplits.set(term, split(term));
}

function split(term: Expr): readonly [Rational, Expr] {
  if (term.kind === "num") return [term.value, ONE];
  if (term.kind !== "mul" || term.factors[0]!.kind !== "num") return [Rational.ONE, term];
  const [c, ...others] = term.factors as [Num, ...Expr[]];
  return [c.value, others.length === 1 ? others[0]! : rawMul(others)];
}

/** The factors of a term without its coefficient: `-3*x*y` has x and y. */
export function factorsOf(term: Expr): readonly Expr[] {
  const rest = splitCoefficient(term)[1];
  return rest.kind === "mul" ? rest.factors : [rest];
}

/** The numeric content of a sum's terms: the positive gcd of their coefficients (`2*x/3 + 4/3` has 2/3). */
export function numericContent(terms: readonly Expr[]): Rational {
  let content = Rational.ZERO;
  for (const t of terms) content = rationalGcd(content, splitCoefficient(t)[0]);
  return content;
}

/** `c * rest` for a coefficient-free canonical `rest`, without re-canonicalising. */
function scaled(c: Rational, rest: Expr): Expr {
  if (c.isOne) return rest;
  if (rest === ONE) return num(c);
  if (c.isZero) return ZERO;
  return rest.kind === "mul" ? rawMul([num(c), ...rest.factors]) : rawMul([num(c), rest]);
}

/** Up to this many keys a scan finds a key faster than a Map can be made (a 20-term sum is scanned). */
const SCANNED_KEYS = 32;

/**
 * Distinct keys in the order met, with their positions. Sums and products usually have a handful of parts, which a
 * scan finds faster than a Map can be made; past SCANNED_KEYS, a Map keeps collecting linear. Arrays are made at the
 * size needed (at most `capacity` keys), not grown by pushing: constructors run by the thousand, and grown arrays are
 * mostly empty space for the garbage collector.
 */
class KeyIndex<K> {
  readonly keys: K[];
  size = 0;
  private map: Map<K, number> | undefined;

  constructor(capacity: number) {
    this.keys = new Array<K>(capacity);
  }

  /** The position of `key`, or -1 when it has not been met. */
  find(key: K): number {
    if (this.map) return this.map.get(key) ?? -1;
    const keys = this.keys;
    for (let i = 0; i < this.size; i++) if (keys[i] === key) return i;
    return -1;
  }

  /** Adds a key not met before; returns its position. */
  add(key: K): number {
    const i = this.size++;
    this.keys[i] = key;
    if (this.map) this.map.set(key, i);
    else if (this.size > SCANNED_KEYS) this.map = new Map(this.keys.slice(0, this.size).map((k, j) => [k, j]));
    return i;
  }
}

/** The number of parts of `list` once sums (or products) among them are flattened. */
function flatCount(list: readonly Expr[], kind: "add" | "mul"): number {
  let n = 0;
  for (const e of list) n += e.kind === kind ? children(e).length : 1;
  return n;
}

/**
 * The parts of a sum (or product) made of `list`, with the sums (products) among them flattened, in the order met,
 * and their numbers added (multiplied) into one.
 */
function flatten(list: readonly Expr[], kind: "add" | "mul"): { parts: Expr[]; number: Rational } {
  const parts = new Array<Expr>(flatCount(list, kind));
  let n = 0;
  let number = kind === "add" ? Rational.ZERO : Rational.ONE;
  for (const e of list) {
    const inner = e.kind === kind ? children(e) : undefined;
    const count = inner ? inner.length : 1;
    for (let i = 0; i < count; i++) {
      const part = inner ? inner[i]! : e;
      if (part.kind !== "num") parts[n++] = part;
      else number = kind === "add" ? number.add(part.value) : number.mul(part.value);
    }
  }
  parts.length = n;
  return { parts, number };
}

/** Like terms met while adding: one entry per rest (the term without its coefficient). */
class LikeTerms {
  constant = Rational.ZERO;
  readonly rests: KeyIndex<Expr>;
  readonly coefficients: Rational[];
  /** The term itself while no like term has joined it (no need to rebuild it then). */
  readonly originals: (Expr | undefined)[];

  constructor(capacity: number) {
    this.rests = new KeyIndex(capacity);
    this.coefficients = new Array<Rational>(capacity);
    this.originals = new Array<Expr | undefined>(capacity);
  }

  collect(t: Expr): void {
    if (t.kind === "num") {
      this.constant = this.constant.add(t.value);
      return;
    }
    const [c, rest] = splitCoefficient(t);
    const i = this.rests.find(rest);
    if (i >= 0) {
      this.coefficients[i] = this.coefficients[i]!.add(c);
      this.originals[i] = undefined;
      return;
    }
    const j = this.rests.add(rest);
    this.coefficients[j] = c;
    this.originals[j] = t;
  }
}

export function add(...terms: Expr[]): Expr {
  charge(CONSTRUCTOR_WORK);
  adoptAll(terms);
  if (terms.length === 1) return terms[0]!;
  if (terms.length === 2) {
    const sum = addTwo(terms[0]!, terms[1]!);
    if (sum) return sum;
  }
  charge(terms.length); // the general case: a pass over the terms, and collecting them if need be
  return unlikeSum(terms) ?? collectLikeTerms(terms);
}

/** The general sum: like terms collected, by hashing their rests (the terms without coefficients). */
function collectLikeTerms(terms: readonly Expr[]): Expr {
  const count = flatCount(terms, "add");
  charge(count);
  const like = new LikeTerms(count);
  for (const t of terms) {
    if (t.kind === "add") for (const u of t.terms) like.collect(u);
    else like.collect(t);
  }
  const out = new Array<Expr>(like.rests.size + 1);
  let n = 0;
  for (let i = 0; i < like.rests.size; i++) {
    const coefficient = like.coefficients[i]!;
    if (!coefficient.isZero) out[n++] = like.originals[i] ?? scaled(coefficient, like.rests.keys[i]!);
  }
  if (!like.constant.isZero) out[n++] = num(like.constant);
  if (n === 0) return ZERO;
  if (n === 1) return out[0]!;
  out.length = n;
  sortBy(out, compareTerms, like.constant.isZero ? n : n - 1); // the number stays last
  return rawAdd(out);
}

/**
 * a + b when nothing needs collecting (two unlike terms, or a term and a number), without the general machinery;
 * undefined otherwise. Sums are built by the hundred in every simplification, mostly of this kind.
 */
function addTwo(a: Expr, b: Expr): Expr | undefined {
  if (a.kind === "num" && b.kind === "num") return num(a.value.add(b.value));
  if (a.kind === "add" || b.kind === "add") return undefined;
  const [ca, restA] = splitCoefficient(a);
  const [cb, restB] = splitCoefficient(b);
  // Like terms collect, and a term with a zero coefficient (0/0, kept as 0*0^-1) drops out: the general case.
  if (restA === restB || (ca.isZero && a.kind !== "num") || (cb.isZero && b.kind !== "num")) return undefined;
  if (a === ZERO || b === ZERO) return a === ZERO ? b : a;
  if (a.kind === "num" || b.kind === "num") return rawAdd(a.kind === "num" ? [b, a] : [a, b]); // the number last
  return rawAdd(compareTerms(a, b) <= 0 ? [a, b] : [b, a]);
}

/**
 * The sum when no two terms are alike: flattened, numbers added up (last), terms in order. Undefined when terms
 * would collect (or one has a zero coefficient), for `collectLikeTerms`. Most sums are of this kind: they are rebuilt
 * from canonical parts, which sort with one comparison per neighbour, and like terms, being neighbours once sorted,
 * show in the same pass.
 */
function unlikeSum(terms: readonly Expr[]): Expr | undefined {
  const { parts: list, number: constant } = flatten(terms, "add");
  const n = list.length;
  sortBy(list, compareTerms);
  let previous: Expr | undefined; // the rest of the term before
  for (let i = 0; i < n; i++) {
    const [c, rest] = splitCoefficient(list[i]!);
    if (c.isZero || rest === previous) return undefined;
    previous = rest;
  }
  if (!constant.isZero) list.push(num(constant));
  return list.length === 0 ? ZERO : list.length === 1 ? list[0]! : rawAdd(list);
}

export function neg(e: Expr): Expr {
  return mul(MINUS_ONE, e);
}

export function sub(a: Expr, b: Expr): Expr {
  return add(a, neg(b));
}

function rawAdd(terms: readonly Expr[]): Expr {
  const hash = shapeHash(SEED.add, terms);
  // A new node keeps a packed copy of the list (the list may be a scratch array with spare room).
  return findNode(hash, "add", terms) ?? fileNode(hash, makeAdd([...terms]));
}

// ---------------------------------------------------------------------------------------------------------------
// Products

/**
 * Like bases met while multiplying: one entry per base. A factor counts as base^exponent, and `exp(u)` as the
 * power e^u (base `undefined`), so that `exp(a)*exp(b)` combines to `exp(a + b)`.
 */
class LikeFactors {
  coefficient = Rational.ONE;
  readonly bases: KeyIndex<Expr | undefined>;
  /** Per base, its exponent, or the list of them once a like factor has joined. */
  readonly exponents: (Expr | Expr[])[];
  /** The factor itself while no like factor has joined it (no need to rebuild it then). */
  readonly originals: (Expr | undefined)[];

  constructor(capacity: number) {
    this.bases = new KeyIndex(capacity);
    this.exponents = new Array<Expr | Expr[]>(capacity);
    this.originals = new Array<Expr | undefined>(capacity);
  }

  collect(f: Expr): void {
    if (f.kind === "num") {
      this.coefficient = this.coefficient.mul(f.value);
      return;
    }
    const exponential = f.kind === "call" && f.name === "exp";
    const base = f.kind === "pow" ? f.base : exponential ? undefined : f;
    const exponent = f.kind === "pow" ? f.exponent : exponential ? f.args[0]! : ONE;
    const i = this.bases.find(base);
    if (i >= 0) {
      const known = this.exponents[i]!;
      if (Array.isArray(known)) known.push(exponent);
      else this.exponents[i] = [known, exponent];
      this.originals[i] = undefined;
      return;
    }
    const j = this.bases.add(base);
    this.exponents[j] = exponent;
    this.originals[j] = f;
  }

  /** Does the base 0 occur with a negative exponent (a division by zero)? */
  dividesByZero(): boolean {
    const i = this.bases.find(ZERO);
    if (i < 0) return false;
    const exponents = this.exponents[i]!;
    return Array.isArray(exponents) ? exponents.some(isNegative) : isNegative(exponents);
  }
}

export function mul(...factors: Expr[]): Expr {
  charge(CONSTRUCTOR_WORK);
  adoptAll(factors);
  if (factors.length === 1) return factors[0]!;
  if (factors.length === 2) {
    const product = mulTwo(factors[0]!, factors[1]!);
    if (product) return product;
  }
  charge(factors.length);
  return unlikeProduct(factors) ?? combineLikeFactors(factors);
}

function isPositiveNumber(e: Expr): boolean {
  return e.kind === "num" && !e.value.isNegative && !e.value.isZero;
}

/** The general product: like bases combined, by hashing them (see `LikeFactors`). */
function combineLikeFactors(factors: readonly Expr[]): Expr {
  const count = flatCount(factors, "mul");
  charge(count);
  const like = new LikeFactors(count);
  for (const f of factors) {
    if (f.kind === "mul") for (const g of f.factors) like.collect(g);
    else like.collect(f);
  }
  let coefficient = like.coefficient;
  if (coefficient.isZero) {
    // 0 times anything is 0, except a division by zero: 0/0 stays visible (it evaluates to NaN).
    return like.dividesByZero() ? rawMul([ZERO, rawPow(ZERO, MINUS_ONE)]) : ZERO;
  }

  const out = new Array<Expr>(like.bases.size);
  let n = 0;
  let recombine = false;
  for (let i = 0; i < like.bases.size; i++) {
    const original = like.originals[i];
    if (original !== undefined) {
      out[n++] = original;
      continue;
    }
    const base = like.bases.keys[i];
    const exponents = like.exponents[i] as Expr[];
    let exponent = add(...exponents);
    // A step gate stays a gate (ast/gate.ts): step(u)*g/step(u) is 0 where u < 0, so it combines to step(u)*g, not
    // to g, which would be defined there and wrong. (At u = 0 itself it is then g/2: step's own value there.)
    if (base?.kind === "call" && base.name === "step" && exponents.some(isPositiveNumber) && !isPositiveNumber(exponent)) exponent = ONE;
    const combined = base === undefined ? call("exp", [exponent]) : pow(base, exponent);
    if (combined.kind === "num") coefficient = coefficient.mul(combined.value);
    else if (combined.kind === "mul") {
      for (const f of combined.factors) out[n++] = f;
      recombine = true; // e.g. 2^(1/2) * 2^(3/2) gave a number times a power, which may meet other factors again
    } else {
      out[n++] = combined;
      // A power on another base may meet other factors of that base: |x|*|x| = x^2 meets x, exp(2*log(x)) = x^2 too.
      // Keeps every product a fixed point of `mul`: no two of its factors share a base.
      if (base === undefined ? combined.kind !== "call" || combined.name !== "exp" : baseOf(combined) !== base) recombine = true;
    }
  }
  out.length = n;
  if (recombine) return mul(num(coefficient), ...out);
  const absolute = signTimesValue(out);
  if (absolute) return mul(num(coefficient), ...absolute);

  sortBy(out, compareFactors);
  if (out.length === 0) return num(coefficient);
  if (coefficient.isOne) return out.length === 1 ? out[0]! : rawMul(out);
  if (out.length === 1 && out[0]!.kind === "add") {
    // A number times a sum distributes, as people write 2*x + 2 rather than 2*(x + 1).
    return add(...out[0].terms.map((t) => mul(num(coefficient), t)));
  }
  return rawMul([num(coefficient), ...out]);
}

/**
 * The product when no two factors share a base: flattened, numbers multiplied (first), factors in order. Undefined
 * when something would combine, for `combineLikeFactors`: like bases (neighbours once sorted), two exponentials,
 * sign(u) (it may meet u), a zero coefficient (0/0 needs care) or a number left alone with a sum (it distributes).
 * The counterpart of `unlikeSum`.
 */
function unlikeProduct(factors: readonly Expr[]): Expr | undefined {
  const { parts: list, number: coefficient } = flatten(factors, "mul");
  if (coefficient.isZero) return undefined;
  const n = list.length;
  sortBy(list, compareFactors);
  let exponentials = 0;
  for (let i = 0; i < n; i++) {
    const f = list[i]!;
    if (f.kind === "call" && (f.name === "sign" || (f.name === "exp" && ++exponentials > 1))) return undefined;
    if (i > 0 && baseOf(list[i - 1]!) === baseOf(f)) return undefined;
  }
  if (n === 0) return num(coefficient);
  if (coefficient.isOne) return n === 1 ? list[0]! : rawMul(list);
  if (n === 1 && list[0]!.kind === "add") return undefined;
  list.unshift(num(coefficient));
  return rawMul(list);
}

/**
 * a*b when nothing needs combining (a nonzero number times a single factor, or two factors with different bases),
 * without the general machinery; undefined otherwise.
 */
function mulTwo(a: Expr, b: Expr): Expr | undefined {
  if (a.kind === "mul" || b.kind === "mul") return undefined;
  if (a.kind === "num" && b.kind === "num") return num(a.value.mul(b.value));
  if (a.kind === "num" || b.kind === "num") {
    const [c, f] = a.kind === "num" ? [a, b] : [b as Num, a];
    // Zero needs care (0/0) and a number times a sum distributes: left to the general case.
    if (f.kind === "add" || c === ZERO) return undefined;
    return c === ONE ? f : rawMul([c, f]);
  }
  const exponentials = (a.kind === "call" && a.name === "exp") || (b.kind === "call" && b.name === "exp");
  const signs = (a.kind === "call" && a.name === "sign") || (b.kind === "call" && b.name === "sign");
  if (exponentials || signs || baseOf(a) === baseOf(b)) return undefined;
  return rawMul(compareFactors(a, b) <= 0 ? [a, b] : [b, a]);
}

/**
 * sign(u)*u^k = |u|*u^(k-1) for a positive integer k, and sign(u)*|u|^k = u^k for an odd integer k (sign(u) is u/|u|,
 * and |u|^(k-1) is u^(k-1) for even k-1): the factors with that rewrite made, or undefined.
 */
function signTimesValue(factors: Expr[]): Expr[] | undefined {
  for (let i = 0; i < factors.length; i++) {
    const s = factors[i]!;
    if (s.kind !== "call" || s.name !== "sign") continue;
    const u = s.args[0]!;
    const rest = (j: number) => factors.filter((_, n) => n !== i && n !== j);
    const j = factors.findIndex((f) => f === u || (f.kind === "pow" && f.base === u && isInteger(f.exponent) && !isNegative(f.exponent)));
    if (j >= 0) {
      const k = factors[j] === u ? ONE : (factors[j] as Pow).exponent;
      return [...rest(j), call("abs", [u]), pow(u, add(k, MINUS_ONE))];
    }
    const absolute = call("abs", [u]);
    const a = factors.findIndex((f) => f === absolute || (f.kind === "pow" && f.base === absolute && isOddInteger(f.exponent)));
    if (a >= 0) return [...rest(a), pow(u, factors[a] === absolute ? ONE : (factors[a] as Pow).exponent)];
  }
  return undefined;
}

/**
 * Sorts in place. Lists that are in order already (most: sums and products are rebuilt from canonical parts) cost
 * one comparison per neighbour; short lists sort by insertion, which allocates nothing. The orders are total, so
 * every sorting method gives the same result.
 */
function sortBy(list: Expr[], compare: (a: Expr, b: Expr) => number, count = list.length): void {
  let i = 1;
  while (i < count && compare(list[i - 1]!, list[i]!) <= 0) i++;
  let comparisons = i; // charged as work: deep terms make sorting much of a constructor's cost
  if (i < count && count > 12) {
    const sorted = list.slice(0, count).sort((a, b) => (comparisons++, compare(a, b)));
    for (let j = 0; j < count; j++) list[j] = sorted[j]!;
  } else {
    for (; i < count; i++) {
      const item = list[i]!;
      let j = i - 1;
      for (; j >= 0 && (comparisons++, compare(list[j]!, item) > 0); j--) list[j + 1] = list[j]!;
      list[j + 1] = item;
    }
  }
  charge(comparisons);
}

export function div(a: Expr, b: Expr): Expr {
  return mul(a, pow(b, MINUS_ONE));
}

function rawMul(factors: readonly Expr[]): Expr {
  const hash = shapeHash(SEED.mul, factors);
  return findNode(hash, "mul", factors) ?? fileNode(hash, makeMul([...factors]));
}

// ---------------------------------------------------------------------------------------------------------------
// Powers

export function pow(base: Expr, exponent: Expr): Expr {
  charge(CONSTRUCTOR_WORK);
  if (isStale(base)) base = adopt(base);
  if (isStale(exponent)) exponent = adopt(exponent);
  if (exponent === ZERO) return ONE; // including 0^0, as JavaScript's Math.pow does
  if (exponent === ONE) return base;
  if (base === ONE) return ONE;

  if (base.kind === "num" && exponent.kind === "num") return numericPower(base.value, exponent.value);
  if (base === ZERO) return exponent.kind === "num" && !exponent.value.isNegative ? ZERO : rawPow(base, exponent);

  switch (base.kind) {
    case "pow":
      return powerOfPower(base.base, base.exponent, exponent);
    case "add": {
      // Integer powers of sums keep their numeric content outside: (2*x + 2)^-1 = (x + 1)^-1/2, one form for both.
      if (!isInteger(exponent)) break;
      const content = numericContent(base.terms);
      if (content.isOne) break;
      const c = num(content);
      return mul(pow(c, exponent), pow(add(...base.terms.map((t) => div(t, c))), exponent));
    }
    case "mul": {
      if (isInteger(exponent)) return mul(...base.factors.map((f) => pow(f, exponent)));
      // A positive number comes out of any root: (4*x)^(1/2) = 2*x^(1/2).
      const [c, rest] = splitCoefficient(base);
      if (!c.isOne && !c.isNegative) return mul(pow(num(c), exponent), pow(rest, exponent));
      break;
    }
    case "call":
      if (base.name === "exp") return call("exp", [mul(base.args[0]!, exponent)]);
      if (base.name === "abs" && hasEvenNumerator(exponent)) return pow(base.args[0]!, exponent);
      // sign(u) is -1, 0 or 1: its odd powers are itself (1/sign(u) too, where it is defined)
      if (base.name === "sign" && isOddInteger(exponent)) return base;
      break;
  }
  return rawPow(base, exponent);
}

function isInteger(e: Expr): boolean {
  return e.kind === "num" && e.value.isInteger;
}

function hasEvenNumerator(e: Expr): boolean {
  return e.kind === "num" && e.value.num % 2n === 0n;
}

function isOddInteger(e: Expr): boolean {
  return isInteger(e) && !hasEvenNumerator(e);
}

/**
 * (u^a)^b. Combining exponents to u^(a*b) is valid for real u when b is an integer or a has an odd numerator;
 * with an even numerator the inner power hides the sign of u: (x^2)^(1/2) = |x|.
 */
function powerOfPower(u: Expr, a: Expr, b: Expr): Expr {
  if (isInteger(b)) return pow(u, mul(a, b));
  if (a.kind === "num" && b.kind === "num") {
    if (a.value.num % 2n !== 0n) return pow(u, num(a.value.mul(b.value)));
    return pow(call("abs", [u]), num(a.value.mul(b.value)));
  }
  return rawPow(rawPow(u, a), b);
}

/**
 * Exact powers of rationals; odd roots of negative numbers are real (the real-root convention of `evaluate`).
 * Invariant: the result is either a number or a product of a number and powers of integers to exponents in (0, 1)
 * that `mul` leaves alone, or the power itself unevaluated (b^e as given) when folding it would exceed the bound on
 * exact numbers. Nothing is returned that `mul` would combine back into b^e (2^(4099/2) split into 2^2049·2^(1/2) would be), and no
 * root is attempted whose index exceeds the bit length of its radicand (2^(1/10^10) stays as it is).
 */
function numericPower(b: Rational, e: Rational): Expr {
  // 0 to a negative power is a division by zero: kept visible as the one form 0^-1 (printed 1/0).
  if (b.isZero) return e.isNegative ? rawPow(ZERO, MINUS_ONE) : ZERO;
  if (b.isOne) return ONE;
  const unevaluated = () => rawPow(num(b), num(e));
  if (e.isInteger) return foldedPower(b, e.num) ?? unevaluated();
  if (b.isNegative) {
    if (e.den % 2n === 0n) return unevaluated(); // not real
    const magnitude = numericPower(b.neg(), e);
    return e.num % 2n === 0n ? magnitude : mul(MINUS_ONE, magnitude);
  }
  // b^(k + r) = b^k * b^r with 0 < r < 1, e.g. 2^(3/2) = 2*sqrt(2)
  const k = e.floor();
  if (k !== 0n) {
    const whole = foldedPower(b, k);
    return whole ? mul(whole, numericPower(b, e.sub(Rational.of(k)))) : unevaluated();
  }
  if (b.den !== 1n) return mul(numericPower(Rational.of(b.num), e), numericPower(Rational.of(b.den), e.neg()));
  // b is a positive integer, 0 < e = p/q < 1: take out the perfect q-th powers. With q at least b's bit length
  // there is none (2^q > b): b^e stays as it is.
  const q = e.den;
  if (q >= BigInt(bits(b.num))) return unevaluated();
  const root = exactRoot(b.num, q);
  if (root !== undefined) return num(Rational.of(root).powInt(e.num));
  let inside = b.num;
  let outside = 1n;
  for (let p = 2n; p <= 1000n && p ** q <= inside; p++) {
    const pq = p ** q;
    while (inside % pq === 0n) {
      inside /= pq;
      outside *= p;
    }
  }
  const remaining = rawPow(num(inside), num(Rational.of(1n, q)));
  const power = e.num === 1n ? remaining : rawPow(num(inside), num(e));
  return outside === 1n ? power : mul(num(Rational.of(outside).powInt(e.num)), power);
}

/**
 * b^k as a number whenever it is one that Rational can hold (below 2^MAX_BITS), undefined past that. Folding up to
 * the very bound, not short of it, keeps one form per value: the printed N/D of a sum of fractions must parse back
 * to the same number node, not to N*D^-1.
 */
function foldedPower(b: Rational, k: bigint): Num | undefined {
  const size = Math.max(bits(b.num), bits(b.den));
  if ((size - 1) * Math.abs(Number(k)) >= MAX_BITS) return undefined; // b^k ≥ 2^MAX_BITS: not worth computing
  try {
    return num(b.powInt(k));
  } catch (error) {
    if (error instanceof LimitError && !(error instanceof WorkLimitError)) return undefined; // only the number's bound
    throw error;
  }
}

function rawPow(base: Expr, exponent: Expr): Expr {
  const hash = mixHash(mixHash(SEED.pow, base.id), exponent.id);
  return findNode(hash, "pow", base, exponent) ?? fileNode(hash, makePow(base, exponent));
}

// ---------------------------------------------------------------------------------------------------------------
// Function calls

/** Is `e` written with a leading minus: a negative number or a product with a negative coefficient? */
export function isNegative(e: Expr): boolean {
  return (e.kind === "num" && e.value.isNegative) || (e.kind === "mul" && e.factors[0]!.kind === "num" && (e.factors[0] as Num).value.isNegative);
}

const RATIONAL = /^-?\d+(\/[1-9]\d*)?$/;

export function call(name: string, args: readonly Expr[]): Expr {
  charge(CONSTRUCTOR_WORK);
  if (args.some(isStale)) args = args.map(adopt);
  const row = functionRow(name);
  if (args.length !== row.arity) throw new Error(`internal: ${name} takes ${row.arity} arguments, got ${args.length}`);
  if (row.exact && args.every((a) => a.kind === "num")) {
    const value = row.exact(...args.map((a) => (a as Num).value));
    if (value) return num(value);
  }
  if (row.arity === 1) {
    const [u] = args as [Expr];
    if (u.kind === "num") {
      // Exact rational values from the table (`sin(0) = 0`); symbolic ones (`acos(0) = pi/2`) are left to simplify.
      const value = row.values?.[u.value.toString()];
      if (value !== undefined && RATIONAL.test(value)) return num(Rational.parse(value));
    }
    // Odd and even functions take the sign out of a negative argument. An even function also turns a sum whose first
    // term is negative around, which costs nothing: cos(17 - x) and cos(x - 17) are one expression, cos(x - 17).
    if (row.parity && (isNegative(u) || (u.kind === "add" && (u.terms.every(isNegative) || (row.parity === "even" && isNegative(u.terms[0]!)))))) {
      const mirrored = call(name, [neg(u)]);
      return row.parity === "odd" ? neg(mirrored) : mirrored;
    }
    if (row.undoes && u.kind === "call" && u.name === row.undoes) return u.args[0]!;
    if (name === "exp") {
      const power = exponentialOfLogs(u);
      if (power) return power;
    }
    if (name === "abs" && isNonNegative(u)) return u;
    if ((name === "abs" || name === "sign") && u.kind === "pow" && isInteger(u.exponent)) {
      // |u^k| = |u|^k; sign(u^k) = sign(u) for odd k (even k: u^k is never negative, handled above for abs)
      if (name === "abs") return pow(call("abs", [u.base]), u.exponent);
      if (isOddInteger(u.exponent)) return call("sign", [u.base]);
    }
    const content = name === "abs" || name === "sign" ? positiveContent(u) : undefined;
    if (content) {
      // |c*u| = c*|u| and sign(c*u) = sign(u) for a positive number c: |6*x + 6| = 6*|x + 1|, sign(3*x) = sign(x)
      const [c, rest] = content;
      return name === "abs" ? mul(num(c), call(name, [rest])) : call(name, [rest]);
    }
  }
  return rawCall(name, args);
}

function rawCall(name: string, args: readonly Expr[]): Expr {
  const hash = shapeHash(mixHash(SEED.call, stringHash(name)), args);
  return findNode(hash, "call", name, args) ?? fileNode(hash, makeCall(name, args));
}

/**
 * `u` as c × rest with a positive number c other than 1: a product's coefficient (parity has made it positive by the
 * time abs and sign ask) or a sum's numeric content. Undefined when there is no such number.
 */
function positiveContent(u: Expr): readonly [Rational, Expr] | undefined {
  if (u.kind === "mul" && u.factors[0]!.kind === "num") return splitCoefficient(u);
  if (u.kind !== "add") return undefined;
  const c = numericContent(u.terms);
  return c.isOne ? undefined : [c, add(...u.terms.map((t) => mul(num(Rational.ONE.div(c)), t)))];
}

/**
 * exp(a*log(u)) = u^a, and exp(log(u) + v) = u*exp(v): exponentials of logarithms are powers (for u > 0, where
 * log(u) is defined). Undefined when the argument has no logarithm to take out.
 */
function exponentialOfLogs(arg: Expr): Expr | undefined {
  const asPower = (term: Expr): Expr | undefined => {
    const factors = term.kind === "mul" ? term.factors : [term];
    const i = factors.findIndex((f) => f.kind === "call" && f.name === "log");
    if (i < 0) return undefined;
    return pow((factors[i] as Call).args[0]!, mul(...factors.filter((_, j) => j !== i)));
  };
  const terms = arg.kind === "add" ? arg.terms : [arg];
  const powers = terms.map(asPower);
  if (powers.every((p) => p === undefined)) return undefined;
  const rest = terms.filter((_, i) => powers[i] === undefined);
  return mul(...powers.filter((p): p is Expr => p !== undefined), call("exp", [add(...rest)]));
}

/** Functions whose values are never negative: |u|, exp(u), cosh(u) ≥ 1, acos(u) in [0, pi], ... */
const NON_NEGATIVE_FUNCTIONS: ReadonlySet<string> = new Set(["abs", "exp", "cosh", "sech", "acos", "asec", "acosh", "asech", "sigmoid", "softplus", "relu", "step"]);

/**
 * Is `e` never negative, whatever the (real) values of its variables, wherever it is real? A sufficient, syntactic
 * check, not a complete one: numbers that are not negative, exp(u), |u|, cosh(u), u^(even), sqrt(u), and sums,
 * products and powers of such. `given` adds facts: subexpressions known to be non-negative (say, where some other
 * expression is real).
 */
export function isNonNegative(e: Expr, given?: (e: Expr) => boolean): boolean {
  if (given) return nonNegative(e, given, new Map());
  return nonNegatives.get(e) ?? nonNegatives.set(e, nonNegative(e, undefined, new Map()));
}

const nonNegatives = new NodeMemo<boolean>();

/** `isNonNegative`, each node decided once (`seen`): shared parts would otherwise be walked once per path. */
function nonNegative(e: Expr, given: ((e: Expr) => boolean) | undefined, seen: Map<Expr, boolean>): boolean {
  let known = seen.get(e);
  if (known === undefined) {
    known = decideNonNegative(e, (part) => nonNegative(part, given, seen), given);
    seen.set(e, known);
  }
  return known;
}

function decideNonNegative(e: Expr, nonNegativePart: (e: Expr) => boolean, given: ((e: Expr) => boolean) | undefined): boolean {
  if (given?.(e)) return true;
  switch (e.kind) {
    case "num":
      return !e.value.isNegative;
    case "const":
      return true;
    case "sym":
      return false;
    case "add":
      return e.terms.every(nonNegativePart);
    case "mul":
      return e.factors.every(nonNegativePart);
    case "pow":
      return hasEvenNumerator(e.exponent) || hasEvenDenominator(e.exponent) || nonNegativePart(e.base);
    case "call":
      if (e.name === "max") return e.args.some(nonNegativePart);
      if (e.name === "min") return e.args.every(nonNegativePart);
      return NON_NEGATIVE_FUNCTIONS.has(e.name);
  }
}

/** Is `e` a number with an even denominator: is a power to it an even root (real only for a base ≥ 0)? */
export function hasEvenDenominator(e: Expr): boolean {
  return e.kind === "num" && e.value.den % 2n === 0n;
}

/**
 * The same kind of node with new children, through the canonical constructors. Every node the constructors make is a
 * fixed point: rebuild(e, children(e)) is e (so the text of a node parses back to it).
 */
export function rebuild(e: Expr, kids: readonly Expr[]): Expr {
  switch (e.kind) {
    case "num":
    case "sym":
    case "const":
      return e;
    case "add":
      return add(...kids);
    case "mul":
      return mul(...kids);
    case "pow":
      return pow(kids[0]!, kids[1]!);
    case "call":
      return call(e.name, kids);
  }
}
