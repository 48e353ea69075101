/**
 * Softmax regression over K classes: logits `zk = bk + wk_1*x1 + ... + wk_d*xd`, probabilities
 * `pk = exp(zk)/(exp(z1) + ... + exp(zK))` and the cross-entropy loss against the one-hot label `y1 ... yK`
 * (head.ts writes the loss so that diff derives `dL/dzk = pk - yk`).
 */
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";
import { denseModel, type Model } from "./model.js";

export function softmaxRegression(dimension: number, classes: number): Model {
  if (!Number.isInteger(classes) || classes < 2) throw new ArgumentError(`softmax regression needs 2 or more classes, got ${describeValue(classes)}`);
  return denseModel({ kind: "softmax", dimension, classes });
}
