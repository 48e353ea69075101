/**
 * `symdiff train`: trains logistic regression (or, with --hidden N, a one-hidden-layer network) whose gradients
 * symdiff derives, on the bundled Iris data or a CSV file, and reports the derived gradients, loss, accuracy and
 * learned weights.
 */
import { writeFileSync } from "node:fs";
import { parseCommandArgs } from "../cli/args.js";
import type { Command, IO } from "../cli/command.js";
import { helpText } from "../cli/help.js";
import { writeJson } from "../cli/output.js";
import { UsageError } from "../cli/report.js";
import { SymdiffError } from "../errors.js";
import { IRIS_FILE, IRIS_TASKS, type IrisTask, loadCsv } from "./data.js";
import type { DatasetOptions } from "./dataset.js";
import { logisticRegression } from "./logistic.js";
import { ACTIVATIONS, type Activation, neuralNetwork } from "./network.js";
import { lossCurveSvg } from "./plot.js";
import { progressBar } from "./progress.js";
import { jsonReport, modelName, textReport, type TrainingRun } from "./report.js";
import { Trainer } from "./trainer.js";

const OPTIONS = {
  data: { type: "string" },
  task: { type: "string" },
  label: { type: "string" },
  features: { type: "string" },
  positive: { type: "string" },
  classes: { type: "string" },
  hidden: { type: "string" },
  activation: { type: "string" },
  lr: { type: "string" },
  epochs: { type: "string" },
  seed: { type: "string" },
  plot: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const DEFAULTS = { lr: 0.1, epochs: 1000, seed: 1 };
const MAX_EPOCHS = 10_000_000;
/** Every weight's gradient is derived and simplified symbolically: beyond this many units that takes minutes. */
const MAX_HIDDEN = 64;

const OPTION_LINES = `Options:
  --data FILE          a CSV file with a header line (default: the bundled Iris data)
  --task a|b           a bundled Iris task: a = setosa vs versicolor, 4 features (the default);
                       b = setosa vs the rest, sepal length and width only
  --label NAME         the label column: 0/1, or class names with --positive (default: the last column)
  --features A,B,...   the feature columns (default: every column but the label)
  --positive NAME      the class that is 1; every other class is 0
  --classes A,B,...    keep only the rows of these classes (default: all rows)
  --hidden N           a network with N hidden units, N ≤ ${MAX_HIDDEN} (default 0: logistic regression)
  --activation NAME    of the hidden units: tanh or sigmoid (default tanh)
  --lr X               learning rate (default ${DEFAULTS.lr})
  --epochs N           full-batch gradient descent iterations (default ${DEFAULTS.epochs})
  --seed N             seed of the network's random initial weights (default ${DEFAULTS.seed})
  --plot FILE.svg      write the loss curve as an SVG picture
  --json               print one JSON object: loss, accuracy, weights, bias, iterations, gradients, ...
  -h, --help           show this help`;

export const trainCommand: Command = {
  name: "train",
  summary: "train a classifier (logistic regression or a small network) on derived gradients",
  help: helpText({
    usage: "symdiff train [--data FILE.csv] [options]",
    description: [
      "Builds the cross-entropy loss of the model as an expression, derives every partial derivative with diff,",
      "compiles them into one function and runs full-batch gradient descent. Prints the derived gradients, the",
      "final loss, the training accuracy and the learned weights; a progress bar shows the loss on a terminal.",
      "Logistic regression starts from zero weights; a network from seeded random weights.",
    ].join("\n"),
    options: [],
    notes: OPTION_LINES,
    examples: [
      "symdiff train                                   # Iris task a: 100% accuracy",
      "symdiff train --task b --plot loss.svg",
      "symdiff train --hidden 4 --activation tanh --seed 7 --json",
      "symdiff train --data flowers.csv --label species --positive virginica --features petal_length,petal_width",
    ],
  }),
  run: runTrain,
};

interface Settings {
  readonly file: string | URL;
  readonly fileName: string;
  readonly dataset: DatasetOptions;
  readonly hidden: number;
  readonly activation: Activation;
  readonly learningRate: number;
  readonly epochs: number;
  readonly seed: number;
  readonly plot?: string;
  readonly json: boolean;
}

export async function runTrain(args: string[], io: IO): Promise<number> {
  const settings = readSettings(args);
  const data = loadCsv(settings.file, settings.dataset);
  const model = settings.hidden === 0
    ? logisticRegression(data.dimension)
    : neuralNetwork(data.dimension, { hidden: settings.hidden, activation: settings.activation, seed: settings.seed });
  const progress = (io.stderr as { isTTY?: boolean }).isTTY === true ? progressBar(io.stderr, settings.epochs) : undefined;
  // Deriving the gradients of a large network takes a moment: say so, the bar overwrites it.
  progress?.status(`deriving ${model.parameters.length} partial derivatives...`);
  let trainer: Trainer;
  let losses: Float64Array;
  const params = model.initial.slice();
  try {
    trainer = new Trainer(model, data);
    losses = trainer.fit(params, { learningRate: settings.learningRate, iterations: settings.epochs, onIteration: progress?.update });
  } finally {
    progress?.done();
  }
  const final = losses[settings.epochs]!;
  if (!Number.isFinite(final) || !params.every(Number.isFinite)) {
    throw new TrainingError(`training diverged (the loss became ${final}); try a smaller --lr than ${settings.learningRate}`);
  }
  const run: TrainingRun = {
    fileName: settings.fileName,
    data,
    model,
    ...(settings.hidden > 0 && { network: { hidden: settings.hidden, activation: settings.activation, seed: settings.seed } }),
    learningRate: settings.learningRate,
    gradients: trainer.gradients,
    params,
    losses,
    accuracy: trainer.accuracy(params),
  };
  if (settings.plot !== undefined) writePlot(settings.plot, losses, `Training loss: ${modelName(run)}, ${settings.fileName}`);
  if (settings.json) writeJson(io, jsonReport(run));
  else io.stdout.write(textReport(run));
  return 0;
}

class TrainingError extends SymdiffError {
  override name = "TrainingError";
}

function readSettings(args: string[]): Settings {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (the data file goes after --data)`);
  if (values.task !== undefined && !Object.hasOwn(IRIS_TASKS, values.task)) throw new UsageError(`--task: expected a or b, got '${values.task}'`);
  if (values.task !== undefined && values.data !== undefined) throw new UsageError("--task chooses a task on the bundled Iris data; it cannot be combined with --data");
  const datasetOptionGiven = [values.label, values.features, values.positive, values.classes].some((v) => v !== undefined);
  // Task a is the default only when nothing about the data is chosen; otherwise the choices apply to the file as is.
  const task: DatasetOptions = values.task !== undefined ? IRIS_TASKS[values.task as IrisTask] : values.data === undefined && !datasetOptionGiven ? IRIS_TASKS.a : {};
  const activation = values.activation ?? "tanh";
  if (!(ACTIVATIONS as readonly string[]).includes(activation)) throw new UsageError(`--activation: expected ${ACTIVATIONS.join(" or ")}, got '${activation}'`);
  const hidden = wholeNumber(values.hidden, "--hidden", 0, 0, MAX_HIDDEN);
  if (hidden === 0 && (values.activation !== undefined || values.seed !== undefined)) {
    throw new UsageError(`${values.activation !== undefined ? "--activation" : "--seed"} applies to a network: add --hidden N`);
  }
  if (values.plot !== undefined && !/\.svg$/i.test(values.plot)) throw new UsageError(`--plot: the picture is written as SVG; give a file name ending in .svg, got '${values.plot}'`);
  return {
    file: values.data ?? IRIS_FILE,
    fileName: values.data ?? "iris.csv (bundled)",
    dataset: {
      ...task,
      ...(values.label !== undefined && { label: values.label }),
      ...(values.features !== undefined && { features: nameList(values.features, "--features") }),
      ...(values.positive !== undefined && { positive: values.positive }),
      ...(values.classes !== undefined && { classes: nameList(values.classes, "--classes") }),
    },
    hidden,
    activation: activation as Activation,
    learningRate: positiveNumber(values.lr, "--lr", DEFAULTS.lr),
    epochs: wholeNumber(values.epochs, "--epochs", DEFAULTS.epochs, 1, MAX_EPOCHS),
    seed: wholeNumber(values.seed, "--seed", DEFAULTS.seed, 0, 2 ** 32 - 1),
    ...(values.plot !== undefined && { plot: values.plot }),
    json: values.json === true,
  };
}

function wholeNumber(text: string | undefined, option: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < min || n > max) throw new UsageError(`${option}: expected a whole number from ${min} to ${max.toLocaleString("en")}, got '${text}'`);
  return n;
}

function positiveNumber(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n <= 0) throw new UsageError(`${option}: expected a positive number, got '${text}'`);
  return n;
}

function nameList(text: string, option: string): string[] {
  const names = text.split(",").map((s) => s.trim());
  if (names.some((n) => n === "")) throw new UsageError(`${option}: expected names separated by commas, got '${text}'`);
  return names;
}

function writePlot(file: string, losses: Float64Array, title: string): void {
  try {
    writeFileSync(file, lossCurveSvg(losses, title));
  } catch (e) {
    throw new UsageError(`--plot: cannot write ${file}: ${(e as Error).message}`);
  }
}
