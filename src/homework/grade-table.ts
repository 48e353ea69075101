/**
 * The grader's CSV files, read into rows: a class's answers (student, question, answer) and the key (question,
 * function, and optionally variable and order). Column names are matched without regard to case or surrounding
 * space, in any order; other columns are ignored (exports from learning platforms carry many). Errors are
 * DataErrors naming the file, the line and the column.
 */
import { type CsvTable, parseCsv } from "../train/csv.js";
import { DataError } from "../train/errors.js";
import type { KeyEntry, Submission } from "./grade.js";

/** A row with the line of the file it starts on, for messages. */
export type Lined<T> = T & { readonly line: number };

const ANSWER_COLUMNS = ["student", "question", "answer"] as const;
const KEY_COLUMNS = ["question", "function"] as const;
const OPTIONAL_KEY_COLUMNS = ["variable", "order"] as const;

/** `file` names the file in messages. */
export function readAnswers(text: string, file: string): Lined<Submission>[] {
  const table = readTable(text, file);
  const [student, question, answer] = columns(table, ANSWER_COLUMNS, file);
  return table.rows.map((row, i) => ({ student: row[student]!.trim(), question: row[question]!.trim(), answer: row[answer]!, line: table.lines[i]! }));
}

/** The key's entries; a question given twice is an error naming both lines. */
export function readKey(text: string, file: string): Lined<KeyEntry>[] {
  const table = readTable(text, file);
  const [question, fn] = columns(table, KEY_COLUMNS, file);
  const [variable, order] = OPTIONAL_KEY_COLUMNS.map((name) => columnIndex(table, name));
  const seen = new Map<string, number>();
  return table.rows.map((row, i) => {
    const line = table.lines[i]!;
    const name = row[question]!.trim();
    if (name === "") throw new DataError(`${file}: line ${line}, column ${question + 1}: the question has no name`);
    const earlier = seen.get(name);
    if (earlier !== undefined) throw new DataError(`${file}: line ${line}, column ${question + 1}: question '${name}' is already in the key (line ${earlier})`);
    seen.set(name, line);
    return {
      question: name,
      function: row[fn]!,
      ...(variable !== undefined && { variable: row[variable]! }),
      ...(order !== undefined && { order: row[order]! }),
      line,
    };
  });
}

function readTable(text: string, file: string): CsvTable {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof DataError) throw new DataError(`${file}: ${error.message}`);
    throw error;
  }
}

function columnIndex(table: CsvTable, name: string): number | undefined {
  const i = table.header.findIndex((h) => h.toLowerCase() === name);
  return i === -1 ? undefined : i;
}

/** The indices of the required columns, in the order asked for. */
function columns(table: CsvTable, names: readonly string[], file: string): number[] {
  return names.map((name) => {
    const i = columnIndex(table, name);
    if (i === undefined) {
      const expected = names.join(", ");
      throw new DataError(`${file}: line ${table.headerLine ?? 1}: no '${name}' column (the header has ${table.header.join(", ")}; expected ${expected})`);
    }
    return i;
  });
}
