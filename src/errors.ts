/** Every error symdiff throws on purpose is a SymdiffError, so callers can tell bad input from bugs. */
export class SymdiffError extends Error {
  override name = "SymdiffError";
}

/** The input text is not a valid expression. Positions point at the offending text. */
export class ParseError extends SymdiffError {
  override name = "ParseError";
  constructor(
    /** What went wrong, without the position: "unexpected ')'". */
    readonly reason: string,
    /** What would have been accepted here, e.g. "an expression"; empty when nothing specific. */
    readonly expected: string,
    /** The offending text as typed ("" at the end of input). */
    readonly found: string,
    /** 0-based offset into the input. */
    readonly offset: number,
    /** 1-based line. */
    readonly line: number,
    /** 1-based column. */
    readonly column: number,
  ) {
    super(`${reason} at ${line}:${column}${expected ? `, expected ${expected}` : ""}`);
  }
}

/** An operation would exceed a documented limit (input length, nesting depth, expression size). */
export class LimitError extends SymdiffError {
  override name = "LimitError";
}

/**
 * The nesting-depth case of LimitError. The simplifier drops a candidate form that would nest too deeply and keeps
 * looking, where any other limit ends the operation.
 */
export class DepthLimitError extends LimitError {}

/** An argument to a library function is not acceptable (a bad variable name, a negative order, a missing value). */
export class ArgumentError extends SymdiffError {
  override name = "ArgumentError";
}

/** An expression has no real value where it was asked for one: `1/x` at x = 0, `log(-1)`. */
export class DomainError extends SymdiffError {
  override name = "DomainError";
}
