/**
 * A model is a per-sample loss written as an expression: the trainer differentiates and compiles it, so a model
 * never contains a hand-written gradient. Variables of one sample are the features `x1 ... xd` and the label: `y`
 * (0 or 1) for two classes, the one-hot `y1 ... yK` for K classes.
 */
import { add, call, mul, neg, ONE, sub, sym } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";

export type ModelKind = "logistic" | "softmax" | "network";

export interface Model {
  readonly kind: ModelKind;
  /** The per-sample loss in textbook form (what users read; compiled after `stable`). */
  readonly loss: Expr;
  /** The predicted probabilities: [P(label = 1)] for two classes, [p1, ..., pK] for K classes. */
  readonly outputs: readonly Expr[];
  /** Trainable parameters, in the order of parameter vectors. */
  readonly parameters: readonly string[];
  /** The parameters L2 regularisation shrinks: every weight, no bias (a bias only shifts the decision). */
  readonly weights: readonly string[];
  /** Feature variables `x1 ... xd`. */
  readonly features: readonly string[];
  /** Label variables: `y`, or `y1 ... yK` one-hot. */
  readonly labels: readonly string[];
  /** Starting parameter values. */
  readonly initial: Float64Array;
  /** The same expression rewritten to stay finite in float64 (for compiling; never shown). */
  stable(e: Expr): Expr;
  /** The learned values in the shape users expect: weights (per feature, per class or per layer) and the bias. */
  summary(params: Float64Array): { readonly weights: unknown; readonly bias: unknown };
  /** Parts of printed formulas shown by name, e.g. `z1 = b1 + w1_1*x1 + ...`: definitions, and the rewrite using them. */
  readonly named?: { readonly definitions: readonly (readonly [string, Expr])[]; rename(e: Expr): Expr };
  /**
   * Parameters whose gradients have one form up to indices: the report prints the representative's gradient and the
   * note saying which others it stands for. Without families every parameter's gradient is printed.
   */
  readonly families?: readonly { readonly representative: string; readonly note?: string }[];
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
