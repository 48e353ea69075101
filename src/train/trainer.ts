/**
 * Full-batch gradient descent for any model: the gradient of the per-sample loss comes from `diff`; the loss and all
 * partial derivatives are compiled together — shared subexpressions computed once — by `compileSum`, the variant of
 * `compileAll` that also generates the loop summing them over the rows of the data set (held in a typed array).
 */
import { type Expr, isExpr } from "../ast/expr.js";
import { compileAll, type CompiledSet, compileSum, type CompiledSum } from "../compile/compile.js";
import { reusingTanh } from "../compile/reuse.js";
import { stabilize } from "../compile/stable.js";
import { gradient } from "../diff.js";
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";
import type { Dataset } from "./dataset.js";
import type { Model } from "./model.js";

export interface FitOptions {
  readonly learningRate: number;
  readonly iterations: number;
  /** Called after each update with the iteration number (1-based) and the mean loss before that update. */
  readonly onIteration?: (iteration: number, loss: number) => void;
}

export class Trainer {
  /** ∂loss/∂parameter for every parameter, simplified, in textbook form. */
  readonly gradients: readonly Expr[];
  /** [loss, ...gradients] summed over the rows at given parameters. */
  private readonly sums: CompiledSum;
  /** Each sample's features and label, row after row: the rows `sums` runs over. */
  private readonly rows: Float64Array;
  private readonly out: Float64Array;
  /** The predicted probability for one sample at (parameters, features). */
  private readonly probability: CompiledSet;

  constructor(
    readonly model: Model,
    readonly data: Dataset,
  ) {
    const m = model as Partial<Model> | null;
    if (typeof m !== "object" || m === null || !Array.isArray(m.features) || !Array.isArray(m.parameters) || !isExpr(m.loss)) {
      throw new ArgumentError(`Trainer: the model must come from logisticRegression or neuralNetwork, got ${describeValue(model)}`);
    }
    const d = data as Partial<Dataset> | null;
    if (typeof d !== "object" || d === null || !(d.features instanceof Float64Array) || !(d.labels instanceof Float64Array) || typeof d.dimension !== "number") {
      throw new ArgumentError(`Trainer: the data must be a data set from loadCsv, loadIris or toDataset, got ${describeValue(data)}`);
    }
    if (data.dimension !== model.features.length) {
      throw new ArgumentError(`the model takes ${model.features.length} features, the data set has ${data.dimension}`);
    }
    this.gradients = gradient(model.loss, model.parameters);
    const sample = [...model.features, model.label];
    // The loss is compiled in its stable form so that it stays finite for confident predictions, and the gradients
    // reuse the tanh activations they are computed from.
    this.sums = compileSum([stabilize(model.loss), ...reusingTanh(this.gradients)], model.parameters, sample);
    this.rows = new Float64Array(data.size * sample.length);
    for (let i = 0; i < data.size; i++) {
      this.rows.set(data.features.subarray(i * data.dimension, (i + 1) * data.dimension), i * sample.length);
      this.rows[i * sample.length + data.dimension] = data.labels[i]!;
    }
    this.out = new Float64Array(this.gradients.length + 1);
    this.probability = compileAll([model.probability], [...model.parameters, ...model.features]);
  }

  /** The mean loss over the data set at `params`, with the mean gradient written into `grad`. */
  lossAndGradient(params: Float64Array, grad: Float64Array): number {
    this.checkParameters(params);
    if (!(grad instanceof Float64Array)) throw new ArgumentError(`the gradient must be a Float64Array, got ${describeValue(grad)}`);
    if (grad.length !== params.length) throw new ArgumentError(`the gradient array holds ${grad.length} values, ${params.length} needed`);
    const { out } = this;
    const { size } = this.data;
    this.sums(params, this.rows, out);
    for (let k = 0; k < grad.length; k++) grad[k] = out[k + 1]! / size;
    return out[0]! / size;
  }

  /**
   * Runs `iterations` steps of gradient descent on `params` (in place) and returns the loss curve: the mean loss
   * before each step and, last, the loss of the final parameters.
   */
  fit(params: Float64Array, options: FitOptions): Float64Array {
    this.checkParameters(params);
    if (typeof options !== "object" || options === null) throw new ArgumentError(`fit: the options must be { learningRate, iterations }, got ${describeValue(options)}`);
    const { learningRate, iterations, onIteration } = options;
    if (onIteration !== undefined && typeof onIteration !== "function") throw new ArgumentError(`fit: onIteration must be a function, got ${describeValue(onIteration)}`);
    if (!(learningRate > 0 && Number.isFinite(learningRate))) throw new ArgumentError(`the learning rate must be a positive number, got ${learningRate}`);
    if (!Number.isSafeInteger(iterations) || iterations < 0) throw new ArgumentError(`the number of iterations must be a whole number ≥ 0, got ${iterations}`);
    const losses = new Float64Array(iterations + 1);
    const grad = new Float64Array(params.length);
    for (let t = 0; t < iterations; t++) {
      losses[t] = this.lossAndGradient(params, grad);
      for (let k = 0; k < params.length; k++) params[k]! -= learningRate * grad[k]!;
      onIteration?.(t + 1, losses[t]!);
    }
    losses[iterations] = this.lossAndGradient(params, grad);
    return losses;
  }

  /** Fraction of samples whose predicted class (probability ≥ 1/2 means 1) equals the label. */
  accuracy(params: Float64Array): number {
    this.checkParameters(params);
    const { features, labels, size, dimension } = this.data;
    const args = new Float64Array(params.length + dimension);
    const out = new Float64Array(1);
    args.set(params);
    let correct = 0;
    for (let i = 0; i < size; i++) {
      args.set(features.subarray(i * dimension, (i + 1) * dimension), params.length);
      this.probability(args, out);
      if ((out[0]! >= 0.5 ? 1 : 0) === labels[i]) correct++;
    }
    return correct / size;
  }

  private checkParameters(params: Float64Array): void {
    if (!(params instanceof Float64Array)) throw new ArgumentError(`the parameters must be a Float64Array, got ${describeValue(params)}`);
    if (params.length !== this.model.parameters.length) {
      throw new ArgumentError(`expected ${this.model.parameters.length} parameter values [${this.model.parameters.join(", ")}], got ${params.length}`);
    }
  }
}
