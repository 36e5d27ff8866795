// desktop.wasm as the page will use it, in Node: the module exports the
// engine's calls and its memory (and imports nothing); frames are read
// through typed arrays at the offsets web/src/generated/desktop.ts gives
// (parsed here from its text, so the generated file itself is what is
// checked); a title drag moves a window by the drag; Ctrl+wheel keeps the
// point under the pointer; NaN is refused; snapshot -> restore ->
// snapshot gives the same bytes. Run by tests/run.sh after `make desktop`.
// Prints "RESULT desktop_wasm <passed> <failed>".
import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const wasm = readFileSync(new URL("build/web/dist/zos/desktop.wasm", root));
const ts = readFileSync(new URL("web/src/generated/desktop.ts", root), "utf8");

const C = {};
for (const m of ts.matchAll(/^export const (\w+) = (-?[0-9.e+]+);$/gm)) C[m[1]] = Number(m[2]);
function record(name) {
  const m = ts.match(new RegExp(`export const ${name} = \\{\\n([^}]*)\\} as const;`));
  const r = {};
  for (const f of m[1].matchAll(/^ {2}(\w+): "?(\w+)"?,$/gm)) r[f[1]] = /^\d+$/.test(f[2]) ? Number(f[2]) : f[2];
  return r;
}
const H = record("FRAME_HEADER"), HT = record("FRAME_HEADER_TYPES"), W = record("FRAME_WINDOW");

let pass = 0, fail = 0;
function check(name, ok) {
  if (ok) pass++;
  else fail++;
  console.log(`${ok ? "ok" : "not ok"} ${name}`);
}

const mod = new WebAssembly.Module(wasm);
check("imports nothing", WebAssembly.Module.imports(mod).length === 0);
const exported = WebAssembly.Module.exports(mod).map((e) => e.name);
check("exports only memory and dt_ calls", exported.every((n) => n === "memory" || n.startsWith("dt_")));
const e = new WebAssembly.Instance(mod, {}).exports;
const eng = e.dt_wasm_engine(), io = e.dt_wasm_io(), fb = e.dt_wasm_frame();
const mem = () => new Uint8Array(e.memory.buffer);

function str(s, at = 0) {
  const b = new TextEncoder().encode(s);
  mem().set(b, io + at);
  return [io + at, b.length];
}
function frame(now) {
  const n = e.dt_frame(eng, now, fb, e.dt_wasm_frame_cap());
  const u32 = new Uint32Array(e.memory.buffer, fb, n >> 2);
  const f64 = new Float64Array(e.memory.buffer, fb, n >> 3);
  const hdr = (k) => (HT[k] === "f64" ? f64[H[k] / 8] : u32[H[k] / 4]);
  const windows = [];
  for (let i = 0; i < u32[H.window_count / 4]; i++) {
    const at = u32[H.window_offset / 4] + i * u32[H.window_size / 4];
    const text = (o, l) => new TextDecoder().decode(mem().subarray(fb + u32[(at + o) / 4], fb + u32[(at + o) / 4] + u32[(at + l) / 4]));
    windows.push({
      id: u32[(at + W.id) / 4], z: u32[(at + W.z) / 4], flags: u32[(at + W.flags) / 4],
      x: f64[(at + W.x) / 8], y: f64[(at + W.y) / 8], w: f64[(at + W.w) / 8],
      title: text(W.title_offset, W.title_len),
    });
  }
  return { n, hdr, windows };
}

check("init", e.dt_init(eng, 1280, 800, 48) === 0);
const titles = ["shell", "<script>alert(1)</script>", "\u202eexe.txt\u200b"];
for (const t of titles) {
  const [p, n] = str(t), [ap, an] = str("terminal", 512);
  check(`create "${t}"`, e.dt_window_create(eng, 0, C.WINDOW_STANDARD, 400, 300, p, n, ap, an) > 0);
}
let f = frame(0);
check("frame magic", f.hdr("magic") === C.FRAME_MAGIC);
check("three window records", f.windows.length === 3);
check("titles read back as text", f.windows.map((w) => w.title).join("|") === titles.join("|"));
check("z is the record's index", f.windows.every((w, i) => w.z === i));
const top = f.windows[2];
check("the newest is focused", (top.flags & C.WF_FOCUSED) !== 0 && f.hdr("focused_window") === top.id);

// a title drag by (37, -23)
const gx = top.x + 120, gy = top.y + 16;
e.dt_pointer_down(eng, gx, gy, C.BUTTON_PRIMARY, 0, 10);
e.dt_pointer_move(eng, gx + 20, gy - 10, 0, 20);
e.dt_pointer_move(eng, gx + 37, gy - 23, 0, 30);
e.dt_pointer_up(eng, gx + 37, gy - 23, C.BUTTON_PRIMARY, 0, 40);
const moved = frame(50).windows.find((w) => w.id === top.id);
check("a title drag moves the window by the drag", moved.x === top.x + 37 && moved.y === top.y - 23);

// Ctrl+wheel about (700, 400): the world point there stays put
const cam = () => { const g = frame(60); return [g.hdr("camera_x"), g.hdr("camera_y"), g.hdr("camera_zoom")]; };
const [cx, cy, cz] = cam(), wx = cx + 700 / cz, wy = cy + 400 / cz;
check("Ctrl+wheel is the engine's", e.dt_wheel(eng, 700, 400, 0, -240, C.MOD_CTRL, 70) === C.IN_HANDLED);
const [nx, ny, nz] = cam();
check("the zoom changed", nz > cz);
check("the point under the pointer stays within 0.5 px", Math.abs((wx - nx) * nz - 700) < 0.5 && Math.abs((wy - ny) * nz - 400) < 0.5);

check("NaN is refused", e.dt_window_move(eng, top.id, NaN, 0) === C.ERR_INVALID_ARGUMENT);
check("an unknown id is refused", e.dt_window_close(eng, 999) === C.ERR_NOT_FOUND);

const n1 = e.dt_snapshot(eng, io, e.dt_wasm_io_cap());
const snap = mem().slice(io, io + n1);
check("restore", e.dt_restore(eng, io, n1) === 0);
const n2 = e.dt_snapshot(eng, io, e.dt_wasm_io_cap());
check("snapshot -> restore -> snapshot is the same bytes", n1 === n2 && mem().subarray(io, io + n2).every((b, i) => b === snap[i]));
check("invariants hold", e.dt_check(eng) === 0);

console.log(`RESULT desktop_wasm ${pass} ${fail}`);
process.exit(fail ? 1 : 0);
