/** Predictions of a model at given parameters: each row's class (the most probable one) and its probability. */
import { compileForward } from "./compiled.js";
import type { Model } from "./model.js";

export interface Predictions {
  /** The predicted class index per row. */
  readonly classes: Float64Array;
  /** The model's probability for that class. */
  readonly probabilities: Float64Array;
}

export type Classifier = (features: Float64Array, size: number) => Predictions;

/** Compiles the model's forward pass once; the classifier then runs over any rows of `model.features.length` values. */
export function classifier(model: Model, params: Float64Array): Classifier {
  const dimension = model.features.length;
  const forward = compileForward({ layers: model.layers, head: model.head, dimension, parameterCount: model.parameters.length });
  const K = model.head.outputs.length;
  return (features, size) => {
    const out = forward(params, features.subarray(0, size * dimension), new Float64Array(size * K));
    const classes = new Float64Array(size);
    const probabilities = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      if (K === 1) {
        // Two classes: one output, P(label = 1); a tie goes to class 1.
        const p = out[i]!;
        classes[i] = p >= 0.5 ? 1 : 0;
        probabilities[i] = p >= 0.5 ? p : 1 - p;
      } else {
        let best = 0;
        for (let k = 1; k < K; k++) if (out[i * K + k]! > out[i * K + best]!) best = k;
        classes[i] = best;
        probabilities[i] = out[i * K + best]!;
      }
    }
    return { classes, probabilities };
  };
}

/** The fraction of rows whose predicted class is the label. */
export function accuracy(predicted: Float64Array, labels: Float64Array): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct / labels.length;
}
