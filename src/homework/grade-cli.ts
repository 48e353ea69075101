/**
 * `symdiff grade answers.csv --key key.csv`: grades a class's answers (see grade.ts) and reports every verdict, as
 * text, a CSV file (--out) or JSON lines (--json), followed by a summary per question.
 *
 * Where the summary goes: to stdout after the report, unless stdout carries JSON lines, when it goes to stderr so
 * that stdout stays one JSON object per line. The exit code says whether grading ran (0, however many answers are
 * wrong), not how the class did; 2 is bad input (a file missing or malformed, an unknown option).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseCommandArgs } from "../cli/args.js";
import type { Command } from "../cli/command.js";
import { helpText } from "../cli/help.js";
import { writeJson } from "../cli/output.js";
import { UsageError, visible } from "../cli/report.js";
import { paint } from "../cli/style.js";
import { DataError } from "../train/errors.js";
import { grade, prepareKey, summarize } from "./grade.js";
import { reportCsv, resultJson, summaryText, textReport } from "./grade-report.js";
import { readAnswers, readKey } from "./grade-table.js";

const OPTIONS = {
  key: { type: "string" },
  out: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const gradeCommand: Command = {
  name: "grade",
  summary: "grade a class: every answer in a CSV file checked against a key of derivatives",
  help: helpText({
    usage: "symdiff grade <answers.csv | -> --key key.csv [--out report.csv | --json]",
    description: [
      "Checks every answer as `symdiff check` does (text or LaTeX; y = ..., y' = ..., dy/dx = ... are read as the",
      "answer) and gives each a verdict: correct; incorrect, with a point where the answer and the derivative differ",
      "and both values there; unreadable, with the parse error and its column; or ungraded, when the question is not",
      "in the key or the key's entry for it cannot be used (a warning names the key's line).",
      "",
      "answers.csv has the columns student, question, answer; key.csv has question, function, and optionally",
      "variable (needed when the function has several) and order (default 1). Names match in any case and order;",
      "other columns are ignored. A summary per question follows the report: on stdout, or on stderr with --json.",
      "Exit code: 0 when grading ran (however many answers are wrong), 2 for bad input (a missing or malformed file).",
    ].join("\n"),
    options: [],
    notes: [
      "Options:",
      "  --key FILE        the key: question, function, variable, order (required)",
      "  --out FILE        write the report to FILE as CSV: student, question, verdict, detail, answer. A cell that",
      "                    starts with =, +, -, @, a tab or a carriage return gets a leading ' so that a spreadsheet",
      "                    shows it as text and never runs it as a formula (OWASP's rule): the answer -x^2 is written",
      "                    '-x^2. The text report and --json keep every answer as written.",
      "  --json            print one JSON object per answer instead (to FILE with --out): line, student, question,",
      "                    answer, verdict, detail, counterexample (incorrect: at, answer, derivative),",
      "                    error (unreadable: message, line, column)",
      "  -h, --help        show this help",
    ].join("\n"),
    examples: [
      "symdiff grade test/fixtures/grade/answers.csv --key test/fixtures/grade/key.csv",
      "symdiff grade answers.csv --key key.csv --out report.csv",
      "symdiff grade answers.csv --key key.csv --json | jq 'select(.verdict != \"correct\")'",
    ],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length === 0) throw new UsageError("missing the answers file (or - to read it from stdin): symdiff grade answers.csv --key key.csv");
    if (positionals.length > 1) throw new UsageError(`expected one answers file, got ${positionals.length}: ${positionals.map((p) => JSON.stringify(p)).join(" ")}`);
    if (values.key === undefined) throw new UsageError("missing --key: the CSV file of questions (question, function, variable, order)");
    const answersFile = positionals[0]!;
    const submissions = answersFile === "-" ? readAnswers(await readAll(io.stdin), "stdin") : readAnswers(readText(answersFile), answersFile);
    const entries = readKey(readText(values.key), values.key);
    const key = prepareKey(entries);
    for (const entry of entries) {
      const prepared = key.get(entry.question)!;
      if ("problem" in prepared) io.stderr.write(`${paint(io, "yellow", "warning:")} ${values.key}, line ${entry.line}: ${visible(prepared.problem)}\n`);
    }

    const bar = (io.stderr as { isTTY?: boolean }).isTTY === true ? progressBar(io.stderr) : undefined;
    let results;
    try {
      results = grade(submissions, key, { ...(bar && { onProgress: bar.update }) });
    } finally {
      bar?.done();
    }

    if (values.out !== undefined) writeText(values.out, values.json ? results.map((r) => `${JSON.stringify(resultJson(r))}\n`).join("") : reportCsv(results));
    else if (values.json) for (const r of results) writeJson(io, resultJson(r));
    else io.stdout.write(textReport(results, (v) => paint(io, v === "correct" ? "bold" : v === "incorrect" ? "red" : "yellow", v)));
    const jsonOnStdout = values.json === true && values.out === undefined;
    const summary = summaryText(summarize(results, key));
    if (jsonOnStdout) io.stderr.write(summary);
    else io.stdout.write(`${values.out === undefined ? "\n" : ""}${summary}`);
    return 0;
  },
};

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new DataError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function writeText(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`--out: cannot write ${file}: ${(error as Error).message}`);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  stream.setEncoding("utf8");
  for await (const chunk of stream) text += chunk as string;
  return text;
}

const BAR_WIDTH = 30;
const REDRAW_MS = 100;

/** `grading [#########---------]  45%  4,500/10,000 answers`, redrawn in place at most every 100 ms. */
function progressBar(stream: NodeJS.WritableStream): { update: (done: number, total: number) => void; done: () => void } {
  let last = -Infinity;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < REDRAW_MS && done < total) return;
      last = now;
      const filled = Math.round((done / total) * BAR_WIDTH);
      const percent = String(Math.floor((done / total) * 100)).padStart(3);
      stream.write(`\rgrading [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${percent}%  ${done.toLocaleString("en")}/${total.toLocaleString("en")} answers\x1b[K`);
    },
    done() {
      stream.write("\r\x1b[K");
    },
  };
}
