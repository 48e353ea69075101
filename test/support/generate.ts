/**
 * A seeded generator of test expressions over every function of the table, in the oracle's own tree type (oracle.ts):
 * rational, integer and symbolic exponents, products of 3-5 factors sharing a base (x^a·|x|^b·(|x|+c), quotients),
 * compositions, and derivative orders 1-4 with mixed partials in x and y. Case `i` of seed `s` is the same on every
 * run and platform, so a failure is reproduced from its id alone.
 */
import * as o from "./oracle.js";

/** mulberry32, kept here so the generator depends on nothing in src/. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One of the options, chosen with the given weights. */
  weighted<T>(options: readonly (readonly [number, T])[]): T {
    const total = options.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, t] of options) if ((r -= w) < 0) return t;
    return options[options.length - 1]![1];
  }
}

/** A seed for case `index` of run `seed` (splitmix-style mixing, so neighbouring cases are unrelated). */
export function caseSeed(seed: number, index: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

const UNARY = [...o.ORACLE_FUNCTIONS].filter(([, a]) => a.includes(1)).map(([f]) => f);
const BINARY = [...o.ORACLE_FUNCTIONS].filter(([, a]) => a.includes(2)).map(([f]) => f);

export interface Options {
  /** Variables to draw from. */
  readonly variables?: readonly string[];
  /** Largest tree (nodes of the oracle's tree) accepted. */
  readonly maxSize?: number;
}

export class Generator {
  readonly vars: readonly string[];
  constructor(
    readonly rng: Rng,
    options: Options = {},
  ) {
    this.vars = options.variables ?? ["x", "y"];
  }

  variable(): o.Node {
    // x more often than y, so products and compositions share their variable.
    return o.v(this.rng.chance(0.7) ? this.vars[0]! : this.rng.pick(this.vars));
  }

  integer(lo = -5, hi = 5): o.Node {
    return o.num(this.rng.int(lo, hi));
  }

  rational(): o.Node {
    return o.num(this.rng.int(-7, 7), this.rng.int(2, 6));
  }

  constant(): o.Node {
    return this.rng.weighted<() => o.Node>([
      [4, () => this.integer()],
      [2, () => this.rational()],
      [1, () => o.PI],
      [1, () => o.E],
    ])();
  }

  leaf(): o.Node {
    return this.rng.chance(0.65) ? this.variable() : this.constant();
  }

  exponent(depth: number): o.Node {
    return this.rng.weighted<() => o.Node>([
      [3, () => this.integer(-3, 4)],
      [3, () => this.rational()],
      [1, () => o.neg(this.rational())],
      [2, () => this.expr(depth - 1)], // symbolic
    ])();
  }

  /** x^a·|x|^b·(|x| + c)…: 3-5 factors over one base, some dividing. */
  sharedProduct(depth: number): o.Node {
    const r = this.rng;
    const base = r.weighted<() => o.Node>([
      [4, () => this.variable()],
      [2, () => o.add(this.variable(), this.constant())],
      [1, () => o.sub(this.variable(), this.variable())],
      [1, () => o.call(r.pick(UNARY), this.variable())],
      [1, () => this.expr(Math.min(depth - 1, 1))],
    ])();
    const abs = o.call("abs", base);
    const factor = () =>
      r.weighted<() => o.Node>([
        [3, () => o.pow(base, r.chance(0.5) ? this.integer(-3, 4) : this.rational())],
        [3, () => o.pow(abs, r.chance(0.5) ? this.integer(-3, 4) : this.rational())],
        [2, () => o.add(abs, this.constant())],
        [2, () => base],
        [2, () => abs],
        [1, () => o.add(base, this.constant())],
        [1, () => o.call(r.pick(["sqrt", "cbrt", "sign", "exp", "step", "relu"]), base)],
        [1, () => o.pow(base, this.variable())],
      ])();
    let product = factor();
    const count = r.int(3, 5);
    for (let i = 1; i < count; i++) product = r.chance(0.3) ? o.div(product, factor()) : o.mul(product, factor());
    return product;
  }

  expr(depth: number): o.Node {
    const r = this.rng;
    if (depth <= 0 || r.chance(0.2)) return this.leaf();
    return r.weighted<() => o.Node>([
      [5, () => o.call(r.pick(UNARY), this.expr(depth - 1))],
      [1, () => o.call(r.pick(BINARY), this.expr(depth - 1), this.expr(depth - 1))],
      [2, () => (r.chance(0.5) ? o.add : o.sub)(this.expr(depth - 1), this.expr(depth - 1))],
      [2, () => (r.chance(0.6) ? o.mul : o.div)(this.expr(depth - 1), this.expr(depth - 1))],
      [0.5, () => o.neg(this.expr(depth - 1))],
      [3, () => o.pow(this.expr(depth - 1), this.exponent(depth - 1))],
      [2, () => this.sharedProduct(depth)],
      [0.5, () => o.mul(this.constant(), this.expr(depth - 1))],
    ])();
  }
}

export interface Case {
  /** `seed:index`, enough to regenerate the case. */
  readonly id: string;
  readonly node: o.Node;
  readonly text: string;
  /** The variables of the partial derivative, one per order (`["x", "y"]` is ∂²/∂y∂x). */
  readonly wrt: readonly string[];
  /** Points to try, in order (the test uses the first few where the oracle has an answer). */
  readonly points: readonly Readonly<Record<string, number>>[];
}

/** Coordinates with 6 random decimals: never exactly at the simple rationals where kinks and poles sit. */
function coordinate(r: Rng): number {
  const scale = r.weighted([
    [5, 3],
    [2, 0.6],
    [1, 12],
  ] as const);
  const x = Math.round((r.next() * 2 - 1) * scale * 1e6) / 1e6;
  return x === 0 ? 0.123457 : x;
}

export function generateCase(seed: number, index: number, options: Options = {}): Case {
  const r = new Rng(caseSeed(seed, index));
  const g = new Generator(r, options);
  const order = r.weighted([
    [5, 1],
    [3, 2],
    [1.5, 3],
    [1, 4],
  ] as const);
  const maxSize = options.maxSize ?? (order >= 3 ? 14 : 26);
  let node = g.expr(r.int(1, 4));
  while (o.size(node) > maxSize || o.variablesOf(node).size === 0) node = g.expr(r.int(1, 3));
  const present = [...o.variablesOf(node)].sort();
  const wrt = Array.from({ length: order }, () => (r.chance(0.8) ? r.pick(present) : r.pick(g.vars)));
  const points = Array.from({ length: 8 }, () => Object.fromEntries(g.vars.map((name) => [name, coordinate(r)])));
  return { id: `${seed}:${index}`, node, text: o.print(node), wrt, points };
}
