// Zero OS processes as Web Workers (hal/hosted's procs.c, for the browser).
//
// Spawning checks the module (module-check.ts: its imports, its export, its
// memory against the per-process limit), makes its mailbox (a
// SharedArrayBuffer of its own, laid out as include/zos/mailbox.h, the
// doorbell just past it) and a worker running process-worker.ts, and hands
// it the compiled module: what runs is exactly what SPAWN_PROCESS carried
// (or, for Init, the verified binary). Then its doorbell is waited on with
// Atomics.waitAsync; each ring is handed on with the pid that owns the
// mailbox, never anything the mailbox says.
//
// A process that ends for any reason has its worker terminated at once (a
// spinning one too: Worker.terminate needs no cooperation), its doorbell's
// waiter let go (notified, rather than left pending in the engine's wait
// list for a bell no one will ring again) and its mailbox dropped. A
// worker that reports a trap, or fails to load, is a fault for the kernel
// to commit.
import * as Z from "../generated/zos";
import { soon, waitAsync, whenChanged } from "../platform/schedule";
import type { Binaries } from "./binaries";
import { checkProcessModule } from "./module-check";
import type { ProcessFault, ProcessStart } from "../process/process-worker";
import { COUNTERS_BYTES, COUNTER_CALLS, COUNTER_WAITS } from "../process/counters";

export interface Proc {
  pid: number;
  name: string;
  worker: Worker;
  mailbox: SharedArrayBuffer;
  u8: Uint8Array;
  i32: Int32Array;
  counts: Int32Array; // the process worker's own counts (counters.ts)
  seen: number; // the doorbell's count when last served
  rings: number;
  ended: boolean;
}

// What `make bench` reads (counts, never acted on).
export interface ProcCounts {
  spawned: number;
  ended: number;
  rings: number; // doorbell rings served, over every process so far
  live: ProcCount[];
  gone: ProcCount[]; // the last GONE_KEPT processes that ended, oldest first
}
export interface ProcCount {
  pid: number;
  name: string;
  rings: number;
  calls: number;
  waits: number;
}

const GONE_KEPT = 16;
const BURST = 32; // rings of one process served in one turn, at most (serve())

export interface ProcEvents {
  ring(p: Proc): void;
  fault(p: Proc, reason: number, what: string): void;
  say(text: string): void;
}

const BELL = Z.MB_DOORBELL >> 2;

const countOf = (p: Proc): ProcCount => ({
  pid: p.pid,
  name: p.name,
  rings: p.rings,
  calls: p.counts[COUNTER_CALLS],
  waits: p.counts[COUNTER_WAITS],
});

export class Procs {
  private readonly byPid = new Map<number, Proc>();
  private spawned = 0;
  private ended = 0;
  private rings = 0;
  private gone: ProcCount[] = [];

  constructor(
    private readonly binaries: Binaries,
    private readonly events: ProcEvents,
    private readonly memoryLimit: number = Z.MEMORY_LIMIT,
  ) {}

  get(pid: number): Proc | undefined {
    return this.byPid.get(pid);
  }

  get running(): number {
    return this.byPid.size;
  }

  counts(): ProcCounts {
    const live = [...this.byPid.values()].map(countOf);
    return { spawned: this.spawned, ended: this.ended, rings: this.rings, live, gone: [...this.gone] };
  }

  // Starts pid from bytes (null: the verified binary called name). Returns
  // 0, or a reason it may not run (said on the console by the caller).
  spawn(pid: number, name: string, bytes: Uint8Array | null): string | null {
    const known = bytes ? this.binaries.same(bytes) : this.binaries.named(name);
    if (!known && !bytes) return `there is no verified binary called ${name}`;
    let module: WebAssembly.Module;
    try {
      module = known ? known.module : new WebAssembly.Module(bytes!);
    } catch (e) {
      return `it is not a wasm module (${e instanceof Error ? e.message : String(e)})`;
    }
    const checked = checkProcessModule(module, known ? known.bytes : bytes!, this.memoryLimit);
    if (typeof checked === "string") return checked;
    const mailbox = new SharedArrayBuffer(Z.MB_BYTES);
    let worker: Worker;
    try {
      worker = new Worker(new URL("../process/process-worker.ts", import.meta.url), { type: "module" });
    } catch (e) {
      return `its worker could not be made (${e instanceof Error ? e.message : String(e)})`;
    }
    const p: Proc = {
      pid,
      name,
      worker,
      mailbox,
      u8: new Uint8Array(mailbox),
      i32: new Int32Array(mailbox),
      counts: new Int32Array(new SharedArrayBuffer(COUNTERS_BYTES)),
      seen: 0,
      rings: 0,
      ended: false,
    };
    this.byPid.set(pid, p);
    this.spawned++;
    worker.onmessage = (e: MessageEvent<ProcessFault>) => {
      if (!p.ended && e.data?.kind === "fault") this.events.fault(p, e.data.reason, String(e.data.what));
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      if (!p.ended) this.events.fault(p, Z.FAULT_OTHER, `its worker failed: ${e.message || "did not load"}`);
    };
    const start: ProcessStart = {
      kind: "start",
      module: checked.module,
      mailbox,
      counters: p.counts.buffer as SharedArrayBuffer,
      minPages: checked.minPages,
      maxPages: checked.maxPages,
    };
    worker.postMessage(start);
    this.wait(p);
    return null;
  }

  private wait(p: Proc): void {
    whenChanged(p.i32, BELL, p.seen, () => this.serve(p));
  }

  // Serves p's rings. After each one the doorbell is waited on again; but
  // a process is often quicker than that (woken by its answer, it has rung
  // again before the wait is made), and then its next ring is served at
  // once, not a turn of the event loop later (soon()), unless another
  // process has rung meanwhile or BURST rings went so in this turn: then
  // it takes its turn with the rest, and no process starves another, nor
  // the worker's other events.
  private serve(p: Proc): void {
    for (let n = 1; !p.ended; n++) {
      p.seen = Atomics.load(p.i32, BELL);
      p.rings++;
      this.rings++;
      this.events.ring(p);
      if (p.ended) return;
      const r = waitAsync!(p.i32, BELL, p.seen);
      if (r.async) {
        void r.value.then(() => this.serve(p));
        return;
      }
      if (n >= BURST || this.othersRang(p)) {
        soon(() => this.serve(p));
        return;
      }
    }
  }

  // Whether a process other than p has rung and not yet been served.
  private othersRang(p: Proc): boolean {
    for (const q of this.byPid.values()) if (q !== p && Atomics.load(q.i32, BELL) !== q.seen) return true;
    return false;
  }

  // pid no longer runs: its worker goes, whatever it is doing.
  end(pid: number): void {
    const p = this.byPid.get(pid);
    if (!p) return;
    p.ended = true;
    p.worker.terminate();
    Atomics.notify(p.i32, BELL); // its waiter ends (serve() sees p.ended)
    this.byPid.delete(pid);
    this.ended++;
    this.gone.push(countOf(p));
    if (this.gone.length > GONE_KEPT) this.gone.shift();
  }

  endAll(): void {
    for (const pid of [...this.byPid.keys()]) this.end(pid);
  }
}
