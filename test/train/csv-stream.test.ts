import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvRecordReader, type CsvSink, type CsvTable, parseCsv } from "../../src/train/csv.js";
import { readCsvFile } from "../../src/train/csv-file.js";
import { loadCsv } from "../../src/train/data.js";
import { datasetReader, predictionInputReader, toDataset } from "../../src/train/dataset.js";

const dir = mkdtempSync(join(tmpdir(), "symdiff-csv-stream-"));
let files = 0;
function csvFile(content: string | Uint8Array): string {
  const file = join(dir, `f${files++}.csv`);
  writeFileSync(file, content);
  return file;
}

interface Rec {
  cells: string[];
  line: number;
}

/**
 * The reader as it was before streaming: the whole text, one character at a time. The chunked state machine must
 * find exactly its records, and its unclosed-quote error.
 */
function referenceRecords(whole: string): Rec[] | string {
  const text = whole.replace(/^\uFEFF/, "");
  const records: Rec[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let start = 1;
  let quoted = false;
  let blank = true;
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
  if (quoted) return `line ${start}: a quoted value is not closed (missing '"')`;
  endRecord();
  return records;
}

/** The records of the text handed to the reader in the given pieces; an error as its message. */
function streamedRecords(pieces: readonly string[]): Rec[] | string {
  const records: Rec[] = [];
  const reader = new CsvRecordReader((cells, line) => records.push({ cells, line }));
  try {
    for (const piece of pieces) reader.push(piece);
    reader.end();
  } catch (error) {
    return (error as Error).message;
  }
  return records;
}

/** The text cut at the given offsets. */
function cut(text: string, offsets: readonly number[]): string[] {
  const at = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((from, k) => text.slice(from, k < at.length ? at[k] : text.length));
}

/** A sink that keeps the table, as parseCsv does. */
function tableSink(): CsvSink<CsvTable> {
  const table = { header: [] as readonly string[], rows: [] as (readonly string[])[], lines: [] as number[] };
  return {
    header: (names) => void (table.header = names),
    row: (cells, line) => void (table.rows.push(cells), table.lines.push(line)),
    end: () => table,
  };
}

const TRICKY = [
  '\uFEFFa,"b, with comma",c\r\n1,"say ""hi""",3\r\n\r\n  \n4,"two\nlines",6\n',
  'x,y\r\n"a\r\nb",""""\r\n  "q" ,z\r\n"",\r\n',
  'h\n"unclosed\nstill',
  ' "a" "b",c\n\u00a0\n"é😀",\uFEFFd\r',
  "a,b\r\r\n1,2\n\n\n3,4",
];

describe("the streaming CSV reader", () => {
  it("reads known records: quotes, escaped quotes, quoted line breaks, CRLF, blank lines, a byte-order mark", () => {
    expect(streamedRecords([TRICKY[0]!])).toEqual([
      { cells: ["a", "b, with comma", "c"], line: 1 },
      { cells: ["1", 'say "hi"', "3"], line: 2 },
      { cells: ["4", "two\nlines", "6"], line: 5 },
    ]);
    expect(streamedRecords([TRICKY[1]!])).toEqual([
      { cells: ["x", "y"], line: 1 },
      { cells: ["a\r\nb", '"'], line: 2 },
      { cells: ["q ", "z"], line: 4 },
      { cells: ["", ""], line: 5 },
    ]);
    expect(streamedRecords([TRICKY[2]!])).toBe(`line 2: a quoted value is not closed (missing '"')`);
  });

  it("finds the same records however the text is cut, even one character at a time", () => {
    for (const text of TRICKY) {
      const whole = referenceRecords(text);
      expect(streamedRecords([...text].flatMap((ch) => ch.split("")))).toEqual(whole); // every UTF-16 unit alone
      for (let at = 0; at <= text.length; at++) expect(streamedRecords([text.slice(0, at), text.slice(at)])).toEqual(whole);
    }
  });

  it("agrees with the whole-text reader on random text cut at random places", () => {
    const pieces = ["a", "1", " ", "\t", ",", '"', '""', "\n", "\r", "\r\n", "é", "😀", "\uFEFF", "\u00a0", "x y"];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, offsets) => {
        expect(streamedRecords(cut(t, offsets))).toEqual(referenceRecords(t));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a file in chunks of a few bytes: splits inside quotes, inside CRLF and inside UTF-8 characters", () => {
    // é is 2 bytes, € 3, 😀 4 and the byte-order mark 3: chunks of 1 to 7 bytes cut each of them somewhere.
    const text = '\uFEFFname,note,y\r\n"é, ""€""","a\r\nb😀",1\r\n  \r\nÅsa,"😀😀",0\r\n"x\ny",€,1';
    const expected = parseCsv(text);
    expect(expected.rows).toEqual([["é, \"€\"", "a\r\nb😀", "1"], ["Åsa", "😀😀", "0"], ["x\ny", "€", "1"]]);
    expect(expected.lines).toEqual([2, 5, 6]);
    const file = csvFile(text);
    for (let chunkSize = 1; chunkSize <= 7; chunkSize++) {
      const table = readCsvFile(file, tableSink(), { chunkSize });
      expect([table.header, table.rows, table.lines]).toEqual([["name", "note", "y"], expected.rows, expected.lines]);
    }
  });

  it("names the file in errors about its content, not in errors about reading it", () => {
    const file = csvFile("a,b\n1,2,3\n");
    expect(() => readCsvFile(file, tableSink(), { chunkSize: 2 })).toThrow(`${file}: line 2: 3 values, but the header has 2 columns (a, b)`);
    expect(() => readCsvFile(dir, tableSink())).toThrow(`cannot read ${dir}: EISDIR`);
    expect(() => readCsvFile(csvFile(""), tableSink())).toThrow(/: the file is empty/);
  });

  it("stops at a record longer than the limit: a file without line breaks or with a quote never closed", () => {
    const limits = { recordLength: 20, columns: 5 };
    expect(parseCsv("a,b\n1234567890,1234567890\n", limits).rows).toEqual([["1234567890", "1234567890"]]); // 20: at the limit
    expect(() => parseCsv("a,b\n1234567890,12345678901\n", limits)).toThrow("line 2: a line of more than 20 characters (the limit for one record)");
    expect(() => parseCsv('a,b\n1,"2\n3\n4\n5\n6\n7\n8\n9\n0\n1\n2\n3', limits)).toThrow(`line 2: a quoted value runs on for more than 20 characters (the limit for one record): is a closing '"' missing?`);
    expect(parseCsv("a,b,c,d,e\n", limits).header).toHaveLength(5);
    expect(() => parseCsv("a,b,c,d,e,f\n", limits)).toThrow("line 1: more than 5 columns (the limit for one record)");
    // A file of one endless line stops at the limit, not at its end.
    const file = csvFile(`a,${"1".repeat(10_000)}`);
    expect(() => readCsvFile(file, tableSink(), { chunkSize: 16, limits })).toThrow(`${file}: line 1: a line of more than 20 characters`);
  });
});

describe("loading a data set from a stream", () => {
  it("reads a wide file: every column a feature, in order, each value where it belongs", () => {
    const columns = 2000;
    const names = Array.from({ length: columns }, (_, j) => `f${j}`);
    const value = (i: number, j: number) => i * 10_000 + j + 0.5;
    const rows = [0, 1, 2].map((i) => [...names.map((_, j) => String(value(i, j))), String(i % 2)].join(","));
    const file = csvFile(`${[...names, "y"].join(",")}\n${rows.join("\n")}\n`);
    const data = loadCsv(file);
    expect([data.size, data.dimension, data.featureNames.length, data.labelName]).toEqual([3, columns, columns, "y"]);
    expect(data.features[0]).toBe(0.5);
    expect(data.features[columns + 7]).toBe(value(1, 7));
    expect(data.features[3 * columns - 1]).toBe(value(2, columns - 1));
    expect([...data.labels]).toEqual([0, 1, 0]);
    const chosen = loadCsv(file, { features: ["f1999", "f3"] });
    expect([...chosen.features]).toEqual([value(0, 1999), value(0, 3), value(1, 1999), value(1, 3), value(2, 1999), value(2, 3)]);
  });

  it("reads every decimal exactly as Number does (the fast path for short ones included)", () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: max });
    const decimal = fc
      .tuple(fc.constantFrom("", "+", "-"), digits(20), fc.constantFrom("", "."), digits(20), fc.constantFrom("", "e", "E-", "e+"), fc.integer({ min: 0, max: 400 }))
      .map(([sign, whole, point, fraction, e, exponent]) => `${sign}${whole}${point}${fraction}${e === "" ? "" : `${e}${exponent}`}`)
      .filter((text) => /\d/.test(text.split(/[eE]/)[0]!) && Number.isFinite(Number(text)));
    const known = ["0", "-0", "-0.0", "1", "0.1", "0.3", "123456789012345", "1234567890123456", "9007199254740993", "1e22", "1e23", "3e23", "5e24", "3e-23", "1.5e-22", "4.35", "5e-324", "1.7976931348623157e308", "+.5", "7.", "000000000000000000001.25"];
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 50 }), (texts) => {
        const all = [...known, ...texts];
        const data = toDataset({ header: ["x", "y"], rows: all.map((t, i) => [t, String(i % 2)]), lines: all.map((_, i) => i + 2) });
        all.forEach((t, i) => expect(Object.is(data.features[i], Number(t)), t).toBe(true));
      }),
      { numRuns: 300 },
    );
  });

  it("grows its arrays past their first size and returns them at exactly their length", () => {
    const n = 5000;
    const file = csvFile(`a,b,y\n${Array.from({ length: n }, (_, i) => `${i},${-i},${i % 2}`).join("\n")}`);
    const data = loadCsv(file);
    expect([data.size, data.features.length, data.labels.length]).toEqual([n, 2 * n, n]);
    expect(data.features.every((x, k) => x === (k % 2 === 0 ? k / 2 : -(k - 1) / 2))).toBe(true);
    expect(data.labels.every((y, i) => y === i % 2)).toBe(true);
  });

  it("stops at the first row past the value limit, saying how much was read and how to get under it", () => {
    const file = csvFile("a,b,c,y\n1,2,3,0\n4,5,6,1\n7,8,9,0\n1,1,1,1\n");
    expect(datasetReaderOn(file, {}, 12).size).toBe(4); // 4 rows × 3 features: at the limit
    expect(() => datasetReaderOn(file, {}, 8)).toThrow(
      `${file}: line 4: too much data: after 2 rows × 3 feature columns, this row would go past the limit of 8 values (64 bytes of float64); choose fewer columns with --features A,B,... or use fewer rows`,
    );
    expect(datasetReaderOn(file, { features: ["a", "b"] }, 8).size).toBe(4); // fewer columns fit
    // Rows left out by --classes do not count.
    const animals = csvFile("a,k\n1,cat\n2,fox\n3,fox\n4,dog\n");
    expect(datasetReaderOn(animals, { classes: ["cat", "dog"], positive: "dog" }, 2).size).toBe(2);
    // Rows to predict have the same limit.
    const predict = (max: number) => readCsvFile(file, predictionInputReader(["c", "a"], { name: "y", classNames: ["0", "1"] }, max));
    expect(predict(8).labels).toEqual(new Float64Array([0, 1, 0, 1]));
    expect(() => predict(7)).toThrow(`line 5: too much data: after 3 rows × 2 feature columns, this row would go past the limit of 7 values`);
    expect(() => predict(7)).toThrow("predict the rows in several smaller files");
  });
});

function datasetReaderOn(file: string, options: Parameters<typeof datasetReader>[0], maxValues: number) {
  return readCsvFile(file, datasetReader(options, maxValues));
}
