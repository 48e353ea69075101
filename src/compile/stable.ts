/**
 * Rewrites for numerically stable evaluation, applied to what is compiled, never to what users see: derivatives and
 * printed losses keep the textbook form `log(sigmoid(z))`.
 *
 * In float64, sigmoid(z) rounds to exactly 1 for z > 37 and underflows to 0 for z < -745, so `log(1 - sigmoid(z))` and
 * `log(sigmoid(z))` become -Infinity and a cross-entropy loss becomes Infinity or NaN. Both logs are rewritten in terms
 * of one softplus, whose table row is computed without overflow (`max(u, 0) + log1p(exp(-|u|))`):
 *
 *   log(1 - sigmoid(u)) = -log(1 + e^u)          = -softplus(u)
 *   log(sigmoid(u))     = -log(1 + e^-u) = u - log(1 + e^u) = u - softplus(u)
 *
 * The cross-entropy then costs a single softplus(z) and equals softplus(z) - y*z: the formula of PyTorch's
 * BCEWithLogitsLoss and TensorFlow's sigmoid_cross_entropy_with_logits. It is a rewrite, not a clamp of the
 * probability: the loss is finite for every finite z and accurate to a few ulps of max(|z|, 1) (a confident correct
 * prediction, whose true loss e^-|z| is below that, evaluates to about 0).
 */
import { call, neg, ONE, sub } from "../ast/build.js";
import type { Call, Expr } from "../ast/expr.js";
import { postwalk } from "../ast/transform.js";
import { toExpr, type ExprLike } from "../diff.js";

export function stabilize(e: ExprLike): Expr {
  return postwalk(toExpr(e), (node) => (node.kind === "call" && node.name === "log" ? stableLog(node.args[0]!) : undefined));
}

/** `log(arg)` in a stable form, or undefined when `arg` is neither sigmoid(u) nor 1 - sigmoid(u). */
function stableLog(arg: Expr): Expr | undefined {
  if (isSigmoid(arg)) return sub(arg.args[0]!, softplus(arg.args[0]!));
  if (arg.kind !== "add") return undefined;
  for (const term of arg.terms) {
    const sigmoid = term.kind === "mul" ? term.factors.at(-1)! : term;
    // Interning makes `===` an exact structural match for 1 - sigmoid(u).
    if (isSigmoid(sigmoid) && arg === sub(ONE, sigmoid)) return neg(softplus(sigmoid.args[0]!));
  }
  return undefined;
}

function isSigmoid(e: Expr): e is Call {
  return e.kind === "call" && e.name === "sigmoid";
}

function softplus(u: Expr): Expr {
  return call("softplus", [u]);
}
