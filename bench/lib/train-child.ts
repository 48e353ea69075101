/**
 * One case of the train suite, in a process of its own (so that construction's time and memory are its alone, and a
 * case the engine cannot finish costs only its time limit). Builds seeded data, then:
 *   1. times and measures `new Trainer(model, data)` (model construction included) and prints {"built": ...};
 *   2. checks that the Trainer and the hand-written loop agree at the timed parameters, prints {"checked": ...};
 *   3. warms both up, then times an epoch of each — symdiff's lossAndGradient, the hand-written one, symdiff's
 *      loss alone, the hand-written loss alone — in alternating rounds (bench/lib/timing.ts), prints {"timed": ...}.
 * Run as: node --expose-gc --import tsx bench/lib/train-child.ts '<TrainCase as JSON>' <rows>
 */
import { Trainer } from "../../dist/index.js";
import { compareCalls } from "./timing.js";
import { classesOf, modelOf, type TrainCase, timedParameters } from "./train-cases.js";
import { syntheticDataset } from "./train-data.js";
import { handObjective, type Objective } from "./train-reference.js";

export interface Built {
  readonly seconds: number;
  /** Resident memory before construction, and the process's peak by its end, in MB. */
  readonly rssBeforeMB: number;
  readonly peakRssMB: number;
  /** Live heap (after a full collection) before construction and after it, the Trainer kept alive, in MB. */
  readonly heapBeforeMB: number;
  readonly heapAfterMB: number;
  readonly parameters: number;
}

export interface Checked {
  /** Largest difference from the hand-written values, relative to the largest hand-written value: loss and gradient. */
  readonly lossAndGradient: number;
  /** The same for the loss alone. */
  readonly loss: number;
}

/** Milliseconds per epoch, medians over the rounds. */
export interface Timed {
  readonly ours: number;
  readonly hand: number;
  readonly oursLoss: number;
  readonly handLoss: number;
  readonly rounds: number;
}

const c = JSON.parse(process.argv[2]!) as TrainCase;
const rows = Number(process.argv[3]);
const gc = (globalThis as { gc?: () => void }).gc!;
const MB = 2 ** 20;
const print = (record: object) => console.log(JSON.stringify(record));

const data = syntheticDataset(rows, c.dimension, classesOf(c));
const hand = handObjective(c, data);

gc();
const rssBeforeMB = process.memoryUsage().rss / MB;
const heapBeforeMB = process.memoryUsage().heapUsed / MB;
const start = performance.now();
const model = modelOf(c);
const trainer = new Trainer(model, data);
const seconds = (performance.now() - start) / 1000;
const peakRssMB = (process.resourceUsage().maxRSS * 1024) / MB;
gc();
const heapAfterMB = process.memoryUsage().heapUsed / MB;
print({ built: { seconds, rssBeforeMB, peakRssMB, heapBeforeMB, heapAfterMB, parameters: model.parameters.length } satisfies Built });

const ours: Objective = { lossAndGradient: (params, grad) => trainer.lossAndGradient(params, grad), loss: (params) => trainer.loss(params) };
// Four parameter vectors taken in turn, so that no call sees the parameters of the call before it (a memo of the
// last result would otherwise time nothing).
const base = timedParameters(c, model);
const points = [0, 1, 2, 3].map((s) => base.map((p, k) => p * (1 + 0.01 * s * Math.sin(k))));
const ourGrad = new Float64Array(base.length);
const handGrad = new Float64Array(base.length);

print({ checked: agreement(points[0]!) satisfies Checked });

function agreement(params: Float64Array): Checked {
  const oursLoss = ours.lossAndGradient(params, ourGrad);
  const handLoss = hand.lossAndGradient(params, handGrad);
  let scale = Math.abs(handLoss);
  let worst = Math.abs(oursLoss - handLoss);
  for (let k = 0; k < params.length; k++) {
    scale = Math.max(scale, Math.abs(handGrad[k]!));
    worst = Math.max(worst, Math.abs(ourGrad[k]! - handGrad[k]!));
  }
  const handAlone = hand.loss(params);
  return { lossAndGradient: worst / scale, loss: Math.abs(ours.loss(params) - handAlone) / Math.abs(handAlone) };
}

const runs = [
  (p: Float64Array) => ours.lossAndGradient(p, ourGrad),
  (p: Float64Array) => hand.lossAndGradient(p, handGrad),
  (p: Float64Array) => ours.loss(p),
  (p: Float64Array) => hand.loss(p),
];
// Warm-up: every function runs at least 3 times and 150 ms, so that the JIT has optimised the loops before timing.
for (const run of runs) {
  const warm = performance.now();
  for (let i = 0; i < 3 || performance.now() - warm < 150; i++) run(points[i % points.length]!);
}
const [g, h, gl, hl] = await compareCalls((i) => points[i % points.length]!, runs, { rounds: 11, minRoundMs: 30, budgetMs: 2500 });
print({ timed: { ours: g!.micros / 1000, hand: h!.micros / 1000, oursLoss: gl!.micros / 1000, handLoss: hl!.micros / 1000, rounds: Math.min(g!.rounds, h!.rounds, gl!.rounds, hl!.rounds) } satisfies Timed });
