/**
 * `npm run fuzz -- [--n 1000000] [--seed 1] [--workers 2] [--from 0] [--out fuzz-report.json] [--md findings.md]`
 * `npm run fuzz -- --case SEED:INDEX`   (runs one case in this process and prints every call with its time)
 *
 * Runs N cases (test/fuzz/cases.ts: the oracle generator's expressions with all their properties, mutated text,
 * garbage, adversarial shapes and API misuse) in worker processes, and reports every exception that is not a
 * SymdiffError, every call over 2 s, every hang or crash (a watchdog kills a worker whose call runs past --hang-ms and
 * the run goes on), every wrong value against the oracle and every failed round trip: grouped by class, with counts
 * and the shortest examples, printed at the end and written as JSON (and optionally Markdown) during the run.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Failure } from "../support/properties.js";
import { inputOf, runCase } from "./cases.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const N = Number(option("n", "1000000"));
const SEED = Number(option("seed", "1"));
const WORKERS = Number(option("workers", "2"));
const FROM = Number(option("from", "0"));
const OUT = option("out", "fuzz-report.json");
const MD = option("md", "");
const HANG_MS = Number(option("hang-ms", "5000"));
const BATCH = 50;
const EXAMPLES = 3;

/** One case, in process, every call printed with its time (for reproducing a finding). */
function runOne(id: string): void {
  const [seed, index] = id.split(":").map(Number) as [number, number];
  const { kind, text } = inputOf(seed, index);
  console.log(`case ${id} (${kind}), ${text.length} chars: ${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}`);
  let last = performance.now();
  let op = "start";
  const failures: Failure[] = [];
  runCase(seed, index, failures, (next) => {
    const now = performance.now();
    console.log(`  ${op}: ${(now - last).toFixed(1)} ms`);
    [op, last] = [next, now];
  });
  console.log(`  ${op}: ${(performance.now() - last).toFixed(1)} ms`);
  for (const f of failures) console.log(`FAIL ${f.cls}\n  ${f.detail}`);
  if (failures.length === 0) console.log("no findings");
}

interface Group {
  count: number;
  examples: { id: string; text: string; length: number; detail: string; wrt?: readonly string[]; point?: object }[];
}

const groups = new Map<string, Group>();

function record(f: Failure): void {
  let g = groups.get(f.cls);
  if (!g) groups.set(f.cls, (g = { count: 0, examples: [] }));
  g.count++;
  // Shortest inputs first: they are the minimal reproducers.
  if (g.examples.length < EXAMPLES || f.text.length < g.examples[g.examples.length - 1]!.length) {
    const text = f.text.length > 600 ? `${f.text.slice(0, 600)}… (${f.text.length} chars; rerun with --case ${f.id})` : f.text;
    g.examples.push({ id: f.id, text, length: f.text.length, detail: f.detail, ...(f.wrt && { wrt: f.wrt }), ...(f.point && { point: f.point }) });
    g.examples.sort((a, b) => a.length - b.length);
    g.examples.length = Math.min(g.examples.length, EXAMPLES);
  }
}

let done = 0;
const started = Date.now();

function writeReports(final: boolean): void {
  const classes = Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)));
  const seconds = (Date.now() - started) / 1000;
  writeFileSync(OUT, JSON.stringify({ seed: SEED, from: FROM, n: N, done, seconds, final, classes }, null, 2));
  if (MD) {
    const lines = [
      `# Fuzz findings (seed ${SEED}, cases ${FROM}..${FROM + done - 1} of ${N}${final ? "" : ", in progress"}, ${Math.round(seconds)} s)`,
      "",
      `Reproduce one case: \`npx tsx test/fuzz/fuzz.ts --case SEED:INDEX\`. Classes: ${groups.size}.`,
      "",
      ...[...groups].sort(([a], [b]) => a.localeCompare(b)).flatMap(([cls, g]) => [
        `## ${cls} — ${g.count}`,
        ...g.examples.map((e) => `- \`${e.id}\`${e.wrt ? ` d/${e.wrt.join(",")}` : ""} \`${e.text.replaceAll("`", "'")}\`${e.point ? ` at ${JSON.stringify(e.point)}` : ""}: ${e.detail.replaceAll("\n", " ").slice(0, 400)}`),
        "",
      ]),
    ];
    writeFileSync(MD, lines.join("\n"));
  }
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), "symdiff-fuzz-"));
  const workerFile = fileURLToPath(new URL("./worker.ts", import.meta.url));
  const queue: [number, number][] = [];
  for (let a = FROM; a < FROM + N; a += BATCH) queue.push([a, Math.min(a + BATCH, FROM + N)]);

  interface Slot {
    child: ChildProcess;
    statusFile: string;
    job?: [number, number];
    ready: boolean;
  }
  const slots: Slot[] = [];
  let spawned = 0;

  const status = (slot: Slot) => {
    const [i, t, ...op] = readFileSync(slot.statusFile, "utf8").trim().split(" ");
    return { index: Number(i), time: Number(t), op: op.join(" ") };
  };

  /** The worker died or was killed on a case: record it, and requeue the rest of its batch. */
  const lost = (slot: Slot, cls: string) => {
    const job = slot.job;
    slot.job = undefined;
    if (!job) return;
    let s = { index: job[0], time: Date.now(), op: "unknown" };
    try {
      s = status(slot);
    } catch {}
    const index = s.index >= job[0] && s.index < job[1] ? s.index : job[0];
    const id = `${SEED}:${index}`;
    record({ cls: `${cls}:${s.op.split(" ")[0]}`, id, text: inputOf(SEED, index).text, detail: `${s.op} (${cls}); rerun with --case ${id}` });
    done += index + 1 - job[0];
    if (index + 1 < job[1]) queue.unshift([index + 1, job[1]]);
  };

  const spawn = (): Slot => {
    const statusFile = join(dir, `status-${spawned++}`);
    writeFileSync(statusFile, "-1 0 starting");
    const child = fork(workerFile, [statusFile], { execArgv: ["--import", "tsx", "--max-old-space-size=3072"], stdio: ["ignore", "ignore", "pipe", "ipc"] });
    const slot: Slot = { child, statusFile, ready: false };
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
    child.on("message", (m: { type: string; failures?: Failure[]; from?: number; to?: number }) => {
      if (m.type === "ready") slot.ready = true;
      else if (m.type === "failures") m.failures!.forEach(record);
      else if (m.type === "done") {
        done += m.to! - m.from!;
        slot.job = undefined;
      }
      dispatch();
    });
    child.on("exit", (code, signal) => {
      if (slots.includes(slot)) {
        slots.splice(slots.indexOf(slot), 1);
        if (slot.job) lost(slot, `crash(${signal ?? code}${/heap out of memory/i.test(stderr) ? ", out of memory" : ""})`);
        if (queue.length > 0 || slots.some((s) => s.job)) slots.push(spawn());
        dispatch();
      }
    });
    return slot;
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.ready && !slot.job && queue.length > 0) {
        slot.job = queue.shift()!;
        slot.child.send({ seed: SEED, from: slot.job[0], to: slot.job[1] });
      }
    }
    if (queue.length === 0 && slots.every((s) => !s.job)) finish();
  };

  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(watchdog);
    clearInterval(progress);
    for (const slot of slots.splice(0)) slot.child.kill("SIGKILL");
    writeReports(true);
    printSummary();
  };

  // The watchdog: a call running past HANG_MS is a hang; the worker is killed and replaced, and the run goes on.
  const watchdog = setInterval(() => {
    for (const slot of [...slots]) {
      if (!slot.job) continue;
      let s;
      try {
        s = status(slot);
      } catch {
        continue;
      }
      // "idle" and "starting" are between jobs: their times are old and mean nothing.
      if (s.op !== "idle" && s.op !== "starting" && Date.now() - s.time > HANG_MS) {
        slots.splice(slots.indexOf(slot), 1);
        lost(slot, `hang(>${HANG_MS / 1000}s)`);
        slot.child.kill("SIGKILL");
        slots.push(spawn());
      }
    }
  }, 250);

  let lastDone = 0;
  let lastTime = Date.now();
  const progress = setInterval(() => {
    const now = Date.now();
    const rate = ((done - lastDone) * 1000) / (now - lastTime);
    [lastDone, lastTime] = [done, now];
    const total = [...groups.values()].reduce((s, g) => s + g.count, 0);
    const eta = rate > 0 ? Math.round((N - done) / rate) : Infinity;
    console.log(`${done.toLocaleString("en")}/${N.toLocaleString("en")} cases, ${rate.toFixed(0)}/s, eta ${eta} s; ${total} findings in ${groups.size} classes`);
    writeReports(false);
  }, 10_000);

  for (let k = 0; k < WORKERS; k++) slots.push(spawn());
}

function printSummary(): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\n${done.toLocaleString("en")} cases in ${seconds} s; ${groups.size} classes of findings (report: ${OUT}${MD ? `, ${MD}` : ""})`);
  for (const [cls, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`\n${cls}: ${g.count}`);
    for (const e of g.examples) console.log(`  ${e.id} ${e.text.slice(0, 200)}\n      ${e.detail.slice(0, 300)}`);
  }
  process.exitCode = groups.size > 0 ? 1 : 0;
}

const one = option("case", "");
if (one) runOne(one);
else main();
