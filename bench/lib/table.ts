/** Plain-text tables for benchmark output: a header row, a rule, right-aligned numbers, left-aligned text. */
export type Cell = string | number;

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString("en");
  const magnitude = Math.abs(x);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return x.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function printTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): void {
  const text = rows.map((row) => row.map((c) => (typeof c === "number" ? formatNumber(c) : c)));
  const numeric = headers.map((_, j) => rows.length > 0 && rows.every((row) => typeof row[j] === "number" || row[j] === "—"));
  const widths = headers.map((h, j) => Math.max(h.length, ...text.map((row) => (row[j] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, j) => (numeric[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join("  ").trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of text) console.log(line(row));
}
