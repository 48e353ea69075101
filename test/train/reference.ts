/**
 * Hand-written reference trainers over Float64Arrays — the code one writes without symdiff — for the same models,
 * parameter layouts and update rule as src/train. Tests check the symbolic trainer against them; the benchmark times
 * both. The loss is the stable cross-entropy softplus(z) - y*z, the gradients are worked out by hand (backprop).
 */
import type { Dataset } from "../../src/train/dataset.js";

const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

/** Logistic regression, parameters [w1 ... wd, b]; returns the mean loss before each step and after the last. */
export function handLogisticFit(data: Dataset, params: Float64Array, learningRate: number, iterations: number): Float64Array {
  const { features: X, labels: Y, size: n, dimension: d } = data;
  const grad = new Float64Array(d + 1);
  const losses = new Float64Array(iterations + 1);
  for (let t = 0; t <= iterations; t++) {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let z = params[d]!;
      for (let j = 0; j < d; j++) z += params[j]! * X[i * d + j]!;
      const y = Y[i]!;
      loss += softplus(z) - y * z;
      const error = 1 / (1 + Math.exp(-z)) - y;
      for (let j = 0; j < d; j++) grad[j]! += error * X[i * d + j]!;
      grad[d]! += error;
    }
    losses[t] = loss / n;
    if (t < iterations) for (let k = 0; k <= d; k++) params[k]! -= (learningRate * grad[k]!) / n;
  }
  return losses;
}

/**
 * One hidden layer of `hidden` units, sigmoid output. Parameters per unit [w{j}_1 ... w{j}_d, b{j}], then
 * [v1 ... vh, c], as in src/train/network.ts.
 */
export function handNetworkFit(
  data: Dataset,
  params: Float64Array,
  hidden: number,
  activation: "tanh" | "sigmoid",
  learningRate: number,
  iterations: number,
): Float64Array {
  const { features: X, labels: Y, size: n, dimension: d } = data;
  const unit = d + 1; // parameters per hidden unit
  const out = hidden * unit; // index of v1
  const grad = new Float64Array(params.length);
  const h = new Float64Array(hidden);
  const losses = new Float64Array(iterations + 1);
  const tanh = activation === "tanh";
  for (let t = 0; t <= iterations; t++) {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      // forward
      let z = params[out + hidden]!;
      for (let j = 0; j < hidden; j++) {
        let a = params[j * unit + d]!;
        for (let k = 0; k < d; k++) a += params[j * unit + k]! * X[i * d + k]!;
        h[j] = tanh ? Math.tanh(a) : 1 / (1 + Math.exp(-a));
        z += params[out + j]! * h[j]!;
      }
      const y = Y[i]!;
      loss += softplus(z) - y * z;
      // backward
      const delta = 1 / (1 + Math.exp(-z)) - y;
      grad[out + hidden]! += delta;
      for (let j = 0; j < hidden; j++) {
        const hj = h[j]!;
        grad[out + j]! += delta * hj;
        const slope = tanh ? 1 - hj * hj : hj * (1 - hj);
        const deltaJ = delta * params[out + j]! * slope;
        for (let k = 0; k < d; k++) grad[j * unit + k]! += deltaJ * X[i * d + k]!;
        grad[j * unit + d]! += deltaJ;
      }
    }
    losses[t] = loss / n;
    if (t < iterations) for (let k = 0; k < params.length; k++) params[k]! -= (learningRate * grad[k]!) / n;
  }
  return losses;
}
