import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // The interning test calls gc() to observe that expressions nobody holds leave the intern table.
    execArgv: ["--expose-gc"],
    setupFiles: ["test/support/matchers.ts"],
  },
});
