/** Logistic regression: p = sigmoid(b + w1*x1 + ... + wd*xd), cross-entropy loss, weights starting at zero. */
import { denseModel, type Model } from "./model.js";

export function logisticRegression(dimension: number): Model {
  return denseModel({ kind: "logistic", dimension, classes: 2 });
}
