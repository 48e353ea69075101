/**
 * The textbook spelling `ln(x)`, `e^x` (issue 17): `format(e, { ln: true })` in the library, `--ln` on the command
 * line, `:ln` in the REPL. Expected texts are written by hand; the round trip is checked against the parser, which
 * must read every printed text back to the very same (interned) expression.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { build, diff, parse } from "../../src/index.js";
import { format } from "../../src/print/text.js";
import { readCorpus } from "../core/corpus-cases.js";
import { expression, expressionWithAbs } from "../support/arbitraries.js";
import { symdiff } from "./run.js";

const ln = (text: string) => format(parse(text), { ln: true });

describe("format(e, { ln: true })", () => {
  it.each([
    ["log(x)", "ln(x)"],
    ["exp(x)", "e^x"],
    ["e", "e"],
    ["exp(-1)", "e^(-1)"],
    ["x*exp(-x)", "x*e^(-x)"],
    ["exp(2*x + 1)", "e^(2*x + 1)"],
    ["exp(x^2)", "e^(x^2)"],
    ["-exp(x)", "-e^x"],
    ["2*exp(x)/y", "2*e^x/y"],
    // e^u binds as a power: as an exponent it is parenthesised (x^e^x would be right, but hard to read)
    ["x^exp(x)", "x^(e^x)"],
    ["sin(exp(x))", "sin(e^x)"],
    ["log(x, 2)", "ln(x)/ln(2)"],
    ["log(x)^2*exp(y)", "e^y*ln(x)^2"],
    ["log2(x) + log10(x)", "log10(x) + log2(x)"], // other logarithms keep their names
  ])("%s → %s", (text, expected) => {
    expect(ln(text)).toBe(expected);
  });

  it("leaves the default spelling alone, also for exprs.map(format)", () => {
    expect(format(parse("x*exp(x) + log(x)"))).toBe("x*exp(x) + log(x)");
    expect(format(parse("exp(x)"), {})).toBe("exp(x)");
    expect([parse("exp(x)"), parse("log(y)")].map(format)).toEqual(["exp(x)", "log(y)"]);
  });

  const roundTrip = (e: ReturnType<typeof parse>) => expect(parse(format(e, { ln: true }))).toBeExpr(e);

  it("reads back to the same expression: every corpus expression and its derivative", () => {
    const cases = [...readCorpus("corpus-sample"), ...readCorpus("corpus-generated")];
    expect(cases.length).toBeGreaterThan(400);
    let withExp = 0;
    for (const c of cases) {
      const e = parse(c.expr);
      const d = diff(e, c.wrt, c.order);
      for (const x of [e, d]) {
        roundTrip(x);
        if (/\be\^|\bln\(/.test(format(x, { ln: true }))) withExp++;
      }
    }
    expect(withExp).toBeGreaterThan(50); // the corpora do exercise the new spelling
  });

  it("reads back to the same expression: random expressions and their derivatives", () => {
    fc.assert(
      fc.property(fc.oneof(expression(4), expressionWithAbs(3)), (e) => {
        roundTrip(e);
        roundTrip(diff(e, "x"));
      }),
      { numRuns: 400 },
    );
  });

  it("prints deep expressions the same way (the printer's iterative path)", () => {
    let e = build.sym("x");
    for (let i = 0; i < 150; i++) e = build.call("log", [build.call("cosh", [build.call("exp", [build.call("sin", [e])])])]);
    const text = format(e, { ln: true });
    expect(text.startsWith("ln(cosh(e^sin(ln(cosh(e^sin(")).toBe(true);
    expect(text).not.toMatch(/exp|log/);
    roundTrip(e);
  });
});

describe.concurrent("--ln and :ln", () => {
  const ok = (stdout: string) => ({ stdout, stderr: "", status: 0 });

  it("diff, simplify, grad, hessian and eval print ln and e^x with --ln", async () => {
    // d/dx (x e^x + ln x) = x e^x + e^x + 1/x
    expect(await symdiff(["diff", "x*exp(x) + log(x)", "--ln"])).toEqual(ok("x*e^x + e^x + 1/x\n"));
    expect(await symdiff(["simplify", "exp(x)*exp(log(y))", "--ln"])).toEqual(ok("y*e^x\n"));
    expect(await symdiff(["grad", "exp(x*y)", "--ln"])).toEqual(ok("d/dx = y*e^(x*y)\nd/dy = x*e^(x*y)\n"));
    expect(await symdiff(["hessian", "log(x)", "--ln"])).toEqual(ok("[-1/x^2]\n"));
    expect(await symdiff(["eval", "log(x)", "--at", "x=2", "--ln"])).toEqual(ok(`ln(2) ≈ ${Math.log(2)}\n`));
    const json = JSON.parse((await symdiff(["diff", "exp(2*x)", "--ln", "--json"])).stdout);
    expect([json.result, json.latex]).toEqual(["2*e^(2*x)", "2 e^{2 x}"]);
  });

  it("the REPL's :ln switches the spelling on and off", async () => {
    const run = await symdiff(["repl"], ":ln\nd/dx x*exp(x)\nlog(x) + y\n:ln\nlog(x) + y\n");
    expect(run).toEqual(ok("ln(x) and e^x on\n(x + 1)*e^x\ny + ln(x)\nlog(x) and exp(x) again\ny + log(x)\n"));
  });
});
