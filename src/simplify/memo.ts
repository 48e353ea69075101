/**
 * Per-node memoisation for the simplifier's rewrites. Nodes are interned and immutable, so a rewrite of the same
 * node always gives the same answer; the simplifier asks for it from several candidate forms and in every round.
 */
import { type Expr, NodeMemo } from "../ast/expr.js";

export function memoized<R>(rewrite: (e: Expr) => R): (e: Expr) => R {
  const memo = new NodeMemo<{ result: R }>();
  return (e) => (memo.get(e) ?? memo.set(e, { result: rewrite(e) })).result;
}
