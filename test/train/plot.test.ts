import { describe, expect, it } from "vitest";
import { lossCurveSvg } from "../../src/train/plot.js";

const points = (svg: string) =>
  svg.match(/<polyline points="([^"]*)"/)![1]!.split(" ").map((p) => p.split(",").map(Number) as [number, number]);

describe("lossCurveSvg", () => {
  it("draws a falling curve from the left edge to the right edge, higher loss higher up", () => {
    const curve = points(lossCurveSvg(Float64Array.from([0.7, 0.4, 0.2, 0.1]), "loss"));
    expect(curve).toHaveLength(4);
    expect(curve.map(([x]) => x)).toEqual([...curve.map(([x]) => x)].sort((a, b) => a - b));
    expect(curve.map(([, y]) => y)).toEqual([...curve.map(([, y]) => y)].sort((a, b) => a - b)); // SVG y grows downwards
  });

  it("labels the loss axis with round numbers up to a round top", () => {
    const svg = lossCurveSvg(Float64Array.from([0.693, 0.01]), "loss");
    for (const label of ["0", "0.25", "0.5", "0.75", "1"]) expect(svg).toContain(`text-anchor="end">${label}</text>`);
  });

  it("leaves out non-finite losses and escapes the title", () => {
    const svg = lossCurveSvg(Float64Array.from([1, NaN, Infinity, 0.5]), "a <b> & c");
    expect(points(svg)).toHaveLength(2);
    expect(svg).toContain("a &lt;b&gt; &amp; c");
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it("thins a long curve to about two points per pixel, keeping the last", () => {
    const losses = Float64Array.from({ length: 100_001 }, (_, i) => 1 / (1 + i));
    const curve = points(lossCurveSvg(losses, "loss"));
    expect(curve.length).toBeLessThanOrEqual(1101);
    expect(curve.at(-1)![0]).toBe(620); // the right edge of the plot
  });
});
