/**
 * `symdiff predict MODEL.json DATA.csv`: the classes a model saved by `symdiff train --save` predicts for the rows
 * of a CSV file, with the model's probability for each; its accuracy too when the file has the label column.
 */
import { readFileSync } from "node:fs";
import { parseCommandArgs } from "../cli/args.js";
import type { Command, IO } from "../cli/command.js";
import { helpText } from "../cli/help.js";
import { writeJson } from "../cli/output.js";
import { UsageError } from "../cli/report.js";
import { loadPredictionInput } from "./data.js";
import { DataError } from "./errors.js";
import { accuracy, classifier } from "./predictor.js";
import { loadModel } from "./saved.js";
import { standardize } from "./standardize.js";

const OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const predictCommand: Command = {
  name: "predict",
  summary: "predict classes for a CSV file with a model saved by symdiff train --save",
  help: helpText({
    usage: "symdiff predict MODEL.json DATA.csv [--json]",
    description: [
      "Reads a model saved by `symdiff train --save` and a CSV file with the model's feature columns (by name, in any",
      "order; other columns are ignored). Prints one line per row, `class,probability`, under a header; when the file",
      "has the label column, the accuracy follows on stderr. Standardisation stored with the model is applied.",
    ].join("\n"),
    options: [],
    notes: "Options:\n  --json               print one JSON object: predictions, probabilities and (with labels) accuracy\n  -h, --help           show this help",
    examples: ["symdiff train --softmax --save iris.json && symdiff predict iris.json data/iris.csv"],
  }),
  run: runPredict,
};

export async function runPredict(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (positionals.length !== 2) throw new UsageError(`expected a model file and a data file (symdiff predict MODEL.json DATA.csv), got ${positionals.length} ${positionals.length === 1 ? "argument" : "arguments"}`);
  const [modelFile, dataFile] = positionals as [string, string];
  const { saved, model, params } = readModel(modelFile);
  const input = loadPredictionInput(dataFile, saved.features, saved.label);
  const features = saved.standardization ? standardize(input.features, input.dimension, saved.standardization) : input.features;
  const { classes, probabilities } = classifier(model, params)(features, input.size);
  const names = [...classes].map((k) => saved.label.classNames[k]!);
  const correct = input.labels && accuracy(classes, input.labels);
  if (values.json === true) {
    writeJson(io, { model: modelFile, data: dataFile, rows: input.size, predictions: names, probabilities: [...probabilities], ...(correct !== undefined && { accuracy: correct }) });
    return 0;
  }
  io.stdout.write(`${saved.label.name},probability\n${names.map((name, i) => `${csvCell(name)},${probabilities[i]}`).join("\n")}\n`);
  if (correct !== undefined) io.stderr.write(`accuracy: ${(correct * 100).toFixed(1)}% (${Math.round(correct * input.size)}/${input.size})\n`);
  return 0;
}

function readModel(file: string) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new DataError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DataError(`${file}: not a symdiff model file (not JSON); write one with symdiff train --save FILE.json`);
  }
  try {
    return loadModel(json);
  } catch (error) {
    if (error instanceof DataError) throw new DataError(`${file}: ${error.message}`);
    throw error;
  }
}

/** A class name as a CSV cell: quoted when it holds a comma, a quote or a line break. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
