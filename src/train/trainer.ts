/**
 * Gradient descent (full-batch or mini-batch, plain or Adam) for any model: the gradient of the per-sample loss comes
 * from `diff`; the loss and all partial derivatives are compiled together — shared subexpressions computed once — by
 * `compileSum`, the variant of `compileAll` that also generates the loop summing them over the rows of the data set
 * (held in a typed array). L2 regularisation is an expression too, `lambda/2*(w1^2 + ...)`, differentiated by diff.
 */
import { add, div, mul, num, pow, sym } from "../ast/build.js";
import { type Expr, isExpr } from "../ast/expr.js";
import { compileAll, type CompiledSet, compileSum, type CompiledSum } from "../compile/compile.js";
import { reusingTanh } from "../compile/reuse.js";
import { gradient } from "../diff.js";
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";
import { mulberry32 } from "../random.js";
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

/** The name of the regularisation strength in the penalty expression. */
export const LAMBDA = "lambda";

export class Trainer {
  /** ∂loss/∂parameter of the per-sample loss for every parameter, simplified, in textbook form. */
  readonly gradients: readonly Expr[];
  /** The L2 penalty `lambda/2*(w1^2 + ...)` and its gradient, when regularising. */
  readonly penalty?: { readonly expr: Expr; readonly lambda: number; readonly gradients: readonly Expr[] };
  /** [loss, ...gradients] summed over rows at given parameters. */
  private readonly sums: CompiledSum;
  /** [loss] summed over rows: the objective without its gradient. */
  private readonly lossSum: CompiledSum;
  /** [penalty, ...its gradient] at (parameters, lambda). */
  private readonly penaltySums?: CompiledSet;
  /** Each sample's features and label variables, row after row: the rows `sums` runs over. */
  private readonly rows: Float64Array;
  private readonly width: number;
  private readonly out: Float64Array;
  private readonly penaltyArgs?: Float64Array;
  private readonly penaltyOut?: Float64Array;

  constructor(
    readonly model: Model,
    readonly data: Dataset,
    options: TrainerOptions = {},
  ) {
    const m = model as Partial<Model> | null;
    if (typeof m !== "object" || m === null || !Array.isArray(m.features) || !Array.isArray(m.parameters) || !isExpr(m.loss)) {
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

    this.gradients = gradient(model.loss, model.parameters);
    const sample = [...model.features, ...model.labels];
    // The loss and gradients are compiled in their stable forms so that they stay finite for confident predictions,
    // and the gradients reuse the tanh activations they are computed from.
    this.sums = compileSum([model.loss, ...reusingTanh(this.gradients)].map((e) => model.stable(e)), model.parameters, sample);
    this.lossSum = compileSum([model.stable(model.loss)], model.parameters, sample);
    this.width = sample.length;
    this.rows = new Float64Array(data.size * sample.length);
    for (let i = 0; i < data.size; i++) {
      const row = i * sample.length;
      this.rows.set(data.features.subarray(i * data.dimension, (i + 1) * data.dimension), row);
      // Two classes: the label y itself. K classes: y1 ... yK one-hot.
      if (model.labels.length === 1) this.rows[row + data.dimension] = data.labels[i]!;
      else this.rows[row + data.dimension + data.labels[i]!] = 1;
    }
    this.out = new Float64Array(this.gradients.length + 1);
    if (l2 > 0) {
      const expr = mul(div(sym(LAMBDA), num(2)), add(...model.weights.map((w) => pow(sym(w), num(2)))));
      const gradients = gradient(expr, model.parameters);
      this.penalty = { expr, lambda: l2, gradients };
      this.penaltySums = compileAll([expr, ...gradients], [...model.parameters, LAMBDA]);
      this.penaltyArgs = new Float64Array(model.parameters.length + 1);
      this.penaltyArgs[model.parameters.length] = l2;
      this.penaltyOut = new Float64Array(gradients.length + 1);
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
    if (this.penaltySums !== undefined) {
      const args = this.penaltyArgs!;
      const penalty = this.penaltyOut!;
      args.set(params);
      this.penaltySums(args, penalty);
      if (grad !== undefined) for (let k = 0; k < grad.length; k++) grad[k]! += penalty[k + 1]!;
      loss += penalty[0]!;
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
