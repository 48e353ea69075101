/**
 * `--json` (issue 17): one JSON value per input on stdout, success or failure, so that a script reading stdout knows
 * every input's outcome; failures still go to stderr with a caret, and the exit code still says something failed.
 */
import { describe, expect, it } from "vitest";
import { symdiff } from "./run.js";

/** stdout as JSON values, one per line. */
const values = (stdout: string) => stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);

describe.concurrent("--json failures", () => {
  it("gives every line of stdin one JSON value, in order, whatever happened to it", async () => {
    const input = ["x^3", "sin(x) + )", "x*y", "", "exp(2*x)", "x^2 +"].join("\n");
    const run = await symdiff(["diff", "-", "--json"], `${input}\n`);
    const out = values(run.stdout);
    expect(out.map((v) => v.input)).toEqual(["x^3", "sin(x) + )", "x*y", "exp(2*x)", "x^2 +"]);
    expect(out[0]).toEqual({ input: "x^3", wrt: ["x"], order: 1, result: "3*x^2", latex: "3 x^{2}" });
    // A parse error: where (0-based offset; 1-based line and column), what was found, what was expected.
    expect(out[1]).toEqual({
      input: "sin(x) + )", error: "unexpected ')' at 1:10, expected an expression", kind: "parse",
      offset: 9, line: 1, column: 10, found: ")", expected: "an expression",
    });
    // Two variables and no --wrt: a usage mistake, no position.
    expect(out[2]).toMatchObject({ input: "x*y", kind: "usage" });
    expect(out[2]!.error).toContain("--wrt");
    expect(out[2]).not.toHaveProperty("offset");
    expect(out[3]).toMatchObject({ input: "exp(2*x)", result: "2*exp(2*x)" });
    // At the end of the input: nothing was found there.
    expect(out[4]).toMatchObject({ input: "x^2 +", kind: "parse", offset: 5, line: 1, column: 6, found: "", expected: "an expression" });
    // stderr keeps the human report, caret included; the exit code says some input was bad.
    expect(run.stderr).toContain("error (line 2): unexpected ')' at column 10, expected an expression\n  sin(x) + )\n           ^\n");
    expect(run.status).toBe(2);
  });

  it("reports a failure of a single expression as JSON, with the caret on stderr", async () => {
    const run = await symdiff(["simplify", "x^2*y + )", "--json"]);
    expect(values(run.stdout)).toEqual([{
      input: "x^2*y + )", error: "unexpected ')' at 1:9, expected an expression", kind: "parse",
      offset: 8, line: 1, column: 9, found: ")", expected: "an expression",
    }]);
    expect(run.stderr).toBe("error: unexpected ')' at 1:9, expected an expression\n  x^2*y + )\n          ^\n");
    expect(run.status).toBe(2);
  });

  it("names the kind of failure: domain, limit", async () => {
    const domain = await symdiff(["eval", "-", "--at", "x=0", "--json"], "1/x\nx + 1\nlog(x)\n");
    expect(values(domain.stdout)).toEqual([
      { input: "1/x", error: "no real value at x=0: division by zero", kind: "domain" },
      { input: "x + 1", at: { x: 0 }, value: 1, exact: "1" },
      { input: "log(x)", error: "no real value at x=0: log(0) = -Infinity", kind: "domain" },
    ]);
    expect(domain.status).toBe(2);
    // A derivative of order 10^9 of a function whose derivatives keep growing is out of reach: a limit, not a hang.
    const limit = await symdiff(["diff", "tan(x)", "--order", "1000000000", "--json"]);
    expect(values(limit.stdout)).toEqual([expect.objectContaining({ input: "tan(x)", kind: "limit" })]);
    expect(limit.status).toBe(2);
  });

  it("grad, hessian, steps and check report failures as JSON too", async () => {
    for (const command of [["grad"], ["hessian"], ["steps"], ["check", "--answer", "2*x"]]) {
      const run = await symdiff([...command, "-", "--json"], "x^2\nx +\n");
      const [good, bad] = values(run.stdout);
      expect(good, command[0]).not.toHaveProperty("error");
      expect(bad, command[0]).toMatchObject({ input: "x +", kind: "parse", offset: 3, line: 1, column: 4, found: "" });
      expect(run.status, command[0]).toBe(2);
    }
  });

  it("reports a mistake in the command line itself as one JSON value, before any input is read", async () => {
    const order = await symdiff(["diff", "x^2", "--order", "0", "--json"]);
    expect(values(order.stdout)).toEqual([{ error: "--order: expected a whole number of at least 1, got '0'", kind: "usage" }]);
    expect(order.status).toBe(2);
    // A parse error in an option's value names that text as its source, and points into it.
    const at = await symdiff(["eval", "x", "--at", "x=2*)", "--json"]);
    expect(values(at.stdout)).toEqual([{
      error: "unexpected ')' at 1:5, expected an expression", kind: "parse", source: "x=2*)",
      offset: 4, line: 1, column: 5, found: ")", expected: "an expression",
    }]);
    expect(at.stderr).toBe("error: unexpected ')' at 1:5, expected an expression\n  x=2*)\n      ^\n");
    // After --, "--json" is an expression, not the option: no JSON.
    const literal = await symdiff(["diff", "--order", "0", "--", "--json"]);
    expect(literal.stdout).toBe("");
  });

  it("exits with 0 when every input worked", async () => {
    const run = await symdiff(["simplify", "-", "--json"], "x + x\nsin(x)^2 + cos(x)^2\n");
    expect(values(run.stdout).map((v) => v.result)).toEqual(["2*x", "1"]);
    expect([run.stderr, run.status]).toEqual(["", 0]);
  });
});
