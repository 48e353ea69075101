/**
 * The saved-model file of `symdiff train --save`: a JSON object holding everything `symdiff predict` needs to
 * rebuild the model and read new data the way the training data was read — model kind and shape, the feature
 * columns, the label's classes, the standardisation and the learned parameters by name.
 */
import { DataError } from "./errors.js";
import type { LabelScheme } from "./dataset.js";
import { logisticRegression } from "./logistic.js";
import type { Model, ModelKind } from "./model.js";
import { ACTIVATIONS, type Activation, neuralNetwork } from "./network.js";
import { softmaxRegression } from "./softmax.js";
import type { Standardization } from "./standardize.js";

export const MODEL_FORMAT = "symdiff-model";
export const MODEL_VERSION = 1;

export interface SavedModel {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  readonly kind: ModelKind;
  /** The CSV columns the features `x1 ... xd` are read from, in order. */
  readonly features: readonly string[];
  readonly label: LabelScheme;
  readonly standardization: Standardization | null;
  readonly network?: { readonly hidden: number; readonly activation: Activation };
  readonly parameters: Readonly<Record<string, number>>;
}

export function savedModel(
  model: Model,
  params: Float64Array,
  columns: { readonly features: readonly string[]; readonly label: LabelScheme },
  standardization: Standardization | undefined,
  network?: SavedModel["network"],
): SavedModel {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind: model.kind,
    features: columns.features,
    label: columns.label,
    standardization: standardization ?? null,
    ...(network && { network }),
    parameters: Object.fromEntries(model.parameters.map((p, i) => [p, params[i]!])),
  };
}

/** A model file read back: the model rebuilt from its kind and shape, and its parameters in the model's order. */
export interface LoadedModel {
  readonly saved: SavedModel;
  readonly model: Model;
  readonly params: Float64Array;
}

/** Checks a parsed model file field by field; a DataError says what is wrong. */
export function loadModel(json: unknown): LoadedModel {
  const notModel = (why: string) => new DataError(`not a symdiff model file (${why}); write one with symdiff train --save FILE.json`);
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw notModel("expected a JSON object");
  const s = json as Record<string, unknown>;
  if (s.format !== MODEL_FORMAT) throw notModel(`"format" is ${JSON.stringify(s.format) ?? "missing"}, expected "${MODEL_FORMAT}"`);
  if (s.version !== MODEL_VERSION) throw new DataError(`model file version ${JSON.stringify(s.version)}: this symdiff reads version ${MODEL_VERSION}`);
  const features = names(s.features, "features", notModel);
  const label = labelScheme(s.label, notModel);
  const standardization = standardizationOf(s.standardization, features.length, notModel);
  const model = rebuild(s, features.length, label.classNames.length, notModel);
  const stored = s.parameters;
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) throw notModel(`"parameters" must map names to numbers`);
  const params = Float64Array.from(model.parameters, (p) => {
    const value = (stored as Record<string, unknown>)[p];
    if (typeof value !== "number" || !Number.isFinite(value)) throw notModel(`parameter ${p} is ${JSON.stringify(value) ?? "missing"}, expected a number`);
    return value;
  });
  const network = model.kind === "network" ? { network: s.network as SavedModel["network"] } : {};
  const saved: SavedModel = { format: MODEL_FORMAT, version: MODEL_VERSION, kind: model.kind, features, label, standardization, ...network, parameters: stored as Record<string, number> };
  return { saved, model, params };
}

type Complaint = (why: string) => DataError;

function rebuild(s: Record<string, unknown>, dimension: number, classes: number, notModel: Complaint): Model {
  switch (s.kind) {
    case "logistic":
      if (classes !== 2) throw notModel(`logistic regression has 2 classes, the label lists ${classes}`);
      return logisticRegression(dimension);
    case "softmax":
      return softmaxRegression(dimension, classes);
    case "network": {
      const network = s.network as { hidden?: unknown; activation?: unknown } | undefined;
      const hidden = network?.hidden;
      const activation = network?.activation;
      if (!Number.isSafeInteger(hidden) || (hidden as number) < 1) throw notModel(`"network.hidden" must be a whole number ≥ 1`);
      if (!(ACTIVATIONS as readonly unknown[]).includes(activation)) throw notModel(`"network.activation" must be ${ACTIVATIONS.join(", ")}`);
      return neuralNetwork(dimension, { hidden: hidden as number, activation: activation as Activation, classes });
    }
    default:
      throw notModel(`unknown model kind ${JSON.stringify(s.kind) ?? "(missing)"}`);
  }
}

function names(value: unknown, field: string, notModel: Complaint): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) throw notModel(`"${field}" must be a list of names`);
  return value as string[];
}

function labelScheme(value: unknown, notModel: Complaint): LabelScheme {
  if (typeof value !== "object" || value === null) throw notModel(`"label" must be { name, classNames }`);
  const { name, classNames, positive } = value as Record<string, unknown>;
  if (typeof name !== "string") throw notModel(`"label.name" must be a column name`);
  const classes = names(classNames, "label.classNames", notModel);
  if (classes.length < 2) throw notModel(`"label.classNames" must name 2 or more classes`);
  if (positive !== undefined && typeof positive !== "string") throw notModel(`"label.positive" must be a class name`);
  return { name, classNames: classes, ...(positive !== undefined && { positive }) };
}

function standardizationOf(value: unknown, dimension: number, notModel: Complaint): Standardization | null {
  if (value === null) return null;
  const { mean, sd } = (value ?? {}) as Record<string, unknown>;
  const numbers = (v: unknown) => Array.isArray(v) && v.length === dimension && v.every((n) => typeof n === "number" && Number.isFinite(n));
  if (!numbers(mean) || !numbers(sd) || (sd as number[]).some((d) => d <= 0)) {
    throw notModel(`"standardization" must be null or { mean, sd } with ${dimension} numbers each, sd > 0`);
  }
  return { mean: mean as number[], sd: sd as number[] };
}
