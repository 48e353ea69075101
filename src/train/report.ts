/** What `symdiff train` prints about a finished run: a text report for people, or one JSON object for scripts. */
import type { Expr } from "../ast/expr.js";
import { jsonNumber, numberText } from "../cli/output.js";
import { format } from "../print/text.js";
import type { Dataset } from "./dataset.js";
import type { Model } from "./model.js";
import type { Activation } from "./network.js";
import type { OptimizerName } from "./optimizer.js";
import type { Standardization } from "./standardize.js";
import type { Trainer } from "./trainer.js";

export interface TrainingRun {
  /** The data file as the user named it. */
  readonly fileName: string;
  /** The rows trained on (standardised when asked). */
  readonly data: Dataset;
  /** Rows held out, and the model's accuracy on them. */
  readonly test?: { readonly size: number; readonly accuracy: number; readonly seed: number };
  readonly standardization?: Standardization;
  readonly model: Model;
  /** The hidden layer, for a network. */
  readonly network?: { readonly hidden: number; readonly activation: Activation; readonly seed: number };
  readonly learningRate: number;
  readonly optimizer: OptimizerName;
  /** Rows per step; absent for full batches. */
  readonly batchSize?: number;
  readonly trainer: Pick<Trainer, "gradients" | "penalty">;
  readonly params: Float64Array;
  /** The mean loss of each epoch, and last the loss at the final parameters. */
  readonly losses: Float64Array;
  readonly accuracy: number;
  /** Wall-clock time of deriving, compiling and training, in seconds. */
  readonly seconds: number;
}

/** At most this many points of the loss curve go into the JSON report. */
const HISTORY_POINTS = 1000;

export function modelName({ model, network, data }: Pick<TrainingRun, "model" | "network" | "data">): string {
  if (model.kind === "softmax") return `softmax regression, ${data.classNames.length} classes`;
  if (network === undefined) return "logistic regression";
  return `network with ${network.hidden} ${network.activation} hidden ${network.hidden === 1 ? "unit" : "units"}`;
}

export function textReport(run: TrainingRun): string {
  const { data, model, params, losses, accuracy, test } = run;
  const show = (e: Expr) => format(model.named?.rename(e) ?? e);
  const iterations = losses.length - 1;
  const penalty = run.trainer.penalty;
  return [
    `Data:      ${run.fileName}, ${data.size + (test?.size ?? 0)} rows, label ${labelText(data)}`,
    ...(test ? [`Split:     ${data.size} rows for training, ${test.size} held out for testing (seed ${test.seed})`] : []),
    `Features:  ${model.features.map((x, i) => `${x} = ${data.featureNames[i]}`).join(", ")}`,
    ...(run.standardization ? ["           standardised: each x is (value - mean)/sd over the training rows"] : []),
    model.kind === "softmax" ? `Model:     ${modelName(run)}` : `Model:     ${modelName(run)}, p = ${format(model.outputs[0]!)}`,
    ...(model.named?.definitions.map(([name, e]) => `           ${name} = ${format(e)}`) ?? []),
    `Loss:      L = ${show(model.loss)}${penalty ? ` + ${format(penalty.expr)}, lambda = ${penalty.lambda}` : ""}`,
    "",
    `Gradient (derived by symdiff${model.families ? ", one per family" : ""}):`,
    ...gradientLines(run, show),
    "",
    `Trained:   ${iterations} epochs, ${run.optimizer === "adam" ? "Adam" : "gradient descent"}, learning rate ${run.learningRate}, ${run.batchSize === undefined ? "full batch" : `batches of ${run.batchSize}`}, ${run.seconds.toFixed(2)} s`,
    `Loss:      ${numberText(losses[0]!)} → ${numberText(losses[iterations]!)}`,
    `Accuracy:  ${percent(accuracy, data.size)}${test ? ` on the training rows; held out: ${percent(test.accuracy, test.size)}` : ""}`,
    "",
    "Weights:",
    ...model.parameters.map((p, i) => `  ${p} = ${numberText(params[i]!)}`),
    "",
  ].join("\n");
}

function gradientLines({ model, trainer }: TrainingRun, show: (e: Expr) => string): string[] {
  const of = (p: string) => trainer.gradients[model.parameters.indexOf(p)]!;
  const lines = model.families
    ? model.families.map(({ representative, note }) => `  dL/d${representative} = ${show(of(representative))}${note ? `    (${note})` : ""}`)
    : model.parameters.map((p) => `  dL/d${p} = ${show(of(p))}`);
  const penalty = trainer.penalty;
  if (penalty && model.weights.length > 0) {
    const w = model.weights[0]!;
    lines.push(`  plus, from the L2 term: d/d${w} = ${format(penalty.gradients[model.parameters.indexOf(w)]!)}, and likewise for every weight`);
  }
  return lines;
}

export function jsonReport(run: TrainingRun): unknown {
  const { data, model, params, losses, accuracy, test } = run;
  const show = (e: Expr) => format(model.named?.rename(e) ?? e);
  const iterations = losses.length - 1;
  const { weights, bias } = model.summary(params);
  const penalty = run.trainer.penalty;
  return {
    data: {
      file: run.fileName,
      rows: data.size + (test?.size ?? 0),
      label: data.labelName,
      positive: data.positive ?? null,
      classes: data.classNames,
      features: data.featureNames,
    },
    model: model.kind === "softmax" ? { kind: "softmax regression", classes: data.classNames.length } : run.network === undefined ? { kind: "logistic regression" } : { kind: "network", ...run.network },
    variables: Object.fromEntries(model.features.map((x, i) => [x, data.featureNames[i]])),
    ...(model.named && { definitions: Object.fromEntries(model.named.definitions.map(([name, e]) => [name, format(e)])) }),
    lossExpression: show(model.loss),
    ...(penalty && { l2: { lambda: penalty.lambda, expression: format(penalty.expr) } }),
    gradients: Object.fromEntries(model.parameters.map((p, i) => [p, show(run.trainer.gradients[i]!)])),
    standardization: run.standardization ?? null,
    iterations,
    learningRate: run.learningRate,
    optimizer: run.optimizer,
    batchSize: run.batchSize ?? data.size,
    seconds: run.seconds,
    initialLoss: jsonNumber(losses[0]!),
    loss: jsonNumber(losses[iterations]!),
    lossHistory: lossHistory(losses),
    accuracy,
    ...(test && { test: { rows: test.size, seed: test.seed, accuracy: test.accuracy } }),
    weights,
    bias,
    parameters: Object.fromEntries(model.parameters.map((p, i) => [p, params[i]!])),
  };
}

/**
 * The loss curve: `loss[i]` is the loss when `epoch[i]` epochs are done (for mini-batches, the mean over the next
 * epoch as it ran; the final point is the loss at the trained parameters). Every epoch when there are at most
 * HISTORY_POINTS of them, else evenly sampled, always with the first and the final value.
 */
function lossHistory(losses: Float64Array): { epoch: number[]; loss: (number | string)[] } {
  const last = losses.length - 1;
  const step = Math.max(1, Math.ceil(last / HISTORY_POINTS));
  const epochs: number[] = [];
  for (let t = 0; t < last; t += step) epochs.push(t);
  epochs.push(last);
  return { epoch: epochs, loss: epochs.map((t) => jsonNumber(losses[t]!)) };
}

function percent(fraction: number, size: number): string {
  return `${(fraction * 100).toFixed(1)}% (${Math.round(fraction * size)}/${size})`;
}

function labelText(data: Dataset): string {
  if (data.positive !== undefined) return `${data.labelName}: ${data.positive} = 1, others = 0`;
  if (data.classNames.length > 2 || data.classNames[0] !== "0") return `${data.labelName}: ${data.classNames.length} classes (${data.classNames.join(", ")})`;
  return `${data.labelName} (0/1)`;
}
