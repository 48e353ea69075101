/** Sum rule: (u + v)' = u' + v'. Differences are sums with negated terms, so this is also the difference rule. */
import { add } from "../ast/build.js";
import { type Add, type Expr, NodeMemo } from "../ast/expr.js";
import type { RuleContext } from "./rule.js";

export function sumRule(e: Add, ctx: RuleContext): Expr {
  ctx.note?.("sum");
  return add(...(ctx.everyTerm ? e.terms : termsWith(e, ctx.wrt)).map(ctx.d));
}

/**
 * Sums longer than this index their terms by variable. A gradient of a sum of n variables makes n derivatives of
 * it: with the index each costs the terms that have its variable, not all n of them (n² in all).
 */
const INDEXED = 32;
const byVariable = new NodeMemo<ReadonlyMap<string, readonly Expr[]>>();

/** The terms of `e` that depend on `v` (the others differentiate to 0). */
function termsWith(e: Add, v: string): readonly Expr[] {
  if (e.terms.length <= INDEXED) return e.terms.filter((t) => t.vars.has(v));
  let index = byVariable.get(e);
  if (index === undefined) {
    const made = new Map<string, Expr[]>();
    for (const t of e.terms) for (const name of t.vars) (made.get(name) ?? made.set(name, []).get(name)!).push(t);
    index = byVariable.set(e, made);
  }
  return index.get(v) ?? [];
}
