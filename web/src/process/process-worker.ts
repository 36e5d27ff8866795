// One Zero OS process: a wasm32 module in this Web Worker, started by the
// kernel worker with one message (its compiled module, its mailbox, its
// memory's size and limit) and spoken to never again.
//
// The module gets exactly two imports (include/zos/wasm.h): its memory,
// made here zeroed with the per-process limit as its maximum, and
// zos.syscall, below. Nothing else of JavaScript is reachable from it.
// zos.syscall copies the zos_syscall_t it is pointed at (wasm32 layout)
// and the input into the mailbox, a SharedArrayBuffer apart from the
// process's memory, publishes it (state REQUEST), rings the doorbell
// (Atomics.add + notify) and parks in Atomics.wait until the kernel stores
// RESPONSE: a process blocked in a receive uses no CPU. Then it copies the
// answer back, at most out_cap bytes.
//
// A trap (unreachable, an access outside memory, a stack overflow), a
// syscall record or buffer outside the process's memory, or leaving _start
// without EXIT ends the module; the worker says so to the kernel worker,
// which commits ProcessFaulted and terminates this worker.
import * as Z from "../generated/zos";
import { COUNTER_CALLS, COUNTER_WAITS } from "./counters";

export interface ProcessStart {
  kind: "start";
  module: WebAssembly.Module;
  mailbox: SharedArrayBuffer;
  counters: SharedArrayBuffer; // counters.ts: what the benchmarks read
  minPages: number;
  maxPages: number;
}

export interface ProcessFault {
  kind: "fault";
  reason: number; // ZOS_FAULT_*
  what: string;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
let started = false;

class MemoryFault extends Error {}

// What ended the module, for the kernel's ProcessFaulted commit (its
// description is cut at ZOS_FAULT_DESC_MAX bytes). A memory fault says how
// much memory the process had of what it may have: a process that ran
// into the limit says so.
function faultOf(e: unknown, memory: WebAssembly.Memory, maxPages: number): ProcessFault {
  const msg = e instanceof Error ? e.message : String(e);
  let reason = Z.FAULT_OTHER;
  if (e instanceof MemoryFault) reason = Z.FAULT_MEMORY;
  else if (/unreachable/i.test(msg)) reason = Z.FAULT_ILLEGAL_INSTRUCTION;
  else if (/out of bounds|stack|memory/i.test(msg)) reason = Z.FAULT_MEMORY;
  else if (/divi|overflow|remainder/i.test(msg)) reason = Z.FAULT_ARITHMETIC;
  let what = e instanceof MemoryFault ? msg : `trap: ${msg}`;
  if (reason === Z.FAULT_MEMORY) {
    const mib = (pages: number) => `${+((pages * Z.WASM_PAGE) / (1 << 20)).toFixed(1)}`;
    const pages = memory.buffer.byteLength / Z.WASM_PAGE;
    what += ` (memory ${mib(pages)} of ${mib(maxPages)} MiB${pages >= maxPages ? ", its limit" : ""})`;
  }
  return { kind: "fault", reason, what };
}

function run(s: ProcessStart): void {
  const memory = new WebAssembly.Memory({ initial: s.minPages, maximum: s.maxPages });
  const mb8 = new Uint8Array(s.mailbox);
  const mb32 = new Int32Array(s.mailbox);
  const mbv = new DataView(s.mailbox);
  const bell = Z.MB_DOORBELL >> 2;
  const counts = new Int32Array(s.counters);

  const inside = (ptr: number, len: number, size: number) => ptr <= size && len <= size - ptr;
  // Views of the process's memory, made again only when it grew (growing
  // replaces memory.buffer): a syscall allocates nothing it need not.
  let buf = memory.buffer;
  let v = new DataView(buf);
  let m8 = new Uint8Array(buf);

  function syscall(rec: number): bigint {
    if (memory.buffer !== buf) {
      buf = memory.buffer;
      v = new DataView(buf);
      m8 = new Uint8Array(buf);
    }
    const size = buf.byteLength;
    rec >>>= 0;
    if (!inside(rec, Z.SC_SIZE, size)) throw new MemoryFault("syscall record outside its memory");
    const inLen = v.getUint32(rec + Z.SC_IN_LEN, true);
    const inPtr = v.getUint32(rec + Z.SC_IN, true);
    const outPtr = v.getUint32(rec + Z.SC_OUT, true);
    const outCap = outPtr ? v.getUint32(rec + Z.SC_OUT_CAP, true) : 0;
    if (inLen > Z.MB_DATA || outCap > Z.MB_DATA) return BigInt(Z.ERR_INVALID_ARGUMENT);
    if (!inside(inPtr, inLen, size) || !inside(outPtr, outCap, size))
      throw new MemoryFault("syscall buffer outside its memory");
    mbv.setUint32(Z.MB_NUM, v.getUint32(rec + Z.SC_NUM, true), true);
    mb8.set(m8.subarray(rec + Z.SC_ARG, rec + Z.SC_ARG + 32), Z.MB_ARG);
    mbv.setUint32(Z.MB_IN_LEN, inLen, true);
    mbv.setUint32(Z.MB_OUT_CAP, outCap, true);
    if (inLen) mb8.set(m8.subarray(inPtr, inPtr + inLen), Z.MB_IN);
    counts[COUNTER_CALLS]++; // before the ring: an EXIT ends this worker there
    Atomics.store(mb32, Z.MB_STATE >> 2, Z.MB_REQUEST);
    Atomics.add(mb32, bell, 1);
    Atomics.notify(mb32, bell);
    while (Atomics.load(mb32, Z.MB_STATE >> 2) === Z.MB_REQUEST) {
      Atomics.wait(mb32, Z.MB_STATE >> 2, Z.MB_REQUEST);
      counts[COUNTER_WAITS]++;
    }
    const result = mbv.getBigInt64(Z.MB_RESULT, true);
    const outLen = mbv.getUint32(Z.MB_OUT_LEN, true);
    const n = Math.min(outLen, outCap); // the kernel never writes more; trust nothing
    if (n) m8.set(mb8.subarray(Z.MB_OUT, Z.MB_OUT + n), outPtr);
    v.setUint32(rec + Z.SC_OUT_LEN, outLen, true);
    Atomics.store(mb32, Z.MB_STATE >> 2, Z.MB_IDLE);
    return result;
  }

  try {
    const [mem, sys] = [Z.WASM_IMPORT_MEMORY.split("."), Z.WASM_IMPORT_SYSCALL.split(".")];
    const instance = new WebAssembly.Instance(s.module, {
      [mem[0]]: { [mem[1]]: memory },
      [sys[0]]: { [sys[1]]: syscall },
    });
    (instance.exports[Z.WASM_EXPORT_START] as () => void)();
    scope.postMessage({ kind: "fault", reason: Z.FAULT_PROTOCOL, what: "left _start without EXIT" } satisfies ProcessFault);
  } catch (e) {
    scope.postMessage(faultOf(e, memory, s.maxPages));
  }
}

scope.onmessage = (e: MessageEvent<ProcessStart>) => {
  if (started || e.data?.kind !== "start") return;
  started = true;
  run(e.data);
};
