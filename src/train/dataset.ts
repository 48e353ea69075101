/**
 * A classification data set (two classes, or several for softmax regression) in typed arrays, taken from a CSV table with every cell checked: a missing value,
 * a non-numeric feature or a label that is neither 0/1 nor a known class name stops loading with the line and column,
 * so nothing is ever trained on silently wrong data.
 */
import type { CsvTable } from "./csv.js";
import { DataError } from "./errors.js";

export interface Dataset {
  readonly featureNames: readonly string[];
  readonly labelName: string;
  /** Row-major: `features[i * dimension + j]` is feature j of sample i. */
  readonly features: Float64Array;
  /** The class index per sample: 0 or 1 for two classes, 0 ... K-1 for K classes. */
  readonly labels: Float64Array;
  readonly size: number;
  readonly dimension: number;
  /** The class name that is label 1, when labels were class names. */
  readonly positive?: string;
  /** The name of each class index, for reports and saved models: ["0", "1"], [other, positive] or the K classes. */
  readonly classNames: readonly string[];
}

export interface DatasetOptions {
  /** The label column: 0/1 values, or class names together with `positive`. By default the last column. */
  readonly label?: string;
  /** Feature columns, in order; by default every column but the label. */
  readonly features?: readonly string[];
  /** The class name that becomes label 1; every other kept class becomes 0. */
  readonly positive?: string;
  /** Keep only the rows whose label is one of these (class names or 0/1); by default all rows. */
  readonly classes?: readonly string[];
  /** Every distinct label is a class of its own (softmax regression), numbered in order of `classes` or of first appearance. */
  readonly multiclass?: boolean;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function toDataset(table: CsvTable, options: DatasetOptions = {}): Dataset {
  const label = options.label ?? table.header.at(-1)!;
  const labelColumn = column(table, label);
  const featureNames = options.features ?? table.header.filter((name) => name !== label);
  if (featureNames.length === 0) throw new DataError("no feature columns: the table has only the label column");
  const featureColumns = featureNames.map((name) => {
    if (name === label) throw new DataError(`column '${name}' is the label, it cannot also be a feature`);
    if (featureNames.indexOf(name) !== featureNames.lastIndexOf(name)) throw new DataError(`feature column '${name}' is listed twice`);
    return column(table, name);
  });

  const labelOf = (i: number) => table.rows[i]![labelColumn]!.trim();
  const found = new Set(table.rows.map((_, i) => labelOf(i)));
  for (const name of [...(options.classes ?? []), ...(options.positive === undefined ? [] : [options.positive])]) {
    if (!found.has(name)) throw new DataError(`no row has class '${name}' in column '${label}' (found: ${sample([...found])})`);
  }
  const kept = table.rows.map((_, i) => i).filter((i) => options.classes?.includes(labelOf(i)) ?? true);
  if (kept.length === 0) throw new DataError("no rows to train on");

  const dimension = featureColumns.length;
  const classNames = options.multiclass === true
    ? options.classes ?? [...new Set(kept.map(labelOf))]
    : binaryClassNames(options.positive, [...new Set(kept.map(labelOf))]);
  if (options.multiclass === true && options.positive !== undefined) throw new DataError("a positive class names one of two classes; with several classes leave it out");
  const features = new Float64Array(kept.length * dimension);
  const labels = new Float64Array(kept.length);
  kept.forEach((row, i) => {
    const where = (col: number) => `line ${table.lines[row]}, column '${table.header[col]}'`;
    featureColumns.forEach((col, j) => {
      features[i * dimension + j] = numberCell(table.rows[row]![col]!, () => where(col));
    });
    const text = labelOf(row);
    if (text === "") throw new DataError(`${where(labelColumn)}: missing label`);
    labels[i] = options.multiclass === true ? classNames.indexOf(text) : labelValue(text, options.positive, () => where(labelColumn));
  });

  if (options.multiclass === true) {
    if (classNames.length < 2) throw new DataError(`all ${kept.length} rows have class '${classNames[0]}': training needs examples of two or more classes`);
  } else {
    const ones = labels.reduce((s, y) => s + y, 0);
    if (ones === 0 || ones === kept.length) {
      throw new DataError(`all ${kept.length} rows have label ${ones === 0 ? 0 : 1}: training needs examples of both classes`);
    }
  }
  return {
    featureNames,
    labelName: label,
    features,
    labels,
    size: kept.length,
    dimension,
    classNames,
    ...(options.positive === undefined ? {} : { positive: options.positive }),
  };
}

/** Names for labels 0 and 1: the positive class and the one other class it was told from (or "not <positive>"). */
function binaryClassNames(positive: string | undefined, found: readonly string[]): string[] {
  if (positive === undefined) return ["0", "1"];
  const others = found.filter((name) => name !== positive);
  return [others.length === 1 ? others[0]! : `not ${positive}`, positive];
}

/** At most ten names of a list, for messages. */
function sample(names: readonly string[]): string {
  return names.length <= 10 ? names.join(", ") : `${names.slice(0, 10).join(", ")} and ${names.length - 10} more`;
}

function column(table: CsvTable, name: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new DataError(`no column '${name}' (columns: ${table.header.join(", ")})`);
  return i;
}

function numberCell(cell: string, where: () => string): number {
  const text = cell.trim();
  if (text === "") throw new DataError(`${where()}: missing value`);
  if (!DECIMAL.test(text)) throw new DataError(`${where()}: '${text}' is not a number`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new DataError(`${where()}: ${text} is too large for a float64`);
  return value;
}

function labelValue(text: string, positive: string | undefined, where: () => string): number {
  if (positive !== undefined) return text === positive ? 1 : 0;
  if (text === "0" || text === "1") return Number(text);
  throw new DataError(`${where()}: label '${text}' is not 0 or 1 (with class names, name the positive class: --positive NAME)`);
}

/** Rows to predict: the features a model needs and, when the table has the label column, each row's class index. */
export interface PredictionInput {
  readonly features: Float64Array;
  readonly size: number;
  readonly dimension: number;
  readonly labels?: Float64Array;
}

/** How a saved model names its classes: what `toPredictionInput` needs to read the label column. */
export interface LabelScheme {
  readonly name: string;
  readonly classNames: readonly string[];
  readonly positive?: string;
}

export function toPredictionInput(table: CsvTable, featureNames: readonly string[], label: LabelScheme): PredictionInput {
  const missing = featureNames.filter((name) => !table.header.includes(name));
  if (missing.length > 0) {
    throw new DataError(`the model needs ${missing.length === 1 ? "feature column" : "feature columns"} ${missing.map((m) => `'${m}'`).join(", ")}, which the file lacks (columns: ${table.header.join(", ")})`);
  }
  const featureColumns = featureNames.map((name) => column(table, name));
  const labelColumn = table.header.indexOf(label.name);
  const dimension = featureColumns.length;
  const size = table.rows.length;
  if (size === 0) throw new DataError("no rows to predict");
  const features = new Float64Array(size * dimension);
  const labels = labelColumn < 0 ? undefined : new Float64Array(size);
  table.rows.forEach((row, i) => {
    const where = (col: number) => `line ${table.lines[i]}, column '${table.header[col]}'`;
    featureColumns.forEach((col, j) => {
      features[i * dimension + j] = numberCell(row[col]!, () => where(col));
    });
    if (labels === undefined) return;
    const text = row[labelColumn]!.trim();
    if (text === "") throw new DataError(`${where(labelColumn)}: missing label`);
    const index = label.positive !== undefined ? (text === label.positive ? 1 : 0) : label.classNames.indexOf(text);
    if (index < 0) throw new DataError(`${where(labelColumn)}: '${text}' is not a class of the model (${sample(label.classNames)})`);
    labels[i] = index;
  });
  return { features, size, dimension, ...(labels && { labels }) };
}
