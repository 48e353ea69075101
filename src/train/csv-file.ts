/**
 * Reading a CSV file chunk by chunk into a sink (csv.ts): a fixed buffer, UTF-8 decoded as a stream, so memory stays
 * the buffer plus what the sink keeps, whatever the size of the file.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { CSV_LIMITS, type CsvLimits, type CsvSink, csvParser } from "./csv.js";
import { DataError } from "./errors.js";

/** Bytes read at a time: large enough that the per-read cost vanishes, small next to the data it becomes. */
export const CHUNK_SIZE = 2 ** 20;

export interface CsvFileOptions {
  readonly chunkSize?: number;
  readonly limits?: CsvLimits;
}

/** Reads `file` into `sink` and returns its result; a DataError names the file (and the line and column). */
export function readCsvFile<T>(file: string | URL, sink: CsvSink<T>, options: CsvFileOptions = {}): T {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    const parser = csvParser(sink, options.limits ?? CSV_LIMITS);
    // ignoreBOM keeps a byte-order mark in the text, where the parser drops it (exactly one, as for a string).
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const buffer = new Uint8Array(options.chunkSize ?? CHUNK_SIZE);
    for (;;) {
      let bytes: number;
      try {
        bytes = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        throw cannotRead(file, error);
      }
      if (bytes === 0) break;
      // A character split between two chunks waits in the decoder for its other bytes.
      const text = decoder.decode(buffer.subarray(0, bytes), { stream: true });
      naming(file, () => parser.push(text));
    }
    return naming(file, () => {
      parser.push(decoder.decode());
      return parser.end();
    });
  } finally {
    closeSync(fd);
  }
}

function cannotRead(file: string | URL, error: unknown): DataError {
  return new DataError(`cannot read ${String(file)}: ${(error as Error).message}`);
}

/** Runs `step`; a DataError from it (about the file's content) gets the file's name in front. */
function naming<T>(file: string | URL, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof DataError) throw new DataError(`${fileName(file)}: ${error.message}`);
    throw error;
  }
}

function fileName(file: string | URL): string {
  return typeof file === "string" ? file : file.pathname.split("/").at(-1)!;
}
