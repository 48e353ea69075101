/**
 * Seeded synthetic classification data for the train suite: the same seed gives the same rows in the suite, in its
 * child processes and in the CSV files it writes for the command line. Features are uniform with unit variance (so a
 * network's tanh units, initialised at ±1/sqrt(fan-in), start unsaturated); labels are drawn from a planted linear
 * model, so the classes overlap as real data does.
 */
import type { Dataset } from "../../dist/index.js";
import { mulberry32 } from "../../dist/random.js";

/** `size` rows of `dimension` features; labels 0/1 for two classes, 0 ... classes-1 otherwise. */
export function syntheticDataset(size: number, dimension: number, classes = 2, seed = 19): Dataset {
  const random = mulberry32(seed);
  const unit = () => (2 * random() - 1) * Math.sqrt(3);
  const planted = Float64Array.from({ length: classes * dimension }, unit);
  const features = Float64Array.from({ length: size * dimension }, unit);
  const labels = new Float64Array(size);
  const scores = new Float64Array(classes);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < classes; k++) {
      let z = 0;
      for (let j = 0; j < dimension; j++) z += planted[k * dimension + j]! * features[i * dimension + j]!;
      scores[k] = (2 * z) / Math.sqrt(dimension);
    }
    labels[i] = classes === 2 ? Number(random() < 1 / (1 + Math.exp(scores[0]! - scores[1]!))) : sampleClass(scores, random());
  }
  // Both (all) classes must occur, or Trainer and the command line refuse the data: the first rows take turns.
  for (let k = 0; k < Math.min(classes, size); k++) labels[k] = k;
  const featureNames = Array.from({ length: dimension }, (_, j) => `x${j + 1}`);
  const classNames = Array.from({ length: classes }, (_, k) => String(k));
  return { featureNames, labelName: "y", features, labels, size, dimension, classNames };
}

/** The class drawn with probability softmax(scores) by the uniform number u. */
function sampleClass(scores: Float64Array, u: number): number {
  const max = Math.max(...scores);
  const weights = Array.from(scores, (s) => Math.exp(s - max));
  let left = u * weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < weights.length - 1; k++) {
    left -= weights[k]!;
    if (left < 0) return k;
  }
  return weights.length - 1;
}

/** The data set as CSV text: a header `x1,...,xd,y`, then one line per row, the label last (the command line's default). */
export function datasetCsv(data: Dataset): string {
  const { features, labels, size, dimension } = data;
  const lines = [`${[...data.featureNames, data.labelName].join(",")}\n`];
  for (let i = 0; i < size; i++) {
    const cells = Array.from(features.subarray(i * dimension, (i + 1) * dimension), (x) => x.toFixed(5));
    cells.push(String(labels[i]));
    lines.push(`${cells.join(",")}\n`);
  }
  return lines.join("");
}

/** A seeded parameter vector with entries uniform in ±scale: a generic point to evaluate a model at. */
export function randomParameters(count: number, scale: number, seed = 7): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: count }, () => (2 * random() - 1) * scale);
}
