/**
 * `symdiff steps`, `symdiff check`, `symdiff serve` and the REPL's `steps`/`check`, run as the real built binary.
 * Derivatives are worked by hand: d/dx sin(3x^2 + x) = (6x + 1) cos(3x^2 + x), d/dx x^2 sin(x) = 2x sin(x) +
 * x^2 cos(x), and d/dx (2x + 1/x)/(x + y) at (1, 2) = ((2 - 1)·3 - 3)/9 = 0.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { symdiff } from "../cli/run.js";

const ok = (stdout: string) => ({ stdout, stderr: "", status: 0 });

describe.concurrent("symdiff steps", () => {
  it("prints numbered steps, the issue's example", async () => {
    expect(await symdiff(["steps", "sin(3*x^2+x)", "--wrt", "x"])).toEqual(
      ok(
        [
          "1. chain rule with u = 3*x^2 + x and d/du sin(u) = cos(u):",
          "   d/dx[sin(3*x^2 + x)] = d/dx[3*x^2 + x]*cos(3*x^2 + x)",
          "2.   sum rule:",
          "     d/dx[3*x^2 + x] = d/dx[3*x^2] + d/dx[x]",
          "3.     constant multiple rule:",
          "       d/dx[3*x^2] = 3*d/dx[x^2]",
          "4.       power rule:",
          "         d/dx[x^2] = 2*x",
          "5.     variable rule:",
          "       d/dx[x] = 1",
          "6. put together:",
          "   d/dx[sin(3*x^2 + x)] = (6*x + 1)*cos(3*x^2 + x)",
          "",
        ].join("\n"),
      ),
    );
  });

  it("prints an align* block that KaTeX renders", async () => {
    const { stdout, status } = await symdiff(["steps", "sin(3*x^2+x)", "--latex"]);
    expect(status).toBe(0);
    expect(stdout.startsWith("\\begin{align*}\n")).toBe(true);
    expect(stdout.endsWith("\\end{align*}\n")).toBe(true);
    expect(stdout.split(" \\\\\n")).toHaveLength(6);
    katex.renderToString(stdout, { throwOnError: true, displayMode: true });
  });

  it("prints JSON for scripts", async () => {
    const { stdout, status } = await symdiff(["steps", "sin(3*x^2+x)", "--json"]);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ input: "sin(3*x^2+x)", wrt: "x", result: "(6*x + 1)*cos(3*x^2 + x)" });
    expect(out.steps.map((s: { rule: string }) => s.rule)).toEqual(["chain", "sum", "constant multiple", "power", "variable", "simplify"]);
    expect(out.steps[0]).toMatchObject({ inner: ["3*x^2 + x"], entry: "d/du sin(u) = cos(u)", depth: 0 });
  });

  it("reads expressions from stdin with -, a blank line between derivations, going on past a bad line", async () => {
    expect(await symdiff(["steps", "-"], "x^2\nsin(x) +\nx^3\n")).toEqual({
      stdout: "1. power rule:\n   d/dx[x^2] = 2*x\n\n1. power rule:\n   d/dx[x^3] = 3*x^2\n",
      stderr: "error (line 2): unexpected end of input at column 9, expected an expression\n  sin(x) +\n          ^\n",
      status: 2,
    });
  });

  it("asks for --wrt when there are several variables, and reports parse errors with a caret", async () => {
    const several = await symdiff(["steps", "x^2*y"]);
    expect(several).toMatchObject({ stdout: "", status: 2 });
    expect(several.stderr).toContain("--wrt");
    expect(await symdiff(["steps", "x^2 +"])).toEqual({
      stdout: "",
      stderr: "error: unexpected end of input at 1:6, expected an expression\n  x^2 +\n       ^\n",
      status: 2,
    });
  });
});

describe.concurrent("symdiff check", () => {
  it("says a right answer is correct (exit 0)", async () => {
    expect(await symdiff(["check", "sin(x^2)", "--wrt", "x", "--answer", "2x cos(x^2)"])).toEqual(ok("correct (simplified the difference to 0)\n"));
    expect(await symdiff(["check", "ln(x^2)", "--answer", "2/x"])).toEqual(ok("correct (simplified the difference to 0)\n"));
  });

  it("shows a wrong answer with the derivative, a point and both values (exit 1)", async () => {
    const { stdout, stderr, status } = await symdiff(["check", "x^2*sin(x)", "--answer", "2x cos(x)"]);
    expect({ stderr, status }).toEqual({ stderr: "", status: 1 });
    const [first, second] = stdout.split("\n");
    expect(first).toBe("incorrect: the derivative is x*(x*cos(x) + 2*sin(x))");
    const [, x, answer, derivative] = /^at x = (-?[\d.]+): your answer is (-?[\d.]+), the derivative is (-?[\d.]+)$/.exec(second!)!.map(Number);
    expect(answer).toBeCloseTo(2 * x! * Math.cos(x!), 4);
    expect(derivative).toBeCloseTo(2 * x! * Math.sin(x!) + x! * x! * Math.cos(x!), 4);
    expect(second).toBe("at x = 0.746: your answer is 1.09574, the derivative is 1.42134"); // as the README shows
  });

  it("checks a value at a point: -2 is a common mistake, the value is 0", async () => {
    const args = ["check", "(2x+1/x)/(x+y)", "--wrt", "x", "--at", "x=1,y=2", "--answer"];
    expect(await symdiff([...args, "-2"])).toEqual({ stdout: "incorrect: at x = 1, y = 2 the derivative is 0, not -2\n", stderr: "", status: 1 });
    expect(await symdiff([...args, "0"])).toEqual(ok("correct: at x = 1, y = 2 the derivative is 0\n"));
    // An answer written as an expression is taken at the point too: 2*x*y at (1, 3) is 6.
    expect(await symdiff(["check", "x^2*y", "--wrt", "x", "--at", "x=1,y=3", "--answer", "2x*y"])).toEqual(ok("correct: at x = 1, y = 3 the derivative is 6\n"));
    expect((await symdiff(["check", "x^2*y", "--wrt", "x", "--at", "x=1", "--answer", "2"])).stderr).toBe("error: --at: no value for y (e.g. --at y=1)\n");
    const json = JSON.parse((await symdiff([...args, "-2", "--json"])).stdout);
    expect(json).toMatchObject({ equivalent: false, at: { x: "1", y: "2" }, value: "0", values: [-2, 0] });
  });

  it("says where the answer is right only on part of the domain", async () => {
    // d/dx x ln(x^2) = ln(x^2) + 2, which is 2 ln(x) + 2 only for x > 0
    const { stdout, status } = await symdiff(["check", "x*ln(x^2)", "--answer", "2 ln(x) + 2"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^correct .*\nnote: equal only where x > 0: /);
  });

  it("needs --answer, and reports a bad answer with a caret under it", async () => {
    const missing = await symdiff(["check", "x^2"]);
    expect(missing).toMatchObject({ stdout: "", status: 2 });
    expect(missing.stderr).toContain("--answer");
    expect(await symdiff(["check", "x^2", "--answer", "2x +"])).toEqual({
      stdout: "",
      stderr: "error: unexpected end of input at 1:5, expected an expression\n  2x +\n      ^\n",
      status: 2,
    });
  });
});

describe.concurrent("symdiff serve", () => {
  it("rejects a bad or busy port", async () => {
    expect((await symdiff(["serve", "--port", "http"])).status).toBe(2);
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const port = (blocker.address() as { port: number }).port;
    const busy = await symdiff(["serve", "--port", String(port)]);
    blocker.close();
    expect(busy.status).toBe(2);
    expect(busy.stderr).toBe(`error: port ${port} is in use: choose another with --port, or leave --port out for a free one\n`);
  });

  it("is listed with the other commands", async () => {
    const { stdout } = await symdiff(["--help"]);
    for (const name of ["steps", "check", "serve"]) expect(stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  });
});

describe.concurrent("the REPL's steps and check", () => {
  it("derives step by step and checks answers, with definitions", async () => {
    const input = ["f = x^2*sin(x)", "steps d/dx f", "check d/dx f = 2x cos(x)", "check d/dx f = 2x sin(x) + x^2 cos(x)", "check (x+1)^2 = x^2 + 2x + 1", ""].join("\n");
    const { stdout, stderr, status } = await symdiff(["repl"], input);
    // One answer is incorrect: piped input exits with 1, as symdiff check does (issue 17).
    expect({ stderr, status }).toEqual({ stderr: "", status: 1 });
    const lines = stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual(["f = x^2*sin(x)", "1. product rule:", "   d/dx[x^2*sin(x)] = d/dx[x^2]*sin(x) + d/dx[sin(x)]*x^2"]);
    expect(lines).toContain("4. put together and simplify:");
    expect(lines).toContain("incorrect: the derivative is x*(x*cos(x) + 2*sin(x))");
    expect(lines.filter((l) => l === "correct (simplified the difference to 0)")).toHaveLength(2);
  });

  it("prints LaTeX steps in :latex mode, and reports mistakes without stopping", async () => {
    const { stdout, stderr } = await symdiff(["repl"], ":latex\nsteps d/dx x^3\ncheck d/dx x^2 = 2x +\nsteps x^2\ncheck d/dx x^2 = 2x\n");
    expect(stdout).toContain("\\begin{align*}\n  \\frac{d}{dx}\\left[x^{3}\\right] &= 3 x^{2} && \\text{power rule}\n\\end{align*}");
    expect(stdout.trim().endsWith("correct (simplified the difference to 0)")).toBe(true);
    expect(stderr).toContain("expected an expression");
    expect(stderr).toContain("write the variable: steps d/dx <expr>");
  });
});

describe.concurrent("check on the command line and in the REPL: the same verdicts (issue 15, class 6)", () => {
  // d/dx x^2/2 = x; min(x, 20) is x only below 20.
  it("symdiff check finds the difference beyond the constants and says where the answer is right", async () => {
    const { stdout, status } = await symdiff(["check", "x^2/2", "--answer", "min(x, 20)"]);
    expect(status).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("incorrect: the derivative is x");
    const x = Number(/^at x = ([\d.]+):/.exec(lines[1]!)![1]);
    expect(x).toBeGreaterThan(20);
    expect(lines[2]).toBe("note: the two agree only where x < 20");
  });

  it("symdiff check: a constant off by 1e-10 is wrong, and an answer right only where the function is defined is right", async () => {
    // d/dx (x + 1e-10 x) = 1 + 1e-10, not 1.
    expect((await symdiff(["check", "x + 1e-10*x", "--answer", "1"])).status).toBe(1);
    // d/dx log(2x - 40) = 1/(x - 20), defined only for x > 20.
    expect(await symdiff(["check", "log(2x - 40)", "--answer", "2/(2x - 40)"])).toEqual(ok("correct (simplified the difference to 0)\n"));
    expect((await symdiff(["check", "log(2x - 40)", "--answer", "1/(x - 21)"])).status).toBe(1);
  });

  it("the REPL's check gives the same verdicts", async () => {
    const input = ["check x = min(x, 20)", "check 0 = 1e-10", "check log(x - 20) + log(2) = log(2x - 40)", ""].join("\n");
    const { stdout, stderr } = await symdiff(["repl"], input);
    expect(stderr).toBe("");
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("incorrect: the expression is x");
    expect(lines).toContain("note: the two agree only where x < 20");
    expect(lines).toContain("note: answer - expected is exactly 1e-10");
    expect(lines.at(-1)).toMatch(/^correct/);
  });
});

describe.concurrent("symdiff check --implicit: an implicit derivative, checked on the curve", () => {
  // By hand: on x^2 + y^2 = 1, dy/dx = -x/y; on x*y = 1, dy/dx = -y/x, which is -1/x^2 on the curve.
  it("takes the answer as the second argument or --answer, and says a right one is correct (exit 0)", async () => {
    expect(await symdiff(["check", "x^2 + y^2 = 1", "-x/y", "--implicit", "y", "--wrt", "x"])).toEqual(ok("correct (simplified the difference to 0)\n"));
    expect(await symdiff(["check", "x^2 + y^2 = 1", "--implicit", "y", "--answer", "-x/y"])).toEqual(ok("correct (simplified the difference to 0)\n"));
  });

  it("an answer right only on the curve is correct, with a note that it differs off the curve", async () => {
    expect(await symdiff(["check", "x*y = 1", "--implicit", "y", "--answer", "-1/x^2"])).toEqual(
      ok("correct (equal at every point of the curve compared)\nnote: equal on the curve x*y = 1, though not off it (as expressions in x and y they differ)\n"),
    );
    // The circle's second derivative is -(x^2 + y^2)/y^3, which on the circle is -1/y^3.
    expect((await symdiff(["check", "x^2 + y^2 = 1", "--implicit", "y", "--order", "2", "--answer", "-1/y^3"])).status).toBe(0);
  });

  it("a wrong answer is shown with dy/dx and a point of the curve (y solved for, shown to six digits), exit 1", async () => {
    const { stdout, stderr, status } = await symdiff(["check", "x^2 + y^2 = 1", "--implicit", "y", "--answer", "x/y"]);
    expect({ stderr, status }).toEqual({ stderr: "", status: 1 });
    const [first, second] = stdout.split("\n");
    expect(first).toBe("incorrect: dy/dx is -x/y");
    const [, x, y, answer, derivative] = /^at x = (-?[\d.]+), y ≈ (-?[\d.]+) \(on the curve\): your answer is (-?[\d.]+), dy\/dx is (-?[\d.]+)$/.exec(second!)!.map(Number);
    expect(x! ** 2 + y! ** 2).toBeCloseTo(1, 5); // y is shown to six digits
    expect(answer).toBeCloseTo(x! / y!, 4);
    expect(derivative).toBeCloseTo(-x! / y!, 4);
    // The JSON point is the root itself: on the curve to within rounding.
    const json = JSON.parse((await symdiff(["check", "x^2 + y^2 = 1", "--implicit", "y", "--answer", "x/y", "--json"])).stdout);
    expect(json).toMatchObject({ input: "x^2 + y^2 = 1", wrt: "x", implicit: "y", order: 1, answer: "x/y", derivative: "-x/y", equivalent: false, compared: "curve", solvedFor: "y" });
    expect(Math.abs(json.point.x ** 2 + json.point.y ** 2 - 1)).toBeLessThan(1e-12);
    expect(json.values).toEqual([json.point.x / json.point.y, -json.point.x / json.point.y]);
  });

  it("an answer right on one branch says where it is right", async () => {
    const { stdout, status } = await symdiff(["check", "x^2 + y^2 = 1", "--implicit", "y", "--answer", "-x/sqrt(1 - x^2)"]);
    expect(status).toBe(1);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("note: on the curve, the two agree only where y > 0");
  });

  it("a curve without real points is compared as expressions, and the note says so", async () => {
    const { stdout, status } = await symdiff(["check", "x^2 + y^2 = -1", "--implicit", "y", "--answer", "x/y"]);
    expect(status).toBe(1);
    expect(stdout).toContain("note: no point of the curve was found where both are defined, so the two were compared as expressions in x and y");
  });

  it("--at checks the value at a point, with a note when the point is not on the curve", async () => {
    // At (3/5, 4/5), dy/dx = -3/4.
    expect(await symdiff(["check", "x^2 + y^2 = 1", "--implicit", "y", "--at", "x=3/5,y=4/5", "--answer", "-3/4"])).toEqual(ok("correct: at x = 3/5, y = 4/5 dy/dx is -3/4 ≈ -0.75\n"));
    expect(await symdiff(["check", "x^2 + y^2 = 1", "--implicit", "y", "--at", "x=1,y=1", "--answer", "-1"])).toEqual({
      stdout: "correct: at x = 1, y = 1 dy/dx is -1\n",
      stderr: "note: x = 1, y = 1 is not on the curve x^2 + y^2 = 1: there x^2 + y^2 is 2\n",
      status: 0,
    });
  });

  it("reads curves from stdin, one per line; mistakes in the options are bad input (exit 2)", async () => {
    const run = await symdiff(["check", "-", "-x/y", "--implicit", "y"], "x^2 + y^2 = 1\nx*y = 1\n");
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe("correct (simplified the difference to 0)");
    expect(run.stdout.split("\n")[1]).toBe("incorrect: dy/dx is -y/x");
    expect(await symdiff(["check", "x^2 + y^2 = 1", "-x/y", "--answer", "-x/y", "--implicit", "y"])).toEqual({
      stdout: "",
      stderr: 'error: the answer is given twice, as --answer and as the second argument "-x/y": keep one\n',
      status: 2,
    });
    expect((await symdiff(["check", "x^2 + y^2 = z", "--implicit", "y", "--answer", "-x/y"])).stderr).toBe("error: --implicit y: say which variable to differentiate by with --wrt, e.g. --wrt x\n");
  });

  it("--help says what --implicit compares", async () => {
    const help = (await symdiff(["check", "--help"])).stdout;
    expect(help).toContain("--implicit y      the expression is a curve; the answer is dy/dx on it");
    expect(help).toContain("It is checked on the curve");
    expect(help).toContain("are the two compared as expressions in x and y");
  });

  it("the REPL checks dy/dx on a curve: check dy/dx <curve> = <answer>", async () => {
    const input = ["check dy/dx x^2 + y^2 = 1 = -x/y", "check dy/dx x*y = 1 = -1/x^2", "check d2y/dx2 x^2 + y^2 = 1 = 1/y^3", "check dy/dx x^2 + y^2 - 1 = -x/y", ""].join("\n");
    const { stdout, stderr, status } = await symdiff(["repl"], input);
    expect({ stderr, status }).toEqual({ stderr: "", status: 1 });
    const lines = stdout.trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "correct (simplified the difference to 0)",
      "correct (equal at every point of the curve compared)",
      "note: equal on the curve x*y = 1, though not off it (as expressions in x and y they differ)",
    ]);
    expect(lines[3]).toBe("incorrect: d^2y/dx^2 is -(x^2 + y^2)/y^3");
    expect(lines[4]).toMatch(/^at x = -?[\d.]+, y ≈ -?[\d.]+ \(on the curve\): your answer is /);
    expect(lines.at(-1)).toBe("correct (simplified the difference to 0)"); // F = x^2 + y^2 - 1, meaning F = 0
  });
});
