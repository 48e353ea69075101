import { SymdiffError } from "../errors.js";

/** A data file cannot be used for training as asked; the message names the line and column to fix. */
export class DataError extends SymdiffError {
  override name = "DataError";
}
