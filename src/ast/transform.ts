/**
 * Bottom-up rewriting over the shared expression graph: each distinct node is visited once per call, so a tree with
 * exponentially many paths (shared subexpressions) costs only its number of distinct nodes.
 */
import { rebuild, ZERO } from "./build.js";
import { children, deepFirst, type Expr } from "./expr.js";
import { isGate } from "./gate.js";

/**
 * `e` with each child replaced by `f(child)`, rebuilt through the canonical constructors; `e` itself when every
 * child maps to itself (the child list is copied only at the first child that changes).
 */
export function mapChildren(e: Expr, f: (child: Expr) => Expr): Expr {
  const kids = children(e);
  let mapped: Expr[] | undefined;
  for (let i = 0; i < kids.length; i++) {
    const kid = f(kids[i]!);
    if (kid !== kids[i]) (mapped ??= kids.slice())[i] = kid;
  }
  return mapped ? rebuild(e, mapped) : e;
}

/**
 * Rebuilds `e` from the leaves up, replacing each node by `rewrite(node)` after its children were rewritten.
 * `rewrite` returning undefined keeps the rebuilt node. Any depth: see `deepFirst`.
 */
export function postwalk(e: Expr, rewrite: (e: Expr) => Expr | undefined, seen = new Map<Expr, Expr>()): Expr {
  const walk = (n: Expr): Expr => {
    const done = seen.get(n);
    if (done) return done;
    const node = mapChildren(n, walk);
    const result = rewrite(node) ?? node;
    seen.set(n, result);
    return result;
  };
  deepFirst(e, walk, (n) => seen.has(n)); // deep input: children first, so `walk` recurses only where it is shallow
  return walk(e);
}

/**
 * Replaces variables by expressions, e.g. substitute(x^2 + y, {x: 3}) = 9 + y. A product whose step gate becomes
 * exactly 0 becomes 0 (ast/gate.ts), as evaluate takes it: step(x)*log(x) at x = -1 is 0, not 0*log(-1).
 */
export function substitute(e: Expr, values: ReadonlyMap<string, Expr>): Expr {
  if (![...values.keys()].some((v) => e.vars.has(v))) return e;
  const seen = new Map<Expr, Expr>();
  const closed = (f: Expr) => isGate(f) && walk(f) === ZERO;
  const walk = (n: Expr): Expr => {
    let done = seen.get(n);
    if (done) return done;
    if (n.kind === "sym") done = values.get(n.name) ?? n;
    else if (n.kind === "mul" && n.factors.some(closed)) done = ZERO;
    else done = mapChildren(n, walk);
    seen.set(n, done);
    return done;
  };
  deepFirst(e, walk, (n) => seen.has(n)); // deep input: children first, so `walk` recurses only where it is shallow
  return walk(e);
}
