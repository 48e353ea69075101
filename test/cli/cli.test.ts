/**
 * The `symdiff` command line, run as the real built binary: stdout, stderr and exit codes. Expected outputs are
 * worked by hand (d/dx x^2*y = 2*x*y, ...) or computed independently (Math.sin).
 */
import { readFileSync } from "node:fs";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { ROOT, shell, symdiff } from "./run.js";

const ok = (stdout: string) => ({ stdout, stderr: "", status: 0 });

describe.concurrent("symdiff diff", () => {
  it("differentiates: the main job", async () => {
    expect(await symdiff(["diff", "x^2*y + sin(y)", "--wrt", "y"])).toEqual(ok("x^2 + cos(y)\n"));
  });

  it("takes the only variable by default, and names the candidates when there are several", async () => {
    expect(await symdiff(["diff", "sin(x)^2"])).toEqual(ok("sin(2*x)\n"));
    const several = await symdiff(["diff", "x^2*y + sin(y)"]);
    expect(several.status).toBe(2);
    expect(several.stdout).toBe("");
    expect(several.stderr).toContain("(x, y)");
    expect(several.stderr).toContain("--wrt");
  });

  it("differentiates repeatedly, mixed partials, and evaluates at a point", async () => {
    expect(await symdiff(["diff", "x^3", "--order", "2"])).toEqual(ok("6*x\n"));
    expect(await symdiff(["diff", "x^2*y^3", "--wrt", "x,y"])).toEqual(ok("6*x*y^2\n"));
    // 6*x*y^2 at (1, 2) = 24
    expect(await symdiff(["diff", "x^2*y^3", "--wrt", "x,y", "--at", "x=1,y=2"])).toEqual(ok("6*x*y^2 = 24\n"));
  });

  it("reads an expression that starts with a minus sign as an expression", async () => {
    expect(await symdiff(["diff", "-x^2"])).toEqual(ok("-2*x\n"));
  });

  it("prints LaTeX as a whole equation", async () => {
    const { stdout, status } = await symdiff(["diff", "x^2*y + sin(y)", "--wrt", "x", "--latex"]);
    expect(status).toBe(0);
    expect(stdout).toBe("\\frac{\\partial}{\\partial x}\\left(x^{2} y + \\sin(y)\\right) = 2 x y\n");
    const at = (await symdiff(["diff", "x^3", "--latex", "--at", "x=2"])).stdout.trim();
    expect(at).toBe("\\frac{d}{dx}\\left(x^{3}\\right) = \\left. 3 x^{2} \\right|_{x = 2} = 12");
    katex.renderToString(at, { throwOnError: true });
  });

  it("prints JSON for scripts", async () => {
    const run = await symdiff(["diff", "x^2*y + sin(y)", "--wrt", "x", "--at", "x=1,y=2", "--json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      input: "x^2*y + sin(y)", wrt: ["x"], order: 1, result: "2*x*y", latex: "2 x y", at: { x: 1, y: 2 }, value: 4, exact: "4",
    });
  });

  it("reads expressions from stdin with -, one per line, and goes on past a bad line", async () => {
    const run = await symdiff(["diff", "-", "--wrt", "x"], "x^2\nsin(x) + )\n\nexp(2*x)\n");
    expect(run.stdout).toBe("2*x\n2*exp(2*x)\n");
    expect(run.stderr).toBe("error (line 2): unexpected ')' at column 10, expected an expression\n  sin(x) + )\n           ^\n");
    expect(run.status).toBe(2);
  });

  it("prints one JSON object per line from stdin", async () => {
    const run = await symdiff(["diff", "-", "--json"], "x^2\nt^3\n");
    expect(run.stdout.trim().split("\n").map((l) => JSON.parse(l).result)).toEqual(["2*x", "3*t^2"]);
  });
});

describe.concurrent("the other commands", () => {
  it("grad and hessian: variables in the order given, JSON, LaTeX matrices", async () => {
    expect(JSON.parse((await symdiff(["grad", "w*x + b", "--vars", "w,b", "--json"])).stdout)).toEqual({
      input: "w*x + b", vars: ["w", "b"], gradient: ["x", "1"], latex: ["x", "1"],
    });
    const latex = (await symdiff(["hessian", "x^2*y + sin(y)", "--latex", "--at", "x=1,y=0"])).stdout.trim();
    expect(latex).toBe(
      "\\left. \\begin{pmatrix} 2 y & 2 x \\\\ 2 x & -\\sin(y) \\end{pmatrix} \\right|_{x = 1, y = 0} = \\begin{pmatrix} 0 & 2 \\\\ 2 & 0 \\end{pmatrix}",
    );
    katex.renderToString(latex, { throwOnError: true });
  });

  it("eval: a point with no real value is an error that says where and why", async () => {
    expect(await symdiff(["eval", "x*log(x - 2)", "--at", "x=1"])).toEqual({
      stdout: "",
      stderr: "error: no real value at x=1: log(-1) is not a real number (in log(x - 2))\n",
      status: 2,
    });
    const json = await symdiff(["eval", "1/x", "--at", "x=0", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({ input: "1/x", error: "no real value at x=0: division by zero", kind: "domain" });
    expect([json.stderr, json.status]).toEqual(["error: no real value at x=0: division by zero\n", 2]);
  });

  it("eval: doubles, constants in --at, and missing values", async () => {
    // Exactly where symdiff can (cos(pi/3) = 1/2), with the decimal; the double alone where it cannot (cos(1)).
    expect(await symdiff(["eval", "cos(x)", "--at", "x=pi/3"])).toEqual(ok("1/2 ≈ 0.5\n"));
    expect(await symdiff(["eval", "cos(x)", "--at", "x=1"])).toEqual(ok(`cos(1) ≈ ${Math.cos(1)}\n`));
    const missing = await symdiff(["eval", "x + y", "--at", "x=1"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("'y'");
  });
});

describe.concurrent("errors", () => {
  it("points at the offending column, keeps stdout clean, exits with 2, and has no colour in a pipe", async () => {
    expect(await symdiff(["diff", "x^2*y + )", "--wrt", "x"])).toEqual({
      stdout: "",
      stderr: "error: unexpected ')' at 1:9, expected an expression\n  x^2*y + )\n          ^\n",
      status: 2,
    });
  });

  it("reads everything after -- as the expression", async () => {
    expect(await symdiff(["diff", "--wrt", "x", "--", "-x^2"])).toEqual(ok("-2*x\n"));
  });

  it("takes __proto__ and constructor as variable names in --at", async () => {
    expect(await symdiff(["eval", "constructor + 10*__proto__", "--at", "constructor=1,__proto__=2"])).toEqual(ok("21\n"));
  });

  it("shows a long line only around the error", async () => {
    const run = await symdiff(["diff", `${"x+".repeat(100)})${"+x".repeat(100)}`]);
    const [before, after] = ["x+".repeat(30), `)${"+x".repeat(29)}+`]; // 60 characters on each side
    expect(run.stderr).toBe(`error: unexpected ')' at 1:201, expected an expression\n  …${before}${after}…\n  ${" ".repeat(61)}^\n`);
  });

  it("points into the value of --at", async () => {
    const run = await symdiff(["eval", "x", "--at", "x=2*)"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("error: unexpected ')' at 1:5, expected an expression\n  x=2*)\n      ^\n");
  });

  it.each([
    [["frob"], "unknown command 'frob'"],
    [["diff", "x", "--bogus"], "unknown option '--bogus'"],
    [["diff"], "missing the expression"],
    [["diff", "x", "y"], "expected one expression, got 2"],
    [["diff", "x", "--order", "0"], "--order"],
    [["diff", "x", "--wrt", "2x"], "'2x' is not a variable name"],
    [["eval", "x", "--at", "x1"], "expected name=value"],
    // A value that starts with a minus is the option's value, judged by the option's own check.
    [["diff", "x", "--order", "-1"], "--order: expected a whole number of at least 1, got '-1'"],
    [["train", "--hidden", "-1"], "--hidden: expected a whole number from 0 to 4,096, got '-1'"],
    [["diff", "x", "--order"], "--order needs a value"],
    [["hessian", "x*y", "--vars", "x,x"], "--vars: 'x' is listed twice"],
  ])("symdiff %j: %s", async (args, message) => {
    const run = await symdiff(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
  });
});

describe.concurrent("help and version", () => {
  it("prints the version from package.json", async () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string };
    expect(await symdiff(["--version"])).toEqual(ok(`${version}\n`));
    expect(await symdiff(["-V"])).toEqual(ok(`${version}\n`));
    expect(await symdiff(["-v"])).toEqual(ok(`${version}\n`));
  });

  it("lists every command", async () => {
    const { stdout, status } = await symdiff(["--help"]);
    expect(status).toBe(0);
    for (const c of COMMANDS) expect(stdout).toContain(c.name);
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))("%s has help with usage and examples", (_, command) => {
    expect(command.help).toContain(`Usage: symdiff`);
    expect(command.help).toContain("Examples:");
  });

  it("shows a command's help for --help, -h and symdiff help <command>", async () => {
    const help = COMMANDS.find((c) => c.name === "grad")!.help;
    expect(await symdiff(["grad", "--help"])).toEqual(ok(help));
    expect(await symdiff(["grad", "-h"])).toEqual(ok(help));
    expect(await symdiff(["help", "grad"])).toEqual(ok(help));
  });

  // Every example in the help texts runs, and prints what its comment says (lines joined by ", ").
  const examples = COMMANDS.filter((c) => ["diff", "grad", "hessian", "simplify", "eval", "repl"].includes(c.name))
    .flatMap((c) => c.help.split("\n").filter((l) => /^\s+(symdiff|printf) /.test(l)))
    .map((l) => l.trim())
    .filter((l) => !l.includes(" < "));
  it.each(examples)("example: %s", async (example) => {
    const [commandLine, expected] = example.split(/\s+# /) as [string, string | undefined];
    const run = await shell(commandLine);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    if (expected !== undefined) expect(run.stdout.trim().split("\n").join(", ")).toBe(expected);
  });
});

describe("error reports never echo control characters (issue 15, class 8)", () => {
  it("shows ESC, BEL and other controls as visible symbols, with the caret under the right column", async () => {
    const { stderr, status } = await symdiff(["diff", "x + \u001b[31m\u0007 + )", "--wrt", "x"]);
    expect(status).toBe(2);
    // No C0 control other than the newlines ends up in the output.
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const lines = stderr.split("\n");
    const shown = lines.findIndex((l) => l.includes("x + "));
    const echo = lines[shown]!;
    const caret = lines[shown + 1]!;
    // The error is at the ESC (column 5 of the input): the caret sits under the symbol standing for it.
    expect(echo).toContain("\u241b[31m\u2407");
    expect([...caret].indexOf("^")).toBe([...echo].indexOf("\u241b"));
  });

  it("shows invisible format characters as escapes and keeps the caret aligned after them", async () => {
    const { stderr } = await symdiff(["diff", "x\u202e + )", "--wrt", "x"]);
    expect(stderr).not.toContain("\u202e");
    const lines = stderr.split("\n");
    const shown = lines.findIndex((l) => l.startsWith("  x"));
    expect(lines[shown]).toContain("\\u{202e}");
    const echo = [...lines[shown]!];
    const caretColumn = [...lines[shown + 1]!].indexOf("^");
    // The error is at the override character itself: the caret points at the start of its escape.
    expect(echo.slice(caretColumn).join("")).toMatch(/^\\u\{202e\} \+ \)/);
  });
});
