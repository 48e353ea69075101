/**
 * Runs the README's TypeScript examples. In a ```ts block that imports from "symdiff", a line
 *   `expression; // → value`            checks that the expression equals the value, and
 *   `expression; // throws Name: "msg"` checks that it throws that error with that message;
 * other lines run as they are. So the README cannot drift from what the library does.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as symdiff from "../src/index.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.includes('from "symdiff"'));

function compile(block: string): string {
  return block
    .split("\n")
    .map((line) => {
      const imported = /^import \{([^}]*)\} from "symdiff";$/.exec(line);
      if (imported) return `const {${imported[1]}} = lib;`;
      const value = /^(.*?);\s*\/\/ → (.*)$/.exec(line);
      if (value) return `expectValue(() => (${value[1]}), ${value[2]}, ${JSON.stringify(line)});`;
      const thrown = /^(.*?);\s*\/\/ throws (\w+): (".*")$/.exec(line);
      if (thrown) return `expectThrow(() => (${thrown[1]}), ${JSON.stringify(thrown[2])}, ${thrown[3]}, ${JSON.stringify(line)});`;
      return line;
    })
    .join("\n");
}

describe("README examples", () => {
  it("has examples to run", () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  blocks.forEach((block, i) => {
    it(`block ${i + 1} holds`, () => {
      let checks = 0;
      const expectValue = (run: () => unknown, expected: unknown, line: string) => {
        checks++;
        expect(run(), line).toEqual(expected);
      };
      const expectThrow = (run: () => unknown, name: string, message: string, line: string) => {
        checks++;
        expect(run, line).toThrow(message);
        try {
          run();
        } catch (e) {
          expect((e as Error).name, line).toBe(name);
        }
      };
      new Function("lib", "expectValue", "expectThrow", compile(block))(symdiff, expectValue, expectThrow);
      expect(checks).toBeGreaterThan(0);
    });
  });
});
