/**
 * `symdiff train`: trains logistic regression (with --softmax, softmax regression over several classes; with
 * --hidden N, a one-hidden-layer network with either output) whose gradients symdiff derives, on the bundled Iris
 * data or a CSV file, and reports the derived gradients, loss, accuracy and learned weights; --save writes the model
 * for predict.
 */
import { writeFileSync } from "node:fs";
import { parseCommandArgs } from "../cli/args.js";
import type { Command, IO } from "../cli/command.js";
import { helpText } from "../cli/help.js";
import { writeJson } from "../cli/output.js";
import { UsageError } from "../cli/report.js";
import { SymdiffError } from "../errors.js";
import { IRIS_FILE, IRIS_SPECIES, IRIS_TASKS, type IrisTask, loadCsv } from "./data.js";
import type { Dataset, DatasetOptions } from "./dataset.js";
import { logisticRegression } from "./logistic.js";
import { ACTIVATIONS, type Activation, neuralNetwork } from "./network.js";
import { OPTIMIZERS, type OptimizerName } from "./optimizer.js";
import { lossCurveSvg } from "./plot.js";
import { progressBar } from "./progress.js";
import { jsonReport, modelName, textReport, type TrainingRun } from "./report.js";
import { savedModel } from "./saved.js";
import { softmaxRegression } from "./softmax.js";
import { splitDataset } from "./split.js";
import { standardization, standardize } from "./standardize.js";
import { Trainer } from "./trainer.js";

const OPTIONS = {
  data: { type: "string" },
  task: { type: "string" },
  softmax: { type: "boolean" },
  label: { type: "string" },
  features: { type: "string" },
  positive: { type: "string" },
  classes: { type: "string" },
  hidden: { type: "string" },
  activation: { type: "string" },
  standardize: { type: "boolean" },
  test: { type: "string" },
  l2: { type: "string" },
  optimizer: { type: "string" },
  batch: { type: "string" },
  lr: { type: "string" },
  epochs: { type: "string" },
  seed: { type: "string" },
  plot: { type: "string" },
  save: { type: "string" },
  json: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const DEFAULTS = { lr: 0.1, epochs: 1000, seed: 1 };
const MAX_EPOCHS = 10_000_000;
/** Gradients are derived once per family and run as loops, so size costs only time; past this, a typo is likelier. */
const MAX_HIDDEN = 4096;

const OPTION_LINES = `Options:
  --data FILE          a CSV file with a header line (default: the bundled Iris data)
  --task a|b           a bundled Iris task: a = setosa vs versicolor, 4 features (the default);
                       b = setosa vs the rest, sepal length and width only
  --softmax            softmax regression over every class of the label (default data: Iris, 3 species);
                       with --hidden N, a network with a softmax output
  --label NAME         the label column: 0/1, or class names with --positive (default: the last column)
  --features A,B,...   the feature columns (default: every column but the label)
  --positive NAME      the class that is 1; every other class is 0
  --classes A,B,...    keep only the rows of these classes (default: all rows)
  --hidden N           a network with N hidden units, N ≤ ${MAX_HIDDEN} (default 0: logistic regression)
  --activation NAME    of the hidden units: ${ACTIVATIONS.join(", ")} (default tanh)
  --standardize        train on z-scores (value - mean)/sd, mean and sd of the training rows
  --test F             hold out the fraction F of the rows (0 < F < 1, seeded shuffle) and report their accuracy
  --l2 LAMBDA          L2 regularisation: add LAMBDA/2 × the sum of squared weights to the loss (default 0)
  --optimizer NAME     gd (gradient descent, the default) or adam (β1 = 0.9, β2 = 0.999, ε = 1e-8)
  --batch N            mini-batches of N rows, reshuffled every epoch (default: the full data set)
  --lr X               learning rate (default ${DEFAULTS.lr})
  --epochs N           passes over the data (default ${DEFAULTS.epochs})
  --seed N             seed of the network's initial weights, the --test split and the batch order (default ${DEFAULTS.seed})
  --plot FILE.svg      write the loss curve as an SVG picture
  --save FILE.json     save the trained model for symdiff predict
  --json               print one JSON object: loss, lossHistory, accuracy, weights, gradients, ...
  --verbose            print every parameter's gradient and value (default: one formula per family)
  -h, --help           show this help`;

export const trainCommand: Command = {
  name: "train",
  summary: "train a classifier (logistic or softmax regression, or a one-hidden-layer network) on derived gradients",
  help: helpText({
    usage: "symdiff train [--data FILE.csv] [options]",
    description: [
      "Builds the cross-entropy loss of the model as an expression, derives its gradient with diff once per family of",
      "parameters (dL/dw_i = x_i*(sigmoid(z) - y), the named values z, a_j, p_k shown), compiles it to loops and runs",
      "gradient descent (or Adam). Prints the derived gradients (--verbose: every parameter's), the final loss, the",
      "accuracy and the learned weights; a progress bar shows the loss on a terminal.",
      "Logistic and softmax regression start from zero weights; a network from seeded random weights.",
    ].join("\n"),
    options: [],
    notes: OPTION_LINES,
    examples: [
      "symdiff train                                   # Iris task a: 100% accuracy",
      "symdiff train --softmax --standardize --test 0.2 --optimizer adam --save iris.json",
      "symdiff train --task b --plot loss.svg",
      "symdiff train --hidden 4 --activation relu --seed 7 --batch 16 --json",
      "symdiff train --softmax --hidden 8 --standardize --optimizer adam --lr 0.01   # a network over 3 classes",
      "symdiff train --data flowers.csv --label species --positive virginica --features petal_length,petal_width",
    ],
  }),
  run: runTrain,
};

interface Settings {
  readonly file: string | URL;
  readonly fileName: string;
  readonly dataset: DatasetOptions;
  readonly softmax: boolean;
  readonly hidden: number;
  readonly activation: Activation;
  readonly standardize: boolean;
  readonly test?: number;
  readonly l2: number;
  readonly optimizer: OptimizerName;
  readonly batchSize?: number;
  readonly learningRate: number;
  readonly epochs: number;
  readonly seed: number;
  readonly plot?: string;
  readonly save?: string;
  readonly json: boolean;
  readonly verbose: boolean;
}

export async function runTrain(args: string[], io: IO): Promise<number> {
  const settings = readSettings(args);
  const data = loadCsv(settings.file, settings.dataset);
  const split = settings.test === undefined ? undefined : splitDataset(data, settings.test, settings.seed);
  const stats = settings.standardize ? standardization((split?.train ?? data).features, (split?.train ?? data).size, data.dimension) : undefined;
  const scaled = (d: Dataset) => (stats ? { ...d, features: standardize(d.features, d.dimension, stats) } : d);
  const train = scaled(split?.train ?? data);
  const test = split && scaled(split.test);
  const classes = data.classNames.length;
  const model =
    settings.hidden > 0
      ? neuralNetwork(data.dimension, { hidden: settings.hidden, activation: settings.activation, seed: settings.seed, classes })
      : settings.softmax
        ? softmaxRegression(data.dimension, classes)
        : logisticRegression(data.dimension);
  const progress = (io.stderr as { isTTY?: boolean }).isTTY === true ? progressBar(io.stderr, settings.epochs) : undefined;
  // Reading a large file took a moment; say what comes next (the bar overwrites it).
  progress?.status(`deriving and compiling the gradient of ${model.parameters.length} parameters...`);
  let trainer: Trainer;
  let losses: Float64Array;
  const params = model.initial.slice();
  const started = performance.now();
  try {
    trainer = new Trainer(model, train, { l2: settings.l2 });
    losses = trainer.fit(params, {
      learningRate: settings.learningRate,
      iterations: settings.epochs,
      optimizer: settings.optimizer,
      seed: settings.seed,
      ...(settings.batchSize !== undefined && { batchSize: settings.batchSize }),
      ...(progress && { onIteration: progress.update }),
    });
  } finally {
    progress?.done();
  }
  const seconds = (performance.now() - started) / 1000;
  const final = losses[settings.epochs]!;
  if (!Number.isFinite(final) || !params.every(Number.isFinite)) {
    throw new TrainingError(`training diverged (the loss became ${final}); try a smaller --lr than ${settings.learningRate}`);
  }
  const network = settings.hidden > 0 ? { hidden: settings.hidden, activation: settings.activation, seed: settings.seed } : undefined;
  const run: TrainingRun = {
    fileName: settings.fileName,
    data: train,
    ...(test && { test: { size: test.size, accuracy: trainer.accuracy(params, test), seed: settings.seed } }),
    ...(stats && { standardization: stats }),
    model,
    ...(network && { network }),
    learningRate: settings.learningRate,
    optimizer: settings.optimizer,
    ...(settings.batchSize !== undefined && { batchSize: settings.batchSize }),
    trainer,
    params,
    losses,
    accuracy: trainer.accuracy(params),
    seconds,
    verbose: settings.verbose,
  };
  if (settings.plot !== undefined) writePlot(settings.plot, losses, `Training loss: ${modelName(run)}, ${settings.fileName}`);
  if (settings.save !== undefined) {
    const label = { name: data.labelName, classNames: data.classNames, ...(data.positive !== undefined && { positive: data.positive }) };
    const saved = savedModel(model, params, { features: data.featureNames, label }, stats, network && { hidden: network.hidden, activation: network.activation });
    writeOutput(settings.save, "--save", `${JSON.stringify(saved, null, 2)}\n`);
  }
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
  const softmax = values.softmax === true;
  if (softmax && values.task !== undefined) throw new UsageError("--task chooses a two-class Iris task; --softmax trains on all three species");
  if (softmax && values.positive !== undefined) throw new UsageError("--positive makes two classes of the label; --softmax keeps every class");
  const datasetOptionGiven = [values.label, values.features, values.positive, values.classes].some((v) => v !== undefined);
  // Without a file or any choice about the data, the bundled Iris data: task a, or every species for --softmax.
  const bundled = values.data === undefined && !datasetOptionGiven;
  const task: DatasetOptions = values.task !== undefined ? IRIS_TASKS[values.task as IrisTask] : bundled ? (softmax ? IRIS_SPECIES : IRIS_TASKS.a) : {};
  const activation = values.activation ?? "tanh";
  if (!(ACTIVATIONS as readonly string[]).includes(activation)) throw new UsageError(`--activation: expected ${ACTIVATIONS.slice(0, -1).join(", ")} or ${ACTIVATIONS.at(-1)}, got '${activation}'`);
  const hidden = wholeNumber(values.hidden, "--hidden", 0, 0, MAX_HIDDEN);
  if (hidden === 0 && values.activation !== undefined) throw new UsageError("--activation applies to a network: add --hidden N");
  if (hidden === 0 && values.seed !== undefined && values.test === undefined && values.batch === undefined) {
    throw new UsageError("--seed applies to a network (--hidden N), a --test split or --batch order");
  }
  const optimizer = values.optimizer ?? "gd";
  if (!(OPTIMIZERS as readonly string[]).includes(optimizer)) throw new UsageError(`--optimizer: expected ${OPTIMIZERS.join(" or ")}, got '${optimizer}'`);
  if (values.plot !== undefined && !/\.svg$/i.test(values.plot)) throw new UsageError(`--plot: the picture is written as SVG; give a file name ending in .svg, got '${values.plot}'`);
  if (values.save !== undefined && !/\.json$/i.test(values.save)) throw new UsageError(`--save: the model is written as JSON; give a file name ending in .json, got '${values.save}'`);
  const test = values.test === undefined ? undefined : fraction(values.test, "--test");
  const batchSize = values.batch === undefined ? undefined : wholeNumber(values.batch, "--batch", 0, 1, Number.MAX_SAFE_INTEGER);
  return {
    file: values.data ?? IRIS_FILE,
    fileName: values.data ?? "iris.csv (bundled)",
    dataset: {
      ...task,
      ...(softmax && { multiclass: true }),
      ...(values.label !== undefined && { label: values.label }),
      ...(values.features !== undefined && { features: nameList(values.features, "--features") }),
      ...(values.positive !== undefined && { positive: values.positive }),
      ...(values.classes !== undefined && { classes: nameList(values.classes, "--classes") }),
    },
    softmax,
    hidden,
    activation: activation as Activation,
    standardize: values.standardize === true,
    ...(test !== undefined && { test }),
    l2: values.l2 === undefined ? 0 : nonNegativeNumber(values.l2, "--l2"),
    optimizer: optimizer as OptimizerName,
    ...(batchSize !== undefined && { batchSize }),
    learningRate: positiveNumber(values.lr, "--lr", DEFAULTS.lr),
    epochs: wholeNumber(values.epochs, "--epochs", DEFAULTS.epochs, 1, MAX_EPOCHS),
    seed: wholeNumber(values.seed, "--seed", DEFAULTS.seed, 0, 2 ** 32 - 1),
    ...(values.plot !== undefined && { plot: values.plot }),
    ...(values.save !== undefined && { save: values.save }),
    json: values.json === true,
    verbose: values.verbose === true,
  };
}

function fraction(text: string, option: string): number {
  const n = Number(text);
  if (text.trim() === "" || !(n > 0 && n < 1)) throw new UsageError(`${option}: expected a fraction between 0 and 1 (say 0.2), got '${text}'`);
  return n;
}

function nonNegativeNumber(text: string, option: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0) throw new UsageError(`${option}: expected a number ≥ 0, got '${text}'`);
  return n;
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
  writeOutput(file, "--plot", lossCurveSvg(losses, title));
}

function writeOutput(file: string, option: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`${option}: cannot write ${file}: ${(e as Error).message}`);
  }
}
