import { describe, expect, it } from "vitest";
import { format, parse } from "../../src/index.js";
import { compileRowSum } from "../../src/train/compiled.js";
import { loadIris } from "../../src/train/data.js";
import type { Dataset } from "../../src/train/dataset.js";
import { logisticRegression } from "../../src/train/logistic.js";
import { neuralNetwork } from "../../src/train/network.js";
import { Trainer } from "../../src/train/trainer.js";
import { handLogisticFit, handNetworkFit } from "./reference.js";

/** A data set of given rows [x1, ..., xd, y]. */
function dataset(rows: number[][]): Dataset {
  const dimension = rows[0]!.length - 1;
  return {
    featureNames: Array.from({ length: dimension }, (_, i) => `f${i + 1}`),
    labelName: "y",
    features: Float64Array.from(rows.flatMap((r) => r.slice(0, dimension))),
    labels: Float64Array.from(rows.map((r) => r[dimension]!)),
    size: rows.length,
    dimension,
    classNames: ["0", "1"],
  };
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("logistic regression", () => {
  it("derives the textbook gradients (sigmoid(z) - y)*xi and sigmoid(z) - y", () => {
    const { derivation } = new Trainer(logisticRegression(3), dataset([[1, 2, 3, 0], [3, 2, 1, 1]]));
    expect(derivation.families.map((g) => [g.parameter, format(g.gradient)])).toEqual([["w_i", "x_i*(sigmoid(z) - y)"], ["b", "sigmoid(z) - y"]]);
    expect(derivation.every().map((g) => g.gradient)).toEqual([1, 2, 3].map((i) => parse(`(sigmoid(z) - y)*x${i}`)).concat(parse("sigmoid(z) - y")));
    expect(derivation.definitions).toEqual([{ name: "z", text: "b + w1*x1 + w2*x2 + w3*x3" }, { name: "p", text: "sigmoid(z)" }]);
  });

  it("gives the hand-checkable loss and gradient for x = 6.7, y = 0, w = 1, b = 0", () => {
    const trainer = new Trainer(logisticRegression(1), dataset([[6.7, 0]]));
    const grad = new Float64Array(2);
    // log(1 + e^6.7), 6.7*sigmoid(6.7) and sigmoid(6.7); PyTorch (float32) prints 6.7012, 6.6917624, 0.9987705.
    expect(trainer.lossAndGradient(new Float64Array([1, 0]), grad)).toBeCloseTo(6.70123015495, 10);
    expect(grad[0]).toBeCloseTo(6.69176302923, 10);
    expect(grad[1]).toBeCloseTo(0.99877060137, 10);
  });

  it("separates setosa from versicolor (Iris task a) perfectly, as the hand-written loop does", () => {
    const data = loadIris("a");
    const model = logisticRegression(data.dimension);
    const trainer = new Trainer(model, data);
    const params = model.initial.slice();
    const losses = trainer.fit(params, { learningRate: 0.1, iterations: 1000 });
    expect(losses[0]).toBeCloseTo(Math.log(2), 14); // all weights zero: p = 1/2 for every flower
    expect(losses.every((l, i) => i === 0 || l < losses[i - 1]!)).toBe(true);
    expect(trainer.accuracy(params)).toBe(1);
    const reference = model.initial.slice();
    const handLosses = handLogisticFit(data, reference, 0.1, 1000);
    expect(relative(losses[1000]!, handLosses[1000]!)).toBeLessThan(1e-12);
    params.forEach((p, i) => expect(relative(p, reference[i]!)).toBeLessThan(1e-10));
  });

  it("separates setosa from the rest by sepal size alone (Iris task b) but for one flower", () => {
    const data = loadIris("b");
    const model = logisticRegression(data.dimension);
    const trainer = new Trainer(model, data);
    const params = model.initial.slice();
    trainer.fit(params, { learningRate: 0.1, iterations: 3000 });
    // Setosa no. 42 (sepal 4.5 × 2.3 cm) lies among the other species: no line gets all 150 right.
    expect(trainer.accuracy(params)).toBeCloseTo(149 / 150, 12);
  });

  it("stays finite on confidently classified data, where log(sigmoid(z)) underflows", () => {
    const trainer = new Trainer(logisticRegression(1), dataset([[-1000, 0], [1000, 1], [-900, 0], [2, 1]]));
    const params = new Float64Array([1, 0]);
    const losses = trainer.fit(params, { learningRate: 0.5, iterations: 10 });
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(params.every(Number.isFinite)).toBe(true);
  });
});

describe("one-hidden-layer network", () => {
  for (const [activation, task, hidden] of [["tanh", "a", 4], ["sigmoid", "b", 3]] as const) {
    it(`matches hand-written backprop to 1e-9 after 1,000 iterations (${hidden} ${activation} units, Iris ${task})`, () => {
      const data = loadIris(task);
      const model = neuralNetwork(data.dimension, { hidden, activation, seed: 42 });
      const params = model.initial.slice();
      const losses = new Trainer(model, data).fit(params, { learningRate: 0.1, iterations: 1000 });
      const reference = model.initial.slice();
      const handLosses = handNetworkFit(data, reference, hidden, activation, 0.1, 1000);
      expect(Math.abs(losses[1000]! - handLosses[1000]!)).toBeLessThan(1e-9);
      expect(losses[1000]).toBeLessThan(losses[0]! / 2);
      params.forEach((p, i) => expect(Math.abs(p - reference[i]!)).toBeLessThan(1e-6));
    });
  }

  it("derives the output-layer gradients as (sigmoid(z) - y)*a_j", () => {
    const model = neuralNetwork(1, { hidden: 2, activation: "tanh" });
    const every = new Trainer(model, dataset([[1, 0], [2, 1]])).derivation.every();
    const of = (p: string) => every[model.parameters.indexOf(p)]!.gradient;
    expect(of("v2")).toBeExpr(parse("(sigmoid(z) - y)*a2"));
    expect(of("c")).toBeExpr(parse("sigmoid(z) - y"));
    expect(of("w2_1")).toBeExpr(parse("x1*v2*(sigmoid(z) - y)*(1 - a2^2)"));
  });

  it("compiles loops whose size does not grow with the model: one tanh per unit, its slope from the activation", () => {
    const source = (d: number, hidden: number) => {
      const model = neuralNetwork(d, { hidden, activation: "tanh" });
      return compileRowSum({ layers: model.layers, head: model.head, dimension: d, parameterCount: model.parameters.length }, true).source;
    };
    const small = source(4, 4);
    expect(small.match(/Math\.tanh\(/g)).toHaveLength(4); // a few units: the loop over them unrolled
    expect(small).not.toContain("Math.cosh"); // 1 - a^2, not 1/cosh(u)^2
    const large = source(100, 64);
    expect(large.match(/Math\.tanh\(/g)).toHaveLength(1); // in the loop over units
    expect(large.match(/Math\.exp\(/g)?.length ?? 0).toBeLessThanOrEqual(2); // the output sigmoid and softplus
    // Past a few units and inputs, only the literal sizes and offsets differ between 100 features × 64 units and 1,000 × 4,096.
    expect(source(1000, 4096).replace(/\d+/g, "N")).toBe(large.replace(/\d+/g, "N"));
  });

  it("starts from seeded random weights: the same seed gives the same network, and units differ", () => {
    const a = neuralNetwork(4, { hidden: 3, seed: 5 });
    expect(a.initial).toEqual(neuralNetwork(4, { hidden: 3, seed: 5 }).initial);
    expect(a.initial).not.toEqual(neuralNetwork(4, { hidden: 3, seed: 6 }).initial);
    const firstWeights = [0, 1, 2].map((j) => a.initial[j * 5]);
    expect(new Set(firstWeights).size).toBe(3);
    expect(a.initial.every((w) => Math.abs(w) <= 1 / Math.sqrt(3))).toBe(true);
  });

  it("refuses impossible shapes with clear errors", () => {
    expect(() => neuralNetwork(4, { hidden: 0 })).toThrow(/1 or more/);
    expect(() => neuralNetwork(4, { hidden: 2, activation: "elu" as "tanh" })).toThrow(/unknown activation 'elu'/);
    expect(() => new Trainer(logisticRegression(3), loadIris("b"))).toThrow(/takes 3 features, the data set has 2/);
    const trainer = new Trainer(logisticRegression(2), loadIris("b"));
    expect(() => trainer.fit(new Float64Array(3), { learningRate: -1, iterations: 5 })).toThrow(/learning rate/);
    expect(() => trainer.fit(new Float64Array(2), { learningRate: 0.1, iterations: 5 })).toThrow(/expected 3 parameter values/);
  });
});
