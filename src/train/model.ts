/**
 * A model is dense layers and an output head (architecture.ts, head.ts) whose per-sample loss the trainer
 * differentiates and compiles: a model never contains a hand-written gradient. Variables of one sample are the
 * features `x1 ... xd` and the label: `y` (0 or 1) for two classes, the one-hot `y1 ... yK` for K classes.
 *
 * `denseModel` builds all of them: logistic regression (one unit, sigmoid head), softmax regression (K units, softmax
 * head) and networks with one hidden layer and either head.
 */
import type { Expr } from "../ast/expr.js";
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";
import { mulberry32 } from "../random.js";
import { call, sym } from "../ast/build.js";
import { substitute } from "../ast/transform.js";
import { affineOf, denseLayers, type HiddenLayer, isWeight, type Layer, parameterNames, range } from "./architecture.js";
import { type Head, sigmoidHead, softmaxHead } from "./head.js";

export type ModelKind = "logistic" | "softmax" | "network";

export interface Model {
  readonly kind: ModelKind;
  /** Feature variables `x1 ... xd`. */
  readonly features: readonly string[];
  /** Label variables: `y`, or `y1 ... yK` one-hot. */
  readonly labels: readonly string[];
  /** The dense layers, first to last; the last one's pre-activations are the head's logits. */
  readonly layers: readonly Layer[];
  readonly head: Head;
  /** The hidden layer of a network. */
  readonly hidden?: HiddenLayer;
  /** Trainable parameters, in the order of parameter vectors: per unit of each layer its weights, then its bias. */
  readonly parameters: readonly string[];
  /** The parameters L2 regularisation shrinks: every weight, no bias (a bias only shifts the decision). */
  readonly weights: readonly string[];
  /** Starting parameter values. */
  readonly initial: Float64Array;
  /** The per-sample loss written out in parameters, features and labels (built on first use: large for big models). */
  readonly loss: Expr;
  /** The predicted probabilities written out likewise: [P(label = 1)] for two classes, [p1, ..., pK] for K. */
  readonly outputs: readonly Expr[];
  /** The learned values in the shape users expect: weights (per feature, per class or per layer) and the bias. */
  summary(params: Float64Array): { readonly weights: unknown; readonly bias: unknown };
}

export function featureNames(dimension: number): string[] {
  if (!Number.isInteger(dimension) || dimension < 1) throw new ArgumentError(`a model needs 1 or more features, got ${describeValue(dimension)}`);
  return Array.from({ length: dimension }, (_, i) => `x${i + 1}`);
}

export interface DenseOptions {
  readonly kind: ModelKind;
  readonly dimension: number;
  /** 2 classes: one logit and a sigmoid head; more: one logit per class and a softmax head. */
  readonly classes: number;
  readonly hidden?: HiddenLayer;
  /** Seed of a network's random initial weights. */
  readonly seed?: number;
}

export function denseModel({ kind, dimension, classes, hidden, seed = 1 }: DenseOptions): Model {
  const features = featureNames(dimension);
  if (!Number.isInteger(classes) || classes < 2) throw new ArgumentError(`a classifier needs 2 or more classes, got ${describeValue(classes)}`);
  const head = classes === 2 && kind !== "softmax" ? sigmoidHead() : softmaxHead(classes);
  const layers = denseLayers(dimension, hidden, head.logits.length);
  const parameters = parameterNames(layers);
  let written: { loss: Expr; outputs: Expr[] } | undefined;
  const write = () => (written ??= expanded(layers, head, features));
  const value = (params: Float64Array, layer: Layer) => (j: number) => [...params.subarray(layer.offset + j * (layer.inputs + 1), layer.offset + (j + 1) * (layer.inputs + 1))];
  return {
    kind,
    features,
    labels: head.labels,
    layers,
    head,
    ...(hidden && { hidden }),
    parameters,
    weights: parameters.filter((_, k) => isWeight(layers, k)),
    initial: hidden ? randomStart(layers, seed) : new Float64Array(parameters.length),
    get loss() {
      return write().loss;
    },
    get outputs() {
      return write().outputs;
    },
    summary: (params) => {
      // Per unit: its weights and its bias; a layer of one unit is shown as one vector and one number.
      const units = layers.map((layer) => Array.from({ length: layer.units }, (_, j) => value(params, layer)(j)));
      const weightsOf = (l: number) => units[l]!.map((u) => u.slice(0, -1));
      const biasOf = (l: number) => units[l]!.map((u) => u.at(-1)!);
      const last = layers.length - 1;
      const single = layers[last]!.units === 1;
      const output = { weights: single ? weightsOf(last)[0]! : weightsOf(last), bias: single ? biasOf(last)[0]! : biasOf(last) };
      if (last === 0) return output;
      return { weights: { hidden: weightsOf(0), hiddenBias: biasOf(0), output: output.weights }, bias: output.bias };
    },
  };
}

/**
 * A network starts from random weights, uniform in ±1/sqrt(fan-in): random so that the units differ, scaled so that
 * they start unsaturated. Biases start at zero. (Logistic and softmax regression start at zero: their loss is convex,
 * and a zero start makes training deterministic.)
 */
function randomStart(layers: readonly Layer[], seed: number): Float64Array {
  const random = mulberry32(seed);
  const start = new Float64Array(parameterNames(layers).length);
  for (const layer of layers) {
    const scale = Math.sqrt(layer.inputs);
    for (let j = 0; j < layer.units; j++) {
      const o = layer.offset + j * (layer.inputs + 1);
      for (let i = 0; i < layer.inputs; i++) start[o + i] = (2 * random() - 1) / scale;
    }
  }
  return start;
}

/**
 * The per-sample loss and outputs written out in the parameters and features alone — every unit expanded in place —
 * as a user would type them. The report shows the named form instead; this one is what `diff` can check it against.
 */
function expanded(layers: readonly Layer[], head: Head, features: readonly string[]): { loss: Expr; outputs: Expr[] } {
  let values: Expr[] = features.map(sym);
  layers.forEach((layer, l) => {
    const pre = range(layer.units).map((j) => affineOf(layers, l, j, values));
    values = layer.activation ? pre.map((u) => call(layer.activation!, [u])) : pre;
  });
  const logits = new Map(head.logits.map((z, k) => [z, values[k]!]));
  const at = (e: Expr) => substitute(e, logits);
  return { loss: at(head.loss), outputs: head.outputs.map(at) };
}
