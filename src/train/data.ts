/**
 * Loading data sets: a user's CSV file, or the Iris data bundled with the package (public domain; 150 flowers,
 * four measurements in cm, three species) and its two standard binary tasks.
 */
import { readCsvFile } from "./csv-file.js";
import { type Dataset, type DatasetOptions, datasetReader, type LabelScheme, type PredictionInput, predictionInputReader } from "./dataset.js";
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";

/** Located next to the module, so it works from src/train (tests) and dist/train (the installed package) alike. */
export const IRIS_FILE = new URL("../../data/iris.csv", import.meta.url);

export const IRIS_FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"] as const;

export const IRIS_TASKS = {
  /** Setosa vs versicolor (the first 100 rows), all four features, versicolor = 1. Linearly separable. */
  a: { label: "species", features: IRIS_FEATURES, classes: ["setosa", "versicolor"], positive: "versicolor" },
  /** Setosa (= 1) vs the other two species, from sepal length and width only. */
  b: { label: "species", features: ["sepal_length", "sepal_width"], positive: "setosa" },
} as const satisfies Record<string, DatasetOptions>;

/** All 150 flowers, all four features, the three species as classes (for softmax regression). */
export const IRIS_SPECIES = { label: "species", features: IRIS_FEATURES, multiclass: true } as const satisfies DatasetOptions;

export type IrisTask = keyof typeof IRIS_TASKS;

export function loadIris(task: IrisTask): Dataset {
  if (typeof task !== "string" || !Object.hasOwn(IRIS_TASKS, task)) {
    throw new ArgumentError(`loadIris: the task must be one of ${Object.keys(IRIS_TASKS).map((t) => `"${t}"`).join(", ")}, got ${describeValue(task)}`);
  }
  return loadCsv(IRIS_FILE, IRIS_TASKS[task]);
}

/** Reads and checks a CSV file, row by row as it is read; errors name the file, line and column. */
export function loadCsv(file: string | URL, options: DatasetOptions = {}): Dataset {
  if (typeof file !== "string" && !(file instanceof URL)) throw new ArgumentError(`loadCsv: the file must be a path or a URL, got ${describeValue(file)}`);
  if (typeof options !== "object" || options === null) throw new ArgumentError(`loadCsv: the options must be an object (or left out), got ${describeValue(options)}`);
  return readCsvFile(file, datasetReader(options));
}

/** Reads the rows a saved model is to predict: its feature columns and, when present, its label column. */
export function loadPredictionInput(file: string, features: readonly string[], label: LabelScheme): PredictionInput {
  return readCsvFile(file, predictionInputReader(features, label));
}
