/**
 * One memory measurement, in a process of its own (so that its heap holds nothing else): `calls` distinct
 * derivatives of the eight expressions of bench/suites/derivative.ts, variables renamed every call, in one
 * synchronous loop or each in a turn of the event loop of its own. Prints one JSON line: the heap after the calls
 * (after a full collection) and the largest heap seen while they ran (sampled every 1,000 calls).
 * Run as: node --expose-gc --max-old-space-size=256 --import tsx bench/lib/memory-child.ts <calls> <loop|turns>
 */
import { diff, parse } from "../../dist/index.js";
import { CASES, renamed } from "./cases.js";

const calls = Number(process.argv[2]);
const style = process.argv[3] === "turns" ? "turns" : "loop";
const gc = (globalThis as { gc?: () => void }).gc!;
const heapMB = () => process.memoryUsage().heapUsed / 2 ** 20;

gc();
const before = heapMB();
let peak = before;
const start = performance.now();
for (let i = 0; i < calls; i++) {
  if (style === "turns") await new Promise((resolve) => setImmediate(resolve));
  const c = renamed(CASES[i % CASES.length]!, i);
  diff(parse(c.text), c.wrt);
  if (i % 1000 === 0) peak = Math.max(peak, heapMB());
}
const seconds = (performance.now() - start) / 1000;
await new Promise((resolve) => setImmediate(resolve));
gc();
console.log(JSON.stringify({ calls, style, before, peak, after: heapMB(), seconds }));
