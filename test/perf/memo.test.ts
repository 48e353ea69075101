/** Memoisation, observed through the engine's counters (never through timing). */
import { describe, expect, it } from "vitest";
import { diff, parse } from "../../src/index.js";
import { nodesCreated } from "../../src/ast/expr.js";
import { derivativeComputations } from "../../src/diff.js";
import { simplifyComputations } from "../../src/simplify/simplify.js";

/** How much each counter moved while `fn` ran. */
function work(fn: () => unknown): { derivatives: number; simplifications: number; nodes: number } {
  const before = { derivatives: derivativeComputations(), simplifications: simplifyComputations(), nodes: nodesCreated() };
  fn();
  return {
    derivatives: derivativeComputations() - before.derivatives,
    simplifications: simplifyComputations() - before.simplifications,
    nodes: nodesCreated() - before.nodes,
  };
}

describe("memoisation", () => {
  it("computes nothing new when the same derivative is asked for again", () => {
    const f = "atan(a1/b1)*exp(-a1^2-b1^2)";
    const first = work(() => diff(f, "a1"));
    expect(first.derivatives).toBeGreaterThan(0);
    expect(first.simplifications).toBeGreaterThan(0);
    expect(work(() => diff(f, "a1"))).toEqual({ derivatives: 0, simplifications: 0, nodes: 0 });
  });

  it("differentiates only the new node when an expression extends one already differentiated", () => {
    const f = parse("sin(a2^2)*exp(a2)");
    diff(f, "a2");
    // d/da2 (f + a2): the sum is new; f and a2 (inside a2^2) are memoised.
    expect(work(() => diff(parse("sin(a2^2)*exp(a2) + a2"), "a2")).derivatives).toBe(1);
  });

  it("reuses the lower orders when a higher derivative is asked for", () => {
    const f = "exp(sin(a3))";
    diff(f, "a3", 5);
    const sixth = work(() => diff(f, "a3", 6));
    const fifthAgain = work(() => diff(f, "a3", 5));
    expect(fifthAgain).toEqual({ derivatives: 0, simplifications: 0, nodes: 0 });
    // Only the sixth step is new: far fewer derivatives than nodes in the fifth derivative's tree.
    expect(sixth.derivatives).toBeGreaterThan(0);
    expect(sixth.derivatives).toBeLessThan(diff(f, "a3", 5).size);
  });
});
