/**
 * Full-batch gradient descent for any model: the gradient of the per-sample loss comes from `diff`, the loss and all
 * partial derivatives are compiled into one function with `compileAll` (shared subexpressions computed once), and
 * that function runs over the data set held in typed arrays.
 */
import type { Expr } from "../ast/expr.js";
import { compileAll, type CompiledSet } from "../compile/compile.js";
import { stabilize } from "../compile/stable.js";
import { gradient } from "../diff.js";
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
  /** [loss, ...gradients] of one sample at (parameters, features, label). */
  private readonly perSample: CompiledSet;
  private readonly probability: CompiledSet;
  /** Argument vector: parameters, then one sample's features and label. */
  private readonly args: Float64Array;
  private readonly out: Float64Array;

  constructor(
    readonly model: Model,
    readonly data: Dataset,
  ) {
    if (data.dimension !== model.features.length) {
      throw new ArgumentError(`the model takes ${model.features.length} features, the data set has ${data.dimension}`);
    }
    this.gradients = gradient(model.loss, model.parameters);
    const variables = [...model.parameters, ...model.features, model.label];
    // The loss is compiled in its stable form so that it stays finite for confident predictions.
    this.perSample = compileAll([stabilize(model.loss), ...this.gradients], variables);
    this.probability = compileAll([model.probability], variables);
    this.args = new Float64Array(variables.length);
    this.out = new Float64Array(this.gradients.length + 1);
  }

  /** The mean loss over the data set at `params`, with the mean gradient written into `grad`. */
  lossAndGradient(params: Float64Array, grad: Float64Array): number {
    this.checkParameters(params);
    if (grad.length !== params.length) throw new ArgumentError(`the gradient array holds ${grad.length} values, ${params.length} needed`);
    const { args, out, perSample } = this;
    const { features, labels, size, dimension } = this.data;
    const p = params.length;
    args.set(params);
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < dimension; j++) args[p + j] = features[i * dimension + j]!;
      args[p + dimension] = labels[i]!;
      perSample(args, out);
      loss += out[0]!;
      for (let k = 0; k < p; k++) grad[k]! += out[k + 1]!;
    }
    for (let k = 0; k < p; k++) grad[k]! /= size;
    return loss / size;
  }

  /**
   * Runs `iterations` steps of gradient descent on `params` (in place) and returns the loss curve: the mean loss
   * before each step and, last, the loss of the final parameters.
   */
  fit(params: Float64Array, { learningRate, iterations, onIteration }: FitOptions): Float64Array {
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
    const { args, out } = this;
    args.set(params);
    let correct = 0;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < dimension; j++) args[params.length + j] = features[i * dimension + j]!;
      this.probability(args, out);
      if ((out[0]! >= 0.5 ? 1 : 0) === labels[i]) correct++;
    }
    return correct / size;
  }

  private checkParameters(params: Float64Array): void {
    if (params.length !== this.model.parameters.length) {
      throw new ArgumentError(`expected ${this.model.parameters.length} parameter values [${this.model.parameters.join(", ")}], got ${params.length}`);
    }
  }
}
