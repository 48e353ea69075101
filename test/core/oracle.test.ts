/**
 * symdiff against an independent oracle (test/support/oracle.ts): seeded expressions over every function of the
 * table, their derivatives of orders 1-4 (mixed partials included) compared with 60-digit central differences of the
 * input, simplified forms compared with the input's 60-digit value, and the structural laws (format round trip,
 * rebuild). A failure names the case id (`seed:index`): `generateCase(seed, index)` reproduces it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { generateCase } from "../support/generate.js";
import { checkCase, summarise, type Failure } from "../support/properties.js";

const SEED = 15;
const CASES = 2000;

const failures: Failure[] = [];
let derivativePoints = 0;
let simplifyPoints = 0;

beforeAll(() => {
  for (let i = 0; i < CASES; i++) {
    const counts = checkCase(generateCase(SEED, i), failures);
    derivativePoints += counts.derivativePoints;
    simplifyPoints += counts.simplifyPoints;
  }
}, 120_000);

/** The failures whose class starts with one of the prefixes, as a readable list (empty when there are none). */
function report(...prefixes: string[]): string[] {
  const mine = failures.filter((f) => prefixes.some((p) => f.cls.startsWith(p)));
  return Object.entries(summarise(mine, 5)).flatMap(([cls, { count, examples }]) => [
    `${cls}: ${count} (case ids ${[...new Set(mine.filter((f) => f.cls === cls).map((f) => f.id))].join(" ")})`,
    ...examples.map((f) => `  ${f.id} d/${f.wrt?.join(",")} ${f.text}${f.point ? ` at ${JSON.stringify(f.point)}` : ""}: ${f.detail}`),
  ]);
}

describe(`oracle: ${CASES} generated expressions`, () => {
  it("compares enough points to mean something", () => {
    // Most cases have a point where the oracle answers; a generator or oracle change that lost them would show here.
    expect(derivativePoints).toBeGreaterThan(CASES);
    expect(simplifyPoints).toBeGreaterThan(CASES);
  });

  it("throws nothing but SymdiffErrors", () => {
    expect(report("exception:")).toEqual([]);
  });

  it("parses to a tree with the input's value", () => {
    expect(report("parse-value")).toEqual([]);
  });

  it("differentiates correctly: derivative values agree with 60-digit central differences", () => {
    expect(report("derivative-value", "derivative-nan")).toEqual([]);
  });

  it("evaluates derivatives in float64 to the exact value, up to the rounding the point explains", () => {
    expect(report("derivative-float")).toEqual([]);
  });

  it("simplifies to an equal expression, real wherever the input is", () => {
    expect(report("simplify-value", "simplify-nan", "simplify-float")).toEqual([]);
  });

  it("prints text that parses back to the same node (inputs, derivatives, simplified forms)", () => {
    expect(report("roundtrip:")).toEqual([]);
  });

  it("rebuilds every node from its children as itself", () => {
    expect(report("rebuild:")).toEqual([]);
  });
});
