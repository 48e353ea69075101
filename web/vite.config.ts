/**
 * The homework checker page: `vite build web` bundles it, with the library source and KaTeX, into dist/web/, which
 * `symdiff serve` serves. The page also works opened straight from disk (file://), where browsers refuse module
 * scripts and `crossorigin` requests: so the bundle is one classic deferred script, and asset paths are relative.
 */
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const classicScripts: Plugin = {
  name: "symdiff-classic-scripts",
  enforce: "post",
  transformIndexHtml: (html) => html.replace(/<script type="module" crossorigin/g, "<script defer").replace(/ crossorigin(?=[ >])/g, ""),
};

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [classicScripts],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    modulePreload: false,
    rollupOptions: { output: { format: "iife" } },
    // KaTeX's fonts are files next to its CSS; a page that is served locally has no use for data URLs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
  },
});
