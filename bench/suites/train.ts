/**
 * Training (`npm run bench -- train`), the goals of issue 19, one table per goal with the target and pass/FAIL:
 *   1. an epoch of Trainer.lossAndGradient over every row vs the hand-written forward/backward loop over the same
 *      Float64Arrays (bench/lib/train-reference.ts): ≤ 1.5x;
 *   2. the gradient's cost over the loss alone's (lossAndGradient / loss): ≤ 4x;
 *   3. derive + compile, `new Trainer(logisticRegression(1000), data)`: ≤ 1 s and ≤ 200 MB;
 *   4. the command line, `symdiff train --data FILE --epochs 1` on 2,000 rows × 1,000 features: < 3 s and < 600 MB;
 *      on a wide file (2 rows × 2,000 features) and a huge one (3.4 million rows, past the 2^25-value limit): a result
 *      or a clear error within seconds.
 * Parts 1–3 come from one child process per model (bench/lib/train-child.ts): seeded data of 2,000 rows, the
 * Trainer built in a fresh process, then the epochs timed in alternating rounds after a warm-up, medians of wall time.
 * A case that does not finish within BENCH_TRAIN_LIMIT_S (30 s) is reported as such; BENCH_TRAIN_QUICK=1 shrinks
 * every size (bench/lib/train-cases.ts).
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { failureNote, runNode } from "../lib/run-child.js";
import { type Cell, printTable } from "../lib/table.js";
import type { Built, Checked, Timed } from "../lib/train-child.js";
import { caseLabel, LIMIT_SECONDS, QUICK, SIZES, type TrainCase } from "../lib/train-cases.js";
import { datasetCsv, syntheticDataset } from "../lib/train-data.js";

const CHILD = fileURLToPath(new URL("../lib/train-child.ts", import.meta.url));
const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/** The gradient and the loss agree with the hand-written ones to this relative difference, or the row says so. */
const AGREEMENT = 1e-9;

const TARGETS = { epochRatio: 1.5, gradientOverLoss: 4, buildSeconds: 1, buildMB: 200, cliSeconds: 3, cliMB: 600, wideSeconds: 5, hugeSeconds: 10 };

interface Outcome {
  readonly c: TrainCase;
  readonly built?: Built;
  readonly checked?: Checked;
  readonly timed?: Timed;
  /** Why the child stopped early, when it did. */
  readonly failure?: string;
}

/** Pass/fail cells, and the tally for the closing line. */
const tally = { passed: 0, failed: 0 };
function verdict(ok: boolean): string {
  if (ok) tally.passed++;
  else tally.failed++;
  return ok ? "pass" : "FAIL";
}
const ratio = (x: number) => `${x.toFixed(2)}x`;

async function measure(c: TrainCase): Promise<Outcome> {
  const run = await runNode([CHILD, JSON.stringify(c), String(SIZES.rows)], LIMIT_SECONDS, ["--expose-gc", "--import", "tsx"]);
  const records = run.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { built?: Built; checked?: Checked; timed?: Timed });
  const find = <K extends "built" | "checked" | "timed">(key: K) => records.find((r) => r[key] !== undefined)?.[key];
  const timed = find("timed");
  const stage = find("built") === undefined ? "constructing" : "timing";
  return {
    c,
    built: find("built"),
    checked: find("checked"),
    timed,
    ...(timed === undefined && { failure: `${failureNote(run, LIMIT_SECONDS)} (${stage})` }),
  };
}

export async function run(): Promise<void> {
  const { rows, networkFeatures } = SIZES;
  if (QUICK) console.log("BENCH_TRAIN_QUICK=1: reduced sizes, not the issue's.\n");
  const cases: TrainCase[] = [
    ...SIZES.logistic.map((dimension): TrainCase => ({ kind: "logistic", dimension })),
    ...SIZES.hidden.map((hidden): TrainCase => ({ kind: "network", dimension: networkFeatures, hidden })),
    { kind: "softmax", ...SIZES.softmax },
  ];
  const outcomes: Outcome[] = [];
  for (const c of cases) outcomes.push(await measure(c));
  const parameters = (o: Outcome) => o.built?.parameters ?? "—";
  // Softmax regression is not among the goals: its rows are shown for comparison, without a verdict.
  const isExtra = (o: Outcome) => o.c.kind === "softmax";
  const label = (o: Outcome) => `${caseLabel(o.c)}${isExtra(o) ? " (extra)" : ""}`;
  const pass = (o: Outcome, ok: boolean) => (isExtra(o) ? "" : verdict(ok));

  console.log(
    `1. One full-batch epoch, loss + gradient: Trainer.lossAndGradient vs the hand-written loop, ${rows.toLocaleString("en")} rows ` +
      `(networks: ${networkFeatures} features, one hidden tanh layer, sigmoid output). ms per epoch, medians.\n`,
  );
  printTable(
    ["model", "parameters", "symdiff ms", "hand-written ms", "ratio", "target", "", "agreement", "note"],
    outcomes.map((o): Cell[] => {
      const agreement = o.checked === undefined ? "—" : Math.max(o.checked.lossAndGradient, o.checked.loss);
      const agrees = typeof agreement === "number" ? `${agreement.toExponential(0)}${agreement > AGREEMENT ? " MISMATCH" : ""}` : agreement;
      const target = `≤ ${TARGETS.epochRatio}x`;
      if (o.timed === undefined) return [label(o), parameters(o), "—", "—", "—", target, pass(o, false), agrees, o.failure!];
      const r = o.timed.ours / o.timed.hand;
      return [label(o), parameters(o), o.timed.ours, o.timed.hand, ratio(r), target, pass(o, r <= TARGETS.epochRatio), agrees, ""];
    }),
  );

  console.log("\n2. The gradient's cost: an epoch of lossAndGradient over an epoch of loss alone (same rows, same runs as 1).\n");
  printTable(
    ["model", "loss ms", "loss + gradient ms", "ratio", "target", "", "hand-written ratio", "note"],
    outcomes.map((o): Cell[] => {
      const target = `≤ ${TARGETS.gradientOverLoss}x`;
      if (o.timed === undefined) return [label(o), "—", "—", "—", target, pass(o, false), "—", o.failure!];
      const r = o.timed.ours / o.timed.oursLoss;
      return [label(o), o.timed.oursLoss, o.timed.ours, ratio(r), target, pass(o, r <= TARGETS.gradientOverLoss), ratio(o.timed.hand / o.timed.handLoss), ""];
    }),
  );

  const goal = SIZES.logistic.at(-1)!;
  console.log(
    `\n3. Derive + compile: the model and new Trainer(model, data) on ${rows.toLocaleString("en")} rows, in a fresh process. ` +
      `Targets for logistic regression with ${goal.toLocaleString("en")} features; the other rows for scale.\n` +
      "   Memory: the process's peak resident set by the end of construction, less its resident set before; heap kept: the live heap's growth\n" +
      "   (after a full collection, the Trainer alive).\n",
  );
  printTable(
    ["model", "parameters", "seconds", "target", "peak RSS growth MB", "target", "heap kept MB", "", "note"],
    outcomes.map((o): Cell[] => {
      const targeted = o.c.kind === "logistic" && o.c.dimension === goal;
      const [seconds, memory] = targeted ? [`≤ ${TARGETS.buildSeconds} s`, `≤ ${TARGETS.buildMB} MB`] : ["", ""];
      const b = o.built;
      if (b === undefined) return [label(o), "—", "—", seconds, "—", memory, "—", targeted ? verdict(false) : "", o.failure!];
      const growth = b.peakRssMB - b.rssBeforeMB;
      const ok = b.seconds <= TARGETS.buildSeconds && growth <= TARGETS.buildMB;
      return [label(o), b.parameters, b.seconds, seconds, growth, memory, b.heapAfterMB - b.heapBeforeMB, targeted ? verdict(ok) : "", ""];
    }),
  );

  await commandLine();
  console.log(`\nTargets met: ${tally.passed} of ${tally.passed + tally.failed}.`);
}

/** The huge file: more values than a data set may hold (2^25), so that reading must stop with the limit's error. */
const HUGE_FEATURES = 10;

/** Writes `rows` rows of `features` columns and a 0/1 label, a block at a time (the file is never one string). */
function writeHugeCsv(file: string, rows: number, features: number): void {
  const block = syntheticDataset(1000, features);
  const text = datasetCsv(block);
  const header = text.slice(0, text.indexOf("\n") + 1);
  const body = text.slice(header.length);
  const fd = openSync(file, "w");
  try {
    writeSync(fd, header);
    for (let written = 0; written < rows; written += block.size) writeSync(fd, body);
  } finally {
    closeSync(fd);
  }
}

/** Part 4: `symdiff train --data FILE --epochs 1` as a user runs it, process start included. */
async function commandLine(): Promise<void> {
  const { rows, cliFeatures, wideFeatures, hugeRows } = SIZES;
  const dir = mkdtempSync(join(tmpdir(), "symdiff-train-"));
  try {
    const tall = join(dir, "tall.csv");
    const wide = join(dir, "wide.csv");
    writeFileSync(tall, datasetCsv(syntheticDataset(rows, cliFeatures)));
    writeFileSync(wide, datasetCsv(syntheticDataset(2, wideFeatures)));
    const huge = join(dir, "huge.csv");
    if (hugeRows > 0) writeHugeCsv(huge, hugeRows, HUGE_FEATURES);
    const tallRun = await runNode([CLI, "train", "--data", tall, "--epochs", "1"], LIMIT_SECONDS);
    const wideRun = await runNode([CLI, "train", "--data", wide, "--epochs", "1"], LIMIT_SECONDS);
    const hugeRun = hugeRows > 0 ? await runNode([CLI, "train", "--data", huge, "--epochs", "1"], LIMIT_SECONDS) : undefined;
    const n = (x: number) => x.toLocaleString("en");
    console.log(`\n4. The command line: symdiff train --data FILE --epochs 1 (logistic regression), wall time with process start, peak resident set.\n`);
    const tallOk = tallRun.code === 0 && tallRun.seconds < TARGETS.cliSeconds && (tallRun.peakMB ?? Infinity) < TARGETS.cliMB;
    // The wide and huge files may be refused, if the message says why: an error of the command line, not a crash.
    const clearOutcome = (r: typeof tallRun) => r.code === 0 || (r.code !== null && !/^\s+at |FATAL|heap out of memory/m.test(r.stderr));
    const wideClear = clearOutcome(wideRun);
    const outcome = (r: typeof tallRun) => (r.code === 0 ? "trained" : failureNote(r, LIMIT_SECONDS));
    printTable(
      ["file", "seconds", "target", "peak RSS MB", "target", "", "outcome"],
      [
        [`${n(rows)} rows × ${n(cliFeatures)} features`, tallRun.seconds, `< ${TARGETS.cliSeconds} s`, tallRun.peakMB ?? "—", `< ${TARGETS.cliMB} MB`, verdict(tallOk), outcome(tallRun)],
        [`2 rows × ${n(wideFeatures)} features`, wideRun.seconds, `< ${TARGETS.wideSeconds} s`, wideRun.peakMB ?? "—", "—", verdict(wideClear && wideRun.seconds < TARGETS.wideSeconds), outcome(wideRun)],
        ...(hugeRun
          ? [[`${n(hugeRows)} rows × ${HUGE_FEATURES} features (${Math.round(statSync(huge).size / 2 ** 20)} MB)`, hugeRun.seconds, `< ${TARGETS.hugeSeconds} s`, hugeRun.peakMB ?? "—", "—", verdict(clearOutcome(hugeRun) && hugeRun.seconds < TARGETS.hugeSeconds), outcome(hugeRun)]]
          : []),
      ],
    );
    if (hugeRun && hugeRun.code !== 0) console.log(`\nThe huge file's message: ${hugeRun.stderr.trim().split("\n")[0]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
