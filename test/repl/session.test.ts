/** The meaning of REPL lines, without a terminal: Session.execute, completion and the history file. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, DomainError, ParseError, SymdiffError } from "../../src/index.js";
import { complete } from "../../src/repl/complete.js";
import { appendHistory, HISTORY_SIZE, historyPath, loadHistory } from "../../src/repl/history.js";
import { Session } from "../../src/repl/session.js";

/** A session that has run `lines`, returning what the last one printed. */
function after(...lines: string[]): { session: Session; output: string | undefined } {
  const session = new Session();
  let output: string | undefined;
  for (const line of lines) output = session.execute(line);
  return { session, output };
}

const out = (...lines: string[]) => after(...lines).output;

function parseErrorOf(line: string, ...before: string[]): ParseError {
  const { session } = after(...before);
  try {
    session.execute(line);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`no error for ${line}`);
}

describe("REPL lines", () => {
  it("simplifies expressions", () => {
    expect(out("x + x")).toBe("2*x");
    expect(out("sin(x)^2 + cos(x)^2")).toBe("1");
    expect(out("   ")).toBeUndefined();
  });

  it("defines values and functions, and uses them", () => {
    expect(out("f = x^2*y + sin(y)")).toBe("f = x^2*y + sin(y)");
    expect(out("g(x, y) = x*y")).toBe("g(x, y) = x*y");
    expect(out("f = x^2*y + sin(y)", "diff(f, y)")).toBe("x^2 + cos(y)");
    expect(out("g(x, y) = x*y", "g(2, 3)")).toBe("6");
    expect(out("g(x, y) = x*y", "g(y, x + 1)")).toBe("y*(x + 1)");
    expect(out("f = x^2", "g(t) = t + f", "g(3)")).toBe("x^2 + 3");
  });

  it("captures definitions by value", () => {
    expect(out("f = x^2", "h = f + 1", "f = x^3", "h")).toBe("x^2 + 1");
  });

  it("differentiates with d/dx, dN/dxN, greek variables and diff()", () => {
    expect(out("f = x^2*y + sin(y)", "d/dx f")).toBe("2*x*y");
    expect(out("d2/dx2 x^4")).toBe("12*x^2");
    expect(out("d/dx2 x2^2")).toBe("2*x2"); // no order on top: the variable is x2
    expect(out("d3/dx2 x2^4")).toBe("24*x2"); // the third derivative in x2, which the expression has
    // Without an x2 in the expression, mismatched orders are a typo: an error that says how to write it, not 0.
    expect(() => out("d3/dx2 x^3")).toThrow("write d3/dx3");
    expect(out("d/dθ sin(θ)")).toBe("cos(θ)");
    expect(out("d/dx(x^3)")).toBe("3*x^2");
    expect(out("diff(diff(x^2*y^2, x), y)")).toBe("4*x*y");
  });

  it("evaluates at a point, exactly, with the decimal value of a constant result", () => {
    // f(1, 2) = 1*2 + sin(2)
    expect(out("f = x^2*y + sin(y)", "f at x=1, y=2")).toBe(`sin(2) + 2 ≈ ${2 + Math.sin(2)}`);
    expect(out("x^2*y at x=1/2")).toBe("y/4");
    expect(out("x^2 at x=3")).toBe("9");
    expect(out("d/dx x^3 at x=2")).toBe("12");
  });

  it("says why a constant or a point has no real value (and the session goes on)", () => {
    expect(() => out("1/x at x=0")).toThrow(new DomainError("no real value: division by zero"));
    expect(() => out("log(-1)")).toThrow(new DomainError("no real value: log(-1) is not a real number"));
    expect(out("x^(1/3) at x=-8")).toBe("-2");
  });

  it("prints gradients and Hessians", () => {
    expect(out("f = x^2*y + sin(y)", "grad f")).toBe("d/dx = 2*x*y\nd/dy = x^2 + cos(y)");
    expect(out("hessian x^2*y + sin(y)")).toBe("[2*y, 2*x]\n[2*x, -sin(y)]");
  });

  it("switches to LaTeX, or prints one line as LaTeX", () => {
    expect(out("latex x^2/(x + 1)")).toBe("\\frac{x^{2}}{x + 1}");
    expect(out("latex x*x at x=y")).toBe("y^{2}");
    expect(out("latex x", "x^2")).toBe("x^2"); // one line only
    expect(out("latex d/dx x^2*y")).toBe("2 x y"); // any line, not only expressions
    expect(out("latex grad x*y")).toBe("\\begin{pmatrix} y \\\\ x \\end{pmatrix}");
    expect(out(":latex")).toBe("LaTeX output on");
    expect(out(":latex", "d/dx x^3")).toBe("3 x^{2}");
    expect(out(":latex", "grad x*y")).toBe("\\begin{pmatrix} y \\\\ x \\end{pmatrix}");
    expect(out(":latex", ":latex", "x^2")).toBe("x^2");
  });

  it("lists definitions and commands", () => {
    expect(out(":vars")).toContain("no definitions");
    expect(out("f = x^2", "g(a) = a + 1", ":vars")).toBe("f = x^2\ng(a) = a + 1");
    const help = out(":help")!;
    for (const example of ["f = x^2*y + sin(y)", "g(x, y) = x*y", "f at x=1, y=2", "d2/dx2", "grad", ":vars", ":quit"]) {
      expect(help).toContain(example);
    }
  });

  it("leaves on :quit", () => {
    expect(after(":quit").session.done).toBe(true);
    expect(after(":q").session.done).toBe(true);
    expect(after("x").session.done).toBe(false);
  });

  it("says a constant's gradient and Hessian are empty rather than printing nothing", () => {
    expect(out("grad 5")).toBe("note: '5' has no variables, so its gradient is empty (every derivative of a constant is 0)");
    expect(out("f = 2", "hessian f")).toBe("note: 'f' has no variables, so its Hessian is empty (every derivative of a constant is 0)");
    expect(out("grad pi^2 + e")).toMatch(/^note: 'pi\^2 \+ e' has no variables, so its gradient is empty/);
    // Not an error: a piped session goes on and exits 0.
    expect(after("grad 5").session.failed).toBe(false);
  });

  it("refuses a derivative order too large to be exact rather than rounding it", () => {
    // 10^20 - 1 ≡ 3 (mod 4) would be d³/dx³ sin(x) = -cos(x), but as a double it is 10^20 ≡ 0, giving sin(x).
    expect(() => out(`d${"9".repeat(20)}/dx sin(x)`)).toThrow(ArgumentError);
    expect(out(`d${2 ** 53 - 1}/dx sin(x)`)).toBe("-cos(x)"); // 2^53 - 1 ≡ 3 (mod 4)
  });

  it("names a mistyped : command as such", () => {
    expect(() => out(":foo")).toThrow(new ArgumentError("unknown command ':foo' (:help lists the commands)"));
  });

  it("reads a command word alone as an expression", () => {
    expect(out("grad")).toBe("grad");
  });
});

describe("REPL errors", () => {
  it("point into the line, wherever the bad part is", () => {
    expect(parseErrorOf("x^2 + )").column).toBe(7);
    expect(parseErrorOf("f = x^2 + )").column).toBe(11);
    expect(parseErrorOf("d/dx x^2 + )").column).toBe(12);
    expect(parseErrorOf("x at x=2*)").column).toBe(10);
    expect(parseErrorOf("grad (x")).toMatchObject({ offset: 5, reason: "unclosed '('" }); // at the bracket left open
  });

  it("say what is wrong with definitions and calls", () => {
    const { session } = after("g(x, y) = x*y");
    expect(() => session.execute("sin = 3")).toThrow(ArgumentError);
    expect(() => session.execute("diff(x) = 3")).toThrow(/built in/);
    expect(() => session.execute("h(x, x) = x")).toThrow(/repeated/);
    expect(() => session.execute("g(1)")).toThrow(/g expects 2 arguments, got 1/);
    expect(() => session.execute("diff(x^2, 2)")).toThrow(/must be a variable/);
    expect(() => session.execute("x at 2=1")).toThrow(ParseError);
    // the session still works
    expect(session.execute("g(2, 5)")).toBe("10");
  });
});

describe("any line", () => {
  it("prints something or fails with a SymdiffError, never anything else", () => {
    const pieces = ["f", "g", "x", "y", "1", "2", " ", "=", "(", ")", ",", "+", "-", "*", "/", "^", "at ", "d/dx ", "d2/dy2 ",
      "diff(", "sin(", "grad ", "hessian ", "latex ", ":vars", ":latex", "0", "e", "pi", "θ", ".", "#"];
    const line = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(""));
    const session = new Session();
    session.execute("f = x^2*y + sin(y)");
    session.execute("g(x, y) = x*y");
    fc.assert(
      fc.property(line, (text) => {
        try {
          session.execute(text);
        } catch (e) {
          if (!(e instanceof SymdiffError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("tab completion", () => {
  it("completes function names with their parenthesis, and defined names", () => {
    const { session } = after("speed = 3", "sq(t) = t^2");
    const [hits, word] = complete("1 + si", session);
    expect(word).toBe("si");
    expect(hits).toEqual(["sigmoid(", "sign(", "sin(", "sinh("]);
    expect(complete("2*sp", session)[0]).toEqual(["speed"]);
    expect(complete("sq", session)[0]).toEqual(["sq(", "sqrt("]);
    expect(complete(":v", session)).toEqual([[":vars"], ":v"]);
    expect(complete("x + ", session)[0]).toEqual([]);
  });
});

describe("history file", () => {
  const dir = mkdtempSync(join(tmpdir(), "symdiff-history-"));

  it("lives in the home directory unless SYMDIFF_HISTORY says otherwise (empty: none)", () => {
    expect(historyPath({ HOME: "/home/ada" })).toMatch(/\.symdiff_history$/);
    expect(historyPath({ SYMDIFF_HISTORY: "/tmp/h" })).toBe("/tmp/h");
    expect(historyPath({ SYMDIFF_HISTORY: "" })).toBeUndefined();
  });

  it("appends entries and keeps the newest HISTORY_SIZE", () => {
    const file = join(dir, "history");
    expect(loadHistory(file)).toEqual([]);
    expect(appendHistory(file, "x^2")).toBe(true);
    expect(appendHistory(file, "d/dx x^2")).toBe(true);
    expect(loadHistory(file)).toEqual(["x^2", "d/dx x^2"]);
    writeFileSync(file, Array.from({ length: HISTORY_SIZE + 5 }, (_, i) => `line ${i}`).join("\n"));
    const kept = loadHistory(file);
    expect(kept).toHaveLength(HISTORY_SIZE);
    expect(kept[0]).toBe("line 5");
    expect(readFileSync(file, "utf8").split("\n").filter(Boolean)).toHaveLength(HISTORY_SIZE);
  });

  it("fails softly when the file cannot be written", () => {
    expect(appendHistory(join(dir, "missing-dir", "history"), "x")).toBe(false);
  });
});

describe("a name given a value (issue 15, class 7)", () => {
  it("warns when a variable gets a value, and says how to undo it", () => {
    const { output } = after("f = x^2", "x = 3");
    expect(output).toMatch(/^x = 3\nnote: x was a variable; later lines replace x by this value/);
    expect(output).toContain("':unset x'");
    // A name never used as a variable is a parameter like any other: no warning.
    expect(out("a = 3")).toBe("a = 3");
    // Redefining a value is not news either.
    expect(out("f = x^2", "x = 3", "x = 4")).toBe("x = 4");
  });

  it("warns also when the variable was only used in an expression", () => {
    expect(out("d/dx x^2", "x = 3")).toMatch(/^x = 3\nnote: x was a variable/);
  });

  it("differentiates with respect to a defined name as a variable, with a note", () => {
    // d/dx x^2*y with x = 3 and y = 2: x stays the variable (2*x*y), y takes its value: 4*x.
    const output = out("x = 3", "y = 2", "d/dx x^2*y");
    expect(output!.split("\n")[0]).toBe("4*x");
    expect(output).toMatch(/note: x is defined as 3; d\/dx treats x as the variable/);
    // d/dy keeps y: x^2 with x = 3 is 9.
    expect(out("x = 3", "y = 2", "d/dy x^2*y")!.split("\n")[0]).toBe("9");
    expect(out("x = 3", "d2/dx2 x^3")!.split("\n")[0]).toBe("6*x");
    // Evaluated at a point on request.
    expect(out("x = 3", "d/dx x^3 at x=2")!.split("\n")[0]).toBe("12");
  });

  it("diff(expr, x) inside an expression differentiates by x and then uses the value of x", () => {
    // d/dx x^2 = 2x, at x = 3: 6 (not d/dx of 9 = 0).
    expect(out("x = 3", "diff(x^2, x) + 1")).toBe("7");
  });

  it("steps and check treat the derivative's variable as a variable", () => {
    const checked = out("x = 3", "check d/dx x^2 = 2x");
    expect(checked).toMatch(/^correct/);
    expect(checked).toContain("note: x is defined as 3");
    expect(out("x = 3", "steps d/dx x^2")).toMatch(/d\/dx\[x\^2\] = 2\*x/);
  });

  it(":unset makes the name a variable again", () => {
    const { session } = after("x = 3", "f = x + 1");
    expect(session.execute("x^2")).toBe("9");
    expect(session.execute(":unset x")).toBe("x is no longer defined");
    expect(session.execute("x^2")).toBe("x^2");
    expect(session.execute("d/dx x^2")).toBe("2*x");
    // Definitions are values: f stays 4.
    expect(session.execute("f")).toBe("4");
    expect(() => session.execute(":unset x")).toThrow(/x is not defined/);
    expect(() => session.execute(":unset")).toThrow(ArgumentError);
    expect(session.execute(":help")).toContain(":unset <name>");
  });
});

describe("module structure", () => {
  it("no REPL command module imports session.ts (session.ts imports the command table)", () => {
    for (const file of ["command.ts", "commands.ts", "builtins.ts", "complete.ts"]) {
      expect(readFileSync(join(__dirname, "../../src/repl", file), "utf8")).not.toMatch(/from "\.\/session\.js"/);
    }
    expect(readFileSync(join(__dirname, "../../src/homework/repl.ts"), "utf8")).not.toMatch(/session\.js"/);
  });
});

describe("tangent lines and implicit differentiation (issue 18)", () => {
  it("tangent <expr> at x=a: the line, exact, with definitions and LaTeX", () => {
    expect(out("tangent x^2 at x=2")).toBe("y = 4*x - 4");
    expect(out("tangent sin(x) at x=pi/6")).toBe("y = sqrt(3)*x/2 - sqrt(3)*pi/12 + 1/2");
    // f(1) = a, f'(1) = 3a, intercept a - 3a
    expect(out("f = a*x^3", "tangent f at x=1")).toBe("y = 3*a*x - 2*a");
    expect(out(":latex", "tangent x^2 at x=2")).toBe("y = 4 x - 4");
    // x has a value in the session, but stays the variable of the graph
    expect(out("x = 5", "tangent x^2 at x=1")).toMatch(/^y = 2\*x - 1\nnote: x is defined as 5/);
  });

  it("tangent refuses a point without a tangent line, and a line without a point", () => {
    expect(() => out("tangent 1/x at x=0")).toThrow(DomainError);
    expect(() => out("tangent x^2")).toThrow("write the point after 'at'");
    expect(() => out("tangent x^2 at x=1, y=2")).toThrow(ArgumentError);
  });

  it("implicit dy/dx <equation>: -F_x/F_y; d2y/dx2 for the second derivative", () => {
    expect(out("implicit dy/dx x^2 + y^2 = 1")).toBe("-x/y");
    expect(out("implicit d2y/dx2 x^2 + y^2 = 1")).toBe("-(x^2 + y^2)/y^3");
    expect(out("implicit dy/dx x^3 + y^3 - 6x*y")).toBe("(2*y - x^2)/(y^2 - 2*x)");
    expect(out("r = 2", "implicit dv/du u^2 + v^2 = r^2")).toBe("-u/v");
    expect(out(":latex", "implicit dy/dx x^2 + y^2 = 1")).toBe("\\frac{dy}{dx} = -\\frac{x}{y}");
    expect(() => out("implicit x^2 + y^2 = 1")).toThrow("write the derivative first");
  });

  it("steps and check take an order; steps dy/dx works implicitly", () => {
    const second = out("steps d2/dx2 x^3")!;
    expect(second).toContain("Second derivative:");
    expect(second.trimEnd().endsWith("d/dx[3*x^2] = 6*x")).toBe(true);
    expect(out("check d2/dx2 x^3 = 6x")).toMatch(/^correct/);
    expect(out("check d3/dx3 x^3 = 5")).toMatch(/^incorrect: the derivative of order 3 is 6/);
    const implicit = out("steps dy/dx x^2 + y^2 = 1")!;
    expect(implicit).toContain("2*x + 2*y*y' = 0");
    expect(implicit.trimEnd().endsWith("y' = -x/y")).toBe(true);
  });

  it("help lists the new commands", () => {
    const help = out(":help")!;
    expect(help).toContain("tangent <expr> at x=a");
    expect(help).toContain("implicit dy/dx <equation>");
    expect(help).toContain("steps dN/dxN <expr>");
  });
});
