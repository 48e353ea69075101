/** What `symdiff train` prints about a finished run: a text report for people, or one JSON object for scripts. */
import { jsonNumber, numberText } from "../cli/output.js";
import { format } from "../print/text.js";
import type { Dataset } from "./dataset.js";
import type { Model } from "./model.js";
import type { Activation } from "./network.js";
import type { OptimizerName } from "./optimizer.js";
import type { Standardization } from "./standardize.js";
import type { Trainer } from "./trainer.js";
import type { Gradient } from "./backprop.js";

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
  readonly trainer: Pick<Trainer, "derivation" | "penalty">;
  /** Print every parameter's gradient and value, not one formula per family and the first few values. */
  readonly verbose?: boolean;
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
  const classes = `${data.classNames.length} classes`;
  if (model.kind === "softmax") return `softmax regression, ${classes}`;
  if (network === undefined) return "logistic regression";
  const units = `network with ${network.hidden} ${network.activation} hidden ${network.hidden === 1 ? "unit" : "units"}`;
  return model.head.kind === "softmax" ? `${units}, softmax output over ${classes}` : units;
}

/** Without --verbose, at most this many features are listed and parameter values printed. */
const SHOWN = 12;

export function textReport(run: TrainingRun): string {
  const { data, model, params, losses, accuracy, test } = run;
  const { derivation } = run.trainer;
  const iterations = losses.length - 1;
  const penalty = run.trainer.penalty;
  const all = run.verbose === true;
  const features = model.features.map((x, i) => `${x} = ${data.featureNames[i]}`);
  const values = model.parameters.map((p, i) => `  ${p} = ${numberText(params[i]!)}`);
  return [
    `Data:      ${run.fileName}, ${data.size + (test?.size ?? 0)} rows, label ${labelText(data)}`,
    ...(test ? [`Split:     ${data.size} rows for training, ${test.size} held out for testing (seed ${test.seed})`] : []),
    `Features:  ${shortList(features, all, "features")}`,
    ...(run.standardization ? ["           standardised: each x is (value - mean)/sd over the training rows"] : []),
    `Model:     ${modelName(run)}`,
    ...derivation.definitions.map((d) => `           ${d.name} = ${d.text}${d.ranges ? `    (${d.ranges})` : ""}`),
    `Loss:      L = ${format(derivation.loss)}${penalty ? ` + ${format(penalty.term)} for every weight w, lambda = ${penalty.lambda}` : ""}`,
    "",
    all ? "Gradient (derived by symdiff, every parameter):" : "Gradient (derived by symdiff, one formula per family of parameters):",
    ...(all ? derivation.every() : derivation.families).map((g) => `  dL/d${g.parameter} = ${format(g.gradient)}${g.ranges ? `    (${g.ranges})` : ""}`),
    ...(penalty ? [`  plus, from the L2 term: d/dw = ${format(penalty.derivative)} for every weight w`] : []),
    "",
    `Trained:   ${iterations} epochs, ${run.optimizer === "adam" ? "Adam" : "gradient descent"}, learning rate ${run.learningRate}, ${run.batchSize === undefined ? "full batch" : `batches of ${run.batchSize}`}, ${run.seconds.toFixed(2)} s`,
    `Loss:      ${numberText(losses[0]!)} → ${numberText(losses[iterations]!)}`,
    `Accuracy:  ${percent(accuracy, data.size)}${test ? ` on the training rows; held out: ${percent(test.accuracy, test.size)}` : ""}`,
    "",
    "Weights:",
    ...(all || values.length <= SHOWN ? values : [...values.slice(0, SHOWN), `  ... and ${values.length - SHOWN} more (all of them with --verbose, --json or --save)`]),
    "",
  ].join("\n");
}

/** The whole list, or its first SHOWN entries and how many more. */
function shortList(items: readonly string[], all: boolean, what: string): string {
  if (all || items.length <= SHOWN) return items.join(", ");
  return `${items.slice(0, SHOWN).join(", ")}, ... (${items.length} ${what}; all of them with --verbose)`;
}

export function jsonReport(run: TrainingRun): unknown {
  const { data, model, params, losses, accuracy, test } = run;
  const { derivation } = run.trainer;
  const iterations = losses.length - 1;
  const { weights, bias } = model.summary(params);
  const penalty = run.trainer.penalty;
  const gradients = (list: readonly Gradient[]) => Object.fromEntries(list.map((g) => [g.parameter, format(g.gradient)]));
  return {
    data: {
      file: run.fileName,
      rows: data.size + (test?.size ?? 0),
      label: data.labelName,
      positive: data.positive ?? null,
      classes: data.classNames,
      features: data.featureNames,
    },
    model: model.kind === "softmax"
      ? { kind: "softmax regression", classes: data.classNames.length }
      : run.network === undefined
        ? { kind: "logistic regression" }
        : { kind: "network", ...run.network, classes: data.classNames.length },
    variables: Object.fromEntries(model.features.map((x, i) => [x, data.featureNames[i]])),
    definitions: Object.fromEntries(derivation.definitions.map((d) => [d.name, d.text])),
    lossExpression: format(derivation.loss),
    ...(penalty && { l2: { lambda: penalty.lambda, term: format(penalty.term), derivative: format(penalty.derivative) } }),
    // One formula per family (`w_i`), with the ranges of its letters; every parameter's own with --verbose.
    gradients: gradients(derivation.families),
    ranges: Object.fromEntries(derivation.families.filter((g) => g.ranges).map((g) => [g.parameter, g.ranges])),
    ...(run.verbose && { everyGradient: gradients(derivation.every()) }),
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
