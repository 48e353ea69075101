/**
 * What a link to the page holds: the function, variable, order, point and answer, as `?f=...&v=x&n=1&a=2&answer=...`.
 * Reading tolerates anything (a hand-edited link falls back to defaults field by field); writing leaves out what is
 * empty, so links stay short.
 *
 * Values are percent-encoded, and a `+` is a plus: a hand-written `?f=x^2+1` means x^2 + 1, as a student expects,
 * not the space that form encoding (URLSearchParams) would make of it.
 */

export interface PageState {
  readonly f: string;
  /** The variable; "" lets the page pick the function's only variable. */
  readonly v: string;
  readonly n: number;
  /** The point, as typed (an expression such as `pi/4` is allowed). */
  readonly a: string;
  readonly answer: string;
}

export const DEFAULT_STATE: PageState = { f: "sin(3x^2 + x)", v: "", n: 1, a: "1", answer: "" };

/** Highest order the page offers: beyond it derivatives grow too large to read, let alone check by hand. */
export const MAX_ORDER = 10;

export function readState(search: string): PageState {
  const q = queryParameters(search);
  const order = Number(q.get("n") ?? DEFAULT_STATE.n);
  return {
    f: q.get("f") ?? DEFAULT_STATE.f,
    v: q.get("v") ?? DEFAULT_STATE.v,
    n: Number.isInteger(order) && order >= 1 && order <= MAX_ORDER ? order : DEFAULT_STATE.n,
    a: q.get("a") ?? DEFAULT_STATE.a,
    answer: q.get("answer") ?? DEFAULT_STATE.answer,
  };
}

export function writeState(s: PageState): string {
  const fields: [string, string][] = [["f", s.f], ["v", s.v], ["n", String(s.n)], ["a", s.a], ["answer", s.answer]];
  return `?${fields
    .filter(([key, value]) => value !== "" || key === "f")
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join("&")}`;
}

/** The query's parameters, percent-decoded (a malformed escape is kept as typed), `+` kept as a plus. */
function queryParameters(search: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    const [key, value] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
    if (!out.has(decoded(key))) out.set(decoded(key), decoded(value));
  }
  return out;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
