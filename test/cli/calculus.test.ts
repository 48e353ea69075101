/**
 * `symdiff tangent`, `symdiff diff --implicit` and the orders of `steps` and `check`, run as the built binary.
 * Expected results are worked by hand: the tangent of x^2 at 2 has slope 4 through (2, 4); on the circle
 * 2x + 2y y' = 0; d²/dx² x^3 = 6x.
 */
import { describe, expect, it } from "vitest";
import { symdiff } from "./run.js";

const ok = (stdout: string) => ({ stdout, stderr: "", status: 0 });

describe.concurrent("symdiff tangent", () => {
  it("prints the line, exactly", async () => {
    expect(await symdiff(["tangent", "x^2", "--at", "x=2"])).toEqual(ok("y = 4*x - 4\n"));
    expect(await symdiff(["tangent", "sin(x)", "--at", "x=pi/6"])).toEqual(ok("y = sqrt(3)*x/2 - sqrt(3)*pi/12 + 1/2\n"));
    expect(await symdiff(["tangent", "exp(x)", "--at", "x=0", "--ln"])).toEqual(ok("y = x + 1\n"));
    expect(await symdiff(["tangent", "a*x^2", "--at", "x=1"])).toEqual(ok("y = 2*a*x - a\n"));
  });

  it("prints LaTeX and JSON", async () => {
    expect(await symdiff(["tangent", "x^2", "--at", "x=2", "--latex"])).toEqual(ok("y = 4 x - 4\n"));
    const run = await symdiff(["tangent", "s = t^3", "--at", "t=1", "--json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      input: "s = t^3", variable: "t", at: "1", point: { x: "1", y: "1" }, slope: "3", intercept: "-2", line: "3*t - 2", equation: "s = 3*t - 2", latex: "s = 3 t - 2",
    });
  });

  it("says why there is no line, with exit code 2", async () => {
    const vertical = await symdiff(["tangent", "x^(1/3)", "--at", "x=0"]);
    expect([vertical.status, vertical.stdout]).toEqual([2, ""]);
    expect(vertical.stderr).toMatch(/^error: the tangent line at x = 0 is vertical \(x = 0\)/);
    const outside = await symdiff(["tangent", "sqrt(x)", "--at", "x=-1", "--json"]);
    expect(outside.status).toBe(2);
    expect(JSON.parse(outside.stdout)).toMatchObject({ input: "sqrt(x)", kind: "domain" });
    expect(await symdiff(["tangent", "x^2"])).toEqual({ stdout: "", stderr: "error: missing --at: the point of tangency, e.g. --at x=2\n", status: 2 });
    expect((await symdiff(["tangent", "x^2", "--at", "x=1,y=2"])).stderr).toBe("error: --at: one variable and its value, e.g. --at x=2 (got 2)\n");
  });
});

describe.concurrent("symdiff diff --implicit", () => {
  it("prints dy/dx on the curve", async () => {
    expect(await symdiff(["diff", "x^2 + y^2 = 1", "--implicit", "y", "--wrt", "x"])).toEqual(ok("-x/y\n"));
    expect(await symdiff(["diff", "x^3 + y^3 = 6*x*y", "--implicit", "y"])).toEqual(ok("(2*y - x^2)/(y^2 - 2*x)\n"));
    expect(await symdiff(["diff", "x^2 + y^2 = 1", "--implicit", "y", "--order", "2"])).toEqual(ok("-(x^2 + y^2)/y^3\n"));
    // at (3/5, 4/5): -3/4
    expect(await symdiff(["diff", "x^2 + y^2 = 1", "--implicit", "y", "--at", "x=3/5,y=4/5"])).toEqual(ok("-x/y = -3/4 ≈ -0.75\n"));
  });

  it("prints LaTeX and JSON", async () => {
    expect(await symdiff(["diff", "x^2 + y^2 = 1", "--implicit", "y", "--latex"])).toEqual(ok("\\frac{dy}{dx} = -\\frac{x}{y}\n"));
    const run = await symdiff(["diff", "x^2 + y^2 = 1", "--implicit", "y", "--json"]);
    expect(JSON.parse(run.stdout)).toEqual({ input: "x^2 + y^2 = 1", implicit: "y", wrt: "x", order: 1, result: "-x/y", latex: "-\\frac{x}{y}" });
  });

  it("asks for --wrt when the curve has several other variables, and reports bad curves", async () => {
    expect((await symdiff(["diff", "x^2 + y^2 = r", "--implicit", "y"])).stderr).toBe("error: --implicit y: say which variable to differentiate by with --wrt, e.g. --wrt r\n");
    const flat = await symdiff(["diff", "x = 1", "--implicit", "y", "--wrt", "x"]);
    expect([flat.status, flat.stderr]).toEqual([2, "error: implicitDiff: 'x = 1' does not involve y, so it does not define y as a function of x\n"]);
  });
});

describe.concurrent("steps and check with --order, steps --implicit", () => {
  it("steps works out each derivative in turn", async () => {
    const run = await symdiff(["steps", "x^3", "--order", "2"]);
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")).toEqual([
      "First derivative:", "1. power rule:", "   d/dx[x^3] = 3*x^2",
      "Second derivative:", "2. constant multiple rule:", "   d/dx[3*x^2] = 3*d/dx[x^2]", "3.   power rule:", "     d/dx[x^2] = 2*x",
      "4. put together:", "   d/dx[3*x^2] = 6*x", "",
    ]);
    const json = JSON.parse((await symdiff(["steps", "x^3", "--order", "2", "--json"])).stdout);
    expect([json.order, json.result, json.steps.map((s: { order: number }) => s.order)]).toEqual([2, "6*x", [1, 2, 2, 2]]);
  });

  it("steps --implicit shows the implicit derivation", async () => {
    const run = await symdiff(["steps", "x^2 + y^2 = 1", "--implicit", "y", "--wrt", "x"]);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("   "))).toEqual([
      "   d/dx[x^2 + y^2] = d/dx[1]", "   2*x + 2*y*y' = 0", "   2*y*y' = -2*x", "   y' = -x/y",
    ]);
    const json = JSON.parse((await symdiff(["steps", "x^2 + y^2 = 1", "--implicit", "y", "--json"])).stdout);
    expect(json.steps.map((s: { rule: string }) => s.rule)).toEqual(["implicit", "chain", "collect", "solve"]);
    expect(json.result).toBe("-x/y");
  });

  it("check compares the answer with the n-th derivative", async () => {
    expect(await symdiff(["check", "x^3", "--order", "2", "--answer", "6x"])).toEqual(ok("correct (simplified the difference to 0)\n"));
    const wrong = await symdiff(["check", "x^3", "--order", "2", "--answer", "3x^2"]);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/^incorrect: the 2nd derivative is 6\*x\n/);
    expect(await symdiff(["check", "x^3", "--order", "2", "--at", "x=1", "--answer", "6"])).toEqual(ok("correct: at x = 1 the 2nd derivative is 6\n"));
    expect((await symdiff(["check", "x^3", "--order", "0", "--answer", "1"])).stderr).toBe("error: --order: expected a whole number of at least 1, got '0'\n");
  });
});
