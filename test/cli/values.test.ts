/**
 * Values at a point (issue 17): `--at x=pi/6` gives the exact value when there is one, with its decimal beside it, on
 * every command that takes --at, and the REPL's `at` shows values the same way (one module, cli/point.ts). Exact
 * values are worked by hand (sin(pi/6) = 1/2, cos(pi/6) = sqrt(3)/2); decimals come from Math.
 */
import katex from "katex";
import { describe, expect, it } from "vitest";
import { symdiff } from "./run.js";

const ok = (stdout: string) => ({ stdout, stderr: "", status: 0 });

describe.concurrent("--at: exact, with the decimal", () => {
  it("eval: the exact value and its decimal; a small whole number alone; the double when there is no exact form", async () => {
    expect(await symdiff(["eval", "sin(x)", "--at", "x=pi/6"])).toEqual(ok("1/2 ≈ 0.5\n"));
    expect(await symdiff(["eval", "cos(x)", "--at", "x=pi/6"])).toEqual(ok(`sqrt(3)/2 ≈ ${Math.sqrt(3) / 2}\n`));
    expect(await symdiff(["eval", "x^3 - 1", "--at", "x=2"])).toEqual(ok("7\n"));
    expect(await symdiff(["eval", "x/y", "--at", "x=1,y=3"])).toEqual(ok(`1/3 ≈ ${1 / 3}\n`));
    // Without --at, a constant expression.
    expect(await symdiff(["eval", "sqrt(8)"])).toEqual(ok(`2*sqrt(2) ≈ ${2 * Math.sqrt(2)}\n`));
    // Beyond 2^53 a whole number is not exact as a double: both are shown.
    expect(await symdiff(["eval", "2^x", "--at", "x=60"])).toEqual(ok(`1152921504606846976 ≈ ${2 ** 60}\n`));
  });

  it("diff, grad and hessian: the value of each derivative", async () => {
    // d/dx sin(x) = cos(x); cos(pi/3) = 1/2
    expect(await symdiff(["diff", "sin(x)", "--at", "x=pi/3"])).toEqual(ok("cos(x) = 1/2 ≈ 0.5\n"));
    // grad(y sin(x)) = (y cos(x), sin(x)); at (pi/3, 2): (1, sqrt(3)/2)
    expect(await symdiff(["grad", "y*sin(x)", "--at", "x=pi/3,y=2"])).toEqual(
      ok(`d/dx = y*cos(x) = 1\nd/dy = sin(x) = sqrt(3)/2 ≈ ${Math.sqrt(3) / 2}\n`),
    );
    // hessian(x^2 y) = [[2y, 2x], [2x, 0]] at (1/4, 3): [[6, 1/2], [1/2, 0]]
    expect(await symdiff(["hessian", "x^2*y", "--at", "x=1/4,y=3"])).toEqual(ok("[2*y, 2*x] = [6, 1/2 ≈ 0.5]\n[2*x, 0] = [1/2 ≈ 0.5, 0]\n"));
  });

  it("check: the derivative's value at the point, shown the same way", async () => {
    // d/dx sin(x) = cos(x); cos(pi/6) = sqrt(3)/2
    const wrong = await symdiff(["check", "sin(x)", "--at", "x=pi/6", "--answer", "1"]);
    expect(wrong).toEqual({ stdout: `incorrect: at x = pi/6 the derivative is sqrt(3)/2 ≈ ${Math.sqrt(3) / 2}, not 1\n`, stderr: "", status: 1 });
    // d/dx x^3 = 3x^2; at 1/2: 3/4
    expect(await symdiff(["check", "x^3", "--at", "x=1/2", "--answer", "3/4"])).toEqual(ok("correct: at x = 1/2 the derivative is 3/4 ≈ 0.75\n"));
    // No real value: says so rather than failing.
    expect((await symdiff(["check", "log(x)", "--at", "x=0", "--answer", "1"])).stdout).toBe("incorrect: at x = 0 the derivative is 1/0 = undefined, not 1\n");
  });

  it("JSON: the point and the value as doubles, and the exact value as text", async () => {
    const diff = JSON.parse((await symdiff(["diff", "sin(x)", "--at", "x=pi/3", "--json"])).stdout);
    expect(diff).toMatchObject({ result: "cos(x)", at: { x: Math.PI / 3 }, value: 0.5, exact: "1/2" });
    const grad = JSON.parse((await symdiff(["grad", "y*sin(x)", "--at", "x=pi/3,y=2", "--json"])).stdout);
    expect(grad).toMatchObject({ values: [1, Math.sqrt(3) / 2], exact: ["1", "sqrt(3)/2"] });
    // A decimal in --at is read exactly: 0.1 is 1/10.
    const plain = JSON.parse((await symdiff(["eval", "x", "--at", "x=0.1", "--json"])).stdout);
    expect(plain).toEqual({ input: "x", at: { x: 0.1 }, value: 0.1, exact: "1/10" });
  });

  it("LaTeX: the point and the value exactly, \\approx the decimal", async () => {
    const { stdout } = await symdiff(["diff", "sin(x)", "--at", "x=pi/3", "--latex"]);
    const latex = stdout.trim();
    expect(latex.endsWith("\\right|_{x = \\frac{\\pi}{3}} = \\frac{1}{2} \\approx 0.5")).toBe(true);
    katex.renderToString(latex, { throwOnError: true });
    expect((await symdiff(["eval", "sin(x)", "--at", "x=pi/6", "--latex"])).stdout).toBe("\\frac{1}{2} \\approx 0.5\n");
  });

  it("still says where and why there is no value", async () => {
    expect(await symdiff(["eval", "x*log(x - 2)", "--at", "x=1"])).toEqual({
      stdout: "",
      stderr: "error: no real value at x=1: log(-1) is not a real number (in log(x - 2))\n",
      status: 2,
    });
    const variable = await symdiff(["eval", "x", "--at", "x=y"]);
    expect([variable.stderr, variable.status]).toEqual(["error: --at: the value of x must be a number, got 'y'\n", 2]);
  });

  it("the REPL shows a value at a point as eval --at does", async () => {
    const cases = [
      ["sin(x)", "x=pi/6"],
      ["x^2*y + sin(y)", "x=1,y=2"],
      ["x^3 - 1", "x=2"],
      ["atan(x)", "x=1"],
      ["x/y", "x=1,y=3"],
    ] as const;
    const repl = await symdiff(["repl"], cases.map(([e, at]) => `${e} at ${at.replace(",", ", ")}`).join("\n"));
    const evals = await Promise.all(cases.map(([e, at]) => symdiff(["eval", e, "--at", at])));
    expect(repl.stdout).toBe(evals.map((r) => r.stdout).join(""));
    // Hand-worked: atan(1) = pi/4
    expect(repl.stdout.split("\n")[3]).toBe(`pi/4 ≈ ${Math.PI / 4}`);
  });
});
