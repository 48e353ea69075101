/**
 * A fuzz worker process: runs the cases it is sent and reports findings to the parent (fuzz.ts). Before each call it
 * writes "case time op" into its status file, which the parent reads to name a call that hangs or kills the process.
 */
import { openSync, writeSync } from "node:fs";
import type { Failure } from "../support/properties.js";
import { runCase } from "./cases.js";

const fd = openSync(process.argv[2]!, "w");
const line = Buffer.alloc(200);
let current = -1;

function status(op: string): void {
  line.fill(32);
  line.write(`${current} ${Date.now()} ${op}`.slice(0, 199));
  writeSync(fd, line, 0, line.length, 0);
}

interface Job {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

process.on("message", ({ seed, from, to }: Job) => {
  // One case per turn of the event loop, so each case's findings reach the parent before the next case starts.
  const next = (i: number) => {
    if (i >= to) {
      status("idle");
      process.send!({ type: "done", from, to });
      return;
    }
    current = i;
    const failures: Failure[] = [];
    runCase(seed, i, failures, status);
    if (failures.length > 0) process.send!({ type: "failures", failures });
    setImmediate(next, i + 1);
  };
  next(from);
});

process.send!({ type: "ready" });
