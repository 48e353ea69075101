/** Property tests: derivatives against central differences, print/parse round trips, and a parser fuzz test. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { build, diff, evaluate, format, parse, ParseError, simplify, SymdiffError } from "../../src/index.js";
import { expression, point } from "../support/arbitraries.js";
import { centralDifference, close } from "../support/numeric.js";

describe("derivatives agree with central differences", () => {
  it.each(["x", "y"])("∂/∂%s of random expressions", (v) => {
    let compared = 0;
    fc.assert(
      fc.property(expression(), fc.array(point, { minLength: 3, maxLength: 3 }), (f, points) => {
        const d = diff(f, v);
        for (const at of points) {
          const numeric = centralDifference(f, v, at);
          if (numeric === undefined || Math.abs(numeric) > 1e6) continue;
          const symbolic = evaluate(d, at);
          compared++;
          if (!close(symbolic, numeric, 1e-5)) {
            throw new Error(`d/d${v} ${format(f)} = ${format(d)} at ${JSON.stringify(at)}: ${symbolic} vs ${numeric}`);
          }
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
    expect(compared).toBeGreaterThan(300); // the oracle was usable at most points
  });

  it("second derivatives too", () => {
    fc.assert(
      fc.property(expression(3), point, (f, at) => {
        const numeric = centralDifference(diff(f, "x"), "x", at);
        if (numeric === undefined || Math.abs(numeric) > 1e6) return;
        const symbolic = evaluate(diff(f, "x", 2), at);
        expect(close(symbolic, numeric, 1e-5), `${format(f)} at ${JSON.stringify(at)}`).toBe(true);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe("printing", () => {
  it("parse(format(e)) is e", () => {
    fc.assert(
      fc.property(expression(), (e) => {
        expect(format(parse(format(e)))).toBe(format(e));
        expect(parse(format(e))).toBe(e);
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("round-trips derivatives and simplified forms", () => {
    fc.assert(
      fc.property(expression(3), (e) => {
        for (const x of [diff(e, "x"), simplify(e)]) {
          expect(format(parse(format(x)))).toBe(format(x));
          expect(parse(format(x)), format(x)).toBe(x);
        }
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});

describe("simplify keeps values", () => {
  it("simplify(e) equals e numerically", () => {
    fc.assert(
      fc.property(expression(), point, (e, at) => {
        const before = evaluate(e, at);
        const after = evaluate(simplify(e), at);
        if (!Number.isFinite(before) || Math.abs(before) > 1e8) return;
        expect(close(before, after, 1e-8), `${format(e)} → ${format(simplify(e))} at ${JSON.stringify(at)}`).toBe(true);
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});

describe("canonical constructors", () => {
  // Two-operand sums and products take a shortcut; it must build exactly what the general case builds.
  const { add, mul, num, call, div } = build;
  const undefinedQuotient = div(num(0), num(0)); // 0/0, kept as 0*0^-1

  it("give one form whatever the grouping: a + b = a + b + 0, a*b = a*b*1", () => {
    fc.assert(
      fc.property(expression(3), expression(3), (a, b) => {
        expect(add(a, b)).toBe(add(a, b, num(0)));
        expect(add(a, b)).toBe(add(b, a));
        expect(mul(a, b)).toBe(mul(a, b, num(1)));
        expect(mul(a, b)).toBe(mul(b, a));
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  it("treat a 0/0 term the same with two operands as with more", () => {
    const log = call("log", [build.sym("x")]);
    expect(add(log, undefinedQuotient)).toBe(add(log, undefinedQuotient, num(0)));
    expect(add(num(2), undefinedQuotient)).toBe(add(num(2), undefinedQuotient, num(0)));
  });
});

describe("parser fuzz", () => {
  const alphabet = fc.constantFrom(..."xy2.e+-*/^()sin, π#".split(""), "sin(", "**", " ", "log(");
  it("random strings parse or throw ParseError, nothing else", () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join("")), (text) => {
        try {
          const e = parse(text);
          expect(parse(format(e))).toBe(e);
        } catch (error) {
          if (!(error instanceof SymdiffError)) throw error;
          if (error instanceof ParseError) {
            expect(error.offset).toBeGreaterThanOrEqual(0);
            expect(error.offset).toBeLessThanOrEqual(text.length);
          }
        }
      }),
      { numRuns: 3000, seed: 14 },
    );
  });
});
