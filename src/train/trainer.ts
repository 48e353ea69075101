/**
 * Gradient descent (full-batch or mini-batch, plain or Adam) for any model. The gradient comes from differentiating
 * the model's loss: backprop.ts derives each family of parameters symbolically (what reports print), and compiled.ts
 * turns the same derivation into loops over the rows of the data set (held in a typed array), units and inputs. L2
 * regularisation is an expression too, `lambda/2*w^2` per weight, differentiated by diff.
 */
import type { Expr } from "../ast/expr.js";
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";
import { mulberry32 } from "../random.js";
import { derive, type Derivation } from "./backprop.js";
import { compilePenalty, compileRowSum, type Penalty, type RowSum } from "./compiled.js";
import type { Dataset } from "./dataset.js";
import type { Model } from "./model.js";
import { optimizer, OPTIMIZERS, type OptimizerName } from "./optimizer.js";
import { accuracy, classifier } from "./predictor.js";
import { shuffle } from "./split.js";

export interface TrainerOptions {
  /** The L2 regularisation strength λ: the objective is the mean loss + λ/2 × the sum of squared weights. */
  readonly l2?: number;
}

export interface FitOptions {
  readonly learningRate: number;
  /** Epochs: passes over the data set. */
  readonly iterations: number;
  /** Rows per gradient step, taken in a fresh seeded order each epoch (default: all rows, in order). */
  readonly batchSize?: number;
  /** "gd" (default) or "adam". */
  readonly optimizer?: OptimizerName;
  /** Seed of the mini-batch order. */
  readonly seed?: number;
  /** Called after each epoch with its number (1-based) and its mean loss. */
  readonly onIteration?: (iteration: number, loss: number) => void;
}

export class Trainer {
  /** The gradient as derived: named values, one formula per family of parameters, every parameter's on request. */
  readonly derivation: Derivation;
  /** The L2 term `lambda/2*w^2` of each weight and its derivative, when regularising. */
  readonly penalty?: { readonly term: Expr; readonly derivative: Expr; readonly lambda: number };
  /** [Σ loss, ...Σ gradient] over rows at given parameters. */
  private readonly sums: RowSum;
  /** [Σ loss] over rows: the objective without its gradient. */
  private readonly lossSum: RowSum;
  private readonly penaltySum?: Penalty;
  /** Each sample's features and label variables, row after row: the rows `sums` runs over. */
  private readonly rows: Float64Array;
  private readonly width: number;
  private readonly out: Float64Array;

  constructor(
    readonly model: Model,
    readonly data: Dataset,
    options: TrainerOptions = {},
  ) {
    const m = model as Partial<Model> | null;
    if (typeof m !== "object" || m === null || !Array.isArray(m.features) || !Array.isArray(m.parameters) || !Array.isArray(m.layers) || m.head === undefined) {
      throw new ArgumentError(`Trainer: the model must come from logisticRegression, softmaxRegression or neuralNetwork, got ${describeValue(model)}`);
    }
    const d = data as Partial<Dataset> | null;
    if (typeof d !== "object" || d === null || !(d.features instanceof Float64Array) || !(d.labels instanceof Float64Array) || typeof d.dimension !== "number") {
      throw new ArgumentError(`Trainer: the data must be a data set from loadCsv, loadIris or toDataset, got ${describeValue(data)}`);
    }
    if (data.dimension !== model.features.length) {
      throw new ArgumentError(`the model takes ${model.features.length} features, the data set has ${data.dimension}`);
    }
    if (typeof options !== "object" || options === null) throw new ArgumentError(`Trainer: the options must be { l2? }, got ${describeValue(options)}`);
    const { l2 = 0 } = options;
    if (!(l2 >= 0 && Number.isFinite(l2))) throw new ArgumentError(`the L2 strength must be a number ≥ 0, got ${describeValue(l2)}`);
    const classes = model.labels.length === 1 ? 2 : model.labels.length;
    for (const label of data.labels) {
      if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
        throw new ArgumentError(`the model tells ${classes} classes apart, the data set has label ${label}`);
      }
    }

    this.derivation = derive(model.layers, model.head);
    const shape = { layers: model.layers, head: model.head, dimension: data.dimension, parameterCount: model.parameters.length };
    this.sums = compileRowSum(shape, true);
    this.lossSum = compileRowSum(shape, false);
    const width = data.dimension + model.labels.length;
    this.width = width;
    this.rows = new Float64Array(data.size * width);
    for (let i = 0; i < data.size; i++) {
      const row = i * width;
      this.rows.set(data.features.subarray(i * data.dimension, (i + 1) * data.dimension), row);
      // Two classes: the label y itself. K classes: y1 ... yK one-hot.
      if (model.labels.length === 1) this.rows[row + data.dimension] = data.labels[i]!;
      else this.rows[row + data.dimension + data.labels[i]!] = 1;
    }
    this.out = new Float64Array(model.parameters.length + 1);
    if (l2 > 0) {
      const { term, derivative, run } = compilePenalty(model.layers);
      this.penalty = { term, derivative, lambda: l2 };
      this.penaltySum = run;
    }
  }

  /** The objective over the whole data set at `params` (mean loss, plus the penalty), its gradient written into `grad`. */
  lossAndGradient(params: Float64Array, grad: Float64Array): number {
    this.checkParameters(params);
    if (!(grad instanceof Float64Array)) throw new ArgumentError(`the gradient must be a Float64Array, got ${describeValue(grad)}`);
    if (grad.length !== params.length) throw new ArgumentError(`the gradient array holds ${grad.length} values, ${params.length} needed`);
    return this.objective(params, grad, this.rows);
  }

  /** The objective over the whole data set at `params` (mean loss, plus the penalty), without the gradient. */
  loss(params: Float64Array): number {
    this.checkParameters(params);
    return this.objective(params, undefined, this.rows);
  }

  /**
   * Runs `iterations` epochs on `params` (in place) and returns the loss curve: each epoch's mean objective (for
   * full batches, the objective before the step; for mini-batches, the mean over the epoch's batches, each at the
   * parameters it was computed at) and, last, the objective at the final parameters.
   */
  fit(params: Float64Array, options: FitOptions): Float64Array {
    this.checkParameters(params);
    if (typeof options !== "object" || options === null) throw new ArgumentError(`fit: the options must be { learningRate, iterations }, got ${describeValue(options)}`);
    const { learningRate, iterations, onIteration, batchSize = this.data.size, optimizer: name = "gd", seed = 1 } = options;
    if (onIteration !== undefined && typeof onIteration !== "function") throw new ArgumentError(`fit: onIteration must be a function, got ${describeValue(onIteration)}`);
    if (!(learningRate > 0 && Number.isFinite(learningRate))) throw new ArgumentError(`the learning rate must be a positive number, got ${learningRate}`);
    if (!Number.isSafeInteger(iterations) || iterations < 0) throw new ArgumentError(`the number of iterations must be a whole number ≥ 0, got ${iterations}`);
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new ArgumentError(`the batch size must be a whole number ≥ 1, got ${describeValue(batchSize)}`);
    if (!OPTIMIZERS.includes(name)) throw new ArgumentError(`unknown optimizer ${describeValue(name)}: expected ${OPTIMIZERS.join(" or ")}`);
    if (!Number.isSafeInteger(seed)) throw new ArgumentError(`the seed must be a whole number, got ${describeValue(seed)}`);
    const { size } = this.data;
    const { width } = this;
    const batch = Math.min(batchSize, size);
    const step = optimizer(name, learningRate, params.length);
    // Mini-batches are drawn from a copy of the rows, reshuffled every epoch; full batches use the rows as they are.
    const random = mulberry32(seed);
    const order = Array.from({ length: size }, (_, i) => i);
    const shuffled = batch < size ? new Float64Array(this.rows.length) : this.rows;
    const losses = new Float64Array(iterations + 1);
    const grad = new Float64Array(params.length);
    for (let t = 0; t < iterations; t++) {
      if (batch < size) {
        shuffle(order, random);
        order.forEach((row, i) => shuffled.set(this.rows.subarray(row * width, (row + 1) * width), i * width));
      }
      let epochLoss = 0;
      for (let start = 0; start < size; start += batch) {
        const count = Math.min(batch, size - start);
        epochLoss += (this.objective(params, grad, shuffled.subarray(start * width, (start + count) * width)) * count) / size;
        step.step(params, grad);
      }
      losses[t] = epochLoss;
      onIteration?.(t + 1, epochLoss);
    }
    losses[iterations] = this.objective(params, grad, this.rows);
    return losses;
  }

  /** Fraction of samples (of the training data, or of `data`) whose predicted class equals the label. */
  accuracy(params: Float64Array, data: Pick<Dataset, "features" | "labels" | "size"> = this.data): number {
    this.checkParameters(params);
    return accuracy(classifier(this.model, params)(data.features, data.size).classes, data.labels);
  }

  /** Mean loss + penalty over `rows`, the gradient written into `grad` when given. */
  private objective(params: Float64Array, grad: Float64Array | undefined, rows: Float64Array): number {
    const { out } = this;
    const count = rows.length / this.width;
    (grad === undefined ? this.lossSum : this.sums)(params, rows, out);
    let loss = out[0]! / count;
    if (grad !== undefined) for (let k = 0; k < grad.length; k++) grad[k] = out[k + 1]! / count;
    if (this.penaltySum !== undefined) {
      // The penalty's gradient is added into `grad`; without one, into scratch space (out, past its use).
      loss += this.penaltySum(params, this.penalty!.lambda, grad ?? out.subarray(1));
    }
    return loss;
  }

  private checkParameters(params: Float64Array): void {
    if (!(params instanceof Float64Array)) throw new ArgumentError(`the parameters must be a Float64Array, got ${describeValue(params)}`);
    if (params.length !== this.model.parameters.length) {
      throw new ArgumentError(`expected ${this.model.parameters.length} parameter values [${this.model.parameters.join(", ")}], got ${params.length}`);
    }
  }
}
