/**
 * The structure all three models share: dense layers and an output head.
 *
 * A dense layer of `units` units reads an input vector; unit j computes `pre_j = bias_j + Σ_i weight_ji*input_i` and,
 * in a hidden layer, `post_j = activation(pre_j)`. The last layer's pre-activations are the logits the head turns into
 * probabilities and a loss. Logistic regression is one layer of one unit, softmax regression one layer of K units, a
 * network a hidden layer and then an output layer.
 *
 * Knowing the structure is what lets the trainer derive each family of parameters once (backprop.ts) and compile loops
 * over units and inputs (compiled.ts) instead of one statement per parameter. The names here are those users read:
 * concrete ones (`w2_3`, `x3`, `a2`) and, for a family, lettered ones (`w_ji`, `x_i`, `a_j`).
 */
import { add, mul, sym } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";

export const ACTIVATIONS = ["tanh", "sigmoid", "relu"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** A unit or input index: a number for one parameter, a letter for a family (`i`, `j`, `k`). */
export type Index = number | string;

/** Symbol names of one layer: `weight` and `bias` are parameters, `pre` and `post` the values its units compute. */
export interface LayerNames {
  readonly weight: string;
  readonly bias: string;
  readonly pre: string;
  readonly post: string;
  /** The letter that stands for "any unit of this layer" in a family's formula. */
  readonly unit: string;
}

export interface Layer {
  readonly inputs: number;
  readonly units: number;
  /** Of a hidden layer; the output layer has none (its pre-activations are the logits). */
  readonly activation?: Activation;
  /** The index of the layer's first parameter: unit j's weights sit at offset + j*(inputs + 1) + i, its bias after them. */
  readonly offset: number;
  readonly names: LayerNames;
}

/** The names of the feature vector, the input of the first layer. */
export const FEATURES = { post: "x", unit: "i" } as const;

/**
 * `w2_3` for numbers, `w_ji` for letters, `w_1j` for a mix; a layer of one unit drops the unit index (`w3`, `b`, `z`).
 * Concrete names keep the `w1_2` form users already meet in reports and saved models.
 */
export function indexed(base: string, ...indices: readonly Index[]): string {
  if (indices.length === 0) return base;
  return indices.every((i) => typeof i === "number") ? `${base}${indices.join("_")}` : `${base}_${indices.join("")}`;
}

/** The unit index as names show it: none when the layer has a single unit. */
function unitIndices(layer: Pick<Layer, "units">, unit: Index): Index[] {
  return layer.units === 1 ? [] : [unit];
}

export const weightName = (layer: Layer, unit: Index, input: Index) => indexed(layer.names.weight, ...unitIndices(layer, unit), input);
export const biasName = (layer: Layer, unit: Index) => indexed(layer.names.bias, ...unitIndices(layer, unit));
export const preName = (layer: Layer, unit: Index) => indexed(layer.names.pre, ...unitIndices(layer, unit));
export const postName = (layer: Layer, unit: Index) => indexed(layer.names.post, ...unitIndices(layer, unit));

/** The name of input `i` of layer `l`: a feature `x_i` for the first layer, else the previous layer's output. */
export function inputName(layers: readonly Layer[], l: number, input: Index): string {
  return l === 0 ? indexed(FEATURES.post, input) : postName(layers[l - 1]!, input);
}

/** The letter of the inputs of layer `l` in a family's formula. */
export function inputLetter(layers: readonly Layer[], l: number): string {
  return l === 0 ? FEATURES.unit : layers[l - 1]!.names.unit;
}

/** Hidden layers `w, b → u, a`; the output layer `w, b → z` alone, or `v, c → z` after a hidden layer. */
const HIDDEN_NAMES: LayerNames = { weight: "w", bias: "b", pre: "u", post: "a", unit: "j" };
const OUTPUT_NAMES: LayerNames = { weight: "w", bias: "b", pre: "z", post: "p", unit: "k" };
const OUTPUT_AFTER_HIDDEN: LayerNames = { ...OUTPUT_NAMES, weight: "v", bias: "c" };

/** One hidden layer at most: the names above have letters for no more. */
export interface HiddenLayer {
  readonly units: number;
  readonly activation: Activation;
}

/** The layers from the features through an optional hidden layer to the `outputs` logits, parameters laid out in order. */
export function denseLayers(dimension: number, hidden: HiddenLayer | undefined, outputs: number): Layer[] {
  const layers: Layer[] = [];
  let offset = 0;
  const push = (inputs: number, units: number, names: LayerNames, activation?: Activation) => {
    layers.push({ inputs, units, offset, names, ...(activation && { activation }) });
    offset += units * (inputs + 1);
  };
  if (hidden) push(dimension, hidden.units, HIDDEN_NAMES, hidden.activation);
  push(hidden ? hidden.units : dimension, outputs, hidden ? OUTPUT_AFTER_HIDDEN : OUTPUT_NAMES);
  return layers;
}

/** Every parameter's name, in the order of the parameter vector. */
export function parameterNames(layers: readonly Layer[]): string[] {
  return layers.flatMap((layer) =>
    range(layer.units).flatMap((j) => [...range(layer.inputs).map((i) => weightName(layer, j, i)), biasName(layer, j)]),
  );
}

/** The weights of every layer (L2 regularisation shrinks them; biases only shift a unit and are left alone). */
export function isWeight(layers: readonly Layer[], index: number): boolean {
  let layer = layers[0]!;
  for (const l of layers) if (l.offset <= index) layer = l;
  return (index - layer.offset) % (layer.inputs + 1) !== layer.inputs;
}

/** 1, 2, ..., n: names count from 1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** `bias_j + weight_j1*input_1 + ... + weight_jn*input_n` with the inputs given. */
export function affineOf(layers: readonly Layer[], l: number, unit: Index, inputs: readonly Expr[]): Expr {
  const layer = layers[l]!;
  return add(sym(biasName(layer, unit)), ...inputs.map((input, i) => mul(sym(weightName(layer, unit, i + 1)), input)));
}
