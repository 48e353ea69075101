/**
 * A hint for a wrong answer: the first step of the derivation the answer seems to have missed.
 *
 * Each step of a derivation works out d/dx of one subexpression for the rule above it. The two classic ways to miss
 * a step are to leave its derivative out as if it were 1 (the chain rule's inner derivative forgotten: cos(3x^2 + x)
 * for sin(3x^2 + x)) or as if it were 0 (a term of the product rule dropped: 2x sin(x) for x^2 sin(x)). For each
 * step in order, the derivative is worked out again with that step's derivative replaced so, and when the answer
 * equals one of these, that step is the one missed. When none matches, the hint names the first rule to apply.
 */
import { ONE, ZERO } from "../src/ast/build.js";
import { type Expr, withinGeneration } from "../src/ast/expr.js";
import { derivative, toExpr } from "../src/diff.js";
import { check } from "../src/homework/check.js";
import type { Step } from "../src/homework/steps.js";

export interface Hint {
  /** The step missed, or the first step when no single missed step explains the answer. */
  readonly step: Step;
  /** 1-based position in the derivation. */
  readonly index: number;
  /** Whether the answer is what missing exactly this step gives. */
  readonly missed: boolean;
  /** The step whose rule needed the missed derivative (the chain rule around an inner function, say). */
  readonly parent?: Step;
}

/** Steps tried at most: each costs a derivative and a check, and a derivation longer than this is no homework. */
const MAX_TRIED = 40;

export function hintFor(answer: Expr, of: Expr, wrt: string, derivation: readonly Step[]): Hint | undefined {
  if (derivation.length === 0) return undefined;
  return withinGeneration(() => {
    const a = toExpr(answer);
    const root = toExpr(of);
    for (const [i, step] of derivation.slice(0, MAX_TRIED).entries()) {
      const e = toExpr(step.expr);
      if (e === root || !e.vars.has(wrt)) continue;
      for (const replacement of [ONE, ZERO]) {
        if (check(a, derivativeReplacing(root, wrt, e, replacement)).equivalent) {
          const parent = derivation.slice(0, i).reverse().find((s) => s.depth === step.depth - 1);
          return { step, index: i + 1, missed: true, ...(parent && { parent }) };
        }
      }
    }
    return { step: derivation[0]!, index: 1, missed: false };
  });
}

/** d/dx of `root`, unsimplified, with d/dx of `target` taken to be `replacement` wherever the rules need it. */
function derivativeReplacing(root: Expr, wrt: string, target: Expr, replacement: Expr): Expr {
  const memo = new Map<Expr, Expr>();
  const d = (e: Expr): Expr => {
    if (e === target) return replacement;
    if (!e.vars.has(wrt)) return ZERO;
    let result = memo.get(e);
    if (result === undefined) {
      result = derivative(e, { wrt, d });
      memo.set(e, result);
    }
    return result;
  };
  return d(root);
}
