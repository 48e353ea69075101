/**
 * A graded class, written out three ways: a CSV report (one row per answer), JSON (one object per answer, for
 * scripts) and text for people; and the summary per question that ends every report.
 */
import { visible } from "../cli/report.js";
import { jsonNumber } from "../cli/output.js";
import { formatCsv } from "../train/csv.js";
import type { Graded, QuestionSummary } from "./grade.js";

export const REPORT_COLUMNS = ["student", "question", "verdict", "detail", "answer"] as const;

/**
 * The report as CSV. Every cell is written as spreadsheet text (see `spreadsheetText`): the names and answers come
 * from students, and the report is made to be opened in a spreadsheet.
 */
export function reportCsv(results: readonly Graded[]): string {
  return formatCsv(REPORT_COLUMNS, results.map((r) => [r.student, r.question, r.verdict, r.detail, r.answer].map(spreadsheetText)));
}

/**
 * A cell a spreadsheet shows as the text it is, never runs as a formula (CSV or formula injection: `=HYPERLINK(...)`,
 * `+cmd|' /C calc'!A0` in an answer would run when the teacher opens the report). OWASP's rule: a cell that starts
 * with =, +, -, @, a tab or a carriage return gets a leading single quote. The rule is applied as it stands, so the
 * legitimate answer `-x^2` is written `'-x^2` too: telling a formula from mathematics is exactly what a spreadsheet
 * gets wrong (`-x^2` itself would become the formula =-x^2). A NUL and a line feed count as such a start too, and so
 * does one of =+-@ after leading spaces, which some spreadsheets trim when they import a file.
 */
export function spreadsheetText(cell: string): string {
  return /^(?:[=+\-@\t\r\n\0]| +[=+\-@])/.test(cell) ? `'${cell}` : cell;
}

/**
 * `{ line?, student, question, answer, verdict, detail?, counterexample?: { at, answer, derivative }, error? }`;
 * values where a side is undefined are "NaN", as in every JSON symdiff prints.
 */
export function resultJson(r: Graded & { readonly line?: number }): Record<string, unknown> {
  const c = r.counterexample;
  return {
    ...(r.line !== undefined && { line: r.line }),
    student: r.student,
    question: r.question,
    answer: r.answer,
    verdict: r.verdict,
    ...(r.detail !== "" && { detail: r.detail }),
    ...(c && { counterexample: { at: c.at, answer: jsonNumber(c.answer), derivative: jsonNumber(c.derivative) } }),
    ...(r.error && { error: r.error }),
  };
}

/** One line per answer, student and question in aligned columns: `ada  q2  incorrect: at x = 0.5: ...`. */
export function textReport(results: readonly Graded[], paintVerdict: (verdict: string) => string = (v) => v): string {
  const student = Math.max(0, ...results.map((r) => shown(r.student).length));
  const question = Math.max(0, ...results.map((r) => shown(r.question).length));
  return results
    .map((r) => `${shown(r.student).padEnd(student)}  ${shown(r.question).padEnd(question)}  ${paintVerdict(r.verdict)}${r.detail ? `: ${shown(r.detail)}` : ""}\n`)
    .join("");
}

/** On one line, every character visible: names and answers come from files anyone may have written. */
function shown(text: string): string {
  return visible(text.replace(/\s*[\r\n]+\s*/g, " "));
}

/**
 * The counts as a table, with a total line. The ungraded column appears only when some answer could not be graded
 * (its question is not in the key, or the key's entry is unusable).
 */
export function summaryText(summary: readonly QuestionSummary[]): string {
  const verdicts = ["correct", "incorrect", "unreadable", ...(summary.some((s) => s.ungraded > 0) ? ["ungraded" as const] : [])] as const;
  const total = { question: "total", correct: 0, incorrect: 0, unreadable: 0, ungraded: 0 };
  for (const s of summary) for (const v of ["correct", "incorrect", "unreadable", "ungraded"] as const) total[v] += s[v];
  const rows = [...summary, total].map((s) => [shown(s.question), ...verdicts.map((v) => String(s[v]))]);
  const header = ["question", ...verdicts];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [header, ...rows].map((r) => `${line(r)}\n`).join("");
}
