/** The import graph of src/ is one-way: no module imports, directly or through others, a module that imports it. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..", "src");

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Relative imports and re-exports of a module (type-only ones too: they tie the modules' meanings together). */
function importsOf(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const found = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gm)];
  return found.map((m) => normalize(join(dirname(path), m[1]!.replace(/\.js$/, ".ts"))));
}

/** Every cycle found by a depth-first search, each as the list of modules around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (module: string): void => {
    state.set(module, "open");
    path.push(module);
    for (const next of graph.get(module) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") found.push(path.slice(path.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(module, "done");
  };
  for (const module of graph.keys()) if (!state.has(module)) visit(module);
  return found;
}

describe("the import graph", () => {
  const graph = new Map(modules(SRC).map((m) => [m, importsOf(m)]));

  it("is read: every module and its imports are found", () => {
    expect(graph.size).toBeGreaterThan(80);
    expect(graph.get(join(SRC, "index.ts"))).toContain(join(SRC, "diff.ts"));
  });

  it("has no cycles", () => {
    expect(cycles(graph).map((cycle) => cycle.map((m) => relative(SRC, m)).join(" -> "))).toEqual([]);
  });

  it("finds a cycle where there is one (the check can fail)", () => {
    expect(cycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]))).toEqual([["a", "b", "c"]]);
  });
});
