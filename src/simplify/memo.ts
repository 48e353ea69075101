/**
 * Per-node memoisation for the simplifier's rewrites. Nodes are interned and immutable, so a rewrite of the same
 * node always gives the same answer; the simplifier asks for it from several candidate forms and in every round.
 */
import { type Expr, NodeMemo } from "../ast/expr.js";

/** Kept for a rewrite that found nothing (a slot's `undefined` means "not asked yet"). */
const NOTHING = Symbol("nothing");

export function memoized(rewrite: (e: Expr) => Expr | undefined): (e: Expr) => Expr | undefined {
  const memo = new NodeMemo<Expr | typeof NOTHING>();
  return (e) => {
    let known = memo.get(e);
    if (known === undefined) known = memo.set(e, rewrite(e) ?? NOTHING);
    return known === NOTHING ? undefined : known;
  };
}
