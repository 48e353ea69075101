/**
 * A network with one hidden layer: h units `a_j = activation(u_j)`, `u_j = b_j + w_j1*x1 + ... + w_jd*xd` (tanh,
 * sigmoid or relu), then for two classes a sigmoid output `p = sigmoid(c + v1*a1 + ... + vh*ah)`, for K classes
 * softmax over `z_k = c_k + v_k1*a1 + ... + v_kh*ah`, and the cross-entropy loss.
 */
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";
import { ACTIVATIONS, type Activation } from "./architecture.js";
import { denseModel, type Model } from "./model.js";

export { ACTIVATIONS, type Activation };

export interface NetworkOptions {
  /** Number of hidden units. */
  readonly hidden: number;
  readonly activation?: Activation;
  /** Seed of the random initial weights (the same seed gives the same network). */
  readonly seed?: number;
  /** Classes of the label: 2 (the default) for a sigmoid output, more for softmax outputs. */
  readonly classes?: number;
}

export function neuralNetwork(dimension: number, options: NetworkOptions): Model {
  if (typeof options !== "object" || options === null) throw new ArgumentError(`neuralNetwork: the options must be { hidden, activation?, seed?, classes? }, got ${describeValue(options)}`);
  const { hidden, activation = "tanh", seed = 1, classes = 2 } = options;
  if (!Number.isInteger(hidden) || hidden < 1) throw new ArgumentError(`the hidden layer needs a whole number of units (1 or more), got ${describeValue(hidden)}`);
  if (!ACTIVATIONS.includes(activation)) throw new ArgumentError(`unknown activation ${typeof activation === "string" ? `'${activation}'` : describeValue(activation)}: expected ${ACTIVATIONS.slice(0, -1).join(", ")} or ${ACTIVATIONS.at(-1)}`);
  if (!Number.isSafeInteger(seed)) throw new ArgumentError(`the seed must be a whole number, got ${describeValue(seed)}`);
  return denseModel({ kind: "network", dimension, classes, hidden: { units: hidden, activation }, seed });
}
