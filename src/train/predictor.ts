/** Predictions of a model at given parameters: each row's class (the most probable one) and its probability. */
import { compileAll } from "../compile/compile.js";
import type { Model } from "./model.js";

export interface Predictions {
  /** The predicted class index per row. */
  readonly classes: Float64Array;
  /** The model's probability for that class. */
  readonly probabilities: Float64Array;
}

export type Classifier = (features: Float64Array, size: number) => Predictions;

/** Compiles the model's outputs once; the classifier then runs over any rows of `model.features.length` values. */
export function classifier(model: Model, params: Float64Array): Classifier {
  const dimension = model.features.length;
  const outputs = compileAll(model.outputs.map((p) => model.stable(p)), [...model.parameters, ...model.features]);
  const args = new Float64Array(params.length + dimension);
  const out = new Float64Array(model.outputs.length);
  args.set(params);
  return (features, size) => {
    const classes = new Float64Array(size);
    const probabilities = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      args.set(features.subarray(i * dimension, (i + 1) * dimension), params.length);
      outputs(args, out);
      if (out.length === 1) {
        // Two classes: one output, P(label = 1); a tie goes to class 1.
        classes[i] = out[0]! >= 0.5 ? 1 : 0;
        probabilities[i] = out[0]! >= 0.5 ? out[0]! : 1 - out[0]!;
      } else {
        let best = 0;
        for (let k = 1; k < out.length; k++) if (out[k]! > out[best]!) best = k;
        classes[i] = best;
        probabilities[i] = out[best]!;
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
