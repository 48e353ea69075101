/** Logistic regression: p = sigmoid(w1*x1 + ... + wd*xd + b), cross-entropy loss, weights starting at zero. */
import { call, sym } from "../ast/build.js";
import { affine, crossEntropy, featureNames, LABEL, type Model } from "./model.js";

export function logisticRegression(dimension: number): Model {
  const features = featureNames(dimension);
  const weights = features.map((_, i) => `w${i + 1}`);
  const z = affine(weights, features.map(sym), "b");
  return {
    loss: crossEntropy(z, sym(LABEL)),
    probability: call("sigmoid", [z]),
    parameters: [...weights, "b"],
    features,
    label: LABEL,
    // Zero is a fine start for a convex loss, and makes training deterministic.
    initial: new Float64Array(dimension + 1),
    summary: (params) => ({ weights: [...params.subarray(0, dimension)], bias: params[dimension]! }),
  };
}
