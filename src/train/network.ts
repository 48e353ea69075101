/**
 * A network with one hidden layer: h units `a_j = activation(w{j}_1*x1 + ... + w{j}_d*xd + b{j})` (tanh, sigmoid or
 * relu), a sigmoid output `p = sigmoid(v1*a_1 + ... + vh*a_h + c)` and the cross-entropy loss. Every gradient comes from
 * differentiating that loss expression; the hidden activations are shared subexpressions, computed once.
 */
import { call, sym } from "../ast/build.js";
import { describeValue } from "../arguments.js";
import { stabilize } from "../compile/stable.js";
import { ArgumentError } from "../errors.js";
import { affine, crossEntropy, featureNames, LABEL, type Model } from "./model.js";
import { mulberry32 } from "../random.js";

export const ACTIVATIONS = ["tanh", "sigmoid", "relu"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface NetworkOptions {
  /** Number of hidden units. */
  readonly hidden: number;
  readonly activation?: Activation;
  /** Seed of the random initial weights (the same seed gives the same network). */
  readonly seed?: number;
}

export function neuralNetwork(dimension: number, options: NetworkOptions): Model {
  if (typeof options !== "object" || options === null) throw new ArgumentError(`neuralNetwork: the options must be { hidden, activation?, seed? }, got ${describeValue(options)}`);
  const { hidden, activation = "tanh", seed = 1 } = options;
  if (!Number.isInteger(hidden) || hidden < 1) throw new ArgumentError(`the hidden layer needs a whole number of units (1 or more), got ${describeValue(hidden)}`);
  if (!ACTIVATIONS.includes(activation)) throw new ArgumentError(`unknown activation ${typeof activation === "string" ? `'${activation}'` : describeValue(activation)}: expected ${ACTIVATIONS.slice(0, -1).join(", ")} or ${ACTIVATIONS.at(-1)}`);
  if (!Number.isSafeInteger(seed)) throw new ArgumentError(`the seed must be a whole number, got ${describeValue(seed)}`);
  const features = featureNames(dimension);
  const units = Array.from({ length: hidden }, (_, j) => ({
    weights: features.map((_, i) => `w${j + 1}_${i + 1}`),
    bias: `b${j + 1}`,
  }));
  const activations = units.map((u) => call(activation, [affine(u.weights, features.map(sym), u.bias)]));
  const outputWeights = units.map((_, j) => `v${j + 1}`);
  const z = affine(outputWeights, activations, "c");
  const parameters = [...units.flatMap((u) => [...u.weights, u.bias]), ...outputWeights, "c"];
  // Weights uniform in ±1/sqrt(fan-in): random so that the units differ, scaled so that they start unsaturated.
  // Biases start at zero.
  const random = mulberry32(seed);
  const uniform = (fanIn: number) => (2 * random() - 1) / Math.sqrt(fanIn);
  const initial = Float64Array.from([
    ...units.flatMap((u) => [...u.weights.map(() => uniform(dimension)), 0]),
    ...outputWeights.map(() => uniform(hidden)),
    0,
  ]);
  return {
    kind: "network",
    loss: crossEntropy(z, sym(LABEL)),
    outputs: [call("sigmoid", [z])],
    parameters,
    weights: [...units.flatMap((u) => u.weights), ...outputWeights],
    features,
    labels: [LABEL],
    initial,
    stable: stabilize,
    summary: (params) => {
      const value = (name: string) => params[parameters.indexOf(name)]!;
      return {
        weights: {
          hidden: units.map((u) => u.weights.map(value)),
          hiddenBias: units.map((u) => value(u.bias)),
          output: outputWeights.map(value),
        },
        bias: value("c"),
      };
    },
  };
}
