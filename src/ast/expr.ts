/**
 * The expression tree: seven node kinds, immutable and interned (hash-consed).
 *
 * Structurally equal expressions are the same object, so equality is `===`, facts derived from a node can be cached
 * on the node (`NodeMemo`), and repeated subexpressions are shared instead of copied. Subtraction and division are
 * not node kinds: `a - b` is `a + (-1)*b` and `a / b` is `a * b^-1`; the printers restore them.
 *
 * Nodes are created only through `findNode`/`fileNode` (used by the canonical constructors in `build.ts`); each node
 * records its tree size, depth and free variables at construction, so those queries are O(1) and never recurse.
 */
import { DepthLimitError, LimitError } from "../errors.js";
import { Rational } from "./rational.js";
import { charge, NODE_WORK } from "./work.js";

export type Expr = Num | Sym | Const | Add | Mul | Pow | Call;
export type Kind = Expr["kind"];

/** Nesting deeper than this is refused with a clear error: every walk over the tree stays within the call stack. */
export const MAX_DEPTH = 2500;

const NO_VARS: ReadonlySet<string> = new Set();
const NO_CHILDREN: readonly Expr[] = []; // not frozen: V8 iterates frozen arrays through the slow generic protocol

/** What every node has. */
interface NodeBase {
  /** Creation number: unique per live node, used as a hash key. Not stable across runs: never used for ordering. */
  readonly id: number;
  /** Number of nodes of the expression as a tree (shared subtrees counted each time they occur). */
  readonly size: number;
  readonly depth: number;
  /** Free variable names. */
  readonly vars: ReadonlySet<string>;
  /** @internal Per-node caches (see `NodeMemo`), made on first use. */
  memo: unknown[] | undefined;
  /** @internal The children (see `children`), kept for every kind: walks ask every node for them. */
  readonly kids: readonly Expr[];
  /** Plain text that `parse` reads back to this same expression. */
  toString(): string;
  toJSON(): string;
}

export interface Num extends NodeBase {
  readonly kind: "num";
  readonly value: Rational;
}

/** A variable. */
export interface Sym extends NodeBase {
  readonly kind: "sym";
  readonly name: string;
}

/** A named mathematical constant. Only `pi`: Euler's number is `exp(1)`, so `e^x` and `exp(x)` are one expression. */
export interface Const extends NodeBase {
  readonly kind: "const";
  readonly name: "pi";
}

/** n-ary sum, canonical: flattened, like terms collected, sorted, at most one numeric term (last). */
export interface Add extends NodeBase {
  readonly kind: "add";
  readonly terms: readonly Expr[];
}

/** n-ary product, canonical: flattened, like bases combined, sorted, at most one numeric factor (first). */
export interface Mul extends NodeBase {
  readonly kind: "mul";
  readonly factors: readonly Expr[];
}

export interface Pow extends NodeBase {
  readonly kind: "pow";
  readonly base: Expr;
  readonly exponent: Expr;
}

/** Application of a function from the elementary function table. */
export interface Call extends NodeBase {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly Expr[];
}

/**
 * The one runtime class of every kind of node, so all nodes share one object shape: code reading `e.kind` or
 * `e.factors` across mixed nodes meets one shape and V8 compiles a direct load, where seven classes made every such
 * read a lookup (measured about 10% faster overall). Each kind's parts are read through getters from two fields,
 * the children and a label (a number's value or a name), which keeps nodes small.
 */
class Node {
  readonly id: number;
  memo: unknown[] | undefined;
  readonly size: number;
  readonly depth: number;
  readonly vars: ReadonlySet<string>;

  constructor(
    readonly kind: Kind,
    readonly kids: readonly Expr[],
    /** A number's value, or a symbol's, constant's or call's name. */
    private readonly label: Rational | string | undefined,
  ) {
    this.id = nextId++;
    this.memo = undefined;
    let size = 1;
    let depth = 0;
    for (const c of kids) {
      size += c.size;
      if (c.depth > depth) depth = c.depth;
    }
    if (depth + 1 > MAX_DEPTH) throw new DepthLimitError(`expression nested too deeply (more than ${MAX_DEPTH} levels)`);
    this.size = size;
    this.depth = depth + 1;
    this.vars = kind === "sym" ? new Set([label as string]) : unionVars(kids);
  }

  get value(): Rational | undefined {
    return this.kind === "num" ? (this.label as Rational) : undefined;
  }
  get name(): string | undefined {
    return this.kind === "num" ? undefined : (this.label as string | undefined);
  }
  get terms(): readonly Expr[] | undefined {
    return this.kind === "add" ? this.kids : undefined;
  }
  get factors(): readonly Expr[] | undefined {
    return this.kind === "mul" ? this.kids : undefined;
  }
  get args(): readonly Expr[] | undefined {
    return this.kind === "call" ? this.kids : undefined;
  }
  get base(): Expr | undefined {
    return this.kind === "pow" ? this.kids[0] : undefined;
  }
  get exponent(): Expr | undefined {
    return this.kind === "pow" ? this.kids[1] : undefined;
  }

  toString(): string {
    return textFormatter(this as unknown as Expr);
  }
  toJSON(): string {
    return this.toString();
  }
}

// New nodes of each kind, for `fileNode` (see `findNode`).
export function makeNum(value: Rational): Num {
  return new Node("num", NO_CHILDREN, value) as Num;
}
export function makeSym(name: string): Sym {
  return new Node("sym", NO_CHILDREN, name) as Sym;
}
export function makeConst(name: "pi"): Const {
  return new Node("const", NO_CHILDREN, name) as Const;
}
export function makeAdd(terms: readonly Expr[]): Add {
  return new Node("add", terms, undefined) as Add;
}
export function makeMul(factors: readonly Expr[]): Mul {
  return new Node("mul", factors, undefined) as Mul;
}
export function makePow(base: Expr, exponent: Expr): Pow {
  return new Node("pow", [base, exponent], undefined) as Pow;
}
export function makeCall(name: string, args: readonly Expr[]): Call {
  return new Node("call", args, name) as Call;
}

/** Is `x` an expression (a node made by this library)? */
export function isExpr(x: unknown): x is Expr {
  return x instanceof Node;
}

export function children(e: Expr): readonly Expr[] {
  return e.kids;
}

/** The distinct nodes reachable from `root`, each once however often it is shared (iterative: any depth). */
export function nodesOf(root: Expr): Set<Expr> {
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
  return seen;
}

/**
 * Walks at most this deep recurse freely (a few frames per level stay far within Node's default stack); deeper ones
 * go through `deepFirst`.
 */
export const SHALLOW_DEPTH = 100;

/**
 * Calls `visit` on the distinct nodes of `root` deeper than SHALLOW_DEPTH, children before parents, with an explicit
 * stack; `known` nodes (already worked out) are skipped with everything below them. A memoised recursive walk that
 * first visits a deep expression this way recurses at most SHALLOW_DEPTH levels at any depth: each node it meets
 * either has its answer memoised or is shallow. This is how every recursive walk keeps within the stack up to
 * MAX_DEPTH.
 */
export function deepFirst(root: Expr, visit: (e: Expr) => void, known: (e: Expr) => boolean): void {
  if (root.depth <= SHALLOW_DEPTH || known(root)) return;
  const done = new Set<Expr>();
  const stack: Expr[] = [root];
  const expanded: boolean[] = [false];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const e = stack[top]!;
    if (expanded[top] || done.has(e)) {
      stack.pop();
      expanded.pop();
      if (!done.has(e)) {
        done.add(e);
        visit(e);
      }
      continue;
    }
    expanded[top] = true;
    // A node shared by two parents may be pushed twice; it is visited once, before either parent.
    for (const c of e.kids) {
      if (c.depth <= SHALLOW_DEPTH || done.has(c) || known(c)) continue;
      stack.push(c);
      expanded.push(false);
    }
  }
}

/** Number of distinct nodes reachable from `root`: what the expression takes in memory (compare `size`). */
export function distinctNodes(root: Expr): number {
  return nodesOf(root).size;
}

let slots = 0;

/**
 * A per-node cache of a derived fact (a node's simplified form, its operation count, ...). Nodes are immutable and
 * interned, so a fact computed once holds for good; keeping it in a slot of the node itself is cheaper than a
 * WeakMap lookup and the fact is collected with its node.
 */
export class NodeMemo<T> {
  private readonly slot = slots++;

  get(e: Expr): T | undefined {
    return e.memo?.[this.slot] as T | undefined;
  }

  set(e: Expr, value: T): T {
    (e.memo ??= new Array<unknown>(slots))[this.slot] = value; // sized once for every cache there is
    return value;
  }
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
// Interning. A hash table keyed by a number computed from a node's shape (its kind, name or value, and its
// children's ids), so a lookup costs a few multiplications instead of building and hashing a string key. Buckets
// hold weak references, so expressions nobody uses any more can be collected.

let nextId = 1;
type Ref = WeakRef<Expr>;
const table = new Map<number, Ref | Ref[]>();

/**
 * Dead references leave the table in sweeps, run when the table has doubled since the last one and the garbage
 * collector has run since (only then are there dead ones to find), so the table stays within about twice the live
 * expressions at an amortised constant cost per node. A FinalizationRegistry cleaning up after each collected node
 * measured about 15% of a cold derivative's time (registering a node costs several times what making it does), and
 * sweeping without waiting for a collection mostly met live nodes, each of which a look keeps alive for the turn.
 */
const MIN_SWEEP = 4096;
let sweepAt = MIN_SWEEP;
let collectedSinceSweep = false;

/** Tells when the garbage collector has run: a registry watching one throwaway object, renewed each time. */
const collections = new FinalizationRegistry<undefined>(watchNextCollection);
function watchNextCollection(): void {
  collectedSinceSweep = true;
  collections.register({}, undefined);
}
watchNextCollection();
collectedSinceSweep = false;

function sweep(): void {
  for (const [hash, bucket] of table) {
    if (!Array.isArray(bucket)) {
      if (bucket.deref() === undefined) table.delete(hash);
      continue;
    }
    const live = bucket.filter((ref) => ref.deref() !== undefined);
    if (live.length === 0) table.delete(hash);
    else if (live.length < bucket.length) table.set(hash, live.length === 1 ? live[0]! : live);
  }
  sweepAt = Math.max(MIN_SWEEP, 2 * table.size);
  collectedSinceSweep = false;
}

let budget = Infinity;
let created = 0;

/** Mixes `value` (a 32-bit integer) into the running hash `h`. */
export function mixHash(h: number, value: number): number {
  return Math.imul(h ^ value, 0x01000193) ^ (h >>> 15);
}

/**
 * `value` (any size) mixed into the running hash `h`, every 32-bit word of it: numbers that agree in their low
 * words, as large factorials and powers of two do (all zero there), must not all file under one hash, where each
 * lookup would scan them all.
 */
export function bigintHash(h: number, value: bigint): number {
  let rest = value < 0n ? -value : value;
  h = mixHash(h, value < 0n ? 1 : 0);
  do {
    h = mixHash(h, Number(BigInt.asUintN(32, rest)) | 0);
    rest >>= 32n;
  } while (rest !== 0n);
  return h;
}

/** A 32-bit hash of a string (FNV-1a). */
export function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** The hash of a node with `head` (kind, name or value, already hashed) over `kids`, for `findNode`. */
export function shapeHash(head: number, kids: readonly Expr[]): number {
  let h = head;
  for (const k of kids) h = mixHash(h, k.id);
  return h;
}

/**
 * Does `e` have this shape? By kind: `a` is the terms or factors (sums, products), the base (powers), the name
 * (calls, symbols) or the value (numbers); `b` is the exponent (powers) or the arguments (calls).
 */
function hasShape(e: Expr, kind: Kind, a: unknown, b: unknown): boolean {
  if (e.kind !== kind) return false;
  switch (e.kind) {
    case "add":
      return sameChildren(e.terms, a as readonly Expr[]);
    case "mul":
      return sameChildren(e.factors, a as readonly Expr[]);
    case "pow":
      return e.base === a && e.exponent === b;
    case "call":
      return e.name === a && sameChildren(e.args, b as readonly Expr[]);
    case "sym":
      return e.name === a;
    case "num":
      return e.value.equals(a as Rational);
    case "const":
      return e.name === a;
  }
}

/**
 * The live node of this shape (see `hasShape`) filed under `hash`, or undefined. Constructors look a node up
 * before making it, and file it with `fileNode` when there is none, so that each shape exists once.
 */
export function findNode(hash: number, kind: Kind, a: unknown, b?: unknown): Expr | undefined {
  const bucket = table.get(hash);
  if (bucket === undefined) return undefined;
  if (!Array.isArray(bucket)) {
    const e = bucket.deref();
    return e !== undefined && hasShape(e, kind, a, b) ? e : undefined;
  }
  for (const ref of bucket) {
    const e = ref.deref();
    if (e !== undefined && hasShape(e, kind, a, b)) return e;
  }
  return undefined;
}

/** Files a new node under `hash` (after `findNode` found none of its shape) and returns it. */
export function fileNode<T extends Expr>(hash: number, node: T): T {
  if (++created > budget) {
    throw new LimitError(`expression too large: an operation created more than ${budgetLimit.toLocaleString("en")} nodes`);
  }
  charge(NODE_WORK);
  if (collectedSinceSweep && table.size >= sweepAt) sweep();
  const ref = new WeakRef<Expr>(node);
  const bucket = table.get(hash);
  if (bucket === undefined) table.set(hash, ref);
  else if (Array.isArray(bucket)) bucket.push(ref);
  else table.set(hash, [bucket, ref]);
  return node;
}

/** Do two child lists hold the very same nodes? */
export function sameChildren(a: readonly Expr[], b: readonly Expr[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

/** Number of shapes the intern table holds, live or not yet swept (a test hook for observing the sweeps). */
export function internTableSize(): number {
  return table.size;
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
