/**
 * The plot's arithmetic (web/geometry.ts), without a browser. The oracles are facts about the functions known by
 * hand: where 1/x and tan(x) have their poles, where sqrt is defined, where x^2 - 9 and x^3 - 3x turn or cross 0.
 */
import { describe, expect, it } from "vitest";
import { chooseXRange, chooseYRange, keyStep, sampleCurve, ticks, type Window } from "../../web/geometry.js";

const window = (xMin: number, xMax: number, yMin: number, yMax: number): Window => ({ xMin, xMax, yMin, yMax });
const xsOf = (segment: [number, number][]) => segment.map(([x]) => x);

describe("sampleCurve", () => {
  it("breaks 1/x at 0, and no piece crosses the pole", () => {
    const pieces = sampleCurve((x) => 1 / x, window(-3, 3, -5, 5));
    expect(pieces).toHaveLength(2);
    expect(Math.max(...xsOf(pieces[0]!))).toBeLessThan(0);
    expect(Math.min(...xsOf(pieces[1]!))).toBeGreaterThan(0);
  });

  it("breaks tan(x) at each pole in the window, -3pi/2, -pi/2, pi/2 and 3pi/2", () => {
    const poles = [-1.5, -0.5, 0.5, 1.5].map((k) => k * Math.PI);
    const pieces = sampleCurve(Math.tan, window(-5, 5, -6, 6), 1000);
    expect(pieces).toHaveLength(poles.length + 1);
    for (const piece of pieces) {
      const [lo, hi] = [Math.min(...xsOf(piece)), Math.max(...xsOf(piece))];
      expect(poles.filter((p) => lo < p && p < hi)).toEqual([]);
    }
  });

  it("does not break a steep but continuous curve", () => {
    // x^9 rises from -512 to 512 over [-2, 2]: steps far taller than the window, yet one piece.
    expect(sampleCurve((x) => x ** 9, window(-2, 2, -1, 1), 50)).toHaveLength(1);
  });

  it("breaks a step function, whose jump does not shrink", () => {
    expect(sampleCurve((x) => (x < 0.3 ? 0 : 5), window(-1, 1, -1, 1), 100)).toHaveLength(2);
  });

  it("leaves out where the function is undefined", () => {
    const pieces = sampleCurve(Math.sqrt, window(-2, 2, -1, 2), 400);
    expect(pieces).toHaveLength(1);
    expect(Math.min(...xsOf(pieces[0]!))).toBeGreaterThanOrEqual(0);
    expect(sampleCurve(() => NaN, window(-1, 1, -1, 1))).toEqual([]);
  });

  it("keeps the values it draws near the window", () => {
    const [piece] = sampleCurve((x) => 1e12 * x, window(-1, 1, -1, 1), 10);
    for (const [, y] of piece!) expect(Math.abs(y)).toBeLessThanOrEqual(21);
  });
});

describe("chooseXRange", () => {
  it("is a ± 4 when nothing lies outside it", () => {
    expect(chooseXRange((x) => x, () => 1, 0)).toEqual([-4, 4]);
  });

  it("widens to take in the nearest zero and turning point on each side", () => {
    // x^2 - 9 crosses 0 at -3 and 3, and turns at 0: around a = 6 the window reaches back to the turning point
    // (so the zero at 3 too), not to the zero at -3 beyond it; nothing lies to the right.
    const [lo, hi] = chooseXRange((x) => x * x - 9, (x) => 2 * x, 6);
    expect(lo).toBeLessThanOrEqual(0);
    expect(lo).toBeGreaterThan(-3);
    expect(hi).toBe(10);
  });

  it("widens for the zeros of tan at -pi and pi, and no further: a sign change at a pole is no zero", () => {
    const [lo, hi] = chooseXRange(Math.tan, (x) => 1 / Math.cos(x) ** 2, 0);
    for (const [end, zero] of [[lo, -Math.PI], [hi, Math.PI]] as const) {
      expect(Math.abs(end)).toBeGreaterThan(Math.abs(zero));
      expect(Math.abs(end)).toBeLessThan(Math.abs(zero) + 1);
    }
  });
});

describe("chooseYRange", () => {
  it("holds the curve with a margin", () => {
    const [lo, hi] = chooseYRange([(x) => x], 0, 10);
    expect(lo).toBeLessThan(0.5);
    expect(hi).toBeGreaterThan(9.5);
    expect(hi).toBeLessThan(12);
  });

  it("is not flattened by the values next to a pole", () => {
    const [lo, hi] = chooseYRange([(x) => 1 / x], -4, 4);
    expect(hi - lo).toBeLessThan(100);
  });

  it("holds the values it is asked to show, and a constant gets a height", () => {
    const [lo, hi] = chooseYRange([() => 3], -1, 1, [10]);
    expect(lo).toBeLessThan(3);
    expect(hi).toBeGreaterThan(10);
  });
});

describe("ticks and key steps", () => {
  it("puts ticks at round numbers", () => {
    expect(ticks(-2, 6)).toEqual([-2, -1, 0, 1, 2, 3, 4, 5, 6]);
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(-30, 70, 4)).toEqual([-20, 0, 20, 40, 60]);
  });

  it("moves the point by a round hundredth of the width", () => {
    expect(keyStep(-2, 6)).toBe(0.1);
    expect(keyStep(0, 1000)).toBe(10);
  });
});
