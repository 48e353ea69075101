/**
 * Checking an implicit derivative on its curve (src/homework/curve-check.ts). The derivatives are worked by hand:
 * on x^2 + y^2 = 1, y' = -x/y, y'' = -1/y^3 (on the curve), y''' = 3y'/y^4 = -3x/y^5; on x*y = 1, y' = -y/x, which
 * on the curve is -1/x^2 and -y^2; on x^3 + y^3 = 6xy, y' = (2y - x^2)/(y^2 - 2x); on 1/y = x, y' = -y^2 = -1/x^2.
 * Every reported point is checked to lie on the curve, and the values there are recomputed independently.
 */
import { describe, expect, it } from "vitest";
import { checkOnCurve, type CurveCheckResult } from "../../src/homework/curve-check.js";
import { implicitCurve, implicitDiff } from "../../src/implicit.js";
import { checkImplicit, evaluate, parse } from "../../src/index.js";

function onCurve(equation: string, answer: string, order = 1, options = {}, y = "y", x = "x"): CurveCheckResult {
  const curve = implicitCurve(equation, y, x);
  return checkOnCurve(parse(answer), implicitDiff(curve, y, x, order), curve, options);
}

/** The reported point is on the curve (|left - right| tiny beside the sizes involved) and the values are right. */
function expectCounterexampleOnCurve(r: CurveCheckResult, residual: (p: Record<string, number>) => number, answer: (p: Record<string, number>) => number, derivative: (p: Record<string, number>) => number) {
  expect(r).toMatchObject({ equivalent: false, method: "numeric", compared: "curve", solvedFor: "y" });
  const p = r.point!;
  expect(Math.abs(residual(p))).toBeLessThan(1e-12);
  expect(r.values![0]).toBeCloseTo(answer(p), 10);
  expect(r.values![1]).toBeCloseTo(derivative(p), 10);
  expect(Math.abs(r.values![0] - r.values![1])).toBeGreaterThan(1e-6);
}

describe("checkOnCurve", () => {
  it("an answer equal as an expression is decided symbolically, as check decides it", () => {
    expect(onCurve("x^2 + y^2 = 1", "-x/y")).toEqual({ equivalent: true, method: "symbolic", compared: "expressions" });
    expect(onCurve("x^3 + y^3 = 6x*y", "(2y - x^2)/(y^2 - 2x)")).toMatchObject({ equivalent: true, compared: "expressions" });
  });

  it("answers right only on the curve are right: -1/x^2 and -y^2 on x*y = 1, -1/y^3 and -3x/y^5 on the circle", () => {
    for (const [equation, answer, order] of [
      ["x*y = 1", "-1/x^2", 1],
      ["x*y = 1", "-y^2", 1],
      ["x^2 + y^2 = 1", "-1/y^3", 2],
      ["x^2 + y^2 = 1", "-3x/y^5", 3],
      ["exp(y) = x", "1/x", 1],
      ["x^2 + y^2 = a^2", "-a^2/y^3", 2], // with a parameter: -(x^2 + y^2)/y^3 on the curve
    ] as const) {
      const r = onCurve(equation, answer, order);
      expect(r, `${equation}: ${answer}`).toMatchObject({ equivalent: true, method: "numeric", compared: "curve", solvedFor: "y" });
      expect(r.note).toMatch(/^equal on the curve .*, though not off it \(as expressions in (a, )?x and y they differ\)$/);
    }
  });

  it("a wrong answer gets a point of the curve and both values there", () => {
    expectCounterexampleOnCurve(
      onCurve("x^2 + y^2 = 1", "x/y"),
      (p) => p.x! ** 2 + p.y! ** 2 - 1,
      (p) => p.x! / p.y!,
      (p) => -p.x! / p.y!,
    );
    // The circle's second derivative with the wrong sign: 1/y^3 against -(x^2 + y^2)/y^3.
    expectCounterexampleOnCurve(
      onCurve("x^2 + y^2 = 1", "1/y^3", 2),
      (p) => p.x! ** 2 + p.y! ** 2 - 1,
      (p) => 1 / p.y! ** 3,
      (p) => -(p.x! ** 2 + p.y! ** 2) / p.y! ** 3,
    );
    expectCounterexampleOnCurve(
      onCurve("x^3 + y^3 = 6x*y", "(2y + x^2)/(y^2 - 2x)"),
      (p) => (p.x! ** 3 + p.y! ** 3 - 6 * p.x! * p.y!) / 10,
      (p) => (2 * p.y! + p.x! ** 2) / (p.y! ** 2 - 2 * p.x!),
      (p) => (2 * p.y! - p.x! ** 2) / (p.y! ** 2 - 2 * p.x!),
    );
  });

  it("an answer right on one branch says where it is right", () => {
    const r = onCurve("x^2 + y^2 = 1", "-x/sqrt(1 - x^2)");
    expectCounterexampleOnCurve(r, (p) => p.x! ** 2 + p.y! ** 2 - 1, (p) => -p.x! / Math.sqrt(1 - p.x! ** 2), (p) => -p.x! / p.y!);
    expect(r.point!.y).toBeLessThan(0);
    expect(r.note).toBe("on the curve, the two agree only where y > 0");
    const withParameter = onCurve("x^2 + y^2 = a^2", "-x/sqrt(a^2 - x^2)");
    expectCounterexampleOnCurve(withParameter, (p) => (p.x! ** 2 + p.y! ** 2 - p.a! ** 2) / Math.max(1, p.a! ** 2), (p) => -p.x! / Math.sqrt(p.a! ** 2 - p.x! ** 2), (p) => -p.x! / p.y!);
    expect(withParameter.note).toBe("on the curve, the two agree only where y > 0");
  });

  it("a small difference is still a difference: a relative error of 1e-9 is found", () => {
    const r = onCurve("x^2*y + y^3 = 2", "-2x*y/(x^2 + 3y^2)*(1 + 1e-9)");
    expect(r.equivalent).toBe(false);
    expect(Math.abs(r.point!.x! ** 2 * r.point!.y! + r.point!.y! ** 3 - 2)).toBeLessThan(1e-12);
  });

  it("a sign change of F across a pole is not a point of the curve: on 1/sin(y) = x, -1/(x^2 cos(y)) is right", () => {
    // y' = -sin(y) tan(y) = -sin(y)^2/cos(y), which is -1/(x^2 cos(y)) where sin(y) = 1/x. At y = pi, where 1/sin(y)
    // changes sign through a pole, the answer is about 1/x^2 and the derivative about 0: were it taken for a point
    // of the curve, the answer would be marked wrong.
    expect(onCurve("1/sin(y) = x", "-1/(x^2*cos(y))")).toMatchObject({ equivalent: true, compared: "curve" });
    expect(onCurve("1/y = x", "-1/x^2")).toMatchObject({ equivalent: true, compared: "curve" });
  });

  it("a curve with no real points is compared as expressions, and says so", () => {
    const r = onCurve("x^2 + y^2 = -1", "x/y");
    expect(r).toMatchObject({ equivalent: false, compared: "expressions" });
    expect(r.note).toBe("no point of the curve was found where both are defined, so the two were compared as expressions in x and y");
    expect(evaluate("x^2 + y^2 + 1", r.point!)).toBeGreaterThan(1); // its point is off the (empty) curve, as it must be
  });

  it("is seeded: the same seed gives the same point, another seed another point", () => {
    const [a, b, c] = [1, 1, 2].map((seed) => onCurve("x^2 + y^2 = 1", "x/y", 1, { seed }));
    expect(a!.point).toEqual(b!.point);
    expect(c!.point).not.toEqual(a!.point);
  });
});

describe("checkImplicit (library)", () => {
  it("accepts any form equal on the curve and gives a point of the curve for a wrong answer", () => {
    expect(checkImplicit("-y^2", "x*y = 1", "y", "x")).toMatchObject({ equivalent: true, compared: "curve" });
    expect(checkImplicit("-1/x^2", "x*y = 1", "y", "x").equivalent).toBe(true);
    expect(checkImplicit("-1/y^3", "x^2 + y^2 = 1", "y", "x", 2).equivalent).toBe(true);
    const wrong = checkImplicit("x/y", "x^2 + y^2 = 1", "y", "x");
    expect(wrong.equivalent).toBe(false);
    const { x, y } = wrong.point as Record<string, number>;
    expect(Math.abs(x! ** 2 + y! ** 2 - 1)).toBeLessThan(1e-9); // on the circle
  });

  it("refuses what implicitDiff refuses", () => {
    expect(() => checkImplicit("0", "x = 1", "y", "x")).toThrow("does not involve y");
  });
});
