/**
 * The models the train suite measures, and the sizes it measures them at. `BENCH_TRAIN_QUICK=1` shrinks every size
 * (for a run in seconds while developing); `BENCH_TRAIN_LIMIT_S` is how long one case's child process may take
 * before the suite gives up on it (default 30 s), so that a slow engine costs a "gave up" row, not the whole run.
 */
import { logisticRegression, type Model, neuralNetwork, softmaxRegression } from "../../dist/index.js";
import { randomParameters } from "./train-data.js";

export type TrainCase =
  | { readonly kind: "logistic"; readonly dimension: number }
  | { readonly kind: "network"; readonly dimension: number; readonly hidden: number }
  | { readonly kind: "softmax"; readonly dimension: number; readonly classes: number };

export const QUICK = process.env.BENCH_TRAIN_QUICK === "1";

export const LIMIT_SECONDS = Number(process.env.BENCH_TRAIN_LIMIT_S ?? 30);

export const SIZES = QUICK
  ? { rows: 500, logistic: [10, 100], networkFeatures: 20, hidden: [4, 16], softmax: { dimension: 20, classes: 3 }, cliFeatures: 100, wideFeatures: 200, hugeRows: 0 }
  : { rows: 2000, logistic: [10, 100, 1000], networkFeatures: 20, hidden: [4, 64, 256], softmax: { dimension: 100, classes: 4 }, cliFeatures: 1000, wideFeatures: 2000, hugeRows: 3_400_000 };

export function classesOf(c: TrainCase): number {
  return c.kind === "softmax" ? c.classes : 2;
}

export function caseLabel(c: TrainCase): string {
  switch (c.kind) {
    case "logistic":
      return `logistic, ${c.dimension} features`;
    case "network":
      return `network, ${c.hidden} tanh units`;
    case "softmax":
      return `softmax, ${c.classes} classes, ${c.dimension} features`;
  }
}

export function modelOf(c: TrainCase): Model {
  switch (c.kind) {
    case "logistic":
      return logisticRegression(c.dimension);
    case "network":
      return neuralNetwork(c.dimension, { hidden: c.hidden, activation: "tanh", seed: 1 });
    case "softmax":
      return softmaxRegression(c.dimension, c.classes);
  }
}

/**
 * Where the objective is timed: the network's seeded initial weights; for the regressions, whose initial weights
 * are all zero (every logit 0), a seeded point of the same scale as the network's, so that no row is a special case.
 */
export function timedParameters(c: TrainCase, model: Model): Float64Array {
  return c.kind === "network" ? model.initial.slice() : randomParameters(model.initial.length, 1 / Math.sqrt(c.dimension));
}
