// kernel.wasm: the System (kernel, Axiom) and the browser HAL in C
// (hal/wasm/), instantiated with the imports of hal/wasm/imports.h, which a
// KernelHost provides. The host never calls an export from inside an
// import (the C side is not re-entered), and copies bytes out of the
// kernel's memory at once: that memory is the kernel's, and no view of it
// is handed on (Kernel's own, `mem`, is remade whenever the memory grows).
import * as Z from "../generated/zos";

export interface KernelExports {
  memory: WebAssembly.Memory;
  zos_wasm_abi_count(): number;
  zos_wasm_abi_name(i: number): number;
  zos_wasm_abi_value(i: number): number;
  zos_wasm_scratch(): number;
  zos_wasm_list_begin(): void;
  zos_wasm_list_add(keyLen: number): number;
  zos_wasm_kv_done(lo: number, hi: number, keystore: number, kind: number, exists: number, more: number, len: number): void;
  zos_wasm_net_begin(): void;
  zos_wasm_net_header(len: number): void;
  zos_wasm_net_ok(lo: number, hi: number, status: number, bodyLen: number): void;
  zos_wasm_net_error(lo: number, hi: number, code: number, msgLen: number): void;
  zos_wasm_alloc(n: number): number;
  zos_wasm_boot(log: number, len: number): number;
  zos_wasm_boot_report(): number;
  zos_wasm_status(): number;
  zos_wasm_state_hash(): number;
  zos_wasm_flush(): number;
  zos_wasm_alive(pid: number): number;
  zos_wasm_console_room(): number;
  zos_wasm_console_input(len: number): number;
  zos_wasm_fault(pid: number, reason: number, nameLen: number, descLen: number): number;
  zos_wasm_log_lost(err: number): void;
  zos_wasm_ring(pid: number): number;
  zos_wasm_pass(): number;
}

// What kernel.wasm imports (module "zos_kernel"), pointers into its memory.
export interface KernelHost {
  now_ms(): number;
  wallclock_ms(): number;
  random(p: number, len: number): number;
  console_write(p: number, len: number): number;
  debug(pid: number, p: number, len: number): void;
  load_binary(name: number, nameLen: number, out: number, cap: number): number;
  spawn(pid: number, name: number, nameLen: number, binary: number, len: number): number;
  process_ended(pid: number): void;
  mb_read(pid: number, off: number, p: number, len: number): void;
  mb_write(pid: number, off: number, p: number, len: number): void;
  mb_publish(pid: number): void;
  kv_begin(lo: number, hi: number, keystore: number, op: number): number;
  kv_entry(op: number, key: number, keyLen: number, value: number, valueLen: number): void;
  kv_end(mutates: number): void;
  net_begin(lo: number, hi: number, method: number, timeoutMs: number, url: number, urlLen: number, body: number, bodyLen: number): number;
  net_header(p: number, len: number): void;
  net_end(): void;
  log_append(p: number, len: number): number;
  log_flush(): number;
  log_truncate(len: number): number;
  log_size(): number;
  log_read(p: number, len: number): void;
}

export interface BootReport {
  status: number;
  torn: boolean;
  commits: number;
  epochs: number;
  checkpoints: number;
  badSeq: number;
  goodBytes: number;
  logCommits: number;
  stateHash: string;
  reason: string;
}

export interface KernelStatus {
  commits: number;
  logFailed: boolean;
  stopping: boolean;
  exitCode: number;
  why: string;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder();

export class Kernel {
  private constructor(readonly x: KernelExports) {}

  static async load(url: URL, host: KernelHost): Promise<Kernel> {
    const res = await fetch(url, { cache: "no-cache" });
    if (!res.ok) throw new Error(`${url.pathname} could not be fetched (HTTP ${res.status})`);
    const module = await WebAssembly.compile(await res.arrayBuffer());
    // Each import bound to the host (wasm calls it with no `this`); one the
    // host lacks is a build mismatch, refused here rather than at its call.
    const fns: Record<string, unknown> = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      const fn = (host as unknown as Record<string, unknown>)[imp.name];
      if (imp.module !== "zos_kernel" || typeof fn !== "function")
        throw new Error(`kernel.wasm imports ${imp.module}.${imp.name}, which this page does not provide`);
      fns[imp.name] = (fn as (...a: number[]) => unknown).bind(host);
    }
    const instance = await WebAssembly.instantiate(module, { zos_kernel: fns as WebAssembly.ModuleImports });
    return new Kernel(instance.exports as unknown as KernelExports);
  }

  private view = new Uint8Array(0);

  // A view of the memory as it is now: made again only when it grew
  // (heap.c; growing replaces memory.buffer), since every mailbox copy of
  // every syscall asks for it.
  get mem(): Uint8Array {
    const b = this.x.memory.buffer;
    if (this.view.buffer !== b) this.view = new Uint8Array(b);
    return this.view;
  }

  // A copy of len bytes at p.
  bytes(p: number, len: number): Uint8Array {
    return this.mem.slice(p, p + len);
  }

  text(p: number, len: number): string {
    return utf8.decode(this.mem.subarray(p, p + len));
  }

  cString(p: number, max = 1 << 16): string {
    const m = this.mem;
    let end = p;
    while (end < p + max && m[end] !== 0) end++;
    return latin1.decode(m.subarray(p, end));
  }

  // Bytes into the scratch area (at most ZOS_WASM_SCRATCH): how many went.
  scratch(b: Uint8Array): number {
    const n = Math.min(b.length, Z.SCRATCH);
    this.mem.set(b.subarray(0, n), this.x.zos_wasm_scratch());
    return n;
  }

  // Every number kernel.wasm was built with that this page's generated
  // constants disagree with (empty: they agree).
  abiMismatches(): string[] {
    const bad: string[] = [];
    const n = this.x.zos_wasm_abi_count();
    for (let i = 0; i < n; i++) {
      const name = this.cString(this.x.zos_wasm_abi_name(i), 64);
      const value = this.x.zos_wasm_abi_value(i);
      if (Z.ABI_TABLE[name] !== value) bad.push(`${name}: kernel ${value}, page ${Z.ABI_TABLE[name]}`);
    }
    if (Object.keys(Z.ABI_TABLE).length !== n) bad.push(`the kernel has ${n} numbers, the page ${Object.keys(Z.ABI_TABLE).length}`);
    return bad;
  }

  bootReport(): BootReport {
    const p = this.x.zos_wasm_boot_report();
    const v = new DataView(this.x.memory.buffer);
    const u64 = (off: number) => Number(v.getBigUint64(p + off, true));
    return {
      status: v.getInt32(p + Z.BOOT_STATUS, true),
      torn: v.getUint32(p + Z.BOOT_TORN, true) !== 0,
      commits: u64(Z.BOOT_COMMITS),
      epochs: u64(Z.BOOT_EPOCHS),
      checkpoints: u64(Z.BOOT_CHECKPOINTS),
      badSeq: u64(Z.BOOT_BAD_SEQ),
      goodBytes: u64(Z.BOOT_GOOD_BYTES),
      logCommits: u64(Z.BOOT_LOG_COMMITS),
      stateHash: hex(this.mem.subarray(p + Z.BOOT_STATE, p + Z.BOOT_STATE + Z.HASH_SIZE)),
      reason: this.cString(p + Z.BOOT_REASON, Z.BOOT_REASON_MAX),
    };
  }

  status(): KernelStatus {
    const p = this.x.zos_wasm_status();
    const v = new DataView(this.x.memory.buffer);
    return {
      commits: Number(v.getBigUint64(p + Z.STATUS_COMMITS, true)),
      logFailed: v.getInt32(p + Z.STATUS_LOG_FAILED, true) !== 0,
      stopping: v.getInt32(p + Z.STATUS_STOPPING, true) !== 0,
      exitCode: v.getInt32(p + Z.STATUS_EXIT_CODE, true),
      why: this.cString(p + Z.STATUS_WHY, Z.STATUS_WHY_MAX),
    };
  }

  stateHash(): string {
    const p = this.x.zos_wasm_state_hash();
    return hex(this.mem.subarray(p, p + Z.HASH_SIZE));
  }
}
