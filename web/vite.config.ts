// The page's build. Output goes to build/web/dist (never into the source
// tree). The wasm side (`make web-wasm`) writes build/web/dist/zos/ first,
// so this build must not empty the folder: the Makefile removes the page's
// own old output (assets/, index.html) before it runs. The dev and preview
// servers send the two headers SharedArrayBuffer needs (cross-origin
// isolation); tools/web/serve.mjs does the same for `make run-web`.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

// Until the wasm runtime is merged, web/src/kernel/kernel-worker.ts does not
// exist; the page is then built with the stand-in kernel worker of the
// page's tests, which speaks the same protocol and has no Zero OS in it. The
// build says so, and so does the page (its boot stages). Once the real
// worker exists this does nothing.
const here = path.dirname(fileURLToPath(import.meta.url));
const realWorker = path.join(here, "src/kernel/kernel-worker.ts");
const standin = path.join(here, "../tests/web/fixtures/standin-kernel-worker.js");

function standinKernelWorker(): Plugin {
  return {
    name: "zos-standin-kernel-worker",
    enforce: "pre",
    resolveId(source) {
      return path.resolve(source) === realWorker ? standin : null;
    },
  };
}

const useStandin = !existsSync(realWorker);
if (useStandin)
  console.warn(
    "web: src/kernel/kernel-worker.ts is missing: building the page with the stand-in " +
      "kernel worker (tests/web/fixtures/standin-kernel-worker.js); there is no Zero OS in this build",
  );

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
    plugins: () => (useStandin ? [standinKernelWorker()] : []),
  },
  server: { headers: isolation },
  preview: { headers: isolation },
});
