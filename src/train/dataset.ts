/**
 * A classification data set (two classes, or several for softmax regression) in typed arrays, built from CSV rows as
 * they are read, with every cell checked: a missing value, a non-numeric feature or a label that is neither 0/1 nor a
 * known class name stops loading with the line and column, so nothing is ever trained on silently wrong data.
 */
import { type CsvSink, type CsvTable, feedTable, namesForMessage } from "./csv.js";
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

/**
 * The most feature values one data set may hold: 2^25 float64s are 256 MB (half as much again for a moment while the
 * array grows), and training copies the data a few times more (standardisation, the trainer's rows). Reading stops
 * as soon as a row would go past it, rather than after filling memory with a file that could not be trained on.
 */
export const MAX_VALUES = 2 ** 25;

export function toDataset(table: CsvTable, options: DatasetOptions = {}): Dataset {
  return feedTable(table, datasetReader(options));
}

/**
 * Builds a data set row by row as a CSV parser reads it: the header fixes the label and feature columns, then each
 * row's cells become numbers at once, so no row is kept as text. `maxValues` is the limit (smaller in tests).
 */
export function datasetReader(options: DatasetOptions = {}, maxValues = MAX_VALUES): CsvSink<Dataset> {
  const multiclass = options.multiclass === true;
  const keep = options.classes && new Set(options.classes);
  /** Every label seen, kept row or not, to say which classes exist when one asked for is missing. */
  const found = new Set<string>();
  /** The labels of the kept rows in order of first appearance, for the class names. */
  const keptLabels = new Map<string, number>();
  for (const name of multiclass ? options.classes ?? [] : []) if (!keptLabels.has(name)) keptLabels.set(name, keptLabels.size);
  let layout: Layout;
  let rows: RowStore;
  let values: Float64Array;
  return {
    header(names) {
      const columns = headerIndex(names);
      const label = options.label ?? names.at(-1)!;
      const labelColumn = columnOf(columns, names, label);
      const featureNames = options.features ?? names.filter((name) => name !== label);
      if (featureNames.length === 0) throw new DataError("no feature columns: the table has only the label column");
      const counts = new Map<string, number>();
      for (const name of featureNames) counts.set(name, (counts.get(name) ?? 0) + 1);
      const featureColumns = featureNames.map((name) => {
        if (name === label) throw new DataError(`column '${name}' is the label, it cannot also be a feature`);
        if (counts.get(name)! > 1) throw new DataError(`feature column '${name}' is listed twice`);
        return columnOf(columns, names, name);
      });
      if (multiclass && options.positive !== undefined) throw new DataError("a positive class names one of two classes; with several classes leave it out");
      layout = { header: names, label, labelColumn, featureNames, featureColumns };
      values = new Float64Array(featureNames.length);
      rows = new RowStore(featureNames.length, maxValues, true, "choose fewer columns with --features A,B,... or use fewer rows");
    },
    row(cells, line) {
      const { header, labelColumn, featureColumns } = layout;
      const text = cell(cells, labelColumn).trim();
      found.add(text);
      if (keep !== undefined && !keep.has(text)) return;
      const where = (col: number) => `line ${line}, column '${header[col]}'`;
      readFeatures(cells, featureColumns, values, where);
      if (text === "") throw new DataError(`${where(labelColumn)}: missing label`);
      if (!keptLabels.has(text)) keptLabels.set(text, keptLabels.size);
      rows.add(values, multiclass ? keptLabels.get(text)! : labelValue(text, options.positive, () => where(labelColumn)), line);
    },
    end() {
      const { features, labels, size } = rows.finish();
      const { label } = layout;
      for (const name of [...(options.classes ?? []), ...(options.positive === undefined ? [] : [options.positive])]) {
        if (!found.has(name)) throw new DataError(`no row has class '${name}' in column '${label}' (found: ${namesForMessage([...found])})`);
      }
      if (size === 0) throw new DataError("no rows to train on");
      const classNames = multiclass ? options.classes ?? [...keptLabels.keys()] : binaryClassNames(options.positive, [...keptLabels.keys()]);
      if (multiclass) {
        if (classNames.length < 2) throw new DataError(`all ${size} rows have class '${classNames[0]}': training needs examples of two or more classes`);
      } else {
        const ones = labels!.reduce((s, y) => s + y, 0);
        if (ones === 0 || ones === size) {
          throw new DataError(`all ${size} rows have label ${ones === 0 ? 0 : 1}: training needs examples of both classes`);
        }
      }
      return {
        featureNames: layout.featureNames,
        labelName: label,
        features,
        labels: labels!,
        size,
        dimension: layout.featureNames.length,
        classNames,
        ...(options.positive === undefined ? {} : { positive: options.positive }),
      };
    },
  };
}

/** Where the label and the features are in a header. */
interface Layout {
  readonly header: readonly string[];
  readonly label: string;
  readonly labelColumn: number;
  readonly featureNames: readonly string[];
  readonly featureColumns: readonly number[];
}

/** Each name's column; one map of the header, because looking every name up in it would be quadratic in a wide file. */
function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i); // the first of equal names (a table made by hand may have them)
  });
  return index;
}

function columnOf(index: ReadonlyMap<string, number>, header: readonly string[], name: string): number {
  const i = index.get(name);
  if (i === undefined) throw new DataError(`no column '${name}' (columns: ${namesForMessage(header)})`);
  return i;
}

/** The features of one row into `values`, each cell checked. */
function readFeatures(cells: readonly string[], featureColumns: readonly number[], values: Float64Array, where: (col: number) => string): void {
  for (let j = 0; j < featureColumns.length; j++) {
    const col = featureColumns[j]!;
    values[j] = numberCell(cell(cells, col), () => where(col));
  }
}

/** A cell of a row; a table made by hand (toDataset) may have short rows, whose missing cells read as empty. */
function cell(cells: readonly string[], col: number): string {
  return cells[col] ?? "";
}

/**
 * Rows of numbers as they are read: the features row-major in a Float64Array that doubles when full (up to
 * `maxValues`, past which it refuses the row), and a label per row.
 */
class RowStore {
  private features: Float64Array;
  private labels: Float64Array | undefined;
  private size = 0;

  constructor(
    private readonly dimension: number,
    private readonly maxValues: number,
    withLabels: boolean,
    /** How to get under the limit, for the message. */
    private readonly advice: string,
  ) {
    const rows = Math.max(1, Math.min(1024, Math.floor(maxValues / Math.max(1, dimension))));
    this.features = new Float64Array(rows * dimension);
    this.labels = withLabels ? new Float64Array(rows) : undefined;
  }

  add(values: Float64Array, label: number, line: number): void {
    const needed = (this.size + 1) * this.dimension;
    if (needed > this.maxValues) {
      const read = `${this.size.toLocaleString("en")} ${this.size === 1 ? "row" : "rows"} × ${this.dimension.toLocaleString("en")} feature ${this.dimension === 1 ? "column" : "columns"}`;
      throw new DataError(`line ${line}: too much data: after ${read}, this row would go past the limit of ${this.maxValues.toLocaleString("en")} values (${size(this.maxValues * 8)} of float64); ${this.advice}`);
    }
    if (needed > this.features.length) {
      const grown = new Float64Array(Math.min(Math.max(needed, 2 * this.features.length), this.maxValues - (this.maxValues % this.dimension)));
      grown.set(this.features);
      this.features = grown;
    }
    const at = this.size * this.dimension;
    for (let j = 0; j < this.dimension; j++) this.features[at + j] = values[j]!; // faster than set() for short rows
    if (this.labels !== undefined) {
      if (this.size === this.labels.length) {
        const grown = new Float64Array(2 * this.labels.length);
        grown.set(this.labels);
        this.labels = grown;
      }
      this.labels[this.size] = label;
    }
    this.size++;
  }

  /**
   * The rows read, in arrays of exactly their length: views of the grown arrays, since a copy would need both at once
   * at the largest moment (the unused rest is at most as large as what is used).
   */
  finish(): { features: Float64Array; labels: Float64Array | undefined; size: number } {
    const exact = (array: Float64Array, length: number) => (array.length === length ? array : array.subarray(0, length));
    return { features: exact(this.features, this.size * this.dimension), labels: this.labels && exact(this.labels, this.size), size: this.size };
  }
}

function size(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toLocaleString("en", { maximumFractionDigits: 1 })} MB` : `${bytes.toLocaleString("en")} bytes`;
}

/** Names for labels 0 and 1: the positive class and the one other class it was told from (or "not <positive>"). */
function binaryClassNames(positive: string | undefined, found: readonly string[]): string[] {
  if (positive === undefined) return ["0", "1"];
  const others = found.filter((name) => name !== positive);
  return [others.length === 1 ? others[0]! : `not ${positive}`, positive];
}

function numberCell(cell: string, where: () => string): number {
  const plain = plainDecimal(cell);
  if (!Number.isNaN(plain)) return plain;
  const text = cell.trim();
  if (text === "") throw new DataError(`${where()}: missing value`);
  if (!DECIMAL.test(text)) throw new DataError(`${where()}: '${text}' is not a number`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new DataError(`${where()}: ${text} is too large for a float64`);
  return value;
}

/** 10^0 ... 10^22: every one an exact float64. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The value of a decimal without surrounding space and with at most 15 significant digits ("-12.5", "3e4"), or NaN
 * for anything else (which numberCell then checks the slow way). The common case, and most of the time of loading a
 * large file: about twice as fast as Number, and exactly equal to it, because the digits as an integer (< 2^53) and
 * 10^k (k ≤ 22) are exact float64s, so the one division or multiplication rounds correctly (Clinger's fast path).
 */
function plainDecimal(s: string): number {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  const negative = c === 0x2d;
  if (negative || c === 0x2b) i++;
  let digits = 0; // significant ones, after leading zeros
  let mantissa = 0;
  let scale = 0; // digits after the point
  let seen = false;
  for (let point = false; i < n; i++) {
    c = s.charCodeAt(i);
    if (c === 0x2e && !point) {
      point = true;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    if (mantissa !== 0) digits++;
    if (point) scale++;
    seen = true;
  }
  if (!seen || digits > 15) return NaN;
  let exponent = 0;
  if (i < n && (s.charCodeAt(i) | 0x20) === 0x65) {
    c = s.charCodeAt(++i);
    const negativeExponent = c === 0x2d;
    if (negativeExponent || c === 0x2b) i++;
    const first = i;
    for (; i < n && exponent < 1000; i++) {
      const d = s.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) break;
      exponent = exponent * 10 + d;
    }
    if (i === first) return NaN;
    if (negativeExponent) exponent = -exponent;
  }
  if (i !== n) return NaN;
  const power = exponent - scale;
  if (power < -22 || power > 22) return NaN;
  const value = power < 0 ? mantissa / POWERS_OF_TEN[-power]! : mantissa * POWERS_OF_TEN[power]!;
  return negative ? -value : value;
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
  return feedTable(table, predictionInputReader(featureNames, label));
}

/** Builds the rows to predict as a CSV parser reads them, like `datasetReader`. */
export function predictionInputReader(featureNames: readonly string[], label: LabelScheme, maxValues = MAX_VALUES): CsvSink<PredictionInput> {
  let header: readonly string[];
  let featureColumns: number[];
  let labelColumn: number;
  let rows: RowStore;
  const values = new Float64Array(featureNames.length);
  return {
    header(names) {
      const columns = headerIndex(names);
      const missing = featureNames.filter((name) => !columns.has(name));
      if (missing.length > 0) {
        throw new DataError(`the model needs ${missing.length === 1 ? "feature column" : "feature columns"} ${namesForMessage(missing.map((m) => `'${m}'`))}, which the file lacks (columns: ${namesForMessage(names)})`);
      }
      header = names;
      featureColumns = featureNames.map((name) => columnOf(columns, names, name));
      labelColumn = columns.get(label.name) ?? -1;
      rows = new RowStore(featureNames.length, maxValues, labelColumn >= 0, "the model's feature columns are fixed: predict the rows in several smaller files");
    },
    row(cells, line) {
      const where = (col: number) => `line ${line}, column '${header[col]}'`;
      readFeatures(cells, featureColumns, values, where);
      let index = 0;
      if (labelColumn >= 0) {
        const text = cell(cells, labelColumn).trim();
        if (text === "") throw new DataError(`${where(labelColumn)}: missing label`);
        index = label.positive !== undefined ? (text === label.positive ? 1 : 0) : label.classNames.indexOf(text);
        if (index < 0) throw new DataError(`${where(labelColumn)}: '${text}' is not a class of the model (${namesForMessage(label.classNames)})`);
      }
      rows.add(values, index, line);
    },
    end() {
      const { features, labels, size } = rows.finish();
      if (size === 0) throw new DataError("no rows to predict");
      return { features, size, dimension: featureNames.length, ...(labels && { labels }) };
    },
  };
}
