/**
 * Which variable `diff` differentiates by (issue 17): a constant's derivative is 0; a --wrt variable that does not
 * occur is answered (0) with a note; without --wrt, a Leibniz prefix, an equation's parameters or the only variable
 * decides, as the library's `diff(text)` does.
 */
import { describe, expect, it } from "vitest";
import { symdiff } from "./run.js";

const ok = (stdout: string) => ({ stdout, stderr: "", status: 0 });

describe.concurrent("constants and absent variables", () => {
  it("the derivative of a constant is 0, of any order, and by any variable", async () => {
    expect(await symdiff(["diff", "5"])).toEqual(ok("0\n"));
    expect(await symdiff(["diff", "pi^2 + e"])).toEqual(ok("0\n"));
    expect(await symdiff(["diff", "5", "--order", "3"])).toEqual(ok("0\n"));
    expect(JSON.parse((await symdiff(["diff", "5", "--json"])).stdout)).toEqual({ input: "5", wrt: [], order: 1, result: "0", latex: "0" });
  });

  it("a --wrt variable that does not occur gives 0, with a note on stderr", async () => {
    expect(await symdiff(["diff", "x^2", "--wrt", "y"])).toEqual({ stdout: "0\n", stderr: "note: y does not occur in 'x^2', so the derivative is 0\n", status: 0 });
    // In a mixed partial, one absent variable is enough.
    const mixed = await symdiff(["diff", "x^2*y", "--wrt", "x,z"]);
    expect(mixed).toEqual({ stdout: "0\n", stderr: "note: z does not occur in 'x^2*y', so the derivative is 0\n", status: 0 });
    const both = await symdiff(["diff", "t", "--wrt", "x,y"]);
    expect(both.stderr).toBe("note: x, y do not occur in 't', so the derivative is 0\n");
    // A constant with --wrt: the same note.
    expect((await symdiff(["diff", "7", "--wrt", "x"])).stderr).toBe("note: x does not occur in '7', so the derivative is 0\n");
  });

  it("names the line among several, and keeps JSON on stdout", async () => {
    const run = await symdiff(["diff", "-", "--wrt", "x", "--json"], "x^2\ny^2\n");
    expect(run.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).result)).toEqual(["2*x", "0"]);
    expect(run.stderr).toBe("note (line 2): x does not occur in 'y^2', so the derivative is 0\n");
    expect(run.status).toBe(0);
  });

  it("a variable that occurs gets no note; several candidates and no --wrt is still an error", async () => {
    expect(await symdiff(["diff", "x^2*y", "--wrt", "y"])).toEqual(ok("x^2\n"));
    const several = await symdiff(["diff", "x*y"]);
    expect([several.stdout, several.status]).toEqual(["", 2]);
    expect(several.stderr).toBe("error: 'x*y' has 2 variables (x, y): choose with --wrt, e.g. --wrt x\n");
  });

  it("a constant's gradient and Hessian are empty: no rows, [] in JSON, and a note on stderr saying why (exit 0)", async () => {
    const note = (text: string, name: string) => `note: '${text}' has no variables, so its ${name} is empty (every derivative of a constant is 0); --vars x,y lists the zeros\n`;
    expect(await symdiff(["grad", "5"])).toEqual({ stdout: "", stderr: note("5", "gradient"), status: 0 });
    expect(await symdiff(["hessian", "pi"])).toEqual({ stdout: "", stderr: note("pi", "Hessian"), status: 0 });
    expect(await symdiff(["grad", "5", "--latex"])).toEqual({ stdout: "", stderr: note("5", "gradient"), status: 0 });
    const json = await symdiff(["grad", "5", "--json"]);
    expect([JSON.parse(json.stdout), json.stderr, json.status]).toEqual([{ input: "5", vars: [], gradient: [], latex: [] }, note("5", "gradient"), 0]);
    const at = JSON.parse((await symdiff(["hessian", "pi^2", "--at", "x=1", "--json"])).stdout);
    expect(at).toEqual({ input: "pi^2", vars: [], hessian: [], latex: [], at: { x: 1 }, values: [], exact: [] });
  });

  it("with --vars, a constant's gradient and Hessian are zeros, as for any variable the function does not have", async () => {
    expect(await symdiff(["grad", "5", "--vars", "x,y"])).toEqual(ok("d/dx = 0\nd/dy = 0\n"));
    expect(await symdiff(["hessian", "5", "--vars", "x,y"])).toEqual(ok("[0, 0]\n[0, 0]\n"));
    expect(JSON.parse((await symdiff(["grad", "7", "--vars", "x", "--json"])).stdout)).toMatchObject({ vars: ["x"], gradient: ["0"] });
    // --wrt, as the other commands name the variables, is the same as --vars.
    expect(await symdiff(["grad", "5", "--wrt", "x,y"])).toEqual(ok("d/dx = 0\nd/dy = 0\n"));
    expect(await symdiff(["grad", "x^2*y", "--wrt", "y"])).toEqual(ok("d/dy = x^2\n"));
    expect(await symdiff(["grad", "5", "--wrt", "x", "--vars", "x"])).toEqual({ stdout: "", stderr: "error: --vars and --wrt say the same thing: give one of them\n", status: 2 });
    expect((await symdiff(["hessian", "x*y", "--wrt", "x,x"])).stderr).toBe("error: --wrt: 'x' is listed twice\n");
  });

  it("among lines from stdin, the note names the constant's line and the other lines print as usual", async () => {
    expect(await symdiff(["grad", "-"], "x*y\n5\n")).toEqual({
      stdout: "d/dx = y\nd/dy = x\n",
      stderr: "note (line 2): '5' has no variables, so its gradient is empty (every derivative of a constant is 0); --vars x,y lists the zeros\n",
      status: 0,
    });
  });

  it("steps and check still need a variable to name", async () => {
    const steps = await symdiff(["steps", "5"]);
    expect([steps.status, steps.stderr]).toEqual([2, "error: '5' has no variables: name one with --wrt (the derivative is 0)\n"]);
    const check = await symdiff(["check", "x^2*y", "--wrt", "x,y", "--answer", "2*x"]);
    expect([check.status, check.stderr]).toEqual([2, "error: --wrt: one variable, please (got x, y)\n"]);
  });
});

describe.concurrent("Leibniz prefixes on the command line", () => {
  it("d/dx names the variable", async () => {
    expect(await symdiff(["diff", "d/dx x^2"])).toEqual(ok("2*x\n"));
    expect(await symdiff(["diff", "d/dy x^2*y"])).toEqual(ok("x^2\n"));
    expect(JSON.parse((await symdiff(["diff", "d/dy x^2*y", "--json"])).stdout)).toMatchObject({ wrt: ["y"], result: "x^2" });
    // d²/dx² x^3 = 6x
    expect(await symdiff(["diff", "d²/dx² x^3"])).toEqual(ok("6*x\n"));
  });

  it("a prefix and --wrt together are refused: which one was meant?", async () => {
    const run = await symdiff(["diff", "d/dx x^2*y", "--wrt", "y"]);
    expect([run.stdout, run.status]).toEqual(["", 2]);
    expect(run.stderr).toContain("drop --wrt or the prefix");
  });

  it("simplify and eval read a prefix as its derivative; steps and check take their variable from it", async () => {
    expect(await symdiff(["simplify", "d/dx x^3"])).toEqual(ok("3*x^2\n"));
    expect(await symdiff(["eval", "d/dx x^3", "--at", "x=2"])).toEqual(ok("12\n"));
    const steps = await symdiff(["steps", "d/dx x*y"]);
    expect(steps.status).toBe(0);
    expect(steps.stdout).toContain("= y");
    expect((await symdiff(["check", "d/dy x*y^2", "--answer", "2*x*y"])).stdout).toMatch(/^correct/);
  });
});

describe.concurrent("equations on the command line", () => {
  it("f(t) = ... is differentiated by f's parameter; y = ... by its only variable", async () => {
    expect(await symdiff(["diff", "f(t) = t^3"])).toEqual(ok("3*t^2\n"));
    expect(await symdiff(["diff", "y = x^2"])).toEqual(ok("2*x\n"));
    // f(x) = a*x^2: the parameter decides, a stays a constant.
    expect(await symdiff(["diff", "f(x) = a*x^2"])).toEqual(ok("2*a*x\n"));
  });
});
