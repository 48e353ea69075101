/**
 * `npm run bench`: runs every suite in bench/suites (each exports `run(): Promise<void>` and prints its own tables),
 * or only those whose file name contains one of the command-line arguments: `npm run bench -- compile`.
 * The suites measure the compiled library in dist/ (what users run; `npm run bench` builds it first), not the
 * TypeScript sources as tsx transforms them on the fly.
 */
import { readdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";

const filters = process.argv.slice(2);
const dir = new URL("./suites/", import.meta.url);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

console.log(`symdiff benchmarks — node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
for (const file of suites) {
  console.log(`\n=== ${file.replace(/\.ts$/, "")} ===`);
  const suite = (await import(new URL(file, dir).href)) as { run: () => Promise<void> };
  await suite.run();
}
