/** What `symdiff train` prints about a finished run: a text report for people, or one JSON object for scripts. */
import type { Expr } from "../ast/expr.js";
import { jsonNumber, numberText } from "../cli/output.js";
import { format } from "../print/text.js";
import type { Dataset } from "./dataset.js";
import type { Model } from "./model.js";
import type { Activation } from "./network.js";

export interface TrainingRun {
  /** The data file as the user named it. */
  readonly fileName: string;
  readonly data: Dataset;
  readonly model: Model;
  /** The hidden layer, for a network (absent for logistic regression). */
  readonly network?: { readonly hidden: number; readonly activation: Activation; readonly seed: number };
  readonly learningRate: number;
  /** ∂L/∂parameter, in the order of the model's parameters. */
  readonly gradients: readonly Expr[];
  readonly params: Float64Array;
  /** The mean loss before each iteration and after the last. */
  readonly losses: Float64Array;
  readonly accuracy: number;
}

export function modelName({ network }: TrainingRun): string {
  if (network === undefined) return "logistic regression";
  return `network with ${network.hidden} ${network.activation} hidden ${network.hidden === 1 ? "unit" : "units"}`;
}

export function textReport(run: TrainingRun): string {
  const { data, model, gradients, params, losses, accuracy } = run;
  const iterations = losses.length - 1;
  return [
    `Data:      ${run.fileName}, ${data.size} rows, label ${labelText(data)}`,
    `Features:  ${model.features.map((x, i) => `${x} = ${data.featureNames[i]}`).join(", ")}`,
    `Model:     ${modelName(run)}, p = ${format(model.probability)}`,
    `Loss:      L = ${format(model.loss)}`,
    "",
    "Gradient (derived by symdiff):",
    ...model.parameters.map((p, i) => `  dL/d${p} = ${format(gradients[i]!)}`),
    "",
    `Trained:   ${iterations} iterations, learning rate ${run.learningRate}`,
    `Loss:      ${numberText(losses[0]!)} → ${numberText(losses[iterations]!)}`,
    `Accuracy:  ${(accuracy * 100).toFixed(1)}% (${Math.round(accuracy * data.size)}/${data.size})`,
    "",
    "Weights:",
    ...model.parameters.map((p, i) => `  ${p} = ${numberText(params[i]!)}`),
    "",
  ].join("\n");
}

export function jsonReport(run: TrainingRun): unknown {
  const { data, model, gradients, params, losses, accuracy } = run;
  const iterations = losses.length - 1;
  const { weights, bias } = model.summary(params);
  return {
    data: { file: run.fileName, rows: data.size, label: data.labelName, positive: data.positive ?? null, features: data.featureNames },
    model: run.network === undefined ? { kind: "logistic regression" } : { kind: "network", ...run.network },
    variables: Object.fromEntries(model.features.map((x, i) => [x, data.featureNames[i]])),
    lossExpression: format(model.loss),
    gradients: Object.fromEntries(model.parameters.map((p, i) => [p, format(gradients[i]!)])),
    iterations,
    learningRate: run.learningRate,
    initialLoss: jsonNumber(losses[0]!),
    loss: jsonNumber(losses[iterations]!),
    accuracy,
    weights,
    bias,
    parameters: Object.fromEntries(model.parameters.map((p, i) => [p, params[i]!])),
  };
}

function labelText(data: Dataset): string {
  return data.positive === undefined ? `${data.labelName} (0/1)` : `${data.labelName}: ${data.positive} = 1, others = 0`;
}
