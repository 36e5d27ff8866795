// The browser's two sides agree, checked without a browser (plain Node, no
// packages): builds nothing, reads what `make web-wasm` built.
//
//   1. web/src/generated/zos.ts is exactly what tools/web/gen_zos_ts writes
//      now (a stale file fails);
//   2. every number in it equals kernel.wasm's own table (hal/wasm/abi.c,
//      compiled for wasm32: the layouts the static asserts pinned there),
//      and it has no number kernel.wasm lacks;
//   3. every program module imports exactly its memory and zos.syscall and
//      exports _start (include/zos/wasm.h), and bin/manifest.json names
//      every module with its true SHA-256 and size.
//
// Prints "RESULT web-constants <passed> <failed>".
// Usage: node tests/web/constants.mjs [BUILD_DIR]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const build = path.resolve(root, process.argv[2] ?? "build");
const zosDir = path.join(build, "web/dist/zos");
let passed = 0;
let failed = 0;

function ok(what) {
  passed++;
  console.log(`ok    ${what}`);
}
function bad(what) {
  failed++;
  console.log(`FAIL  ${what}`);
}
function check(cond, what) {
  if (cond) ok(what);
  else bad(what);
}

// 1. not stale
const generatedPath = path.join(root, "web/src/generated/zos.ts");
let generated = "";
try {
  generated = readFileSync(generatedPath, "utf8");
  const fresh = execFileSync(path.join(build, "host/tools/gen_zos_ts"), { encoding: "utf8" });
  check(fresh === generated, "web/src/generated/zos.ts is what gen_zos_ts writes now");
} catch (e) {
  bad(`generated constants: ${e.message}`);
}

// 2. the same numbers as kernel.wasm
const consts = new Map();
for (const m of generated.matchAll(/^export const ([A-Z0-9_]+) = (-?\d+);$/gm)) consts.set(m[1], Number(m[2]));
try {
  const module = new WebAssembly.Module(readFileSync(path.join(zosDir, "kernel.wasm")));
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    imports[imp.module] ??= {};
    imports[imp.module][imp.name] = () => 0; // none is called by the table's functions
  }
  const k = new WebAssembly.Instance(module, imports).exports;
  const mem = new Uint8Array(k.memory.buffer);
  const cString = (at) => {
    let end = at;
    while (mem[end] !== 0) end++;
    return Buffer.from(mem.subarray(at, end)).toString("latin1");
  };
  const n = k.zos_wasm_abi_count();
  let mismatches = 0;
  for (let i = 0; i < n; i++) {
    const name = cString(k.zos_wasm_abi_name(i));
    const value = k.zos_wasm_abi_value(i);
    if (consts.get(name) !== value) {
      mismatches++;
      bad(`${name}: kernel.wasm says ${value}, zos.ts says ${consts.get(name)}`);
    }
  }
  check(mismatches === 0, `kernel.wasm's ${n} numbers all equal zos.ts's`);
  check(consts.size === n, `zos.ts has no number kernel.wasm lacks (${consts.size} of ${n})`);
  check(consts.get("SC_SIZE") === 56 && consts.get("MB_IN") === 64, "the wasm32 syscall record and the mailbox header as pinned");
} catch (e) {
  bad(`kernel.wasm: ${e.message}`);
}

// 3. the modules and the manifest
try {
  const manifest = JSON.parse(readFileSync(path.join(zosDir, "bin/manifest.json"), "utf8"));
  const files = readdirSync(path.join(zosDir, "bin")).filter((f) => f.endsWith(".wasm"));
  check(files.length > 0 && Object.keys(manifest).length === files.length, `the manifest names all ${files.length} modules`);
  for (const file of files) {
    const bytes = readFileSync(path.join(zosDir, "bin", file));
    const name = file.replace(/\.wasm$/, "");
    const entry = manifest[name];
    const sha = createHash("sha256").update(bytes).digest("hex");
    check(entry && entry.file === file && entry.sha256 === sha && entry.size === bytes.length, `${file}: manifest entry true`);
    const module = new WebAssembly.Module(bytes);
    const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`).sort();
    const exports = WebAssembly.Module.exports(module).map((e) => `${e.name}:${e.kind}`);
    check(
      imports.join(" ") === "env.memory:memory zos.syscall:function" && exports.join(" ") === "_start:function",
      `${file}: imports its memory and zos.syscall, exports _start`,
    );
  }
} catch (e) {
  bad(`modules: ${e.message}`);
}

console.log(`RESULT web-constants ${passed} ${failed}`);
process.exit(failed ? 1 : 0);
