/**
 * The hand-written objectives the train suite times symdiff's Trainer against: the per-row forward/backward loop an
 * engineer writes over Float64Arrays, with every buffer allocated once (nothing is allocated per call). Same models,
 * parameter layouts and losses as src/train (the stable cross-entropy softplus(z) - y*z, mean over the rows), the
 * gradients worked out by hand. Written in the style of test/train/reference.ts, which the tests check the trainer
 * against; the bench keeps its own copy so that it never imports from test/.
 */
import type { Dataset } from "../../dist/index.js";
import type { TrainCase } from "./train-cases.js";

export interface Objective {
  /** The mean loss at `params`, its gradient written into `grad`. */
  lossAndGradient(params: Float64Array, grad: Float64Array): number;
  /** The mean loss at `params` alone. */
  loss(params: Float64Array): number;
}

const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

export function handObjective(c: TrainCase, data: Dataset): Objective {
  switch (c.kind) {
    case "logistic":
      return logistic(data);
    case "network":
      return network(data, c.hidden);
    case "softmax":
      return softmax(data, c.classes);
  }
}

/** Parameters [w1 ... wd, b]. */
function logistic(data: Dataset): Objective {
  const { features: X, labels: Y, size: n, dimension: d } = data;
  return {
    lossAndGradient(params, grad) {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const row = i * d;
        let z = params[d]!;
        for (let j = 0; j < d; j++) z += params[j]! * X[row + j]!;
        const y = Y[i]!;
        loss += softplus(z) - y * z;
        const error = 1 / (1 + Math.exp(-z)) - y;
        for (let j = 0; j < d; j++) grad[j]! += error * X[row + j]!;
        grad[d]! += error;
      }
      for (let k = 0; k <= d; k++) grad[k]! /= n;
      return loss / n;
    },
    loss(params) {
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const row = i * d;
        let z = params[d]!;
        for (let j = 0; j < d; j++) z += params[j]! * X[row + j]!;
        loss += softplus(z) - Y[i]! * z;
      }
      return loss / n;
    },
  };
}

/** One hidden layer of tanh units, sigmoid output. Parameters per unit [w{j}_1 ... w{j}_d, b{j}], then [v1 ... vh, c]. */
function network(data: Dataset, hidden: number): Objective {
  const { features: X, labels: Y, size: n, dimension: d } = data;
  const unit = d + 1; // parameters per hidden unit
  const out = hidden * unit; // index of v1
  const h = new Float64Array(hidden);
  // The hidden activations of one row, and the logit of the output.
  const forward = (params: Float64Array, row: number): number => {
    let z = params[out + hidden]!;
    for (let j = 0; j < hidden; j++) {
      const w = j * unit;
      let a = params[w + d]!;
      for (let k = 0; k < d; k++) a += params[w + k]! * X[row + k]!;
      const hj = Math.tanh(a);
      h[j] = hj;
      z += params[out + j]! * hj;
    }
    return z;
  };
  return {
    lossAndGradient(params, grad) {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const row = i * d;
        const z = forward(params, row);
        const y = Y[i]!;
        loss += softplus(z) - y * z;
        const delta = 1 / (1 + Math.exp(-z)) - y;
        grad[out + hidden]! += delta;
        for (let j = 0; j < hidden; j++) {
          const hj = h[j]!;
          grad[out + j]! += delta * hj;
          const deltaJ = delta * params[out + j]! * (1 - hj * hj);
          const w = j * unit;
          for (let k = 0; k < d; k++) grad[w + k]! += deltaJ * X[row + k]!;
          grad[w + d]! += deltaJ;
        }
      }
      for (let k = 0; k < grad.length; k++) grad[k]! /= n;
      return loss / n;
    },
    loss(params) {
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const z = forward(params, i * d);
        loss += softplus(z) - Y[i]! * z;
      }
      return loss / n;
    },
  };
}

/** K classes, parameters per class k [wk_1 ... wk_d, bk]; the loss is -log p_label, by log-sum-exp shifted by the largest logit. */
function softmax(data: Dataset, classes: number): Objective {
  const { features: X, labels: Y, size: n, dimension: d } = data;
  const unit = d + 1;
  const z = new Float64Array(classes);
  // The logits of one row into z; returns log Σ exp(zk).
  const logSumExp = (params: Float64Array, row: number): number => {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) {
      const w = k * unit;
      let zk = params[w + d]!;
      for (let j = 0; j < d; j++) zk += params[w + j]! * X[row + j]!;
      z[k] = zk;
      if (zk > max) max = zk;
    }
    let total = 0;
    for (let k = 0; k < classes; k++) total += Math.exp(z[k]! - max);
    return max + Math.log(total);
  };
  return {
    lossAndGradient(params, grad) {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const row = i * d;
        const lse = logSumExp(params, row);
        const y = Y[i]!;
        loss += lse - z[y]!;
        for (let k = 0; k < classes; k++) {
          const error = Math.exp(z[k]! - lse) - (k === y ? 1 : 0); // p_k - y_k
          const w = k * unit;
          for (let j = 0; j < d; j++) grad[w + j]! += error * X[row + j]!;
          grad[w + d]! += error;
        }
      }
      for (let k = 0; k < grad.length; k++) grad[k]! /= n;
      return loss / n;
    },
    loss(params) {
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const row = i * d;
        loss += logSumExp(params, row) - z[Y[i]!]!;
      }
      return loss / n;
    },
  };
}
