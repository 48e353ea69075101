import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { IO } from "../../src/cli/command.js";
import { reportError } from "../../src/cli/report.js";
import { runTrain } from "../../src/train/cli.js";
import { runPredict } from "../../src/train/predict.js";

/** Runs `symdiff train ...` in-process, as the dispatcher would, with stderr a terminal or not. */
function train(args: string[], { tty = false } = {}) {
  return runCommand(runTrain, args, tty);
}

function predict(args: string[]) {
  return runCommand(runPredict, args, false);
}

async function runCommand(command: (args: string[], io: IO) => Promise<number>, args: string[], tty: boolean) {
  const captured = { stdout: "", stderr: "" };
  const sink = (name: "stdout" | "stderr") =>
    Object.assign(new Writable({ write: (chunk, _encoding, done) => ((captured[name] += String(chunk)), done()) }), { isTTY: tty });
  const io: IO = { stdin: process.stdin, stdout: sink("stdout"), stderr: sink("stderr"), isTTY: tty, color: false };
  let code: number;
  try {
    code = await command(args, io);
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
    expect(stdout).toContain("Model:     logistic regression\n           z = b + w1*x1 + w2*x2 + w3*x3 + w4*x4\n           p = sigmoid(z)\n");
    expect(stdout).toContain("Loss:      L = -y*log(sigmoid(z)) - (1 - y)*log(1 - sigmoid(z))\n");
    expect(stdout).toContain("  dL/dw_i = x_i*(sigmoid(z) - y)    (i = 1 ... 4)\n  dL/db = sigmoid(z) - y\n");
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
    expect(report.definitions).toEqual({ z: "b + w1*x1 + w2*x2", p: "sigmoid(z)" });
    expect(report.gradients).toEqual({ w_i: "x_i*(sigmoid(z) - y)", b: "sigmoid(z) - y" });
    expect(report.ranges).toEqual({ w_i: "i = 1 ... 2" });
    expect(report.everyGradient).toBeUndefined();
    expect(report.loss).toBeLessThan(report.initialLoss);
    expect(report.accuracy).toBeGreaterThan(0.5);
    expect(report.weights).toEqual([report.parameters.w1, report.parameters.w2]);
    expect(report.bias).toBe(report.parameters.b);
  });

  it("trains a network with --hidden, reproducibly for a seed", async () => {
    const args = ["--hidden", "2", "--activation", "sigmoid", "--seed", "3", "--epochs", "50", "--json"];
    const first = JSON.parse((await train(args)).stdout);
    expect(first.model).toEqual({ kind: "network", hidden: 2, activation: "sigmoid", seed: 3, classes: 2 });
    expect(first.gradients).toEqual({
      w_ji: "a_j*v_j*x_i*(1 - a_j)*(sigmoid(z) - y)",
      b_j: "a_j*v_j*(1 - a_j)*(sigmoid(z) - y)",
      v_j: "a_j*(sigmoid(z) - y)",
      c: "sigmoid(z) - y",
    });
    expect(Object.keys(first.parameters)).toEqual(["w1_1", "w1_2", "w1_3", "w1_4", "b1", "w2_1", "w2_2", "w2_3", "w2_4", "b2", "v1", "v2", "c"]);
    expect(first.weights.hidden).toHaveLength(2);
    expect(first.weights.output).toEqual([first.parameters.v1, first.parameters.v2]);
    expect(JSON.parse((await train(args)).stdout).loss).toBe(first.loss);
  });

  it("prints one formula per family on wide data, and every parameter's with --verbose", async () => {
    const file = join(dir, "wide.csv");
    const header = [...Array.from({ length: 40 }, (_, i) => `f${i}`), "y"].join(",");
    writeFileSync(file, `${header}\n${[0, 1, 0, 1].map((y, r) => [...Array.from({ length: 40 }, (_, i) => ((r * 7 + i * 3) % 5) - 2), y].join(",")).join("\n")}\n`);
    const { code, stdout } = await train(["--data", file, "--hidden", "256", "--epochs", "2"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Features:  x1 = f0, x2 = f1, x3 = f2, x4 = f3, x5 = f4, x6 = f5, x7 = f6, x8 = f7, x9 = f8, x10 = f9, x11 = f10, x12 = f11, ... (40 features; all of them with --verbose)");
    expect(stdout).toContain("           u_j = b_j + Σ_i w_ji*x_i    (j = 1 ... 256, i = 1 ... 40)\n           a_j = tanh(u_j)    (j = 1 ... 256)\n           z = c + Σ_j v_j*a_j    (j = 1 ... 256)\n");
    expect(stdout.split("\n").filter((l) => l.startsWith("  dL/d"))).toHaveLength(4);
    expect(stdout).toContain("  ... and 10741 more (all of them with --verbose, --json or --save)");
    const verbose = await train(["--data", file, "--epochs", "2", "--verbose"]);
    const lines = verbose.stdout.split("\n");
    expect(lines.filter((l) => l.startsWith("  dL/d"))).toHaveLength(41);
    expect(lines).toContain("  dL/dw40 = x40*(sigmoid(z) - y)");
    expect(lines.filter((l) => /^ {2}w\d+ = /.test(l))).toHaveLength(40);
    const json = JSON.parse((await train(["--data", file, "--epochs", "2", "--verbose", "--json"])).stdout);
    expect(Object.keys(json.everyGradient)).toHaveLength(41);
    expect(json.everyGradient.w7).toBe("x7*(sigmoid(z) - y)");
  });

  it("shows a progress bar with the loss only when stderr is a terminal", async () => {
    const onTerminal = await train(["--epochs", "20"], { tty: true });
    expect(onTerminal.stderr.startsWith("\rderiving and compiling the gradient of 5 parameters...\x1b[K")).toBe(true);
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
      [["--hidden", "two"], "--hidden: expected a whole number from 0 to 4,096, got 'two'"],
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

describe("symdiff train --softmax", () => {
  it("tells the three Iris species apart by default, printing one gradient per family", async () => {
    const { code, stdout } = await train(["--softmax"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Data:      iris.csv (bundled), 150 rows, label species: 3 classes (setosa, versicolor, virginica)");
    expect(stdout).toContain("           z_k = b_k + w_k1*x1 + w_k2*x2 + w_k3*x3 + w_k4*x4    (k = 1 ... 3)");
    expect(stdout).toContain("           p_k = exp(z_k)/(exp(z1) + exp(z2) + exp(z3))    (k = 1 ... 3)");
    expect(stdout).toContain("Loss:      L = -y1*z1 - y2*z2 - y3*z3 + log(exp(z1) + exp(z2) + exp(z3))");
    const gradientLines = stdout.split("\n").filter((l) => l.startsWith("  dL/d"));
    expect(gradientLines).toEqual(["  dL/dw_ki = x_i*(p_k - y_k)    (k = 1 ... 3, i = 1 ... 4)", "  dL/db_k = p_k - y_k    (k = 1 ... 3)"]);
    expect(stdout).toContain("Loss:      1.09861228866810"); // log 3 at zero weights
    expect(stdout).toContain("Accuracy:  98.7% (148/150)");
  });

  it("reports accuracy, held-out accuracy, standardisation and the loss history in --json", async () => {
    const args = ["--softmax", "--standardize", "--test", "0.2", "--optimizer", "adam", "--lr", "0.05", "--epochs", "300", "--json"];
    const report = JSON.parse((await train(args)).stdout);
    expect(report.model).toEqual({ kind: "softmax regression", classes: 3 });
    expect(report.data.classes).toEqual(["setosa", "versicolor", "virginica"]);
    expect(report.data.rows).toBe(150);
    expect(report.test).toMatchObject({ rows: 30, seed: 1 });
    expect(report.test.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.optimizer).toBe("adam");
    expect(report.gradients).toEqual({ w_ki: "x_i*(p_k - y_k)", b_k: "p_k - y_k" });
    expect(report.standardization.mean).toHaveLength(4);
    expect(report.lossHistory.epoch).toHaveLength(301);
    expect(report.lossHistory.loss[0]).toBeCloseTo(Math.log(3), 12);
    expect(report.lossHistory.loss.at(-1)).toBe(report.loss);
  });

  it("samples a long loss history, keeping the first and the final epoch", async () => {
    const report = JSON.parse((await train(["--epochs", "2500", "--json"])).stdout);
    expect(report.lossHistory.epoch.slice(0, 3)).toEqual([0, 3, 6]);
    expect(report.lossHistory.epoch.at(-1)).toBe(2500);
    expect(report.lossHistory.epoch.length).toBeLessThanOrEqual(1001);
  });

  it("adds the L2 term to the printed loss and gradient", async () => {
    const { stdout } = await train(["--l2", "0.01", "--epochs", "10"]);
    expect(stdout).toContain("Loss:      L = -y*log(sigmoid(z)) - (1 - y)*log(1 - sigmoid(z)) + lambda*w^2/2 for every weight w, lambda = 0.01");
    expect(stdout).toContain("plus, from the L2 term: d/dw = lambda*w for every weight w");
  });

  it("trains a relu network in mini-batches", async () => {
    const report = JSON.parse((await train(["--hidden", "3", "--activation", "relu", "--batch", "10", "--epochs", "100", "--json"])).stdout);
    expect(report.model).toEqual({ kind: "network", hidden: 3, activation: "relu", seed: 1, classes: 2 });
    expect(report.batchSize).toBe(10);
    expect(report.definitions).toEqual({ u_j: "b_j + w_j1*x1 + w_j2*x2 + w_j3*x3 + w_j4*x4", a_j: "relu(u_j)", z: "a1*v1 + a2*v2 + a3*v3 + c", p: "sigmoid(z)" });
    expect(report.gradients.v_j).toBe("a_j*(sigmoid(z) - y)");
    expect(report.gradients.w_ji).toBe("v_j*x_i*(sigmoid(z) - y)*step(u_j)");
    expect(report.accuracy).toBe(1);
  });

  it("trains on a user's CSV with three classes, and predict names a class the model does not know", async () => {
    const file = join(dir, "pets.csv");
    writeFileSync(file, "weight,height,kind\n1,1,cat\n1.2,0.9,cat\n5,4,dog\n6,5,dog\n3,8,horse\n3.2,7.5,horse\n");
    const model = join(dir, "pets.json");
    const { code, stdout } = await train(["--data", file, "--softmax", "--epochs", "500", "--save", model]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Data:      ${file}, 6 rows, label kind: 3 classes (cat, dog, horse)`);
    expect(stdout).toContain("Accuracy:  100.0% (6/6)");
    const other = join(dir, "zoo.csv");
    writeFileSync(other, "kind,height,weight\ncat,1,1\nfox,0.5,0.4\n");
    expect((await predict([model, other])).stderr).toBe(`error: ${other}: line 3, column 'kind': 'fox' is not a class of the model (cat, dog, horse)\n`);
  });

  it("refuses options that do not go together, and bad values", async () => {
    const cases: [string[], string][] = [
      [["--softmax", "--task", "a"], "--task chooses a two-class Iris task; --softmax trains on all three species"],
      [["--softmax", "--positive", "setosa"], "--positive makes two classes of the label; --softmax keeps every class"],
      [["--test", "1"], "--test: expected a fraction between 0 and 1 (say 0.2), got '1'"],
      [["--test", "0.001"], "a test fraction of 0.001 leaves no test rows out of 100"],
      [["--l2", "-0.1"], "--l2: expected a number ≥ 0, got '-0.1'"],
      [["--batch", "0"], "--batch: expected a whole number from 1 to"],
      [["--optimizer", "sgd"], "--optimizer: expected gd or adam, got 'sgd'"],
      [["--save", "model.txt"], "--save: the model is written as JSON; give a file name ending in .json, got 'model.txt'"],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await train(args);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    }
  });
});

describe("symdiff predict", () => {
  const iris = fileURLToPath(new URL("../../data/iris.csv", import.meta.url));

  it("predicts what the trained model predicted: --save then predict gives the same classes and accuracy", async () => {
    const file = join(dir, "iris-softmax.json");
    const trained = JSON.parse((await train(["--softmax", "--standardize", "--epochs", "200", "--save", file, "--json"])).stdout);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved).toMatchObject({ format: "symdiff-model", version: 1, kind: "softmax", features: ["sepal_length", "sepal_width", "petal_length", "petal_width"] });
    expect(saved.label).toEqual({ name: "species", classNames: ["setosa", "versicolor", "virginica"] });
    expect(saved.standardization).toEqual(trained.standardization);
    expect(saved.parameters).toEqual(trained.parameters);
    const { code, stdout, stderr } = await predict([file, iris]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("species,probability");
    expect(lines).toHaveLength(151);
    expect(lines[1]).toMatch(/^setosa,0\.9\d*$/);
    expect(stderr).toBe(`accuracy: ${(trained.accuracy * 100).toFixed(1)}% (${Math.round(trained.accuracy * 150)}/150)\n`);
    const json = JSON.parse((await predict([file, iris, "--json"])).stdout);
    expect(json.accuracy).toBe(trained.accuracy);
    expect(json.predictions.slice(0, 1)).toEqual(["setosa"]);
  });

  it("saves and predicts with a network over three classes (--softmax --hidden)", async () => {
    const file = join(dir, "iris-network.json");
    const args = ["--softmax", "--hidden", "6", "--standardize", "--optimizer", "adam", "--lr", "0.02", "--epochs", "300", "--save", file, "--json"];
    const trained = JSON.parse((await train(args)).stdout);
    expect(trained.model).toEqual({ kind: "network", hidden: 6, activation: "tanh", seed: 1, classes: 3 });
    expect(trained.gradients).toEqual({
      w_ji: "x_i*(1 - a_j^2)*(v_1j*(p1 - y1) + v_2j*(p2 - y2) + v_3j*(p3 - y3))",
      b_j: "(1 - a_j^2)*(v_1j*(p1 - y1) + v_2j*(p2 - y2) + v_3j*(p3 - y3))",
      v_kj: "a_j*(p_k - y_k)",
      c_k: "p_k - y_k",
    });
    expect(trained.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(trained.weights.output).toHaveLength(3); // per class, 6 weights each
    expect(trained.weights.output[0]).toHaveLength(6);
    const json = JSON.parse((await predict([file, iris, "--json"])).stdout);
    expect(json.accuracy).toBe(trained.accuracy);
  });

  it("reads the feature columns by name from a file without the label, and applies a network's classes", async () => {
    const model = join(dir, "iris-b.json");
    await train(["--task", "b", "--hidden", "2", "--standardize", "--epochs", "300", "--save", model]);
    const rows = join(dir, "two-flowers.csv");
    writeFileSync(rows, "sepal_width,sepal_length,note\n3.5,5.1,small\n3.0,7.0,large\n");
    const { code, stdout, stderr } = await predict([model, rows]);
    expect(code).toBe(0);
    expect(stdout.split("\n").slice(0, 3).map((l) => l.split(",")[0])).toEqual(["species", "setosa", "not setosa"]);
    expect(stderr).toBe(""); // no label column, no accuracy
  });

  it("matches the trained logistic model's predictions row by row", async () => {
    const file = join(dir, "animals.csv");
    writeFileSync(file, "weight,height,kind\n1,1,cat\n1.2,0.9,cat\n5,4,dog\n6,5,dog\n0.8,1.1,cat\n5.5,4.5,dog\n3,2.9,cat\n");
    const model = join(dir, "animals.json");
    const trained = JSON.parse((await train(["--data", file, "--positive", "dog", "--epochs", "50", "--save", model, "--json"])).stdout);
    const { predictions, probabilities } = JSON.parse((await predict([model, file, "--json"])).stdout);
    // By hand: p = sigmoid(b + w1*weight + w2*height) from the reported weights.
    const rows = [[1, 1], [1.2, 0.9], [5, 4], [6, 5], [0.8, 1.1], [5.5, 4.5], [3, 2.9]];
    rows.forEach(([a, b], i) => {
      const p = 1 / (1 + Math.exp(-(trained.bias + trained.weights[0] * a! + trained.weights[1] * b!)));
      expect(predictions[i]).toBe(p >= 0.5 ? "dog" : "cat");
      expect(probabilities[i]).toBeCloseTo(p >= 0.5 ? p : 1 - p, 14);
    });
  });

  it("refuses a file that is not a symdiff model, a data file missing a feature, and wrong arguments", async () => {
    const notJson = join(dir, "notes.json");
    writeFileSync(notJson, "hello");
    expect(await predict([notJson, iris])).toMatchObject({ code: 2, stderr: `error: ${notJson}: not a symdiff model file (not JSON); write one with symdiff train --save FILE.json\n` });
    const otherJson = join(dir, "package.json");
    writeFileSync(otherJson, JSON.stringify({ name: "x", version: "1.0.0" }));
    expect((await predict([otherJson, iris])).stderr).toContain(`${otherJson}: not a symdiff model file ("format" is missing, expected "symdiff-model")`);
    const model = join(dir, "iris-a.json");
    await train(["--epochs", "10", "--save", model]);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, readFileSync(model, "utf8").replace('"w2"', '"w9"'));
    expect((await predict([broken, iris])).stderr).toContain("not a symdiff model file (parameter w2 is missing, expected a number)");
    const partial = join(dir, "partial.csv");
    writeFileSync(partial, "sepal_length,petal_length\n5.1,1.4\n");
    expect(await predict([model, partial])).toMatchObject({
      code: 2,
      stderr: `error: partial.csv: the model needs feature columns 'sepal_width', 'petal_width', which the file lacks (columns: sepal_length, petal_length)\n`.replace("partial.csv", partial),
    });
    expect((await predict([model])).stderr).toContain("expected a model file and a data file (symdiff predict MODEL.json DATA.csv), got 1 argument");
    expect((await predict([join(dir, "none.json"), iris])).stderr).toMatch(/cannot read .*none\.json: ENOENT/);
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
