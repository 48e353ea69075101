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

/**
 * The mean loss and its gradient by hand — forward pass, then backward — for the three models at `params`, with an
 * optional L2 term lambda/2 × Σ weight² (every parameter but the biases). Layouts as in src/train: logistic
 * [w1 ... wd, b]; softmax per class k [wk_1 ... wk_d, bk]; network per unit [w{j}_1 ... w{j}_d, b{j}], then [v1 ... vh, c].
 */
export type HandModel =
  | { readonly kind: "logistic" }
  | { readonly kind: "softmax"; readonly classes: number }
  | { readonly kind: "network"; readonly hidden: number; readonly activation: "tanh" | "sigmoid" | "relu" }
  /** One hidden layer, then K softmax outputs: per class k [v{k}_1 ... v{k}_h, c{k}]. */
  | { readonly kind: "softmax network"; readonly hidden: number; readonly activation: "tanh" | "sigmoid" | "relu"; readonly classes: number };

export function handLossAndGradient(model: HandModel, data: Dataset, params: Float64Array, lambda = 0): { loss: number; grad: Float64Array } {
  const { features: X, labels: Y, size: n, dimension: d } = data;
  const grad = new Float64Array(params.length);
  let loss = 0;
  const isBias = new Array<boolean>(params.length).fill(false);
  for (let i = 0; i < n; i++) {
    const x = X.subarray(i * d, (i + 1) * d);
    const y = Y[i]!;
    if (model.kind === "logistic") {
      isBias[d] = true;
      let z = params[d]!;
      for (let j = 0; j < d; j++) z += params[j]! * x[j]!;
      loss += softplus(z) - y * z;
      const error = 1 / (1 + Math.exp(-z)) - y;
      for (let j = 0; j < d; j++) grad[j]! += error * x[j]!;
      grad[d]! += error;
    } else if (model.kind === "softmax") {
      const K = model.classes;
      const z = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        isBias[k * (d + 1) + d] = true;
        z[k] = params[k * (d + 1) + d]!;
        for (let j = 0; j < d; j++) z[k]! += params[k * (d + 1) + j]! * x[j]!;
      }
      const max = Math.max(...z);
      let total = 0;
      for (let k = 0; k < K; k++) total += Math.exp(z[k]! - max);
      loss += max + Math.log(total) - z[y]!; // -log p_y
      for (let k = 0; k < K; k++) {
        const error = Math.exp(z[k]! - max) / total - (k === y ? 1 : 0); // p_k - y_k
        for (let j = 0; j < d; j++) grad[k * (d + 1) + j]! += error * x[j]!;
        grad[k * (d + 1) + d]! += error;
      }
    } else if (model.kind === "softmax network") {
      const { hidden, activation, classes: K } = model;
      const unit = d + 1;
      const out = hidden * unit; // first output parameter
      const a = new Float64Array(hidden);
      const h = new Float64Array(hidden);
      for (let j = 0; j < hidden; j++) {
        isBias[j * unit + d] = true;
        a[j] = params[j * unit + d]!;
        for (let k = 0; k < d; k++) a[j]! += params[j * unit + k]! * x[k]!;
        h[j] = activation === "tanh" ? Math.tanh(a[j]!) : activation === "sigmoid" ? 1 / (1 + Math.exp(-a[j]!)) : Math.max(a[j]!, 0);
      }
      const z = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        const o = out + k * (hidden + 1);
        isBias[o + hidden] = true;
        z[k] = params[o + hidden]!;
        for (let j = 0; j < hidden; j++) z[k]! += params[o + j]! * h[j]!;
      }
      const max = Math.max(...z);
      let total = 0;
      for (let k = 0; k < K; k++) total += Math.exp(z[k]! - max);
      loss += max + Math.log(total) - z[y]!;
      const back = new Float64Array(hidden); // dL/dh_j
      for (let k = 0; k < K; k++) {
        const o = out + k * (hidden + 1);
        const error = Math.exp(z[k]! - max) / total - (k === y ? 1 : 0);
        grad[o + hidden]! += error;
        for (let j = 0; j < hidden; j++) {
          grad[o + j]! += error * h[j]!;
          back[j]! += error * params[o + j]!;
        }
      }
      for (let j = 0; j < hidden; j++) {
        const slope = activation === "tanh" ? 1 - h[j]! ** 2 : activation === "sigmoid" ? h[j]! * (1 - h[j]!) : a[j]! > 0 ? 1 : 0;
        const deltaJ = back[j]! * slope;
        for (let k = 0; k < d; k++) grad[j * unit + k]! += deltaJ * x[k]!;
        grad[j * unit + d]! += deltaJ;
      }
    } else {
      const { hidden, activation } = model;
      const unit = d + 1;
      const out = hidden * unit;
      isBias[out + hidden] = true;
      const a = new Float64Array(hidden);
      const h = new Float64Array(hidden);
      let z = params[out + hidden]!;
      for (let j = 0; j < hidden; j++) {
        isBias[j * unit + d] = true;
        a[j] = params[j * unit + d]!;
        for (let k = 0; k < d; k++) a[j]! += params[j * unit + k]! * x[k]!;
        h[j] = activation === "tanh" ? Math.tanh(a[j]!) : activation === "sigmoid" ? 1 / (1 + Math.exp(-a[j]!)) : Math.max(a[j]!, 0);
        z += params[out + j]! * h[j]!;
      }
      loss += softplus(z) - y * z;
      const delta = 1 / (1 + Math.exp(-z)) - y;
      grad[out + hidden]! += delta;
      for (let j = 0; j < hidden; j++) {
        grad[out + j]! += delta * h[j]!;
        const slope = activation === "tanh" ? 1 - h[j]! ** 2 : activation === "sigmoid" ? h[j]! * (1 - h[j]!) : a[j]! > 0 ? 1 : 0;
        const deltaJ = delta * params[out + j]! * slope;
        for (let k = 0; k < d; k++) grad[j * unit + k]! += deltaJ * x[k]!;
        grad[j * unit + d]! += deltaJ;
      }
    }
  }
  loss /= n;
  for (let k = 0; k < params.length; k++) {
    grad[k]! /= n;
    if (!isBias[k]) {
      loss += (lambda / 2) * params[k]! ** 2;
      grad[k]! += lambda * params[k]!;
    }
  }
  return { loss, grad };
}

/** Central finite differences of the hand-written loss: (L(θ + h e_k) - L(θ - h e_k)) / 2h for every k. */
export function finiteDifferences(model: HandModel, data: Dataset, params: Float64Array, lambda = 0, h = 1e-6): Float64Array {
  const grad = new Float64Array(params.length);
  const at = params.slice();
  for (let k = 0; k < params.length; k++) {
    at[k] = params[k]! + h;
    const up = handLossAndGradient(model, data, at, lambda).loss;
    at[k] = params[k]! - h;
    const down = handLossAndGradient(model, data, at, lambda).loss;
    at[k] = params[k]!;
    grad[k] = (up - down) / (2 * h);
  }
  return grad;
}
