/**
 * REPL details of issue 17, run through the real `symdiff repl` with piped input: `del x` and `:unset x` forget values
 * and functions; a definition that takes over a name used as a variable says so; an incorrect `check` makes the
 * piped session exit with 1, as `symdiff check` does.
 */
import { describe, expect, it } from "vitest";
import { symdiff } from "../cli/run.js";

const lines = (...input: string[]) => `${input.join("\n")}\n`;

describe.concurrent("del and :unset", () => {
  it("del x forgets a value: x is a variable again", async () => {
    const run = await symdiff(["repl"], lines("a = 3", "a*x", "del a", "a*x", "d/da a^2"));
    expect(run).toEqual({ stdout: "a = 3\n3*x\na is no longer defined\na*x\n2*a\n", stderr: "", status: 0 });
  });

  it("forgets functions too, and several names at once", async () => {
    const run = await symdiff(["repl"], lines("g(t) = t^2", "k = 2", "g(k)", "del g, k", "g(3)"));
    expect(run.stdout).toBe("g(t) = t^2\nk = 2\n4\ng, k are no longer defined\n");
    // g is no function any more: g(3) is an unknown function (the parser says how to write a product instead).
    expect(run.stderr).toContain("error (line 5): unknown function 'g'");
    expect(run.status).toBe(2);
    const unset = await symdiff(["repl"], lines("g(t) = t^2", ":unset g", ":vars"));
    expect(unset.stdout).toBe("g(t) = t^2\ng is no longer defined\nno definitions yet (define one with f = x^2*y)\n");
  });

  it("says when a name is not defined, or no name is given", async () => {
    const run = await symdiff(["repl"], lines("del q", ":unset"));
    expect(run.stderr).toBe(
      "error (line 1): q is not defined (:vars lists the definitions)\nerror (line 2): write the names to forget, as in :unset x\n",
    );
    expect(run.status).toBe(2);
  });

  it("del alone is an expression (a variable named del), and :help lists del", async () => {
    const run = await symdiff(["repl"], lines("del", "2*del", ":help"));
    expect(run.stdout.split("\n").slice(0, 2)).toEqual(["del", "2*del"]);
    expect(run.stdout).toContain("del <name>");
    expect(run.stdout).toContain(":ln");
  });
});

describe.concurrent("a definition that takes over a variable's name", () => {
  it("a value: a note that says what changes and how to undo it", async () => {
    const run = await symdiff(["repl"], lines("f = x^2", "x = 3", "f", "x"));
    expect(run.stdout).toBe(
      [
        "f = x^2",
        "x = 3",
        "note: x was a variable; later lines replace x by this value (d/dx still treats x as the variable).",
        "      ':unset x' makes x a variable again.",
        "x^2", // f was captured when x was a variable
        "3",
        "",
      ].join("\n"),
    );
  });

  it("a function: a note that the name alone no longer reads as the variable", async () => {
    const run = await symdiff(["repl"], lines("2*g + x", "g(t) = t^2", "g(3)"));
    expect(run.stdout).toBe(
      [
        "2*g + x",
        "g(t) = t^2",
        "note: g was a variable; from now on g is this function, called as g(...), and g alone is an error.",
        "      ':unset g' makes g a variable again.",
        "9",
        "",
      ].join("\n"),
    );
  });

  it("no note for a name never used as a variable, nor for redefining", async () => {
    const run = await symdiff(["repl"], lines("g(t) = t^2", "g(t) = t^3", "a = 1", "a = 2"));
    expect(run.stdout).toBe("g(t) = t^2\ng(t) = t^3\na = 1\na = 2\n");
  });
});

describe.concurrent("the piped REPL's exit code", () => {
  it("is 1 when a check finds an answer incorrect, with the verdict still printed", async () => {
    const run = await symdiff(["repl"], lines("check d/dx x^2 = 3x", "x + x"));
    expect(run.stdout.split("\n")[0]).toBe("incorrect: the derivative is 2*x");
    expect(run.stdout).toContain("\n2*x\n"); // the session went on
    expect([run.stderr, run.status]).toEqual(["", 1]);
  });

  it("is 0 when every check is correct", async () => {
    const run = await symdiff(["repl"], lines("check d/dx x^2 = 2x", "check (x + 1)^2 = x^2 + 2x + 1"));
    expect([run.stdout, run.status]).toEqual(["correct (simplified the difference to 0)\ncorrect (simplified the difference to 0)\n", 0]);
  });

  it("an incorrect check outranks a bad line (1 over 2), as in symdiff check", async () => {
    const run = await symdiff(["repl"], lines("x +", "check x^2 = x^3"));
    expect(run.status).toBe(1);
    const bad = await symdiff(["repl"], lines("check d/dx x^2 = 2x", "x +"));
    expect(bad.status).toBe(2); // a later correct check does not hide it, nor does an earlier one
  });
});
