/**
 * Memory: the heap after 100,000 and 1,000,000 distinct derivatives (the eight expressions of the derivative suite,
 * variables renamed every call), made in one synchronous loop and each in a turn of its own. Each run is a process
 * of its own under --max-old-space-size=256 (bench/lib/memory-child.ts): finishing at all shows memory stays
 * bounded; "after" is the heap once the calls are done and a full collection ran.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { printTable } from "../lib/table.js";

interface Measurement {
  readonly calls: number;
  readonly style: string;
  readonly before: number;
  readonly peak: number;
  readonly after: number;
  readonly seconds: number;
}

const CHILD = fileURLToPath(new URL("../lib/memory-child.ts", import.meta.url));
const HEAP_LIMIT_MB = 256;

function measure(calls: number, style: "loop" | "turns"): Measurement | string {
  try {
    const out = execFileSync(process.execPath, ["--expose-gc", `--max-old-space-size=${HEAP_LIMIT_MB}`, "--import", "tsx", CHILD, String(calls), style], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return JSON.parse(out.trim().split("\n").pop()!) as Measurement;
  } catch (error) {
    return `failed: ${String((error as Error).message).split("\n")[0]}`;
  }
}

export async function run(): Promise<void> {
  console.log(`Heap (MB) around N distinct derivatives, each run a process of its own under --max-old-space-size=${HEAP_LIMIT_MB}.\n`);
  const rows: (string | number)[][] = [];
  for (const calls of [100_000, 1_000_000]) {
    for (const style of ["loop", "turns"] as const) {
      const m = measure(calls, style);
      rows.push(typeof m === "string" ? [calls, style, m, "—", "—", "—", "—"] : [calls, style, m.before, m.peak, m.after, m.seconds, (m.seconds * 1e6) / calls]);
    }
  }
  printTable(["calls", "style", "heap before", "largest seen", "heap after", "seconds", "µs per call"], rows);
}
