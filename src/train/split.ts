/** A seeded train/test split: the same seed gives the same split, and no row is in both parts. */
import { mulberry32 } from "../random.js";
import type { Dataset } from "./dataset.js";
import { DataError } from "./errors.js";

/** Fisher–Yates, in place. */
export function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** The rows at `indices`, in that order. */
export function subset(data: Dataset, indices: readonly number[]): Dataset {
  const { dimension } = data;
  const features = new Float64Array(indices.length * dimension);
  const labels = new Float64Array(indices.length);
  indices.forEach((row, i) => {
    features.set(data.features.subarray(row * dimension, (row + 1) * dimension), i * dimension);
    labels[i] = data.labels[row]!;
  });
  return { ...data, features, labels, size: indices.length };
}

export interface Split {
  readonly train: Dataset;
  readonly test: Dataset;
  /** Row numbers (0-based, in the data set) of each part. */
  readonly trainRows: readonly number[];
  readonly testRows: readonly number[];
}

/** Shuffles the rows with the seed and holds out the first `round(fraction × rows)` of them for testing. */
export function splitDataset(data: Dataset, fraction: number, seed: number): Split {
  if (!(fraction > 0 && fraction < 1)) throw new DataError(`the test fraction must be between 0 and 1, got ${fraction}`);
  const order = Array.from({ length: data.size }, (_, i) => i);
  shuffle(order, mulberry32(seed));
  const testSize = Math.round(fraction * data.size);
  if (testSize < 1 || testSize >= data.size) {
    throw new DataError(`a test fraction of ${fraction} leaves ${testSize < 1 ? "no test rows" : "no training rows"} out of ${data.size}`);
  }
  const testRows = order.slice(0, testSize);
  const trainRows = order.slice(testSize);
  const train = subset(data, trainRows);
  if (new Set(train.labels).size < 2) throw new DataError(`the ${trainRows.length} training rows all have one class: hold out fewer rows or reseed`);
  return { train, test: subset(data, testRows), trainRows, testRows };
}
