/** What a link to the page holds (web/state.ts): read back as written, forgiving of hand-written links. */
import { describe, expect, it } from "vitest";
import { DEFAULT_STATE, readState, writeState } from "../../web/state.js";

describe("page state in the address bar", () => {
  it("reads back what it writes, whatever the characters", () => {
    const state = { f: "x^2 + 1/(x - 3) & sin(x)=y", v: "x", n: 3, a: "pi/4", answer: "2x + 100%" };
    expect(readState(writeState(state))).toEqual(state);
  });

  it("reads a hand-written link, where + is a plus", () => {
    expect(readState("?f=x^2+1&v=x&n=2&a=-1&answer=2x+0")).toEqual({ f: "x^2+1", v: "x", n: 2, a: "-1", answer: "2x+0" });
  });

  it("falls back to the defaults field by field", () => {
    expect(readState("")).toEqual(DEFAULT_STATE);
    expect(readState("?n=0&f=x")).toEqual({ ...DEFAULT_STATE, f: "x" });
    expect(readState("?n=2.5&a=%E0%A4%A")).toEqual({ ...DEFAULT_STATE, a: "%E0%A4%A" });
    expect(readState("?n=11")).toEqual(DEFAULT_STATE);
  });

  it("leaves out what is empty", () => {
    expect(writeState({ f: "x", v: "", n: 1, a: "", answer: "" })).toBe("?f=x&n=1");
  });
});
