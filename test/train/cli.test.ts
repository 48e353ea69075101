import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { IO } from "../../src/cli/command.js";
import { reportError } from "../../src/cli/report.js";
import { runTrain } from "../../src/train/cli.js";

/** Runs `symdiff train ...` in-process, as the dispatcher would, with stderr a terminal or not. */
async function train(args: string[], { tty = false } = {}) {
  const captured = { stdout: "", stderr: "" };
  const sink = (name: "stdout" | "stderr") =>
    Object.assign(new Writable({ write: (chunk, _encoding, done) => ((captured[name] += String(chunk)), done()) }), { isTTY: tty });
  const io: IO = { stdin: process.stdin, stdout: sink("stdout"), stderr: sink("stderr"), isTTY: tty, color: false };
  let code: number;
  try {
    code = await runTrain(args, io);
  } catch (e) {
    code = reportError(io, e);
  }
  return { code, ...captured };
}

const dir = mkdtempSync(join(tmpdir(), "symdiff-train-"));

describe("symdiff train", () => {
  it("trains logistic regression on Iris task a by default and reports gradients, loss, accuracy and weights", async () => {
    const { code, stdout, stderr } = await train([]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("Features:  x1 = sepal_length, x2 = sepal_width, x3 = petal_length, x4 = petal_width");
    expect(stdout).toContain("dL/dw3 = x3*(sigmoid(b + w1*x1 + w2*x2 + w3*x3 + w4*x4) - y)");
    expect(stdout).toContain("dL/db = sigmoid(b + w1*x1 + w2*x2 + w3*x3 + w4*x4) - y");
    expect(stdout).toContain("Loss:      0.69314718055994"); // log 2 at zero weights
    expect(stdout).toContain("Accuracy:  100.0% (100/100)");
    expect(stdout).toMatch(/^ {2}b = -?\d/m);
  });

  it("prints one JSON object with loss, accuracy, weights, bias, iterations and the gradients as text", async () => {
    const { code, stdout } = await train(["--task", "b", "--epochs", "200", "--lr", "0.05", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.iterations).toBe(200);
    expect(report.learningRate).toBe(0.05);
    expect(report.data).toMatchObject({ rows: 150, positive: "setosa", features: ["sepal_length", "sepal_width"] });
    expect(report.gradients).toEqual({ w1: "x1*(sigmoid(b + w1*x1 + w2*x2) - y)", w2: "x2*(sigmoid(b + w1*x1 + w2*x2) - y)", b: "sigmoid(b + w1*x1 + w2*x2) - y" });
    expect(report.loss).toBeLessThan(report.initialLoss);
    expect(report.accuracy).toBeGreaterThan(0.5);
    expect(report.weights).toEqual([report.parameters.w1, report.parameters.w2]);
    expect(report.bias).toBe(report.parameters.b);
  });

  it("trains a network with --hidden, reproducibly for a seed", async () => {
    const args = ["--hidden", "2", "--activation", "sigmoid", "--seed", "3", "--epochs", "50", "--json"];
    const first = JSON.parse((await train(args)).stdout);
    expect(first.model).toEqual({ kind: "network", hidden: 2, activation: "sigmoid", seed: 3 });
    expect(Object.keys(first.gradients)).toEqual(["w1_1", "w1_2", "w1_3", "w1_4", "b1", "w2_1", "w2_2", "w2_3", "w2_4", "b2", "v1", "v2", "c"]);
    expect(first.weights.hidden).toHaveLength(2);
    expect(first.weights.output).toEqual([first.parameters.v1, first.parameters.v2]);
    expect(JSON.parse((await train(args)).stdout).loss).toBe(first.loss);
  });

  it("shows a progress bar with the loss only when stderr is a terminal", async () => {
    const onTerminal = await train(["--epochs", "20"], { tty: true });
    expect(onTerminal.stderr.startsWith("\rderiving 5 partial derivatives...\x1b[K")).toBe(true);
    expect(onTerminal.stderr).toMatch(/\r\[#{30}\] 100% {2}iteration 20\/20 {2}loss \d\.\d+/);
    expect(onTerminal.stderr.endsWith("\r\x1b[K")).toBe(true); // erased before the report
    expect((await train(["--epochs", "20"])).stderr).toBe("");
  });

  it("writes the loss curve as an SVG picture with --plot", async () => {
    const file = join(dir, "loss.svg");
    expect((await train(["--epochs", "30", "--plot", file])).code).toBe(0);
    const svg = readFileSync(file, "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<polyline points="([^"]*)"/)![1]!.split(" ")).toHaveLength(31); // the loss before each step and after the last
    expect((await train(["--plot", join(dir, "loss.png")])).stderr).toContain("give a file name ending in .svg");
  });

  it("trains on a user's CSV with class names", async () => {
    const file = join(dir, "animals.csv");
    writeFileSync(file, "weight,height,kind\n1,1,cat\n1.2,0.9,cat\n5,4,dog\n6,5,dog\n0.8,1.1,cat\n5.5,4.5,dog\n");
    const { code, stdout } = await train(["--data", file, "--positive", "dog", "--epochs", "300"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Data:      ${file}, 6 rows, label kind: dog = 1, others = 0`);
    expect(stdout).toContain("Accuracy:  100.0% (6/6)");
  });

  it("stops with exit code 2 and a message naming the line and column of bad data", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, "a,b,y\n1,2,0\n3,,1\n");
    expect(await train(["--data", file])).toMatchObject({ code: 2, stdout: "", stderr: `error: ${file}: line 3, column 'b': missing value\n` });
    writeFileSync(file, "a,b,y\n1,2,0\n3,4,yes\n");
    expect((await train(["--data", file])).stderr).toContain("line 3, column 'y': label 'yes' is not 0 or 1");
  });

  it("refuses bad options with exit code 2", async () => {
    const cases: [string[], string | RegExp][] = [
      [["--lr=-1"], "--lr: expected a positive number, got '-1'"],
      [["--lr", "0"], "--lr: expected a positive number, got '0'"],
      [["--epochs", "1.5"], "--epochs: expected a whole number from 1 to 10,000,000, got '1.5'"],
      [["--hidden", "two"], "--hidden: expected a whole number from 0 to 64, got 'two'"],
      [["--activation", "elu", "--hidden", "2"], "--activation: expected tanh, sigmoid or relu, got 'elu'"],
      [["--activation", "relu"], "--activation applies to a network: add --hidden N"],
      [["--seed", "4"], "--seed applies to a network (--hidden N), a --test split or --batch order"],
      [["--task", "c"], "--task: expected a or b, got 'c'"],
      [["--task", "toString"], "--task: expected a or b, got 'toString'"],
      [["--task", "a", "--data", "x.csv"], "cannot be combined with --data"],
      [["data.csv"], "unexpected argument 'data.csv' (the data file goes after --data)"],
      [["--features", "sepal_length,,petal_width"], "--features: expected names separated by commas"],
      [["--positive", "rose"], "no row has class 'rose' in column 'species' (found: setosa, versicolor, virginica)"],
      [["--bogus"], /unknown option '--bogus'/i],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await train(args);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    }
  });

  it("reports divergence instead of printing NaN weights", async () => {
    const file = join(dir, "far.csv");
    writeFileSync(file, "x,y\n1e300,1\n-1e300,0\n");
    const { code, stderr } = await train(["--data", file, "--lr", "1e10", "--epochs", "3"]);
    expect(code).toBe(2);
    expect(stderr).toContain("training diverged");
  });
});

describe("the symdiff executable", () => {
  const cli = new URL("../../dist/cli.js", import.meta.url);
  it("runs train from the built package, with the bundled data", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [cli.pathname, "train", "--epochs", "100", "--json"], { cwd: tmpdir() });
    const report = JSON.parse(stdout);
    expect(report.data.file).toBe("iris.csv (bundled)");
    expect(report.iterations).toBe(100);
    expect(report.accuracy).toBe(1);
  });
});
