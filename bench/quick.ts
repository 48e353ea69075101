// Scratch (not committed): loop-style ratio vs math.js, alternating rounds. tsx bench/quick.ts <dist/index.js> [loop|turns]
import { derivative } from "mathjs";
import { CASES, renamed } from "./lib/cases.js";
import { compareCalls, geometricMean } from "./lib/timing.js";
const lib = (await import(process.argv[2]!)) as typeof import("../dist/index.js");
const style = (process.argv[3] ?? "loop") as "loop" | "turns";
const ours = (c: (typeof CASES)[number]) => lib.diff(lib.parse(c.text), c.wrt);
const theirs = (c: (typeof CASES)[number]) => derivative(c.text, c.wrt, { simplify: false });
let i = 50_000_000 + Math.floor(Math.random() * 1e7);
for (let r = 0; r < 200; r++) for (const c of CASES) { ours(renamed(c, ++i)); theirs(renamed(c, i)); }
const ratios: number[] = [];
for (const c of CASES) {
  const [a, b] = await compareCalls((k) => renamed(c, k), [ours, theirs], { rounds: 7, style });
  ratios.push(a!.micros / b!.micros);
  console.log(c.label.padEnd(26), a!.micros.toFixed(1).padStart(7), b!.micros.toFixed(1).padStart(7), (a!.micros / b!.micros).toFixed(2));
}
console.log("geomean", geometricMean(ratios).toFixed(2), style);
