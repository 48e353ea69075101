import { describe, expect, it } from "vitest";
import { describeRegion } from "../../src/homework/region.js";
import { magnitudeAt, randomPoint, turnsFor, valueAt } from "../../src/homework/sampling.js";
import { mulberry32 as randomGenerator } from "../../src/random.js";
import { evaluate, parse } from "../../src/index.js";

describe("random points", () => {
  it("are reproducible from the seed and spread over [0, 1)", () => {
    const a = randomGenerator(42);
    const b = randomGenerator(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.filter((d) => d < 0.5).length).toBeGreaterThan(400);
    expect(draws.filter((d) => d < 0.5).length).toBeLessThan(600);
  });

  it("have short decimal coordinates, never whole numbers, on several scales", () => {
    const random = randomGenerator(1);
    const points = Array.from({ length: 500 }, (_, i) => randomPoint(["x", "y"], random, i));
    for (const p of points) {
      for (const v of [p.x!, p.y!]) {
        expect(Number.isInteger(v)).toBe(false);
        expect(Math.round(v * 1000) / 1000).toBe(v);
        expect(Math.abs(v)).toBeLessThanOrEqual(16);
      }
    }
    expect(points.some((p) => Math.abs(p.x!) > 4)).toBe(true);
    expect(points.filter((_, i) => i % 3 === 0).every((p) => Math.abs(p.x!) < 1 && Math.abs(p.y!) < 1)).toBe(true);
  });
});

describe("values at a point", () => {
  it("are exact for polynomial parts, where floating point loses everything to cancellation", () => {
    const expanded = parse("x^8 - 80x^7 + 2800x^6 - 56000x^5 + 700000x^4 - 5600000x^3 + 28000000x^2 - 80000000x + 100000000");
    expect(Math.abs(valueAt(expanded, { x: 10.001 }) - 1e-24)).toBeLessThan(1e-38); // (10.001 - 10)^8
    expect(Math.abs(evaluate(expanded, { x: 10.001 }))).toBeGreaterThan(1e-9); // what plain evaluation gives
  });

  it("agree with evaluate elsewhere, including where the expression is undefined", () => {
    expect(valueAt(parse("sin(x)*exp(y)"), { x: 0.5, y: -1.25 })).toBeCloseTo(Math.sin(0.5) * Math.exp(-1.25), 15);
    expect(valueAt(parse("log(x)"), { x: -0.5 })).toBeNaN();
    expect(valueAt(parse("x^(1/3)"), { x: -0.125 })).toBe(-0.5);
    // Step gates a product in the exact value too: relu(x)^(2/3)'s derivative is 0 for x < 0, as evaluate says.
    const d = parse("2*step(x)/(3*relu(x)^(1/3))");
    expect(valueAt(d, { x: -0.4 })).toBe(0);
    expect(magnitudeAt(d, { x: -0.4 })).toBe(0);
    expect(valueAt(d, { x: 0.125 })).toBeCloseTo(4 / 3, 15); // 2/3 * 0.125^(-1/3)
  });
});

describe("describeRegion", () => {
  const at = (...xs: number[]) => xs.map((x) => ({ x }));

  it("finds the condition that separates the points", () => {
    expect(describeRegion(at(0.5, 3, 12), at(-0.5, -3))).toBe("x > 0");
    expect(describeRegion(at(-0.5, 0.5, 0.9), at(-3, 1.5, 12))).toBe("-1 < x < 1");
    expect(describeRegion(at(1.5, 3), at(0.5, -2))).toBe("x > 1");
  });

  it("gives up when no simple condition does", () => {
    expect(describeRegion(at(0.5, 3.5), at(1.5, -2))).toBeUndefined();
  });
});

describe("points at the scales of the constants (issue 15, class 6)", () => {
  it("reach beyond the largest constant and cluster around each constant and ratio", () => {
    const turns = turnsFor([2, 40]);
    const random = randomGenerator(3);
    const xs = Array.from({ length: 600 }, (_, i) => randomPoint(["x"], random, i, turns).x!);
    expect(xs.some((x) => x > 40)).toBe(true); // beyond the largest
    expect(xs.filter((x) => x > 19 && x < 21).length).toBeGreaterThan(5); // around 40/2 = 20
    expect(xs.some((x) => x < -40)).toBe(true);
    for (const x of xs) expect(Number.isInteger(x)).toBe(false);
  });

  it("reach below a small constant, with finer decimals", () => {
    const random = randomGenerator(4);
    const turns = turnsFor([0.001]);
    const xs = Array.from({ length: 300 }, (_, i) => randomPoint(["x"], random, i, turns).x!);
    expect(xs.filter((x) => Math.abs(x) < 0.004).length).toBeGreaterThan(20);
  });

  it("without constants are the base scales, as before", () => {
    expect(turnsFor([])).toEqual(turnsFor([0, 1, 0.5]).slice(0, 3));
  });
});

describe("magnitude at a point", () => {
  it("adds the sizes of terms that cancel", () => {
    // sin(x)^2 + cos(x)^2 - 1 is 0 (up to rounding) but is made of numbers of total size 2.
    expect(magnitudeAt(parse("sin(x)^2 + cos(x)^2 - 1"), { x: 0.7 })).toBeCloseTo(2, 12);
    expect(magnitudeAt(parse("exp(x) - 3"), { x: 0.5 })).toBeCloseTo(Math.exp(0.5) + 3, 14);
    // Exact parts are folded first: x - 3 at 0.5 is the exact -5/2, with no rounding to allow for.
    expect(magnitudeAt(parse("x - 3"), { x: 0.5 })).toBe(2.5);
  });
});

describe("describeRegion with the constants as boundaries", () => {
  const at = (...xs: number[]) => xs.map((x) => ({ x }));
  it("names the boundary that separates the points", () => {
    expect(describeRegion(at(20.5, 33), at(-30, 5, 19.5), [20, -20])).toBe("x > 20");
    expect(describeRegion(at(-3, 5, 19.5), at(20.5, 33), [20, -20])).toBe("x < 20");
  });
});
