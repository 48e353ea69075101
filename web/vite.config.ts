/**
 * The homework checker page: `vite build web` bundles it, with the library source and KaTeX, into dist/web/, which
 * `symdiff serve` serves. Relative asset paths, so the built page works from any directory.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    // KaTeX's fonts are files next to its CSS; a page that is served locally has no use for data URLs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
  },
});
