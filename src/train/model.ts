/**
 * A model is a per-sample loss written as an expression: the trainer differentiates and compiles it, so a model
 * never contains a hand-written gradient. Variables of one sample are the features `x1 ... xd` and the label `y`.
 */
import { add, call, mul, neg, ONE, sub, sym } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";

export interface Model {
  /** The per-sample loss in textbook form (what users read; compiled after `stabilize`). */
  readonly loss: Expr;
  /** The predicted probability that the label is 1. */
  readonly probability: Expr;
  /** Trainable parameters, in the order of parameter vectors. */
  readonly parameters: readonly string[];
  /** Feature variables `x1 ... xd`. */
  readonly features: readonly string[];
  readonly label: string;
  /** Starting parameter values. */
  readonly initial: Float64Array;
  /** The learned values in the shape users expect: weights (per feature, or per layer) and the output bias. */
  summary(params: Float64Array): { readonly weights: unknown; readonly bias: number };
}

export const LABEL = "y";

export function featureNames(dimension: number): string[] {
  if (!Number.isInteger(dimension) || dimension < 1) throw new ArgumentError(`a model needs 1 or more features, got ${describeValue(dimension)}`);
  return Array.from({ length: dimension }, (_, i) => `x${i + 1}`);
}

/** `w1*x1 + ... + wn*xn + b` */
export function affine(weights: readonly string[], inputs: readonly Expr[], bias: string): Expr {
  return add(...weights.map((w, i) => mul(sym(w), inputs[i]!)), sym(bias));
}

/** Binary cross-entropy of the logit z against the label y: -(y*log(sigmoid(z)) + (1 - y)*log(1 - sigmoid(z))). */
export function crossEntropy(z: Expr, y: Expr): Expr {
  const p = call("sigmoid", [z]);
  return neg(add(mul(y, call("log", [p])), mul(sub(ONE, y), call("log", [sub(ONE, p)]))));
}
