/** Logistic regression: p = sigmoid(w1*x1 + ... + wd*xd + b), cross-entropy loss, weights starting at zero. */
import { call, sym } from "../ast/build.js";
import { stabilize } from "../compile/stable.js";
import { affine, crossEntropy, featureNames, LABEL, type Model } from "./model.js";

export function logisticRegression(dimension: number): Model {
  const features = featureNames(dimension);
  const weights = features.map((_, i) => `w${i + 1}`);
  const z = affine(weights, features.map(sym), "b");
  return {
    kind: "logistic",
    loss: crossEntropy(z, sym(LABEL)),
    outputs: [call("sigmoid", [z])],
    parameters: [...weights, "b"],
    weights,
    features,
    labels: [LABEL],
    // Zero is a fine start for a convex loss, and makes training deterministic.
    initial: new Float64Array(dimension + 1),
    stable: stabilize,
    summary: (params) => ({ weights: [...params.subarray(0, dimension)], bias: params[dimension]! }),
  };
}
