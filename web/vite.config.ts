// The page's build. Output goes to build/web/dist (never into the source
// tree). The wasm side (`make web-wasm`) writes build/web/dist/zos/ first,
// so this build must not empty the folder: the Makefile removes the page's
// own old output (assets/, index.html) before it runs. The dev and preview
// servers send the two headers SharedArrayBuffer needs (cross-origin
// isolation); tools/web/serve.mjs does the same for `make run-web`.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  plugins: [react()],
  base: "./",
  build: {
    outDir: "../build/web/dist",
    emptyOutDir: false,
    target: "es2022",
  },
  worker: {
    format: "es",
  },
  server: { headers: isolation },
  preview: { headers: isolation },
});
