/**
 * The expression tree: six node kinds, immutable and interned (hash-consed).
 *
 * Structurally equal expressions are the same object, so equality is `===`, per-node memo tables can be `WeakMap`s,
 * and repeated subexpressions are shared instead of copied. Subtraction and division are not node kinds: `a - b` is
 * `a + (-1)*b` and `a / b` is `a * b^-1`; the printers restore them.
 *
 * Nodes are created only through `intern` (used by the canonical constructors in `build.ts`); each node records its
 * tree size, depth, operation count and free variables at construction, so those queries are O(1) and never recurse.
 */
import { LimitError } from "../errors.js";
import { Rational } from "./rational.js";

export type Expr = Num | Sym | Const | Add | Mul | Pow | Call;
export type Kind = Expr["kind"];

/** Nesting deeper than this is refused with a clear error: every walk over the tree stays within the call stack. */
export const MAX_DEPTH = 2500;

const NO_VARS: ReadonlySet<string> = new Set();

abstract class Node {
  /** Creation number: unique per live node, used as a hash key. Not stable across runs: never used for ordering. */
  readonly id: number;
  /** Number of nodes of the expression as a tree (shared subtrees counted each time they occur). */
  readonly size: number;
  readonly depth: number;
  /** Free variable names. */
  readonly vars: ReadonlySet<string>;

  constructor(children: readonly Expr[]) {
    this.id = nextId++;
    let size = 1;
    let depth = 0;
    for (const c of children) {
      size += c.size;
      if (c.depth > depth) depth = c.depth;
    }
    if (depth + 1 > MAX_DEPTH) throw new LimitError(`expression nested too deeply (more than ${MAX_DEPTH} levels)`);
    this.size = size;
    this.depth = depth + 1;
    this.vars = unionVars(children);
  }

  /** Plain text that `parse` reads back to this same expression. */
  toString(): string {
    return textFormatter(this as unknown as Expr);
  }
  toJSON(): string {
    return this.toString();
  }
}

export class Num extends Node {
  readonly kind = "num";
  constructor(readonly value: Rational) {
    super([]);
  }
}

/** A variable. */
export class Sym extends Node {
  readonly kind = "sym";
  constructor(readonly name: string) {
    super([]);
    (this as { vars: ReadonlySet<string> }).vars = new Set([name]);
  }
}

/** A named mathematical constant. Only `pi`: Euler's number is `exp(1)`, so `e^x` and `exp(x)` are one expression. */
export class Const extends Node {
  readonly kind = "const";
  constructor(readonly name: "pi") {
    super([]);
  }
}

/** n-ary sum, canonical: flattened, like terms collected, sorted, at most one numeric term (last). */
export class Add extends Node {
  readonly kind = "add";
  constructor(readonly terms: readonly Expr[]) {
    super(terms);
  }
}

/** n-ary product, canonical: flattened, like bases combined, sorted, at most one numeric factor (first). */
export class Mul extends Node {
  readonly kind = "mul";
  constructor(readonly factors: readonly Expr[]) {
    super(factors);
  }
}

export class Pow extends Node {
  readonly kind = "pow";
  constructor(
    readonly base: Expr,
    readonly exponent: Expr,
  ) {
    super([base, exponent]);
  }
}

/** Application of a function from the elementary function table. */
export class Call extends Node {
  readonly kind = "call";
  constructor(
    readonly name: string,
    readonly args: readonly Expr[],
  ) {
    super(args);
  }
}

/** Is `x` an expression (a node made by this library)? */
export function isExpr(x: unknown): x is Expr {
  return x instanceof Node;
}

export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "num":
    case "sym":
    case "const":
      return [];
    case "add":
      return e.terms;
    case "mul":
      return e.factors;
    case "pow":
      return [e.base, e.exponent];
    case "call":
      return e.args;
  }
}

/** Number of distinct nodes reachable from `root`: what the expression takes in memory (compare `size`). */
export function distinctNodes(root: Expr): number {
  const seen = new Set<Expr>([root]);
  const stack = [root];
  while (stack.length > 0) {
    for (const c of children(stack.pop()!)) {
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
      }
    }
  }
  return seen.size;
}

function unionVars(children: readonly Expr[]): ReadonlySet<string> {
  let largest = NO_VARS;
  for (const c of children) if (c.vars.size > largest.size) largest = c.vars;
  let union: Set<string> | undefined;
  for (const c of children) {
    if (c.vars === largest) continue;
    for (const v of c.vars) {
      if (largest.has(v) || union?.has(v)) continue;
      union ??= new Set(largest);
      union.add(v);
    }
  }
  return union ?? largest;
}

// ---------------------------------------------------------------------------------------------------------------
// Interning. The table holds weak references so expressions nobody uses any more can be collected.

let nextId = 1;
const table = new Map<string, WeakRef<Expr>>();
/** Entries whose node was collected are swept out whenever the table has doubled since the last sweep. */
let sweepAt = 1 << 14;

function sweep(): void {
  for (const [key, ref] of table) if (ref.deref() === undefined) table.delete(key);
  sweepAt = Math.max(1 << 14, table.size * 2);
}

let budget = Infinity;
let created = 0;

/** Returns the unique node for `key`, creating it with `make` the first time. */
export function intern<T extends Expr>(key: string, make: () => T): T {
  const found = table.get(key)?.deref();
  if (found !== undefined) return found as T;
  if (++created > budget) {
    throw new LimitError(`expression too large: an operation created more than ${budgetLimit.toLocaleString("en")} nodes`);
  }
  const node = make();
  if (table.size >= sweepAt) sweep();
  table.set(key, new WeakRef(node));
  return node;
}

let budgetLimit = Infinity;

/**
 * Runs `fn` allowing it to create at most `limit` new nodes; beyond that a LimitError is thrown instead of running out
 * of memory. Nested calls keep the tighter limit.
 */
export function withNodeLimit<T>(limit: number, fn: () => T): T {
  const saved = { budget, created, budgetLimit };
  if (created + limit < budget) {
    budget = created + limit;
    budgetLimit = limit;
  }
  try {
    return fn();
  } finally {
    budget = saved.budget;
    budgetLimit = saved.budgetLimit;
  }
}

/** Number of nodes created so far (a test hook for observing memoisation). */
export function nodesCreated(): number {
  return created;
}

let textFormatter: (e: Expr) => string = (e) => `[${e.kind} expression]`;
/** The text printer registers itself here so that `String(expr)` works without an import cycle. */
export function setTextFormatter(f: (e: Expr) => string): void {
  textFormatter = f;
}
