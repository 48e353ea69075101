/**
 * Implicit differentiation. Expected derivatives are worked by hand (-F_x/F_y); numeric checks compare them, at
 * points of each curve, with the difference quotient of an explicit branch (y = sqrt(1 - x^2) for the circle) or of
 * a branch found by bisection on F itself (the folium), never with our own derivatives.
 */
import { describe, expect, it } from "vitest";
import { ArgumentError, evaluate, format, implicitDiff, parse } from "../../src/index.js";
import { thrown } from "../support/errors.js";

const d = (equation: string, order = 1) => format(implicitDiff(equation, "y", "x", order));

/** The derivative at (x, branch(x)), and the central difference quotient of the branch there. */
function slopes(derivative: string, branch: (x: number) => number, x: number): [number, number] {
  const h = 1e-5;
  return [evaluate(implicitDiff(derivative, "y", "x"), { x, y: branch(x) }), (branch(x + h) - branch(x - h)) / (2 * h)];
}

/** The root of g in [lo, hi], where g changes sign, by bisection. */
function root(g: (y: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (Math.sign(g(mid)) === Math.sign(g(lo))) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("implicitDiff", () => {
  it("the circle: 2x + 2y y' = 0, so y' = -x/y", () => {
    expect(d("x^2 + y^2 = 1")).toBe("-x/y");
    for (const x of [-0.9, -0.3, 0.2, 0.75]) {
      const [exact, numeric] = slopes("x^2 + y^2 = 1", (t) => Math.sqrt(1 - t * t), x);
      expect(exact).toBeCloseTo(numeric, 7);
    }
  });

  it("the folium x^3 + y^3 = 6xy: 3x^2 + 3y^2 y' = 6y + 6x y', so y' = (2y - x^2)/(y^2 - 2x)", () => {
    expect(d("x^3 + y^3 = 6x y")).toBe("(2*y - x^2)/(y^2 - 2*x)");
    // The upper branch for 0 < x < 3: the root in y of x^3 + y^3 - 6xy between the loop's two arcs' ends.
    const branch = (x: number) => root((y) => x ** 3 + y ** 3 - 6 * x * y, Math.sqrt(2 * x) + 1e-9, 10);
    for (const x of [0.5, 1, 2]) {
      const [exact, numeric] = slopes("x^3 + y^3 = 6x y", branch, x);
      expect(exact).toBeCloseTo(numeric, 6);
    }
  });

  it("sin(xy) = x: cos(xy)(y + x y') = 1, so y' = (sec(xy) - y)/x", () => {
    expect(d("sin(x*y) = x")).toBe("(sec(x*y) - y)/x");
    for (const x of [0.2, 0.5, 0.8]) {
      const [exact, numeric] = slopes("sin(x*y) = x", (t) => Math.asin(t) / t, x);
      expect(exact).toBeCloseTo(numeric, 7);
    }
  });

  it("the ellipse x^2/4 + y^2/9 = 1: x/2 + 2y y'/9 = 0, so y' = -9x/(4y)", () => {
    expect(d("x^2/4 + y^2/9 = 1")).toBe("-9*x/(4*y)");
    const [exact, numeric] = slopes("x^2/4 + y^2/9 = 1", (t) => 3 * Math.sqrt(1 - (t * t) / 4), 1.2);
    expect(exact).toBeCloseTo(numeric, 7);
  });

  it("second and third derivatives: the circle's y'' = -(x^2 + y^2)/y^3, which is -1/y^3 on it", () => {
    expect(d("x^2 + y^2 = 1", 2)).toBe("-(x^2 + y^2)/y^3");
    // y''' = d/dx[-(x^2 + y^2) y^-3] with y' = -x/y: -3x(x^2 + y^2)/y^5 (worked by hand)
    expect(d("x^2 + y^2 = 1", 3)).toBe("-3*x*(x^2 + y^2)/y^5");
    const x = 0.4;
    const y = Math.sqrt(1 - x * x);
    expect(evaluate(implicitDiff("x^2 + y^2 = 1", "y", "x", 2), { x, y })).toBeCloseTo(-1 / (1 - x * x) ** 1.5, 12);
  });

  it("takes a definition, an expression F (F = 0) and other names for the variables", () => {
    expect(d("y = x^3", 2)).toBe("6*x");
    expect(d("x^2 + y^2 - 1")).toBe("-x/y");
    expect(format(implicitDiff(parse("u^2 + v^2 - 4"), "v", "u"))).toBe("-u/v");
    expect(format(implicitDiff("x*y = a", "y", "x"))).toBe("-y/x"); // y + x y' = 0
  });

  it("refuses an equation that does not determine dy/dx, and bad arguments", () => {
    expect(thrown(() => implicitDiff("x = 1", "y", "x")).message).toBe("implicitDiff: 'x = 1' does not involve y, so it does not define y as a function of x");
    const flat = thrown(() => implicitDiff("sin(y)^2 + cos(y)^2 = x", "y", "x"));
    expect(flat).toBeInstanceOf(ArgumentError);
    expect(flat.message).toContain("its derivative with respect to y is identically 0");
    expect(thrown(() => implicitDiff("x^2 + y^2 = 1", "x", "x"))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => implicitDiff("x^2 + y^2 = 1", "y", "x", 0))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => implicitDiff("f(x) = x^2", "y", "x")).name).toBe("ParseError");
  });
});
