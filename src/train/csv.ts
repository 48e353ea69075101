/**
 * A small CSV reader and writer (RFC 4180: comma-separated, optional double quotes, `""` for a quote inside quotes,
 * LF or CRLF). The reader checks only structure — every row as wide as the header — and leaves the meaning of cells
 * to its callers (dataset.ts, the grader).
 */
import { DataError } from "./errors.js";

export interface CsvTable {
  readonly header: readonly string[];
  /** The 1-based line of the header (blank lines before it are skipped); parseCsv always sets it. */
  readonly headerLine?: number;
  /** Data rows; `lines[i]` is the 1-based line of the file where `rows[i]` starts, for error messages. */
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

export function parseCsv(text: string): CsvTable {
  const records = readRecords(text.replace(/^\uFEFF/, "")); // a byte-order mark is not part of the first name
  const first = records[0];
  if (!first) throw new DataError("the file is empty: expected a header line naming the columns");
  const header = first.cells.map((name) => name.trim());
  header.forEach((name, i) => {
    if (name === "") throw new DataError(`line ${first.line}, column ${i + 1}: the header has an empty column name`);
    if (header.indexOf(name) !== i) throw new DataError(`line ${first.line}: column name '${name}' appears twice in the header`);
  });
  const data = records.slice(1);
  for (const { cells, line } of data) {
    if (cells.length !== header.length) {
      const which = cells.length < header.length
        ? `no value for column ${cells.length + 1} (${header[cells.length]})`
        : `column ${header.length + 1} has no name in the header`;
      throw new DataError(`line ${line}: ${cells.length} ${cells.length === 1 ? "value" : "values"}, but the header has ${header.length} columns (${header.join(", ")}): ${which}`);
    }
  }
  return { header, headerLine: first.line, rows: data.map((r) => r.cells), lines: data.map((r) => r.line) };
}

interface CsvRecord {
  readonly cells: string[];
  readonly line: number;
}

/** Records with the line each starts on; blank lines are skipped. */
function readRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let start = 1;
  let quoted = false;
  let blank = true; // nothing but an empty unquoted cell on this record so far
  const endRecord = () => {
    cells.push(cell);
    if (!blank) records.push({ cells, line: start });
    cells = [];
    cell = "";
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
      blank = false;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
      blank = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      start = ++line;
    } else {
      cell += c;
      if (c.trim() !== "") blank = false;
    }
  }
  if (quoted) throw new DataError(`line ${start}: a quoted value is not closed (missing '"')`);
  endRecord();
  return records;
}

/**
 * A table as CSV text, one record per line (LF), every line ending in a newline. A cell is quoted when it holds a
 * comma, a quote, a line break or space at either end (which readers trim); `parseCsv` reads the text back exactly.
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A lone empty cell is written "" so that it does not read back as a blank line, which readers skip.
  const record = (cells: readonly string[]) => (cells.length === 1 && cells[0] === "" ? '""' : cells.map(csvCell).join(","));
  return [header, ...rows].map((cells) => `${record(cells)}\n`).join("");
}

function csvCell(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
