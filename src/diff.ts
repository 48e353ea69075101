/**
 * Differentiation: `derivative` picks the rule for a node (with an exhaustive switch over node kinds); `diff`,
 * `gradient` and `hessian` are the public entry points, memoised per node and returning simplified results.
 */
import { adopt, ZERO } from "./ast/build.js";
import { account, children, distinctNodes, type Expr, isExpr, NodeMemo, withinGeneration, withNodeLimit } from "./ast/expr.js";
import { withWork } from "./ast/work.js";
import { describeValue } from "./arguments.js";
import { ArgumentError, LimitError } from "./errors.js";
import { NAME as NAME_PATTERN } from "./parser/lexer.js";
import { CONSTANTS, isBuiltinFunction, readStatement, type ParseOptions } from "./parser/parse.js";
import type { Statement } from "./parser/statement.js";
import { chainRule } from "./rules/chain.js";
import { constantRule, variableRule } from "./rules/constant.js";
import { powerRule } from "./rules/power.js";
import { productRule } from "./rules/product.js";
import { isConstant, type RuleContext } from "./rules/rule.js";
import { sumRule } from "./rules/sum.js";
import { simplify } from "./simplify/simplify.js";

/** An expression, or text to parse. */
export type ExprLike = Expr | string;

/**
 * The expression, parsed if it is text. An expression of an older generation is adopted (see "Interning, in
 * generations" in ast/expr.ts): operations then work on nodes of the current one only, and their maps and sets
 * keyed by nodes never hold two equal nodes apart.
 */
export function toExpr(e: ExprLike): Expr {
  if (typeof e === "string") return parse(e);
  if (!isExpr(e)) throw new ArgumentError(`expected an expression or the text of one, got ${e === null ? "null" : typeof e}`);
  return adopt(e);
}

/**
 * The expression `text` means. A derivative request (`d/dx x^2`, `\frac{d}{dx}\left(x^{2}\right)`) means its
 * derivative; an equation (`y = x^2`, `f(x) = x^2`) means its right side.
 */
export function parse(text: string, options: ParseOptions = {}): Expr {
  return withinGeneration(() => meaning(readStatement(text, options)));
}

function meaning(statement: Statement): Expr {
  return statement.derivative ? diff(statement.expression, statement.derivative) : statement.expression;
}

/** One differentiation step at the root of `e`; subexpressions go through `ctx.d`. */
export function derivative(e: Expr, ctx: RuleContext): Expr {
  if (isConstant(e, ctx)) return constantRule(ctx);
  switch (e.kind) {
    case "sym":
      return variableRule(e, ctx);
    case "add":
      return sumRule(e, ctx);
    case "mul":
      return productRule(e, ctx);
    case "pow":
      return powerRule(e, ctx);
    case "call":
      return chainRule(e, ctx);
    case "num":
    case "const":
      return constantRule(ctx); // unreachable: constants have no variables
  }
}

/**
 * Unsimplified derivatives, memoised per (node, variable); interning makes repeated subexpressions hit the cache.
 * Most nodes are only ever differentiated by one variable, so a Map of the others is made only when needed.
 */
type Derivatives = { readonly wrt: string; readonly result: Expr; others?: Map<string, Expr> };
const rawMemo = new NodeMemo<Derivatives>();

function remembered(e: Expr, wrt: string): Expr | undefined {
  const known = rawMemo.get(e);
  return known === undefined ? undefined : known.wrt === wrt ? known.result : known.others?.get(wrt);
}

function remember(e: Expr, wrt: string, result: Expr): void {
  const known = rawMemo.get(e);
  if (known === undefined) rawMemo.set(e, { wrt, result });
  else {
    (known.others ??= new Map()).set(wrt, result);
    account(OTHER_BYTES);
  }
}

/** Estimated bytes of an entry of `others`, counted toward the generation of nodes (see expr.ts). */
const OTHER_BYTES = 40;

let rawComputations = 0;
/** How many derivatives were computed rather than found in the memo (a test hook). */
export function derivativeComputations(): number {
  return rawComputations;
}

/** Deeper than this, the rules' recursion (a few frames per level) could overflow the call stack. */
const RECURSION_DEPTH = 200;

export function rawDerivative(e: Expr, wrt: string): Expr {
  // The memo holds only derivatives of nodes that have the variable: a gradient over n variables asks each of a
  // sum's n terms for n derivatives, and remembering the zeros took n² entries.
  if (!e.vars.has(wrt)) return ZERO;
  const known = remembered(e, wrt);
  if (known !== undefined) return known;
  if (e.depth > RECURSION_DEPTH) differentiateBottomUp(e, wrt);
  return computeDerivative(e, wrt);
}

/**
 * Differentiates the subexpressions of a deep expression children first, with an explicit stack, so the rules
 * (which recurse one level at a time) find every child's derivative memoised instead of descending 2,500 levels.
 */
function differentiateBottomUp(root: Expr, wrt: string): void {
  const stack: { e: Expr; childrenDone: boolean }[] = [{ e: root, childrenDone: false }];
  while (stack.length > 0) {
    const { e, childrenDone } = stack.pop()!;
    if (!e.vars.has(wrt) || remembered(e, wrt) !== undefined) continue;
    if (childrenDone) {
      computeDerivative(e, wrt);
      continue;
    }
    stack.push({ e, childrenDone: true });
    for (const c of children(e)) stack.push({ e: c, childrenDone: false });
  }
}

function computeDerivative(e: Expr, wrt: string): Expr {
  let result = remembered(e, wrt);
  if (result === undefined) {
    rawComputations++;
    result = derivative(e, { wrt, d: (sub) => rawDerivative(sub, wrt) });
    remember(e, wrt, result);
  }
  return result;
}

const NAME = new RegExp(`^${NAME_PATTERN}$`, "u");

/** Checks that `wrt` names a variable (not a number, a function, a constant or an expression). */
export function checkVariable(wrt: unknown): string {
  if (typeof wrt !== "string" || !NAME.test(wrt) || isBuiltinFunction(wrt) || CONSTANTS.has(wrt)) {
    const shown = typeof wrt === "string" ? JSON.stringify(wrt) : describeValue(wrt); // JSON.stringify throws on a bigint
    throw new ArgumentError(`cannot differentiate with respect to ${shown}: expected a variable name such as "x"`);
  }
  return wrt;
}

function checkOrder(order: unknown): number {
  if (typeof order !== "number" || !Number.isInteger(order) || order < 0) {
    throw new ArgumentError(`derivative order must be a non-negative integer, got ${String(order)}`);
  }
  return order;
}

/**
 * The derivative of `e`, simplified. `wrt` is a variable name, or a list of names for a mixed partial
 * (`diff(f, ["x", "y"])` is ∂²f/∂y∂x: first x, then y). `order` repeats the whole list. Without `wrt`, the text's
 * own request (`d/dx x^2`), its function's parameter (`f(t) = t^2`) or its only variable says which.
 */
export function diff(e: ExprLike, wrt?: string | readonly string[], order = 1): Expr {
  checkOrder(order);
  return withinGeneration(() => {
    const given = wrt === undefined ? undefined : (typeof wrt === "string" ? [wrt] : [...wrt]).map(checkVariable);
    const statement: Statement = typeof e === "string" ? readStatement(e, given ? { variables: given } : {}) : { expression: toExpr(e) };
    if (statement.derivative && given) {
      throw new ArgumentError(`the text already asks for a derivative (${statement.derivative.join(", ")}): drop the prefix or the variable given to diff`);
    }
    const variables = given ?? statement.derivative ?? defaultVariable(statement);
    if (variables.length === 0) return order === 0 ? statement.expression : ZERO;
    const step = (f: Expr) => variables.reduce((g, v) => simplify(rawDerivative(g, v)), f);
    return withWork(WORK, () => withNodeLimit(MAX_DIFF_NODES, () => repeat(step, statement.expression, order)));
  });
}

/** The variable to differentiate by when none is named: the defined function's parameter, or the only variable. */
function defaultVariable(statement: Statement): string[] {
  const candidates = candidateVariables(statement);
  if (candidates.length <= 1) return candidates; // no variable: the derivative of a constant is 0
  throw new ArgumentError(`${candidates.length} variables (${candidates.join(", ")}): say which to differentiate by, e.g. diff(f, "${candidates[0]}")`);
}

/**
 * The variables a statement may be differentiated by when none is named (the command line shares the rule): its
 * function's parameters (`f(t) = t^2`), or else all its variables, sorted.
 */
export function candidateVariables({ expression, definition }: Statement): string[] {
  return definition && definition.params.length > 0 ? [...definition.params] : [...expression.vars].sort();
}

/** What a derivative's work budget (work.ts) is named in its LimitError: "derivative too costly: ...". */
const WORK = "derivative";

/**
 * Most nodes one `diff` call may create (derivatives, simplification candidates, results), at a few hundred bytes
 * each. The largest derivatives in the benchmarks create about 100,000; beyond this the work is running away and a
 * LimitError says so instead of exhausting memory.
 */
export const MAX_DIFF_NODES = 1_000_000;

/** Most distinct successive derivatives one `diff` call computes: higher orders must reach a cycle or zero first. */
export const MAX_DISTINCT_ORDERS = 1000;

/**
 * Most nodes the successive derivatives of one `diff` call may hold together (each counted as distinct nodes, as
 * the simplifier works on them). Each order costs about its size to simplify, so this bounds the work at every
 * order, not only the last: `diff("tan(x)", "x", 999)` stops near the 100th derivative instead of running for
 * minutes, while orders whose derivatives stay small (or repeat) go as high as MAX_DISTINCT_ORDERS.
 */
export const MAX_ORDER_NODES = 10_000;

/**
 * `step` applied `times` times. Interned results make cycles visible (sin → cos → -sin → -cos → sin, or 0 → 0): once
 * a result repeats, the rest of the way is known, so `diff("sin(x)", "x", 10 ** 9)` takes four steps, not a billion.
 * Invariant: before each step, the derivatives made so far hold at most MAX_ORDER_NODES nodes together, and fewer
 * than MAX_DISTINCT_ORDERS were made.
 */
function repeat(step: (e: Expr) => Expr, e: Expr, times: number): Expr {
  const seen = new Map<Expr, number>();
  let held = 0;
  let early = 0;
  for (let i = 0; i < times; i++) {
    const first = seen.get(e);
    if (first !== undefined) return repeat(step, e, (times - i) % (i - first));
    if (i === MAX_DISTINCT_ORDERS) {
      throw new LimitError(`derivative of order ${times.toLocaleString("en")} too costly: the first ${MAX_DISTINCT_ORDERS} derivatives are all different (the limit)`);
    }
    if (i > 0) held += distinctNodes(e);
    if (held > MAX_ORDER_NODES) {
      throw new LimitError(`derivative of order ${times.toLocaleString("en")} too costly: the first ${i} derivatives hold more than ${MAX_ORDER_NODES.toLocaleString("en")} nodes together (the limit)`);
    }
    // Beyond the limit only a cycle can help, and derivatives that keep growing will not cycle: say so now.
    if (i === GROWTH_CHECK / 2) early = e.size;
    if (times > MAX_DISTINCT_ORDERS && i === GROWTH_CHECK && e.size > early) {
      throw new LimitError(`derivative of order ${times.toLocaleString("en")} out of reach: the derivatives keep growing (the ${i}th has ${e.size.toLocaleString("en")} nodes) and do not repeat`);
    }
    seen.set(e, i);
    e = step(e);
  }
  return e;
}

/** When a very high order is asked for, growth from the 8th to the 16th derivative ends the attempt. */
const GROWTH_CHECK = 16;

/**
 * The partial derivatives. Each is an operation of its own, with its own work budget (work.ts): the cost of a
 * gradient grows with its length, and a long one is no more "too costly" than each of its entries. All of them are
 * made in one generation of nodes (expr.ts), so they share their common parts.
 */
export function gradient(e: ExprLike, vars: readonly string[]): Expr[] {
  return withinGeneration(() => {
    const f = toExpr(e);
    return vars.map((v) => diff(f, v));
  });
}

/** The matrix of second partials; symmetric, each mixed partial is computed once (an operation each, as above). */
export function hessian(e: ExprLike, vars: readonly string[]): Expr[][] {
  return withinGeneration(() => hessianOf(e, vars));
}

function hessianOf(e: ExprLike, vars: readonly string[]): Expr[][] {
  const g = gradient(e, vars);
  const h: Expr[][] = vars.map(() => []);
  vars.forEach((_, i) => {
    for (let j = i; j < vars.length; j++) h[i]![j] = h[j]![i] = diff(g[i]!, vars[j]!);
  });
  return h;
}
