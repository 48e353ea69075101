/**
 * Derivative cases checked against SymPy, one JSON object per line (test/fixtures/*.jsonl): the expression, the
 * variable and order, points with SymPy's values there, SymPy's simplified derivative and its count_ops.
 */
import { readFileSync } from "node:fs";

export interface CorpusCase {
  category: string;
  expr: string;
  wrt: string;
  order: number;
  points: Record<string, number>[];
  values: number[];
  sympy: string;
  sympy_ops: number;
}

/** The cases of test/fixtures/<name>.jsonl. */
export function readCorpus(name: string): CorpusCase[] {
  return readFileSync(new URL(`../fixtures/${name}.jsonl`, import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as CorpusCase);
}
