/**
 * LaTeX input on the command line (issue 17): `--latex-in` reads every expression (and check's answer) as LaTeX;
 * without it, an expression with a backslash command is read as LaTeX anyway. Expected results are worked by hand.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { symdiff } from "./run.js";

const ok = (stdout: string) => ({ stdout, stderr: "", status: 0 });

describe("--latex-in", () => {
  it.each(["diff", "grad", "hessian", "simplify", "eval", "steps", "check"])("%s lists it in its help", (name) => {
    expect(COMMANDS.find((c) => c.name === name)!.help).toContain("--latex-in");
  });
});

describe.concurrent("LaTeX input", () => {
  it("diff, simplify, eval, grad and hessian read LaTeX with --latex-in", async () => {
    // d/dx 1/x = -1/x^2
    expect(await symdiff(["diff", "\\frac{1}{x}", "--latex-in"])).toEqual(ok("-1/x^2\n"));
    expect(await symdiff(["simplify", "\\frac{x^{2}}{x}", "--latex-in"])).toEqual(ok("x\n"));
    expect(await symdiff(["eval", "\\sin(x)", "--at", "x=pi/6", "--latex-in"])).toEqual(ok("1/2 ≈ 0.5\n"));
    expect(await symdiff(["grad", "x^{2} y", "--latex-in"])).toEqual(ok("d/dx = 2*x*y\nd/dy = x^2\n"));
    expect(await symdiff(["hessian", "x y", "--latex-in"])).toEqual(ok("[0, 1]\n[1, 0]\n"));
  });

  it("reads text with a backslash command as LaTeX without the option", async () => {
    expect(await symdiff(["diff", "\\sqrt{x}"])).toEqual(ok("1/(2*sqrt(x))\n"));
    expect(await symdiff(["simplify", "\\frac{2}{4}"])).toEqual(ok("1/2\n"));
  });

  it("means LaTeX even without a backslash: xy is x times y, not a variable xy", async () => {
    expect(await symdiff(["diff", "xy", "--wrt", "x", "--latex-in"])).toEqual(ok("y\n"));
  });

  it("steps and check read the expression, and check the answer too, as LaTeX", async () => {
    const steps = await symdiff(["steps", "\\sin(x^{2})", "--latex-in"]);
    expect(steps.status).toBe(0);
    expect(steps.stdout).toContain("2*x*cos(x^2)");
    const check = await symdiff(["check", "\\sin(x^{2})", "--answer", "2 x \\cos(x^{2})", "--latex-in"]);
    expect(check.stdout).toMatch(/^correct/);
    expect(check.status).toBe(0);
  });

  it("points a LaTeX parse error at its spot with a caret, in JSON too", async () => {
    const run = await symdiff(["diff", "\\frac{1}{x", "--latex-in", "--json"]);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ input: "\\frac{1}{x", kind: "parse" });
    expect(run.stderr).toMatch(/\n {2}\\frac\{1\}\{x\n {2} *\^\n$/);
  });

  it("the REPL reads a LaTeX line", async () => {
    expect(await symdiff(["repl"], "\\frac{x^{2}}{x}\n")).toEqual(ok("x\n"));
  });

  it("diff --implicit reads a LaTeX curve, with --latex-in or by its backslash command", async () => {
    // x^2 + y^2 = 1: dy/dx = -x/y; x^2/4 + y^2 = 1: dy/dx = -(x/2)/(2y) = -x/(4y)
    expect(await symdiff(["diff", "--implicit", "y", "--wrt", "x", "--latex-in", "x^2 + y^2 = 1"])).toEqual(ok("-x/y\n"));
    expect(await symdiff(["diff", "--implicit", "y", "--wrt", "x", "\\frac{x^2}{4} + y^2 = 1"])).toEqual(ok("-x/(4*y)\n"));
    expect(await symdiff(["diff", "--implicit", "y", "--latex-in", "x^{2} + y^{2} = 1", "--latex"])).toEqual(ok("\\frac{dy}{dx} = -\\frac{x}{y}\n"));
  });

  it("diff reads \\frac{dy}{dx} = ... as its right side, as y'(x) = ... in text", async () => {
    expect(await symdiff(["diff", "\\frac{dy}{dx} = 3x^{2}"])).toEqual(ok("6*x\n"));
  });

  it("an evaluation bar is refused with the option to use instead", async () => {
    const run = await symdiff(["diff", "\\left. x^{3} \\right|_{x=2}"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("an evaluation bar is not read at 1:14, expected the expression alone, with the point given apart: --at x=2");
  });

  it("a LaTeX derivative request names the variable", async () => {
    expect(await symdiff(["diff", "\\frac{d}{dx}\\left(x^{3}\\right)"])).toEqual(ok("3*x^2\n"));
    expect(await symdiff(["diff", "\\frac{\\partial}{\\partial y} x y^{2}", "--latex-in"])).toEqual(ok("2*x*y\n"));
  });
});
