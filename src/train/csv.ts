/**
 * A small CSV reader and writer (RFC 4180: comma-separated, optional double quotes, `""` for a quote inside quotes,
 * LF or CRLF). The reader is a push parser: text goes in as pieces of any size (a whole string for `parseCsv`, a file
 * chunk by chunk for csv-file.ts) and records come out one at a time, so one grammar serves both and a file is never
 * held whole. It checks only structure — every row as wide as the header — and leaves the meaning of cells to its
 * callers (dataset.ts, the grader).
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

/** Where a parser's records go: the header once, then each data row; `end` gives the result once the text is done. */
export interface CsvSink<T> {
  /** The column names, trimmed, each non-empty and different from the others. */
  header(names: readonly string[], line: number): void;
  /** A data row exactly as wide as the header, with the 1-based line it starts on. */
  row(cells: readonly string[], line: number): void;
  end(): T;
}

export interface CsvParser<T> {
  /** The next piece of the text; a piece may end anywhere, even inside a quoted value or between "\r" and "\n". */
  push(text: string): void;
  /** The text is complete: checks what is left open and returns the sink's result. */
  end(): T;
}

export interface CsvLimits {
  /** Characters in one record, all its cells together. */
  readonly recordLength: number;
  /** Cells in one record. */
  readonly columns: number;
}

/**
 * Limits on one record, so that a file without line breaks, or with a quote that is never closed, stops with a message
 * instead of being gathered into one ever-growing row: 16 Mi characters (32 MB as a JavaScript string) and about a
 * million cells. Far wider than any data set that can be trained on.
 */
export const CSV_LIMITS: CsvLimits = { recordLength: 2 ** 24, columns: 2 ** 20 };

export function parseCsv(text: string, limits: CsvLimits = CSV_LIMITS): CsvTable {
  const parser = csvParser(tableSink(), limits);
  parser.push(text);
  return parser.end();
}

/** Hands a table already in memory to a sink, as a parser would have. */
export function feedTable<T>(table: CsvTable, sink: CsvSink<T>): T {
  sink.header(table.header, table.headerLine ?? 1);
  table.rows.forEach((cells, i) => sink.row(cells, table.lines[i]!));
  return sink.end();
}

/** A parser that checks the header and the width of every row, and passes them on to `sink`. */
export function csvParser<T>(sink: CsvSink<T>, limits: CsvLimits = CSV_LIMITS): CsvParser<T> {
  let header: readonly string[] | undefined;
  const records = new CsvRecordReader((cells, line) => {
    if (header === undefined) {
      header = checkedHeader(cells, line);
      sink.header(header, line);
    } else {
      if (cells.length !== header.length) throw raggedRow(cells, line, header);
      sink.row(cells, line);
    }
  }, limits);
  return {
    push: (text) => records.push(text),
    end: () => {
      records.end();
      if (header === undefined) throw new DataError("the file is empty: expected a header line naming the columns");
      return sink.end();
    },
  };
}

/** At most ten names of a list, for messages (a wide file's header would otherwise fill the screen). */
export function namesForMessage(names: readonly string[]): string {
  return names.length <= 10 ? names.join(", ") : `${names.slice(0, 10).join(", ")} and ${names.length - 10} more`;
}

function checkedHeader(cells: readonly string[], line: number): string[] {
  const header = cells.map((name) => name.trim());
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === "") throw new DataError(`line ${line}, column ${i + 1}: the header has an empty column name`);
    if (seen.has(name)) throw new DataError(`line ${line}: column name '${name}' appears twice in the header`);
    seen.add(name);
  });
  return header;
}

function raggedRow(cells: readonly string[], line: number, header: readonly string[]): DataError {
  const which = cells.length < header.length
    ? `no value for column ${cells.length + 1} (${header[cells.length]})`
    : `column ${header.length + 1} has no name in the header`;
  return new DataError(`line ${line}: ${cells.length} ${cells.length === 1 ? "value" : "values"}, but the header has ${header.length} columns (${namesForMessage(header)}): ${which}`);
}

function tableSink(): CsvSink<CsvTable> {
  let header: readonly string[] = [];
  let headerLine = 1;
  const rows: (readonly string[])[] = [];
  const lines: number[] = [];
  return {
    header(names, line) {
      header = names;
      headerLine = line;
    },
    row(cells, line) {
      rows.push(cells);
      lines.push(line);
    },
    end: () => ({ header, headerLine, rows, lines }),
  };
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;
/** White space as String.prototype.trim sees it (the same set as \s), for characters beyond ASCII. */
const SPACE = /\s/;

/**
 * The record grammar (below the header and width checks of `csvParser`) as a state machine fed with pieces of text.
 * Each record that is not blank (nothing but white space) goes to `onRecord` with the line it starts on. What a piece leaves unfinished — a cell, a quote that may be
 * the first of `""`, a "\r" that may be followed by "\n" — is kept in the fields below until the next piece.
 */
export class CsvRecordReader {
  private cells: string[] = [];
  private cell = "";
  /** The cell is known to hold more than white space, so a quote in it is a plain character (false: not known). */
  private cellHasText = false;
  /** Characters added to the record so far, for the limit. */
  private length = 0;
  private quoted = false;
  /** Nothing but an empty unquoted cell on this record so far. */
  private blank = true;
  private line = 1;
  private start = 1;
  /** No text seen yet: a byte-order mark may come, which is not part of the first name. */
  private atStart = true;
  /** Inside quotes, the last piece ended with a quote: the next character tells a `""` from the closing quote. */
  private afterQuote = false;
  /** The last piece ended a record with "\r": a "\n" next belongs to it. */
  private afterCR = false;

  constructor(
    private readonly onRecord: (cells: string[], line: number) => void,
    private readonly limits: CsvLimits = CSV_LIMITS,
  ) {}

  push(text: string): void {
    const n = text.length;
    if (n === 0) return;
    let i = 0;
    if (this.atStart) {
      this.atStart = false;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    if (this.afterCR) {
      this.afterCR = false;
      if (text.charCodeAt(i) === LF) i++;
    }
    if (this.afterQuote && i < n) {
      this.afterQuote = false;
      if (text.charCodeAt(i) === QUOTE) {
        this.add('"');
        i++;
      } else this.closeQuote();
    }
    while (i < n) {
      if (this.quoted) {
        i = this.quotedRun(text, i);
        continue;
      }
      // An unquoted run: plain characters up to the next comma, quote or line break, taken as one slice.
      let j = i;
      let c = 0;
      for (; j < n; j++) {
        c = text.charCodeAt(j);
        if (c === COMMA || c === QUOTE || c === LF || c === CR) break;
      }
      if (j > i) {
        this.add(text.slice(i, j));
        if (!this.cellHasText && hasText(text, i, j)) {
          this.cellHasText = true;
          this.blank = false;
        }
      }
      if (j === n) return;
      i = j + 1;
      if (c === COMMA) this.endCell();
      else if (c === QUOTE) this.quote();
      else {
        if (c === CR) {
          if (i === n) this.afterCR = true;
          else if (text.charCodeAt(i) === LF) i++;
        }
        this.endRecord();
        this.start = ++this.line;
      }
    }
  }

  end(): void {
    if (this.afterQuote) {
      this.afterQuote = false;
      this.closeQuote();
    }
    if (this.quoted) throw new DataError(`line ${this.start}: a quoted value is not closed (missing '"')`);
    this.endRecord();
  }

  /** Inside quotes from `i`: everything up to the next quote is the cell's; returns where to go on. */
  private quotedRun(text: string, i: number): number {
    const q = text.indexOf('"', i);
    const end = q < 0 ? text.length : q;
    for (let k = i; k < end; k++) if (text.charCodeAt(k) === LF) this.line++;
    if (end > i) this.add(text.slice(i, end));
    if (q < 0) return end;
    if (q + 1 === text.length) {
      this.afterQuote = true;
      return q + 1;
    }
    if (text.charCodeAt(q + 1) === QUOTE) {
      this.add('"');
      return q + 2;
    }
    this.closeQuote();
    return q + 1;
  }

  /** A quote outside quotes opens a quoted value when the cell so far is only white space (which it drops). */
  private quote(): void {
    if (!this.cellHasText && this.cell.trim() === "") {
      this.quoted = true;
      this.cell = "";
      this.blank = false;
    } else {
      this.cellHasText = true;
      this.add('"');
    }
  }

  private closeQuote(): void {
    this.quoted = false;
    this.cellHasText = false; // not known: a quote right after `" "` opens again, one after `"a"` does not
  }

  private add(text: string): void {
    this.cell += text;
    this.length += text.length;
    if (this.length > this.limits.recordLength) {
      const limit = `${this.limits.recordLength.toLocaleString("en")} characters (the limit for one record)`;
      throw new DataError(this.quoted
        ? `line ${this.start}: a quoted value runs on for more than ${limit}: is a closing '"' missing?`
        : `line ${this.start}: a line of more than ${limit}: a CSV file has one record on each line`);
    }
  }

  private endCell(): void {
    this.cells.push(this.cell);
    this.cell = "";
    this.cellHasText = false;
    this.blank = false;
    if (this.cells.length >= this.limits.columns) {
      throw new DataError(`line ${this.start}: more than ${this.limits.columns.toLocaleString("en")} columns (the limit for one record)`);
    }
  }

  private endRecord(): void {
    this.cells.push(this.cell);
    const cells = this.cells;
    this.cells = [];
    this.cell = "";
    this.cellHasText = false;
    this.length = 0;
    if (this.blank) return;
    this.blank = true;
    this.onRecord(cells, this.start);
  }
}

function hasText(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    const space = c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && SPACE.test(text[k]!));
    if (!space) return true;
  }
  return false;
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
