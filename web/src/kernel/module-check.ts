// What a process module may be (include/zos/wasm.h, docs/abi.md): it
// imports its memory (env.memory) and one function (zos.syscall) and
// nothing else, exports _start, and asks for no more memory at start than
// the per-process limit. Checked before a worker is made for it; anything
// else refuses the spawn with a reason for the console.
//
// The memory's initial size is read from the module's import section
// (WebAssembly.Module.imports does not give limits): the platform creates
// that memory, zeroed, with the limit as its maximum.
import * as Z from "../generated/zos";

export interface ProcessModule {
  module: WebAssembly.Module;
  minPages: number;
  maxPages: number;
}

const IMPORT_SECTION = 2;
const KIND_MEMORY = 2;

class Reader {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.b.length) throw new Error("the module ends early");
    return this.b[this.pos++];
  }
  u32(): number {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const x = this.byte();
      v += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) return v;
    }
    throw new Error("a number in the module is malformed");
  }
  skip(n: number): void {
    if (n > this.b.length - this.pos) throw new Error("the module ends early");
    this.pos += n;
  }
  name(): string {
    const n = this.u32();
    const s = new TextDecoder().decode(this.b.subarray(this.pos, this.pos + n));
    this.skip(n);
    return s;
  }
}

interface MemoryLimits {
  min: number;
  max: number | null;
  shared: boolean;
}

// The limits of the imported memory, or null when there is none.
function memoryImport(bytes: Uint8Array): MemoryLimits | null {
  const r = new Reader(bytes);
  r.skip(8);
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id !== IMPORT_SECTION) {
      r.skip(size);
      continue;
    }
    for (let n = r.u32(); n > 0; n--) {
      r.name();
      r.name();
      const kind = r.byte();
      if (kind === KIND_MEMORY) {
        const flags = r.byte();
        const min = r.u32();
        const max = flags & 1 ? r.u32() : null;
        return { min, max, shared: (flags & 2) !== 0 };
      }
      if (kind === 0) {
        r.u32(); // a function: its type
      } else if (kind === 1) {
        r.byte(); // a table: its element type, then limits
        const flags = r.byte();
        r.u32();
        if (flags & 1) r.u32();
      } else if (kind === 3) {
        r.byte(); // a global: its type and mutability
        r.byte();
      } else {
        throw new Error(`an import of unknown kind ${kind}`);
      }
    }
    if (r.pos !== end) throw new Error("the import section's size is wrong");
    return null;
  }
  return null;
}

// The module ready to run, or why it may not.
export function checkProcessModule(
  module: WebAssembly.Module,
  bytes: Uint8Array,
  limitBytes: number,
): ProcessModule | string {
  const expected = [
    `${Z.WASM_IMPORT_MEMORY} memory`,
    `${Z.WASM_IMPORT_SYSCALL} function`,
  ];
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name} ${i.kind}`);
  for (const imp of imports)
    if (!expected.includes(imp)) return `it imports ${imp.replace(" ", " (a ")}), beyond the ABI (docs/abi.md)`;
  if (imports.length !== 2) return "it must import its memory and zos.syscall, once each";
  const start = WebAssembly.Module.exports(module).find((e) => e.name === Z.WASM_EXPORT_START);
  if (!start || start.kind !== "function") return "it exports no _start function";
  let limits: MemoryLimits | null;
  try {
    limits = memoryImport(bytes);
  } catch (e) {
    return `its import section cannot be read (${e instanceof Error ? e.message : String(e)})`;
  }
  if (!limits) return "it imports no memory";
  if (limits.shared) return "it asks for shared memory";
  const limitPages = Math.floor(limitBytes / Z.WASM_PAGE);
  if (limits.min > limitPages)
    return `it needs ${mib(limits.min * Z.WASM_PAGE)} of memory at start, over the limit of ${mib(limitBytes)}`;
  const maxPages = Math.min(limitPages, limits.max ?? limitPages);
  return { module, minPages: limits.min, maxPages };
}

function mib(bytes: number): string {
  return `${Math.ceil(bytes / (1 << 20))} MiB`;
}
