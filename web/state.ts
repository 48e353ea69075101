/**
 * What a link to the page holds: the function, variable, order, point and answer, as `?f=...&v=x&n=1&a=2&answer=...`.
 * Reading tolerates anything (a hand-edited link falls back to defaults field by field); writing leaves out what is
 * empty, so links stay short.
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
  const q = new URLSearchParams(search);
  const order = Number(q.get("n"));
  return {
    f: q.get("f") ?? DEFAULT_STATE.f,
    v: q.get("v") ?? DEFAULT_STATE.v,
    n: Number.isInteger(order) && order >= 1 && order <= MAX_ORDER ? order : DEFAULT_STATE.n,
    a: q.get("a") ?? DEFAULT_STATE.a,
    answer: q.get("answer") ?? DEFAULT_STATE.answer,
  };
}

export function writeState(s: PageState): string {
  const q = new URLSearchParams({ f: s.f });
  if (s.v !== "") q.set("v", s.v);
  q.set("n", String(s.n));
  if (s.a !== "") q.set("a", s.a);
  if (s.answer !== "") q.set("answer", s.answer);
  return `?${q.toString()}`;
}
