/**
 * The gradients the trainer prints — one formula per family in named values (backprop.ts) — against `diff` of the
 * fully expanded loss, which knows nothing of layers, families or names: at random points, every parameter's
 * formula and every family's formula (its letters given concrete indices) must equal the expanded derivative, with
 * the named values computed by a hand-written forward pass.
 */
import { describe, expect, it } from "vitest";
import { diff, evaluate, format } from "../../src/index.js";
import { mulberry32 } from "../../src/random.js";
import { logisticRegression } from "../../src/train/logistic.js";
import type { Model } from "../../src/train/model.js";
import { neuralNetwork } from "../../src/train/network.js";
import { softmaxRegression } from "../../src/train/softmax.js";
import { Trainer } from "../../src/train/trainer.js";
import type { Dataset } from "../../src/train/dataset.js";
import { substitute } from "../../src/ast/transform.js";
import { sym } from "../../src/ast/build.js";

const activations = {
  tanh: Math.tanh,
  sigmoid: (u: number) => 1 / (1 + Math.exp(-u)),
  relu: (u: number) => Math.max(u, 0),
};

/**
 * Values of every variable at a random point: parameters, features, one-hot label and — computed here by hand, in the
 * layout of the parameter vector — the named values u_j, a_j, z / z_k, p / p_k.
 */
function point(model: Model, seed: number): Record<string, number> {
  const random = mulberry32(seed);
  const values: Record<string, number> = {};
  const params = model.parameters.map(() => 2 * random() - 1);
  model.parameters.forEach((p, k) => (values[p] = params[k]!));
  const x = model.features.map(() => 2 * random() - 1);
  model.features.forEach((f, i) => (values[f] = x[i]!));
  const label = Math.floor(random() * model.labels.length);
  model.labels.forEach((y, k) => (values[y] = model.labels.length === 1 ? label % 2 : k === label ? 1 : 0));
  const d = x.length;
  let inputs = x;
  let offset = 0;
  if (model.hidden) {
    const { units, activation } = model.hidden;
    const a: number[] = [];
    for (let j = 0; j < units; j++) {
      let u = params[offset + j * (d + 1) + d]!;
      for (let i = 0; i < d; i++) u += params[offset + j * (d + 1) + i]! * x[i]!;
      values[`u${j + 1}`] = u;
      a.push((values[`a${j + 1}`] = activations[activation](u)));
    }
    offset = units * (d + 1);
    inputs = a;
  }
  const K = model.labels.length;
  const z: number[] = [];
  for (let k = 0; k < K; k++) {
    let s = params[offset + k * (inputs.length + 1) + inputs.length]!;
    for (let i = 0; i < inputs.length; i++) s += params[offset + k * (inputs.length + 1) + i]! * inputs[i]!;
    z.push(s);
  }
  if (K === 1) values.z = z[0]!;
  else {
    const total = z.reduce((t, zk) => t + Math.exp(zk), 0);
    z.forEach((zk, k) => {
      values[`z${k + 1}`] = zk;
      values[`p${k + 1}`] = Math.exp(zk) / total;
    });
  }
  return values;
}

const cases: [string, Model][] = [
  ["logistic regression, 3 features", logisticRegression(3)],
  ["softmax regression, 2 features, 3 classes", softmaxRegression(2, 3)],
  ...(["tanh", "sigmoid", "relu"] as const).map((activation): [string, Model] => [`network, 3 ${activation} units`, neuralNetwork(2, { hidden: 3, activation })]),
  ["network, 2 tanh units, softmax over 3 classes", neuralNetwork(2, { hidden: 2, activation: "tanh", classes: 3 })],
];

function dataFor(model: Model): Dataset {
  const K = Math.max(2, model.labels.length);
  return {
    featureNames: model.features.map((f) => f),
    labelName: "y",
    features: new Float64Array(model.features.length * K),
    labels: Float64Array.from({ length: K }, (_, k) => k),
    size: K,
    dimension: model.features.length,
    classNames: Array.from({ length: K }, (_, k) => `c${k}`),
  };
}

describe("derived gradients in named values equal diff of the expanded loss", () => {
  for (const [name, model] of cases) {
    it(name, () => {
      const { derivation } = new Trainer(model, dataFor(model));
      const every = derivation.every();
      expect(every.map((g) => g.parameter)).toEqual(model.parameters);
      for (const seed of [1, 2, 3]) {
        const at = point(model, seed);
        every.forEach(({ parameter, gradient }) => {
          const expected = evaluate(diff(model.loss, parameter), at);
          expect(Math.abs(evaluate(gradient, at) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
        });
        // Each family's formula, its letters read as the last unit and the last input (i = d, j = h, k = K).
        for (const family of derivation.families) {
          const letters = new Map<string, string>();
          const last = { i: model.features.length, j: model.hidden?.units ?? 1, k: model.labels.length };
          for (const v of family.gradient.vars) {
            const m = /^([a-z])_([ijk]+)$/.exec(v);
            if (m) letters.set(v, `${m[1]}${[...m[2]!].map((c) => last[c as "i" | "j" | "k"]).join("_")}`);
            const mixed = /^([a-z])_(\d)([ijk])$/.exec(v); // v_1j: output weight of class 1 from unit j
            if (mixed) letters.set(v, `${mixed[1]}${mixed[2]}_${last[mixed[3] as "i" | "j" | "k"]}`);
          }
          const parameter = family.parameter.replace(/^([a-z])_([ijk]+)$/, (_, base: string, ix: string) => `${base}${[...ix].map((c) => last[c as "i" | "j" | "k"]).join("_")}`);
          const concrete = substitute(family.gradient, new Map([...letters].map(([from, to]) => [from, sym(to)])));
          const expected = evaluate(diff(model.loss, parameter), at);
          expect(Math.abs(evaluate(concrete, at) - expected), `${family.parameter} = ${format(family.gradient)}`).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
        }
      }
    });
  }
});
