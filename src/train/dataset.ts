/**
 * A binary classification data set in typed arrays, taken from a CSV table with every cell checked: a missing value,
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
  /** 0 or 1 per sample. */
  readonly labels: Float64Array;
  readonly size: number;
  readonly dimension: number;
  /** The class name that is label 1, when labels were class names. */
  readonly positive?: string;
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
  const features = new Float64Array(kept.length * dimension);
  const labels = new Float64Array(kept.length);
  kept.forEach((row, i) => {
    const where = (col: number) => `line ${table.lines[row]}, column '${table.header[col]}'`;
    featureColumns.forEach((col, j) => {
      features[i * dimension + j] = numberCell(table.rows[row]![col]!, () => where(col));
    });
    labels[i] = labelValue(labelOf(row), options.positive, () => where(labelColumn));
  });

  const ones = labels.reduce((s, y) => s + y, 0);
  if (ones === 0 || ones === kept.length) {
    throw new DataError(`all ${kept.length} rows have label ${ones === 0 ? 0 : 1}: training needs examples of both classes`);
  }
  return { featureNames, labelName: label, features, labels, size: kept.length, dimension, ...(options.positive === undefined ? {} : { positive: options.positive }) };
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
  if (text === "") throw new DataError(`${where()}: missing label`);
  if (positive !== undefined) return text === positive ? 1 : 0;
  if (text === "0" || text === "1") return Number(text);
  throw new DataError(`${where()}: label '${text}' is not 0 or 1 (with class names, name the positive class: --positive NAME)`);
}
