/**
 * The REPL as a process: with piped stdin (scripted use) and in a pseudo-terminal (a person at a keyboard: prompt,
 * arrow-key history, tab completion, Ctrl-C, errors, Ctrl-D).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { symdiff } from "../cli/run.js";
import { KEY, Terminal } from "./terminal.js";

describe.concurrent("piped REPL", () => {
  it("prints only results, reports a bad line with its number and a caret, goes on, and exits with 2", async () => {
    const transcript = [
      "f = x^2*y + sin(y)",
      "g(x, y) = x*y",
      "d/dx f",
      "diff(f, y)",
      "g(2, 3)",
      "f at x=1, y=2",
      "x^2 + )",
      "grad f",
      ":vars",
    ].join("\n");
    const run = await symdiff(["repl"], transcript);
    expect(run.stdout).toBe(
      [
        "f = x^2*y + sin(y)",
        "g(x, y) = x*y",
        "2*x*y",
        "x^2 + cos(y)",
        "6",
        `sin(2) + 2 ≈ ${2 + Math.sin(2)}`,
        "d/dx = 2*x*y",
        "d/dy = x^2 + cos(y)",
        "f = x^2*y + sin(y)",
        "g(x, y) = x*y",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toBe("error (line 7): unexpected ')' at column 7, expected an expression\n  x^2 + )\n        ^\n");
    expect(run.status).toBe(2);
  });

  it("exits with 0 when every line worked, stops at :quit, and is what symdiff alone starts", async () => {
    expect(await symdiff([], "x + x\n:quit\nthis line is not read (\n")).toEqual({ stdout: "2*x\n", stderr: "", status: 0 });
  });
});

const hasPython = (() => {
  try {
    execFileSync("python3", ["-c", "import pty"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasPython)("REPL in a terminal", () => {
  it("prompts, recalls history, completes, clears on Ctrl-C, recovers from errors and leaves on Ctrl-D", async () => {
    const history = join(mkdtempSync(join(tmpdir(), "symdiff-repl-")), "history");
    writeFileSync(history, "d/dx x^3\n"); // from an earlier session
    const t = new Terminal([], { NO_COLOR: "1", SYMDIFF_HISTORY: history });
    try {
      await t.waitFor(":help");
      await t.waitFor("> ");

      // Up recalls the earlier session's line
      t.type(KEY.up + KEY.enter);
      expect(await t.waitFor("3*x^2")).toContain("d/dx x^3");
      await t.waitFor("> ");

      // Tab completes a function name, with its parenthesis
      t.type(`sigm${KEY.tab}`);
      await t.waitFor("sigmoid(");
      t.type(`0)${KEY.enter}`);
      await t.waitFor("1/2");

      // ... and a defined name
      t.type(`speed = 4${KEY.enter}`);
      await t.waitFor("speed = 4\n");
      t.type(`2*spe${KEY.tab}`);
      await t.waitFor("2*speed");
      t.type(KEY.enter);
      await t.waitFor("8\n");

      // Ctrl-C abandons the line
      t.type("x^2 + 1");
      await t.waitFor("x^2 + 1");
      t.type(KEY.ctrlC);
      await t.waitFor("^C");
      t.type(`2 + 3${KEY.enter}`);
      expect(await t.waitFor("\n5\n")).not.toContain("error");

      // A bad line shows the error with a caret, and the session goes on
      t.type(`x^2 + )${KEY.enter}`);
      expect(await t.waitFor("^\n")).toContain("error: unexpected ')' at 1:7, expected an expression\n  x^2 + )\n        ^");
      t.type(`d/dx speed*x^2${KEY.enter}`);
      await t.waitFor("8*x\n");

      t.type(KEY.ctrlD);
      expect(await t.exited).toBe(0);
    } finally {
      t.close();
    }
    expect(readFileSync(history, "utf8")).toBe("d/dx x^3\nd/dx x^3\nsigmoid(0)\nspeed = 4\n2*speed\n2 + 3\nx^2 + )\nd/dx speed*x^2\n");
  });

  it("colours the prompt and errors unless NO_COLOR is set", async () => {
    const t = new Terminal([], { NO_COLOR: "", SYMDIFF_HISTORY: "" });
    try {
      await t.waitFor("> ");
      t.type(`)${KEY.enter}`);
      await t.waitFor("^\n");
      expect(t.raw).toContain("\x1b[36m> ");
      expect(t.raw).toContain("\x1b[31merror:");
      t.type(`:quit${KEY.enter}`);
      expect(await t.exited).toBe(0);
    } finally {
      t.close();
    }
  });
});
