/**
 * Every model's derived gradient against hand-written backpropagation and central finite differences at random
 * points, with and without L2; softmax regression on Iris; the update rules, mini-batches, the seeded split and
 * standardisation against hand-computed values.
 */
import { describe, expect, it } from "vitest";
import { startGeneration } from "../../src/ast/expr.js";
import { format } from "../../src/index.js";
import { mulberry32 } from "../../src/random.js";
import { IRIS_FILE, IRIS_SPECIES, loadCsv, loadIris } from "../../src/train/data.js";
import type { Dataset } from "../../src/train/dataset.js";
import { logisticRegression } from "../../src/train/logistic.js";
import type { Model } from "../../src/train/model.js";
import { neuralNetwork } from "../../src/train/network.js";
import { adam, gradientDescent } from "../../src/train/optimizer.js";
import { softmaxRegression } from "../../src/train/softmax.js";
import { shuffle, splitDataset } from "../../src/train/split.js";
import { standardization, standardize } from "../../src/train/standardize.js";
import { Trainer } from "../../src/train/trainer.js";
import { finiteDifferences, handLossAndGradient, type HandModel } from "./reference.js";

/** `size` random rows of `dimension` features in [-2, 2] and labels among `classes`, from a seed. */
function randomData(size: number, dimension: number, classes: number, seed: number): Dataset {
  const random = mulberry32(seed);
  const labels = Float64Array.from({ length: size }, (_, i) => (i < classes ? i : Math.floor(random() * classes))); // every class present
  return {
    featureNames: Array.from({ length: dimension }, (_, j) => `f${j + 1}`),
    labelName: "y",
    features: Float64Array.from({ length: size * dimension }, () => 4 * random() - 2),
    labels,
    size,
    dimension,
    classNames: Array.from({ length: classes }, (_, k) => `c${k}`),
  };
}

const randomPoint = (length: number, seed: number) => {
  const random = mulberry32(seed);
  return Float64Array.from({ length }, () => 2 * random() - 1);
};

const cases: [string, (d: number) => Model, HandModel, number][] = [
  ["logistic regression", (d) => logisticRegression(d), { kind: "logistic" }, 2],
  ["softmax regression, 3 classes", (d) => softmaxRegression(d, 3), { kind: "softmax", classes: 3 }, 3],
  ["softmax regression, 5 classes", (d) => softmaxRegression(d, 5), { kind: "softmax", classes: 5 }, 5],
  ...(["tanh", "sigmoid", "relu"] as const).map(
    (activation) => [`network, 3 ${activation} units`, (d: number) => neuralNetwork(d, { hidden: 3, activation }), { kind: "network", hidden: 3, activation }, 2] as [string, (d: number) => Model, HandModel, number],
  ),
  ...(["tanh", "relu"] as const).map(
    (activation) =>
      [`network, 3 ${activation} units, softmax over 4 classes`, (d: number) => neuralNetwork(d, { hidden: 3, activation, classes: 4 }), { kind: "softmax network", hidden: 3, activation, classes: 4 }, 4] as [string, (d: number) => Model, HandModel, number],
  ),
];

describe("derived gradients against hand-written backprop and finite differences", () => {
  for (const [name, build, hand, classes] of cases) {
    for (const lambda of [0, 0.3]) {
      it(`${name}${lambda > 0 ? `, L2 lambda = ${lambda}` : ""}`, () => {
        const data = randomData(20, 4, classes, 7);
        const model = build(4);
        const trainer = new Trainer(model, data, { l2: lambda });
        for (const seed of [1, 2, 3]) {
          const params = randomPoint(model.parameters.length, seed);
          const grad = new Float64Array(params.length);
          const loss = trainer.lossAndGradient(params, grad);
          const reference = handLossAndGradient(hand, data, params, lambda);
          expect(Math.abs(loss - reference.loss)).toBeLessThan(1e-13 * Math.max(1, reference.loss));
          const fd = finiteDifferences(hand, data, params, lambda);
          grad.forEach((g, k) => {
            expect(Math.abs(g - reference.grad[k]!)).toBeLessThan(1e-13);
            expect(Math.abs(g - fd[k]!)).toBeLessThan(1e-7);
          });
        }
      });
    }
  }
});

describe("softmax regression", () => {
  it("derives dL/dw_ki = x_i*(p_k - y_k) and dL/db_k = p_k - y_k, with the logits and probabilities named", () => {
    const model = softmaxRegression(2, 3);
    const { derivation } = new Trainer(model, randomData(6, 2, 3, 1));
    expect(derivation.families.map((g) => `${g.parameter} = ${format(g.gradient)} (${g.ranges})`)).toEqual([
      "w_ki = x_i*(p_k - y_k) (k = 1 ... 3, i = 1 ... 2)",
      "b_k = p_k - y_k (k = 1 ... 3)",
    ]);
    const every = derivation.every();
    expect(every.map((g) => g.parameter)).toEqual(model.parameters);
    expect(every.map((g) => format(g.gradient))).toEqual(["x1*(p1 - y1)", "x2*(p1 - y1)", "p1 - y1", "x1*(p2 - y2)", "x2*(p2 - y2)", "p2 - y2", "x1*(p3 - y3)", "x2*(p3 - y3)", "p3 - y3"]);
  });

  it("names and stabilises expressions made in a later generation of interned nodes", () => {
    const model = softmaxRegression(2, 3);
    startGeneration(); // as a long run of diff and simplify would: the model's kept nodes are now of an old generation
    const trainer = new Trainer(model, randomData(6, 2, 3, 1));
    expect(format(trainer.derivation.every()[1]!.gradient)).toBe("x2*(p1 - y1)");
    expect(format(model.head.stable(model.head.loss))).toContain("max(");
  });

  it("stays finite where exp(z) overflows (logits near 1000)", () => {
    const data = randomData(6, 1, 3, 2);
    const model = softmaxRegression(1, 3);
    startGeneration();
    const trainer = new Trainer(model, data);
    const params = Float64Array.from([500, 0, -500, 0, 0, 300]); // z1 = 500*x1, z2 = -500*x1, z3 = 300
    const grad = new Float64Array(6);
    const loss = trainer.lossAndGradient(params, grad);
    const reference = handLossAndGradient({ kind: "softmax", classes: 3 }, data, params);
    expect(Number.isFinite(loss)).toBe(true);
    expect(Math.abs(loss - reference.loss)).toBeLessThan(1e-9 * reference.loss);
    grad.forEach((g, k) => expect(Math.abs(g - reference.grad[k]!)).toBeLessThan(1e-12));
  });

  it("tells the three Iris species apart, 98.7% (148/150) after 1,000 epochs of gradient descent", () => {
    const data = loadCsv(IRIS_FILE, IRIS_SPECIES);
    expect(data.classNames).toEqual(["setosa", "versicolor", "virginica"]);
    const model = softmaxRegression(4, 3);
    const trainer = new Trainer(model, data);
    const params = model.initial.slice();
    const losses = trainer.fit(params, { learningRate: 0.1, iterations: 1000 });
    expect(losses[0]).toBeCloseTo(Math.log(3), 14); // all weights zero: p = 1/3 for every flower
    expect(trainer.accuracy(params)).toBeCloseTo(148 / 150, 12);
  });
});

describe("update rules", () => {
  it("Adam's first three steps equal the hand-computed sequence (β1 = 0.9, β2 = 0.999, ε = 1e-8)", () => {
    // θ0 = 1, gradients 2, -1, 0.5, learning rate 0.1; computed with 40-digit decimals:
    // m_t = β1 m + (1 - β1) g, v_t = β2 v + (1 - β2) g², θ -= lr (m_t/(1 - β1^t)) / (sqrt(v_t/(1 - β2^t)) + ε).
    const step = adam(0.1, 1);
    const theta = Float64Array.of(1);
    const expected = [0.9000000004999999975, 0.87336629670243135784, 0.83932338213894247183];
    [2, -1, 0.5].forEach((g, i) => {
      step.step(theta, Float64Array.of(g));
      expect(Math.abs(theta[0]! - expected[i]!)).toBeLessThan(1e-15);
    });
  });

  it("gradient descent steps by -learning rate × gradient", () => {
    const params = Float64Array.of(1, -2);
    gradientDescent(0.5).step(params, Float64Array.of(4, -2));
    expect([...params]).toEqual([-1, -1]);
  });

  it("mini-batches follow a hand-written SGD loop over the same seeded order", () => {
    const data = loadIris("a");
    const model = logisticRegression(4);
    const params = model.initial.slice();
    const losses = new Trainer(model, data).fit(params, { learningRate: 0.05, iterations: 3, batchSize: 32, seed: 9 });
    // By hand: each epoch shuffles the row numbers with the seeded generator, then steps on every 32 rows in turn.
    const reference = model.initial.slice();
    const random = mulberry32(9);
    const order = Array.from({ length: data.size }, (_, i) => i);
    const expectedLosses: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      shuffle(order, random);
      let epochLoss = 0;
      for (let start = 0; start < data.size; start += 32) {
        const rows = order.slice(start, start + 32);
        const batch = { ...data, size: rows.length, features: Float64Array.from(rows.flatMap((r) => [...data.features.subarray(r * 4, r * 4 + 4)])), labels: Float64Array.from(rows, (r) => data.labels[r]!) };
        const { loss, grad } = handLossAndGradient({ kind: "logistic" }, batch, reference);
        epochLoss += (loss * rows.length) / data.size;
        reference.forEach((_, k) => (reference[k]! -= 0.05 * grad[k]!));
      }
      expectedLosses.push(epochLoss);
    }
    params.forEach((p, k) => expect(Math.abs(p - reference[k]!)).toBeLessThan(1e-13));
    expectedLosses.forEach((l, t) => expect(Math.abs(losses[t]! - l)).toBeLessThan(1e-13));
    expect(losses[3]).toBeCloseTo(handLossAndGradient({ kind: "logistic" }, data, reference).loss, 13);
  });

  it("Adam trains the network on Iris a to 100% in 200 epochs", () => {
    const data = loadIris("a");
    const model = neuralNetwork(4, { hidden: 4, activation: "relu", seed: 3 });
    const trainer = new Trainer(model, data);
    const params = model.initial.slice();
    trainer.fit(params, { learningRate: 0.01, iterations: 200, optimizer: "adam" });
    expect(trainer.accuracy(params)).toBe(1);
  });
});

describe("train/test split", () => {
  const data = loadCsv(IRIS_FILE, IRIS_SPECIES);

  it("is seeded, disjoint and complete, with round(fraction × rows) test rows", () => {
    const a = splitDataset(data, 0.2, 5);
    expect(a.testRows).toHaveLength(30);
    expect(a.trainRows).toHaveLength(120);
    expect(new Set([...a.trainRows, ...a.testRows]).size).toBe(150);
    expect(splitDataset(data, 0.2, 5).testRows).toEqual(a.testRows);
    expect(splitDataset(data, 0.2, 6).testRows).not.toEqual(a.testRows);
    // The parts hold the rows they name.
    const row = a.testRows[3]!;
    expect([...a.test.features.subarray(12, 16)]).toEqual([...data.features.subarray(row * 4, row * 4 + 4)]);
    expect(a.test.labels[3]).toBe(data.labels[row]);
  });

  it("refuses fractions that leave a part empty", () => {
    expect(() => splitDataset(data, 0.001, 1)).toThrow("a test fraction of 0.001 leaves no test rows out of 150");
    expect(() => splitDataset(data, 0.999, 1)).toThrow("leaves no training rows");
  });
});

describe("standardisation", () => {
  it("uses the mean and population standard deviation of each feature; a constant feature gets sd 1", () => {
    // Column 1: 1, 2, 3, 4 → mean 2.5, sd sqrt(1.25); column 2: 10, 10, 10, 10 → mean 10, sd 1 (not 0).
    const features = Float64Array.of(1, 10, 2, 10, 3, 10, 4, 10);
    const stats = standardization(features, 4, 2);
    expect(stats.mean).toEqual([2.5, 10]);
    expect(stats.sd).toEqual([Math.sqrt(1.25), 1]);
    const z = standardize(features, 2, stats);
    expect([...z].map((v) => Number(v.toFixed(12)))).toEqual([-1.341640786500, 0, -0.4472135955, 0, 0.4472135955, 0, 1.3416407865, 0]);
  });

  it("is accurate for large, tightly spread values", () => {
    const stats = standardization(Float64Array.of(1e9 + 1, 1e9 + 3), 2, 1);
    expect(stats.mean).toEqual([1e9 + 2]);
    expect(stats.sd).toEqual([1]);
  });
});
