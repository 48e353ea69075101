/**
 * Tangent lines. Expected lines are worked by hand (slope f'(a), intercept f(a) - a·f'(a)); numeric cross-checks use
 * Math and a central difference quotient of f, never our own derivative.
 */
import { describe, expect, it } from "vitest";
import { ArgumentError, DomainError, evaluate, format, parse, tangent } from "../../src/index.js";
import { thrown } from "../support/errors.js";

const parts = (t: ReturnType<typeof tangent>) => ({
  equation: t.equation,
  slope: format(t.slope),
  intercept: format(t.intercept),
  point: [format(t.point.x), format(t.point.y)],
});

describe("tangent", () => {
  it("x^2 at 2: slope 4, through (2, 4), so y = 4x - 4", () => {
    const t = tangent("x^2", "x", 2);
    expect(parts(t)).toEqual({ equation: "y = 4*x - 4", slope: "4", intercept: "-4", point: ["2", "4"] });
    expect(format(t.line)).toBe("4*x - 4");
    expect(t.latex).toBe("y = 4 x - 4");
    expect([t.variable, t.dependent]).toEqual(["x", "y"]);
  });

  it("sin(x) at pi/6, read exactly: slope sqrt(3)/2, intercept 1/2 - (pi/6)(sqrt(3)/2) = 1/2 - sqrt(3)*pi/12", () => {
    const t = tangent("sin(x)", "x", "pi/6");
    expect(parts(t)).toEqual({ equation: "y = sqrt(3)*x/2 - sqrt(3)*pi/12 + 1/2", slope: "sqrt(3)/2", intercept: "1/2 - sqrt(3)*pi/12", point: ["pi/6", "1/2"] });
    expect(evaluate(t.slope)).toBeCloseTo(Math.cos(Math.PI / 6), 14);
    expect(evaluate(t.intercept)).toBeCloseTo(0.5 - (Math.PI / 6) * Math.cos(Math.PI / 6), 14);
  });

  it("exp(x) at 0 is y = x + 1; an Expr point and a decimal point are exact", () => {
    expect(tangent("exp(x)", "x", 0).equation).toBe("y = x + 1");
    expect(tangent(parse("x^3"), "x", parse("-1")).equation).toBe("y = 3*x + 2"); // (-1)^3 = -1, 3; -1 - (-1)(3) = 2
    expect(tangent("x^2", "x", 0.1).equation).toBe("y = x/5 - 1/100"); // 2(1/10); 1/100 - 2/100
  });

  it("touches the curve with the slope of the difference quotient", () => {
    for (const [f, a, fn] of [
      ["x*exp(-x)", 0.75, (x: number) => x * Math.exp(-x)],
      ["log(x)/x", 2.5, (x: number) => Math.log(x) / x],
      ["atan(x^2)", -1.25, (x: number) => Math.atan(x * x)],
    ] as const) {
      const t = tangent(f, "x", a);
      const h = 1e-5;
      expect(evaluate(t.slope)).toBeCloseTo((fn(a + h) - fn(a - h)) / (2 * h), 8);
      expect(evaluate(t.line, { x: a })).toBeCloseTo(fn(a), 13);
    }
  });

  it("takes a definition, whose name is the left side, and other variables as parameters", () => {
    expect(tangent("y = x^3", "x", "1/2").equation).toBe("y = 3*x/4 - 1/4"); // 3/4; 1/8 - 3/8
    expect(tangent("s = t^2", "t", 3).equation).toBe("s = 6*t - 9");
    const p = tangent("a*x^2", "x", 2); // slope 4a, intercept 4a - 8a
    expect(parts(p)).toEqual({ equation: "y = 4*a*x - 4*a", slope: "4*a", intercept: "-4*a", point: ["2", "4*a"] });
    expect(tangent("x^2", "x", "c").equation).toBe("y = 2*c*x - c^2"); // a symbolic point: c^2 - 2c·c
  });

  it("refuses points where f or f' has no real value, saying why", () => {
    const sqrt = thrown(() => tangent("sqrt(x)", "x", -1));
    expect(sqrt).toBeInstanceOf(DomainError);
    expect(sqrt.message).toBe("no tangent line at x = -1: sqrt(x) has no real value there (sqrt(-1) is not a real number in sqrt(x))");
    expect(thrown(() => tangent("1/x", "x", 0)).message).toBe("no tangent line at x = 0: 1/x has no real value there (division by zero in 1/x)");
    expect(thrown(() => tangent("log(x)", "x", "log(-1)")).message).toContain("the point has no real value (log(-1) is not a real number)");
  });

  it("says when the tangent is vertical, and refuses a corner", () => {
    const cube = thrown(() => tangent("x^(1/3)", "x", 0));
    expect(cube).toBeInstanceOf(DomainError);
    expect(cube.message).toMatch(/^the tangent line at x = 0 is vertical \(x = 0\)/);
    expect(thrown(() => tangent("sqrt(x)", "x", 0)).message).toMatch(/is vertical/); // from the right only
    const corner = thrown(() => tangent("abs(x - 1)", "x", 1));
    expect(corner).toBeInstanceOf(DomainError);
    expect(corner.message).toBe("no tangent line at x = 1: abs(x - 1) has a corner there (the slope is -1 just left of it and 1 just right)");
  });

  it("with parameters, refuses only a point that has no value for any of them", () => {
    expect(tangent("sqrt(c*x)", "x", -1).equation).toBe("y = c*x/(2*sqrt(-c)) - c/(2*sqrt(-c))"); // real for c < 0
    expect(thrown(() => tangent("c/x", "x", 0)).message).toMatch(/^no tangent line at x = 0: c\/x has no real value there for any value of c tried/);
  });

  it("refuses bad arguments with ArgumentErrors", () => {
    expect(thrown(() => tangent("x^2", "2", 1))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => tangent("x^2", "x", Number.NaN))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => tangent("x^2", "x", "x + 1")).message).toBe("tangent: the point x = x + 1 must not depend on x");
    expect(thrown(() => tangent("x^2", "x", null as unknown as number))).toBeInstanceOf(ArgumentError);
  });
});
