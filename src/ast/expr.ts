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
  /** @internal The generation the node belongs to (0: permanent; see "Interning, in generations"). */
  gen: number;
  /** @internal The node's hash in the intern table. */
  hash: number;
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
  gen: number;
  hash: number;

  constructor(
    readonly kind: Kind,
    readonly kids: readonly Expr[],
    /** A number's value, or a symbol's, constant's or call's name. */
    private readonly label: Rational | string | undefined,
  ) {
    this.id = nextId++;
    this.memo = undefined;
    this.gen = generation;
    this.hash = 0;
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
/** Estimated bytes of a memo entry: the slot and, typically, a small value (counted toward the generation). */
const MEMO_BYTES = 16;

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
    if (e.memo === undefined) {
      e.memo = new Array<unknown>(slots); // sized once for every cache there is
      bytes += MEMO_BYTES + 4 * slots;
    }
    e.memo[this.slot] = value;
    bytes += MEMO_BYTES;
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
// Interning, in generations. A hash table keyed by a number computed from a node's shape (its kind, name or value,
// and its children's ids), so a lookup costs a few multiplications instead of building and hashing a string key.
//
// The table holds its nodes strongly. (Weak references cannot bound memory: the language keeps every WeakRef target
// alive until the current job ends, so a program differentiating in a synchronous loop kept every node it ever
// made.) Instead the table is renewed when it has grown past GENERATION_BYTES: a new generation starts with only the
// permanent nodes, and the old table is left to the garbage collector with every node nobody else holds.
//
// Invariants:
// - Within a generation, structurally equal nodes are one object: a node of the current generation is found by
//   every constructor that makes its shape.
// - A node's children are of its own generation or permanent. Constructors adopt an older child before using it
//   (`adopt` in build.ts makes its equal in the current generation), so old expressions kept by a program still
//   combine with new ones exactly as if they were new.
// - A new generation starts only between operations (`withinGeneration`): no operation ever sees its own nodes
//   grow old.
// - Permanent nodes (made while modules load, or pinned: templates, small integers) belong to every generation.
//   Their memos are cleared when a generation starts, so they cannot hold a generation's nodes past its end.

let nextId = 1;
/** The generation new nodes belong to; 0 is the permanent one, in use until the first operation starts. */
let generation = 0;
let table = new Map<number, Expr | Expr[]>();
const permanentNodes: Expr[] = [];

/**
 * Estimated bytes a generation may take before the next operation starts a new one (256 kB: a few dozen to a few
 * hundred calls). A node and its table entry take about NODE_BYTES (measured with V8's compressed pointers), memos
 * more. Small on purpose: V8 copies every object alive at a minor collection (every few MB of allocation), so nodes
 * of a generation that ended before it die young, unseen; with 24 MB generations every node was copied, twice,
 * and a cold derivative took about 13% longer. Generations of one call (hessian, steps) are as large as it needs.
 */
export const GENERATION_BYTES = 2 ** 18;
const NODE_BYTES = 150;
const CHILD_BYTES = 4;
/** Estimated bytes of the current generation's nodes and memos. */
let bytes = 0;
/** Operations in progress (see `withinGeneration`). */
let running = 0;

/** Counts `n` more bytes (estimated) toward the current generation: caches kept on nodes call this as they grow. */
export function account(n: number): void {
  bytes += n;
}

/**
 * Runs `fn` as one operation: a new generation may start before it (if the current one is full) but never during
 * it. Public operations that make nodes (parse, diff, simplify, ...) run this way; nested calls join the outer one.
 */
export function withinGeneration<T>(fn: () => T): T {
  if (running === 0) {
    if (generation === 0) generation = 1; // the first operation: nodes made from now on are not permanent
    else if (bytes > GENERATION_BYTES) newGeneration();
  }
  running++;
  try {
    return fn();
  } finally {
    running--;
  }
}

function newGeneration(): void {
  generation++;
  table = new Map();
  bytes = 0;
  for (const e of permanentNodes) {
    e.memo = undefined;
    file(e);
  }
}

/** Is `e` from an older generation (neither permanent nor of the current one)? Constructors adopt such nodes. */
export function isStale(e: Expr): boolean {
  return e.gen !== generation && e.gen !== 0;
}

/**
 * Makes `e` and everything in it permanent: templates and other nodes that modules keep for good call this, so
 * that they stay the nodes every generation finds. Returns `e`.
 */
export function pin<T extends Expr>(e: T): T {
  if (e.gen === 0) return e;
  for (const n of nodesOf(e)) {
    if (n.gen === 0) continue;
    if (isStale(n)) throw new Error("internal: pinning a node of an older generation");
    n.gen = 0;
    permanentNodes.push(n);
  }
  return e;
}

/** A number identifying the current generation (a test hook). */
export function currentGeneration(): number {
  return generation;
}

/** Starts a new generation now, between operations (a test hook: generations otherwise start by size). */
export function startGeneration(): void {
  if (running > 0) throw new Error("internal: a generation cannot start during an operation");
  if (generation === 0) generation = 1;
  else newGeneration();
}

/**
 * Are `a` and `b` the same expression? `===` within a generation; across generations (expressions a program kept
 * for a long time) a structural comparison, as cheap as the parts that differ in age.
 */
export function equals(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  const pending: [Expr, Expr][] = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop()!;
    if (x === y) continue;
    if (x.gen === y.gen || x.kind !== y.kind || x.size !== y.size || x.kids.length !== y.kids.length) return false;
    if (x.kids.length === 0) {
      const same = x.kind === "num" ? x.value.equals((y as Num).value) : (x as Sym).name === (y as Sym).name;
      if (!same) return false;
      continue;
    }
    if (x.kind === "call" && x.name !== (y as Call).name) return false;
    for (let i = 0; i < x.kids.length; i++) pending.push([x.kids[i]!, y.kids[i]!]);
  }
  return true;
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
  if (!Array.isArray(bucket)) return hasShape(bucket, kind, a, b) ? bucket : undefined;
  for (const e of bucket) if (hasShape(e, kind, a, b)) return e;
  return undefined;
}

/**
 * Files a new node under `hash` (after `findNode` found none of its shape) and returns it. Its children must be of
 * the current generation or permanent (the constructors adopt older ones first).
 */
export function fileNode<T extends Expr>(hash: number, node: T): T {
  if (++created > budget) {
    throw new LimitError(`expression too large: an operation created more than ${budgetLimit.toLocaleString("en")} nodes`);
  }
  node.hash = hash;
  if (generation === 0) permanentNodes.push(node);
  else bytes += NODE_BYTES + CHILD_BYTES * node.kids.length;
  file(node);
  return node;
}

function file(e: Expr): void {
  const bucket = table.get(e.hash);
  if (bucket === undefined) table.set(e.hash, e);
  else if (Array.isArray(bucket)) bucket.push(e);
  else table.set(e.hash, [bucket, e]);
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

/** Number of shapes the intern table holds (a test hook for observing generations). */
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
