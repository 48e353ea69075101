/**
 * Compiled evaluators and training against hand-written JavaScript over Float64Arrays (`npm run bench -- compile`).
 * Each pair runs alternately, round by round, after a warm-up round; the table shows medians and the ratio
 * symdiff / hand-written. Times are the process's CPU time (`process.cpuUsage`), which on a shared machine does not
 * count the time other processes hold the CPU.
 */
import { compileAll, diff, parse } from "../../dist/index.js";
import { loadIris } from "../../dist/train/data.js";
import { logisticRegression } from "../../dist/train/logistic.js";
import { neuralNetwork } from "../../dist/train/network.js";
import { Trainer } from "../../dist/train/trainer.js";
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
    row.compiled(); // warm-up: JIT compilation
    row.hand();
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
  // Each side owns its loops, so the JIT optimises each on its own.
  return {
    name: "BCE gradient, 1 evaluation (w, b at x, y)",
    unit: "ns",
    goal: 1.2,
    compiled: perCall(repeats * n, 1e6, () => {
      let s = 0;
      for (let r = 0; r < repeats; r++) {
        for (let i = 0; i < n; i++) {
          args[2] = xs[i]!;
          args[3] = ys[i]!;
          gradient(args, out);
          s += out[0]! + out[1]!;
        }
      }
      return s;
    }),
    hand: perCall(repeats * n, 1e6, () => {
      let s = 0;
      for (let r = 0; r < repeats; r++) {
        for (let i = 0; i < n; i++) {
          handGradient(args[0]!, args[1]!, xs[i]!, ys[i]!, out);
          s += out[0]! + out[1]!;
        }
      }
      return s;
    }),
  };
}

/** A round: runs `work`, which makes `calls` calls, and gives the CPU time per call in ms × `scale` (1e6: ns). */
function perCall(calls: number, scale: number, work: () => unknown): () => number {
  return () => {
    const start = process.cpuUsage();
    const result = work();
    const { user, system } = process.cpuUsage(start);
    if (result === undefined) throw new Error("unreachable: the result keeps the work observable");
    return ((user + system) / 1000 / calls) * scale;
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
    compiled: perCall(1, 1, () => trainer.fit(model.initial.slice(), { learningRate: LEARNING_RATE, iterations: ITERATIONS })),
    hand: perCall(1, 1, () => handLogisticFit(data, model.initial.slice(), LEARNING_RATE, ITERATIONS)),
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
    compiled: perCall(1, 1, () => trainer.fit(model.initial.slice(), { learningRate: LEARNING_RATE, iterations: ITERATIONS })),
    hand: perCall(1, 1, () => handNetworkFit(data, model.initial.slice(), hidden, "tanh", LEARNING_RATE, ITERATIONS)),
  };
}

