/**
 * Per-node memoisation for the simplifier's rewrites. Nodes are interned and immutable, so a rewrite of the same
 * node always gives the same answer; the simplifier asks for it from several candidate forms and in every round.
 */
import type { Expr } from "../ast/expr.js";

export function memoized<R>(rewrite: (e: Expr) => R): (e: Expr) => R {
  const memo = new WeakMap<Expr, { result: R }>();
  return (e) => {
    let entry = memo.get(e);
    if (!entry) {
      entry = { result: rewrite(e) };
      memo.set(e, entry);
    }
    return entry.result;
  };
}
