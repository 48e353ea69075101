/**
 * Loading CSV data sets (goal: results or a limit error within seconds, whatever the file's shape). Seeded files —
 * wide (2,000 columns × 2 rows), square-ish (1,000 × 2,000) and tall (500,000 rows × 10 columns, about 40 MB) — are
 * loaded two ways side by side: loadCsv, which streams the file in chunks into typed arrays, and the whole-text way
 * (readFileSync, parseCsv into rows of strings, toDataset), which holds the file and every cell as strings at once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCsv } from "../../dist/train/data.js";
import { parseCsv } from "../../dist/train/csv.js";
import { toDataset } from "../../dist/train/dataset.js";
import { mulberry32 } from "../../dist/random.js";
import { printTable } from "../lib/table.js";

const CASES = [
  { name: "wide", columns: 2000, rows: 2 },
  { name: "square-ish", columns: 1000, rows: 2000 },
  { name: "tall", columns: 10, rows: 500_000 },
] as const;

function writeCase(file: string, columns: number, rows: number, seed: number): void {
  const random = mulberry32(seed);
  const lines = [[...Array.from({ length: columns }, (_, j) => `f${j}`), "y"].join(",")];
  for (let i = 0; i < rows; i++) lines.push([...Array.from({ length: columns }, () => (random() * 1000).toFixed(3)), String(i % 2)].join(","));
  writeFileSync(file, `${lines.join("\n")}\n`);
}

/** The median of three runs, in seconds. */
function seconds(run: () => unknown): number {
  const times = [0, 1, 2].map(() => {
    const started = performance.now();
    run();
    return (performance.now() - started) / 1000;
  });
  return times.sort((a, b) => a - b)[1]!;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "symdiff-bench-csv-"));
  try {
    const rows = CASES.map(({ name, columns, rows: count }, k) => {
      const file = join(dir, `${name}.csv`);
      writeCase(file, columns, count, k + 1);
      const megabytes = readFileSync(file).length / 2 ** 20;
      const streamed = seconds(() => loadCsv(file));
      const whole = seconds(() => toDataset(parseCsv(readFileSync(file, "utf8"))));
      return [`${name} (${columns.toLocaleString("en")} × ${count.toLocaleString("en")})`, megabytes, streamed, whole, whole / streamed];
    });
    console.log("Seconds to load a data set (median of 3), streamed by loadCsv and read as one string.\n");
    printTable(["file (columns × rows)", "MB", "loadCsv s", "whole text s", "whole / loadCsv"], rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
