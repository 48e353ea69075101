/**
 * Feature standardisation: each feature becomes its z-score (x - mean)/sd, with the mean and the population standard
 * deviation of the training rows (as scikit-learn's StandardScaler). The same statistics must then be applied to
 * test rows and to whatever a saved model predicts, so they are part of the model.
 */

export interface Standardization {
  readonly mean: readonly number[];
  /** Standard deviations; a constant feature gets 1, so that it maps to 0 rather than to NaN. */
  readonly sd: readonly number[];
}

export function standardization(features: Float64Array, size: number, dimension: number): Standardization {
  const mean = new Array<number>(dimension).fill(0);
  const sd = new Array<number>(dimension).fill(0);
  for (let i = 0; i < size; i++) for (let j = 0; j < dimension; j++) mean[j]! += features[i * dimension + j]!;
  for (let j = 0; j < dimension; j++) mean[j]! /= size;
  // Two passes: summing squares of deviations, not x² - mean², avoids cancellation for large, tightly spread values.
  for (let i = 0; i < size; i++) for (let j = 0; j < dimension; j++) sd[j]! += (features[i * dimension + j]! - mean[j]!) ** 2;
  for (let j = 0; j < dimension; j++) sd[j] = Math.sqrt(sd[j]! / size) || 1;
  return { mean, sd };
}

/** The features as z-scores: a new array, row-major like the input. */
export function standardize(features: Float64Array, dimension: number, { mean, sd }: Standardization): Float64Array {
  const out = new Float64Array(features.length);
  for (let i = 0; i < features.length; i++) out[i] = (features[i]! - mean[i % dimension]!) / sd[i % dimension]!;
  return out;
}
