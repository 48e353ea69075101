/**
 * The gradients people read, derived symbolically by reverse accumulation over the model's named values.
 *
 * The loss depends on the parameters only through named values: the logits `z_k`, and in a network the hidden
 * pre-activations `u_j` and activations `a_j`. The chain rule over them gives every gradient from small derivatives,
 * each taken by `diff`:
 *
 *   dL/dz_k  = ∂L/∂z_k                               (the head's loss, differentiated once per class)
 *   dL/da_j  = Σ_k dL/dz_k * ∂(v_kj*a_j)/∂a_j        (through the output layer)
 *   dL/du_j  = dL/da_j * ∂a_j/∂u_j                    (through the activation)
 *   dL/dw_ji = dL/du_j * ∂(w_ji*x_i)/∂w_ji,  dL/db_j = dL/du_j
 *
 * Every unit of a layer has the same formula up to its indices, so a family is derived once, with letters for the
 * indices (`w_ji`, `x_i`): `dL/dw_i = x_i*(sigmoid(z) - y)` rather than 1,000 copies of a 1,000-term sum. `every`
 * derives each parameter with its own indices, for --verbose. The numbers are computed by compiled loops
 * (compiled.ts) from the same structure; tests check both against `diff` of the fully expanded loss.
 */
import { add, call, div, mul, sym } from "../ast/build.js";
import { equals, type Expr, withinGeneration } from "../ast/expr.js";
import { postwalk, substitute } from "../ast/transform.js";
import { reusingTanh } from "../compile/reuse.js";
import { diff } from "../diff.js";
import { format } from "../print/text.js";
import {
  type Activation,
  affineOf,
  biasName,
  indexed,
  type Index,
  inputLetter,
  inputName,
  type Layer,
  postName,
  preName,
  range,
  weightName,
} from "./architecture.js";
import type { Head } from "./head.js";

export interface Gradient {
  /** The parameter, or for a family its lettered name (`w_ji`). */
  readonly parameter: string;
  /** dL/dparameter in the named values. */
  readonly gradient: Expr;
  /** For a family, the ranges of its letters: `j = 1 ... 64, i = 1 ... 10`. */
  readonly ranges?: string;
}

/** A named value and its formula as shown: `u_j = b_j + Σ_i w_ji*x_i`, or written out when short. */
export interface Definition {
  readonly name: string;
  readonly text: string;
  readonly ranges?: string;
}

export interface Derivation {
  /** The named values the gradients use, in the order they are computed. */
  readonly definitions: readonly Definition[];
  /** The loss in the logits and labels. */
  readonly loss: Expr;
  /** One gradient per family: the weights and the biases of each layer. */
  readonly families: readonly Gradient[];
  /** Every parameter's own gradient, in the order of the parameter vector. */
  every(): Gradient[];
}

/** Sums of at most this many terms are written out in definitions; longer ones as `Σ_i`. */
const WRITTEN_OUT = 5;

export function derive(layers: readonly Layer[], head: Head): Derivation {
  return withinGeneration(() => {
    const adjoints = new Map<string, Expr>();
    /** dL/d(pre-activation of unit `unit` of layer l): the error signal of that unit. */
    const preAdjoint = (l: number, unit: Index): Expr => {
      const key = `${l}:${unit}`;
      let done = adjoints.get(key);
      if (done === undefined) {
        done = l === layers.length - 1 ? headAdjoint(head, layers[l]!, unit) : hiddenAdjoint(l, unit);
        adjoints.set(key, done);
      }
      return done;
    };
    const hiddenAdjoint = (l: number, unit: Index): Expr => {
      const layer = layers[l]!;
      const next = layers[l + 1]!;
      const a = postName(layer, unit);
      const postAdjoint = add(...range(next.units).map((k) => mul(preAdjoint(l + 1, k), diff(mul(sym(weightName(next, k, unit)), sym(a)), a))));
      return mul(postAdjoint, slope(layer.activation!, preName(layer, unit), a));
    };
    const weightGradient = (l: number, unit: Index, input: Index): Expr => {
      const w = weightName(layers[l]!, unit, input);
      return mul(preAdjoint(l, unit), diff(mul(sym(w), sym(inputName(layers, l, input))), w));
    };
    const biasGradient = (l: number, unit: Index): Expr => {
      const b = biasName(layers[l]!, unit);
      return mul(preAdjoint(l, unit), diff(sym(b), b));
    };

    const families = layers.flatMap((layer, l): Gradient[] => {
      const unit = layer.units === 1 ? 1 : layer.names.unit;
      const input = inputLetter(layers, l);
      const units = layer.units === 1 ? [] : [`${layer.names.unit} = 1 ... ${layer.units}`];
      return [
        { parameter: weightName(layer, unit, input), gradient: weightGradient(l, unit, input), ranges: [...units, `${input} = 1 ... ${layer.inputs}`].join(", ") },
        { parameter: biasName(layer, unit), gradient: biasGradient(l, unit), ...(units.length > 0 && { ranges: units[0] }) },
      ];
    });
    const every = () =>
      withinGeneration(() => {
        // A later operation may be in a new generation of interned nodes: the signals are derived afresh in it, not
        // mixed with the kept ones (ast/expr.ts).
        adjoints.clear();
        return layers.flatMap((layer, l) =>
          range(layer.units).flatMap((j) => [
            ...range(layer.inputs).map((i) => ({ parameter: weightName(layer, j, i), gradient: weightGradient(l, j, i) })),
            { parameter: biasName(layer, j), gradient: biasGradient(l, j) },
          ]),
        );
      });
    return { definitions: definitions(layers, head), loss: head.loss, families, every };
  });
}

/**
 * The head's error signal dL/dz_k. For the letter `k` (the output layer's), every class at once: the loss is
 * symmetric in the classes, so class 1's signal with its names lettered (`p1 - y1` → `p_k - y_k`) is each class's.
 */
function headAdjoint(head: Head, layer: Layer, unit: Index): Expr {
  if (layer.units === 1) return diff(head.loss, head.logits[0]!);
  if (typeof unit === "number") return head.rename(diff(head.loss, head.logits[unit - 1]!));
  const letters = new Map([...head.letters].map(([concrete, lettered]) => [concrete, sym(lettered)]));
  return substitute(head.rename(diff(head.loss, head.logits[0]!)), letters);
}

/**
 * ∂a/∂u of the activation, written with the activation's own value where it appears: `1 - a^2` for tanh (diff gives
 * the equal `1/cosh(u)^2`, reusingTanh restates it), `(1 - a)*a` for sigmoid, `step(u)` for relu — the forms a
 * hand-written backward pass uses, since a is computed on the way forward.
 */
export function slope(activation: Activation, u: string, a: string): Expr {
  const value = call(activation, [sym(u)]);
  const [, derivative] = reusingTanh([value, diff(value, u)]);
  return postwalk(derivative!, (node) => (equals(node, value) ? sym(a) : undefined));
}

function definitions(layers: readonly Layer[], head: Head): Definition[] {
  const lines = layers.flatMap((layer, l): Definition[] => {
    const lettered = layer.units > 1;
    const unit = lettered ? layer.names.unit : 1;
    const unitRange = lettered ? `${layer.names.unit} = 1 ... ${layer.units}` : undefined;
    const pre = preName(layer, unit);
    const input = inputLetter(layers, l);
    const sum =
      layer.inputs <= WRITTEN_OUT
        ? format(affineOf(layers, l, unit, range(layer.inputs).map((i) => sym(inputName(layers, l, i)))))
        : `${biasName(layer, unit)} + Σ_${input} ${weightName(layer, unit, input)}*${inputName(layers, l, input)}`;
    const ranges = [unitRange, layer.inputs > WRITTEN_OUT ? `${input} = 1 ... ${layer.inputs}` : undefined].filter((r) => r !== undefined).join(", ");
    const line: Definition = { name: pre, text: sum, ...(ranges && { ranges }) };
    if (!layer.activation) return [line];
    const post = { name: postName(layer, unit), text: format(call(layer.activation, [sym(pre)])), ...(unitRange && { ranges: unitRange }) };
    return [line, post];
  });
  const output = head.kind === "sigmoid"
    ? { name: "p", text: format(head.outputs[0]!) }
    : { name: indexed("p", "k"), text: format(div(call("exp", [sym(indexed("z", "k"))]), add(...head.logits.map((z) => call("exp", [sym(z)]))))), ranges: `k = 1 ... ${head.logits.length}` };
  return [...lines, output];
}
