/**
 * Compiled evaluators and training against hand-written JavaScript over Float64Arrays (`npm run bench -- compile`).
 * Each pair runs alternately, round by round, and the table shows medians and the ratio symdiff / hand-written.
 */
import { compileAll, diff, parse } from "../../src/index.js";
import { loadIris } from "../../src/train/data.js";
import { logisticRegression } from "../../src/train/logistic.js";
import { neuralNetwork } from "../../src/train/network.js";
import { Trainer } from "../../src/train/trainer.js";
import { handLogisticFit, handNetworkFit } from "../../test/train/reference.js";
import { printTable } from "../lib/table.js";
import { median } from "../lib/timing.js";

const ROUNDS = 15;

interface Row {
  readonly name: string;
  readonly unit: string;
  readonly goal: number;
  readonly compiled: () => number;
  readonly hand: () => number;
}

export async function run(): Promise<void> {
  const rows = [evaluationRow(), logisticRow(), networkRow(4)].map((row) => {
    const compiled: number[] = [];
    const hand: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      compiled.push(row.compiled());
      hand.push(row.hand());
    }
    const ratio = median(compiled) / median(hand);
    return [row.name, row.unit, median(compiled), median(hand), `${ratio.toFixed(2)}x`, `${ratio <= row.goal ? "≤" : ">"} ${row.goal}x`];
  });
  printTable(["benchmark", "unit", "symdiff", "hand-written", "ratio", "goal"], rows);
}

/** ns per evaluation of the gradient of the cross-entropy of sigmoid(w*x + b), over 10,000 samples. */
function evaluationRow(): Row {
  const n = 10_000;
  const xs = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 4);
  const ys = Float64Array.from({ length: n }, (_, i) => i % 2);
  const loss = parse("-(y*log(sigmoid(w*x + b)) + (1 - y)*log(1 - sigmoid(w*x + b)))");
  const gradient = compileAll([diff(loss, "w"), diff(loss, "b")], ["w", "b", "x", "y"]);
  const handGradient = (w: number, b: number, x: number, y: number, out: Float64Array) => {
    const error = 1 / (1 + Math.exp(-(w * x + b))) - y;
    out[0] = error * x;
    out[1] = error;
  };
  const args = new Float64Array([0.7, -0.2, 0, 0]); // w, b, x, y
  const out = new Float64Array(2);
  const repeats = 50;
  const perEvaluation = (body: () => number) => () => {
    const start = process.hrtime.bigint();
    let sink = 0;
    for (let r = 0; r < repeats; r++) sink += body();
    const ns = Number(process.hrtime.bigint() - start);
    if (Number.isNaN(sink)) throw new Error("unreachable: keeps the work observable");
    return ns / (repeats * n);
  };
  return {
    name: "BCE gradient, 1 evaluation (w, b at x, y)",
    unit: "ns",
    goal: 1.2,
    compiled: perEvaluation(() => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        args[2] = xs[i]!;
        args[3] = ys[i]!;
        gradient(args, out);
        s += out[0]! + out[1]!;
      }
      return s;
    }),
    hand: perEvaluation(() => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        handGradient(args[0]!, args[1]!, xs[i]!, ys[i]!, out);
        s += out[0]! + out[1]!;
      }
      return s;
    }),
  };
}

const ITERATIONS = 1000;
const LEARNING_RATE = 0.1;

function logisticRow(): Row {
  const data = loadIris("a");
  const model = logisticRegression(data.dimension);
  const trainer = new Trainer(model, data);
  return {
    name: `logistic regression, ${ITERATIONS} iterations (Iris a)`,
    unit: "ms",
    goal: 1.3,
    compiled: timed(() => trainer.fit(model.initial.slice(), { learningRate: LEARNING_RATE, iterations: ITERATIONS })),
    hand: timed(() => handLogisticFit(data, model.initial.slice(), LEARNING_RATE, ITERATIONS)),
  };
}

function networkRow(hidden: number): Row {
  const data = loadIris("a");
  const model = neuralNetwork(data.dimension, { hidden, activation: "tanh", seed: 7 });
  const trainer = new Trainer(model, data);
  return {
    name: `network, ${hidden} tanh units, ${ITERATIONS} iterations (Iris a)`,
    unit: "ms",
    goal: 1.5,
    compiled: timed(() => trainer.fit(model.initial.slice(), { learningRate: LEARNING_RATE, iterations: ITERATIONS })),
    hand: timed(() => handNetworkFit(data, model.initial.slice(), hidden, "tanh", LEARNING_RATE, ITERATIONS)),
  };
}

function timed(body: () => Float64Array): () => number {
  return () => {
    const start = performance.now();
    const losses = body();
    const ms = performance.now() - start;
    if (!Number.isFinite(losses.at(-1))) throw new Error("training diverged");
    return ms;
  };
}
