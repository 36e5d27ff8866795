// The browser platform below the page: kernel.wasm's imports
// (hal/wasm/imports.h) over the worker's parts, and the one loop that is no
// loop: every event (a doorbell, a store's or the network's answer, a
// log transaction, a process's trap, typed input) is handed to kernel.wasm
// and ends with one zos_wasm_pass (wakes, Init's inbox, the group commit,
// the answers). Nothing waits on a timer and nothing polls: between events
// the worker sleeps in Atomics.waitAsync and the event loop.
//
// The parts: procs.ts (process workers, mailboxes, doorbells),
// commitlog.ts (the log in IndexedDB), outputs.ts (the hold behind the
// log), kvdevice.ts and netdevice.ts (the devices), binaries.ts (the
// verified modules). Policy stays in kernel.wasm's System: this file only
// carries bytes and holds outputs until the log is durable under them.
import * as Z from "../generated/zos";
import type { FromKernel } from "../protocol";
import type { Binaries } from "./binaries";
import { CommitLogStore } from "./commitlog";
import { Kernel, type BootReport, type KernelHost } from "./kernel";
import { KvDevice, type KvRequest, type KvResult } from "./kvdevice";
import { NetDevice, type NetRequest, type NetResult } from "./netdevice";
import { Hold } from "./outputs";
import { Procs, type Proc, type ProcCounts } from "./procs";

export interface PlatformEvents {
  post(msg: FromKernel, transfer?: Transferable[]): void;
  spawned(pid: number, name: string): void;
  ring(pid: number): void;
  stopped(msg: Extract<FromKernel, { kind: "stopped" }>): void;
}

const INPUT_MAX = 1 << 20; // bytes typed ahead the worker keeps before dropping

// What the page says when the log could not be written: why, and what the
// person can do (the figures at the stop are left out: what is stored is
// less than what ran, and the next boot says how much).
function lostLog(why: string, full: boolean): { why: string; advice?: string } {
  if (!full) return { why: why || "the commit log could not be written" };
  return {
    why: "this browser's storage for this site is full: the commit log could not be written",
    advice:
      "Everything Zero OS acknowledged before that is stored and will be there after a reload; " +
      "nothing that was not stored left the system. To make room, free disk space (the browser gives " +
      "each site a share of the free disk) or delete other sites' data (Chromium: Settings → " +
      "Privacy and security → Site data), then reload. Deleting this site's data would erase " +
      "Zero OS's files, users and keys: export the log first if you want a copy.",
  };
}
const enc = new TextEncoder();

// What the system did so far, for `make bench` (counts, never acted on).
export interface Counts extends ProcCounts {
  passes: number; // zos_wasm_pass calls: one per event handled
  commits: number; // in the log (the System's count)
  logBytes: number; // the log as accepted (a copy of it is in this worker's heap)
  logCapacity: number; // the buffer that copy is in
  logWrites: number; // IndexedDB transactions of the log (each a group commit)
  kernelMemory: number; // kernel.wasm's linear memory, bytes
}

export class Platform implements KernelHost {
  kernel!: Kernel;
  readonly procs: Procs;
  readonly net = new NetDevice();
  readonly hold: Hold;
  booted = false;
  private stopped = false;
  private input: Uint8Array[] = [];
  private inputBytes = 0;
  private kv: { dev: KvDevice; rq: KvRequest } | null = null;
  private netRq: NetRequest | null = null;
  private passes = 0;

  private constructor(
    readonly binaries: Binaries,
    readonly log: CommitLogStore,
    readonly storage: KvDevice,
    readonly keystore: KvDevice,
    private readonly events: PlatformEvents,
  ) {
    this.hold = new Hold(() => this.log.durable);
    this.procs = new Procs(binaries, {
      ring: (p) => this.onRing(p),
      fault: (p, reason, what) => this.onFault(p, reason, what),
      say: (text) => this.say(text),
    });
  }

  // Opens the three databases (rejects with a reason for people).
  static async open(binaries: Binaries, events: PlatformEvents): Promise<Platform> {
    let self: Platform | null = null;
    const log = await CommitLogStore.open(
      () => self?.hold.release(),
      (why, full) => self?.onLogLost(why, full),
    );
    const [storage, keystore] = await Promise.all([KvDevice.open("storage"), KvDevice.open("keystore")]);
    self = new Platform(binaries, log, storage, keystore, events);
    return self;
  }

  async loadKernel(url: URL): Promise<void> {
    this.kernel = await Kernel.load(url, this);
  }

  // Verifies and replays the stored log, appends Boot, starts Init.
  boot(stored: Uint8Array): BootReport {
    const x = this.kernel.x;
    const p = stored.length ? x.zos_wasm_alloc(stored.length) : 0;
    if (stored.length && !p) throw new Error(`no memory for a log of ${stored.length} bytes`);
    if (p) this.kernel.mem.set(stored, p);
    this.log.resumeAt(stored);
    const status = x.zos_wasm_boot(p, stored.length);
    const report = this.kernel.bootReport();
    if (status === 0) {
      this.booted = true;
      this.endPass();
    }
    return report;
  }

  // ---- events -------------------------------------------------------------

  private endPass(): void {
    if (this.stopped || !this.booted) return;
    this.feedConsole();
    this.passes++;
    if (this.kernel.x.zos_wasm_pass()) void this.stop();
  }

  counts(): Counts {
    return {
      ...this.procs.counts(),
      passes: this.passes,
      commits: this.booted ? this.kernel.status().commits : 0,
      logBytes: this.log.accepted,
      logCapacity: this.log.capacity,
      logWrites: this.log.transactions,
      kernelMemory: this.kernel?.x.memory.buffer.byteLength ?? 0,
    };
  }

  private onRing(p: Proc): void {
    if (this.stopped) return;
    this.kernel.x.zos_wasm_ring(p.pid);
    this.events.ring(p.pid);
    this.endPass();
  }

  private onFault(p: Proc, reason: number, what: string): void {
    if (this.stopped) return;
    const name = enc.encode(p.name);
    const desc = enc.encode(what).subarray(0, Z.SCRATCH - name.length);
    const both = new Uint8Array(name.length + desc.length);
    both.set(name);
    both.set(desc, name.length);
    this.kernel.scratch(both);
    if (!this.kernel.x.zos_wasm_fault(p.pid, reason, name.length, desc.length)) this.procs.end(p.pid);
    this.endPass();
  }

  private onLogLost(why: string, full: boolean): void {
    this.hold.drop();
    console.warn(`zos: a CommitLog transaction failed: ${why}`);
    if (!this.booted || this.stopped) return;
    this.kernel.x.zos_wasm_log_lost(full ? Z.ERR_NO_SPACE : Z.ERR_IO);
    this.endPass();
  }

  typed(bytes: Uint8Array): void {
    if (this.stopped) return;
    if (this.inputBytes + bytes.length > INPUT_MAX) {
      this.say("zos: typed too far ahead of the system; that input was dropped\n");
      return;
    }
    this.input.push(bytes);
    this.inputBytes += bytes.length;
    this.endPass();
  }

  private feedConsole(): void {
    const x = this.kernel.x;
    while (this.input.length) {
      const room = x.zos_wasm_console_room();
      if (!room) return;
      const head = this.input[0];
      const took = x.zos_wasm_console_input(this.kernel.scratch(head.subarray(0, room)));
      this.inputBytes -= took;
      if (took >= head.length) this.input.shift();
      else this.input[0] = head.subarray(took);
      if (!took) return;
    }
  }

  private kvDone(dev: KvDevice, rq: KvRequest, res: KvResult): void {
    if (this.stopped) return;
    const x = this.kernel.x;
    const keystore = dev === this.keystore ? 1 : 0;
    if (res.kind === "list") {
      x.zos_wasm_list_begin();
      for (const key of res.keys) {
        this.kernel.scratch(key);
        if (!x.zos_wasm_list_add(key.length)) break;
      }
      x.zos_wasm_kv_done(rq.lo, rq.hi, keystore, Z.RES_LIST_OK, 0, res.more ? 1 : 0, 0);
    } else {
      const n = this.kernel.scratch(res.data);
      x.zos_wasm_kv_done(rq.lo, rq.hi, keystore, res.code, res.exists ? 1 : 0, 0, n);
    }
    this.endPass();
  }

  private netDone(rq: NetRequest, res: NetResult): void {
    if (this.stopped) return;
    const x = this.kernel.x;
    if (res.ok) {
      x.zos_wasm_net_begin();
      for (const h of res.headers) {
        const b = enc.encode(h);
        this.kernel.scratch(b);
        x.zos_wasm_net_header(b.length);
      }
      this.kernel.scratch(res.body);
      x.zos_wasm_net_ok(rq.lo, rq.hi, res.status, res.body.length);
    } else {
      x.zos_wasm_net_error(rq.lo, rq.hi, res.code, this.kernel.scratch(enc.encode(res.message)));
    }
    this.endPass();
  }

  // ---- console --------------------------------------------------------------

  // Console bytes for the page, once the log is durable up to here; after
  // the log failed only the System's own word on it is left to say.
  private console(bytes: Uint8Array): void {
    const post = () => this.events.post({ kind: "console", bytes }, [bytes.buffer]);
    if (this.log.failed) post();
    else this.hold.add("console", this.log.accepted, post);
  }

  say(text: string): void {
    this.console(enc.encode(text));
  }

  // ---- stopping and exporting ---------------------------------------------------

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const st = this.kernel.status();
    this.procs.endAll();
    if (!st.logFailed) this.kernel.x.zos_wasm_flush();
    const commits = this.kernel.status().commits;
    const stateHash = this.kernel.stateHash();
    if (!st.logFailed) this.say(`Zero OS stopped (${commits} commits in the log)\n`);
    await this.log.settled();
    const code = this.log.failed && !st.exitCode ? 3 : st.exitCode;
    if (this.log.failed)
      this.events.stopped({ kind: "stopped", code, ...lostLog(st.why, this.log.full) });
    else this.events.stopped({ kind: "stopped", code, why: st.why, commits, stateHash });
  }

  // The log as stored, with the commit count and the live state hash at
  // the moment it was flushed: the bytes are cut at that moment, so their
  // replay gives exactly that hash.
  async exportLog(): Promise<{ bytes: Uint8Array; commits: number; stateHash: string }> {
    const x = this.kernel.x;
    if (!this.stopped && !this.log.failed) x.zos_wasm_flush();
    const upTo = this.log.accepted;
    const commits = this.kernel.status().commits;
    const stateHash = this.kernel.stateHash();
    await this.log.settled(upTo);
    const stored = await this.log.readStored();
    return { bytes: stored.slice(0, upTo), commits, stateHash };
  }

  // ---- kernel.wasm's imports (hal/wasm/imports.h) ----------------------------

  now_ms(): number {
    return performance.now();
  }

  wallclock_ms(): number {
    return Date.now();
  }

  random(p: number, len: number): number {
    const m = this.kernel.mem;
    for (let at = 0; at < len; at += 65536) crypto.getRandomValues(m.subarray(p + at, p + Math.min(len, at + 65536)));
    return 0;
  }

  console_write(p: number, len: number): number {
    this.console(this.kernel.bytes(p, len));
    return len;
  }

  debug(pid: number, p: number, len: number): void {
    // Text, shown to a developer at most: never read for meaning.
    console.debug(`zos [pid ${pid}] ${this.kernel.text(p, Math.min(len, 512))}`);
  }

  load_binary(name: number, nameLen: number, out: number, cap: number): number {
    const b = this.binaries.named(this.kernel.text(name, nameLen));
    if (!b) return Z.ERR_NOT_FOUND;
    if (b.bytes.length > cap) return Z.ERR_BUFFER_TOO_SMALL;
    this.kernel.mem.set(b.bytes, out);
    return b.bytes.length;
  }

  spawn(pid: number, name: number, nameLen: number, binary: number, len: number): number {
    const n = this.kernel.text(name, nameLen);
    const why = this.procs.spawn(pid, n, len ? this.kernel.bytes(binary, len) : null);
    if (why) {
      this.say(`zos: cannot start ${n} (pid ${pid}): ${why}\n`);
      return Z.ERR_SPAWN_FAILED;
    }
    this.events.spawned(pid, n);
    return 0;
  }

  process_ended(pid: number): void {
    this.procs.end(pid);
  }

  mb_read(pid: number, off: number, p: number, len: number): void {
    const proc = this.procs.get(pid);
    const m = this.kernel.mem;
    if (!proc) {
      m.fill(0, p, p + len);
      return;
    }
    if (off === Z.MB_STATE) Atomics.load(proc.i32, Z.MB_STATE >> 2); // what follows is read after the state
    m.set(proc.u8.subarray(off, off + len), p);
  }

  mb_write(pid: number, off: number, p: number, len: number): void {
    this.procs.get(pid)?.u8.set(this.kernel.mem.subarray(p, p + len), off);
  }

  mb_publish(pid: number): void {
    const proc = this.procs.get(pid);
    if (!proc) return;
    Atomics.store(proc.i32, Z.MB_STATE >> 2, Z.MB_RESPONSE);
    Atomics.notify(proc.i32, Z.MB_STATE >> 2);
  }

  kv_begin(lo: number, hi: number, keystore: number, op: number): number {
    const dev = keystore ? this.keystore : this.storage;
    if (!dev.reserve()) return Z.ERR_RESOURCE_EXHAUSTED;
    this.kv = { dev, rq: { lo, hi, op, entries: [] } };
    return 0;
  }

  kv_entry(op: number, key: number, keyLen: number, value: number, valueLen: number): void {
    this.kv?.rq.entries.push({ op, key: this.kernel.bytes(key, keyLen), value: this.kernel.bytes(value, valueLen) });
  }

  kv_end(mutates: number): void {
    const { dev, rq } = this.kv!;
    this.kv = null;
    this.hold.add(dev.name, mutates ? this.log.accepted : 0, () => {
      void dev.run(rq).then((res) => this.kvDone(dev, rq, res));
    });
  }

  net_begin(lo: number, hi: number, method: number, timeoutMs: number, url: number, urlLen: number, body: number, bodyLen: number): number {
    if (!this.net.reserve()) return Z.ERR_RESOURCE_EXHAUSTED;
    this.netRq = {
      lo,
      hi,
      method,
      timeoutMs,
      url: this.kernel.text(url, urlLen),
      body: this.kernel.bytes(body, bodyLen),
      headers: [],
    };
    return 0;
  }

  net_header(p: number, len: number): void {
    this.netRq?.headers.push(this.kernel.text(p, len));
  }

  net_end(): void {
    const rq = this.netRq!;
    this.netRq = null;
    this.hold.add("network", this.log.accepted, () => {
      void this.net.run(rq).then((res) => this.netDone(rq, res));
    });
  }

  log_append(p: number, len: number): number {
    return this.log.append(this.kernel.mem.subarray(p, p + len)) === 0 ? 0 : Z.ERR_LOG_FAILED;
  }

  log_flush(): number {
    return this.log.flush() ? 0 : Z.ERR_LOG_FAILED;
  }

  log_truncate(len: number): number {
    return this.log.truncate(len) ? 0 : Z.ERR_IO;
  }

  log_size(): number {
    return this.log.size();
  }

  log_read(p: number, len: number): void {
    this.kernel.mem.set(this.log.copy(len), p);
  }
}
