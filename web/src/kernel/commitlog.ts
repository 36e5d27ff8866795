// The CommitLog in IndexedDB (database "zos-commitlog"): the framed records
// of axiom/frame.h, the one on-disk format of every platform, stored as
// chunks keyed by their byte offset; the chunks in key order, concatenated,
// are the log file byte for byte (zos-log reads an export of it).
//
// The sink's side (hal/wasm/hal_ops.c): records are appended to a pending
// group; a flush the System asks for closes the group and is accepted at
// once. Groups are written one IndexedDB transaction at a time, with strict
// durability, every group closed meanwhile going into the next one: the
// group commit. `durable` is how many bytes have committed; the hold
// (outputs.ts) lets an output go only once durable has reached it. A
// transaction that fails is final: `failed` is set, onLost is called, and
// nothing is written again (the next boot verifies what is there);
// `full` says whether it failed because the site's storage quota is used
// up (QuotaExceededError), which the person can do something about.
//
// `accepted` bytes (every group closed so far) are what the next boot will
// read once the transactions under way commit; read_log gives them to the
// System's audit verification, which is answered to a process only: what
// the shell prints of it is console output, held until they are durable.
import {
  STORE, asBuffer, describe, done, isQuotaError, openDatabase, readTransaction, request, writeTransaction,
} from "../platform/idb";

export const LOG_DATABASE = "zos-commitlog";

export class CommitLogStore {
  private all = new Uint8Array(1 << 16); // every byte appended (accepted, then pending)
  private appended = 0;
  private acceptedBytes = 0;
  private durableBytes = 0;
  private writing = false;
  private truncateTo: number | null = null;
  private waiters: { upTo: number; fn: () => void }[] = [];
  failed = false;
  transactions = 0; // written so far (a count for `make bench`)
  full = false;

  private constructor(
    private readonly db: IDBDatabase,
    private readonly onDurable: () => void,
    private readonly onLost: (why: string, full: boolean) => void,
  ) {}

  static async open(onDurable: () => void, onLost: (why: string, full: boolean) => void): Promise<CommitLogStore> {
    return new CommitLogStore(await openDatabase(LOG_DATABASE), onDurable, onLost);
  }

  // Everything stored, as the boot reads it. Chunks that do not follow one
  // another are concatenated all the same: the replay then finds the break
  // and says at which seq.
  async readStored(): Promise<Uint8Array> {
    const tx = readTransaction(this.db);
    const chunks = (await request(tx.objectStore(STORE).getAll())) as ArrayBuffer[];
    const total = chunks.reduce((n, c) => n + c.byteLength, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(new Uint8Array(c), at);
      at += c.byteLength;
    }
    return out;
  }

  // The stored log the System booted on: where appending continues.
  resumeAt(stored: Uint8Array): void {
    this.grow(stored.length);
    this.all.set(stored, 0);
    this.appended = this.acceptedBytes = this.durableBytes = stored.length;
  }

  get durable(): number {
    return this.durableBytes;
  }
  get accepted(): number {
    return this.acceptedBytes;
  }
  // Bytes held for the log in this worker (it doubles as the log grows).
  get capacity(): number {
    return this.all.length;
  }

  private grow(need: number): void {
    if (need <= this.all.length) return;
    let cap = this.all.length;
    while (cap < need) cap *= 2;
    const bigger = new Uint8Array(cap);
    bigger.set(this.all.subarray(0, this.appended));
    this.all = bigger;
  }

  append(bytes: Uint8Array): number {
    if (this.failed) return -1;
    this.grow(this.appended + bytes.length);
    this.all.set(bytes, this.appended);
    this.appended += bytes.length;
    return 0;
  }

  // The group commit point: accepted now, durable once written.
  flush(): boolean {
    if (this.failed) return false;
    this.acceptedBytes = this.appended;
    this.kick();
    return true;
  }

  // A torn tail found at boot: the stored log is cut back to len bytes
  // (rewritten whole, in the same transaction as the next group, so the
  // cut and what follows it commit together).
  truncate(len: number): boolean {
    if (this.failed || len > this.appended) return false;
    this.appended = this.acceptedBytes = this.durableBytes = len;
    this.truncateTo = len;
    return true;
  }

  size(): number {
    return this.acceptedBytes;
  }

  copy(len: number): Uint8Array {
    return this.all.subarray(0, Math.min(len, this.acceptedBytes));
  }

  // Resolves once the log is durable up to upTo bytes (by default, all
  // accepted so far), or has failed.
  settled(upTo = this.acceptedBytes): Promise<void> {
    if (this.failed || this.durableBytes >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, fn: resolve }));
  }

  private kick(): void {
    if (this.writing || this.failed) return;
    const from = this.durableBytes;
    const to = this.acceptedBytes;
    if (to <= from && this.truncateTo === null) return;
    this.writing = true;
    this.transactions++;
    let tx: IDBTransaction;
    try {
      tx = writeTransaction(this.db);
      const store = tx.objectStore(STORE);
      if (this.truncateTo !== null) {
        store.clear();
        store.put(asBuffer(this.all.subarray(0, to)), 0);
        this.truncateTo = null;
      } else {
        store.put(asBuffer(this.all.subarray(from, to)), from);
      }
    } catch (e) {
      this.lose(e);
      return;
    }
    done(tx).then(
      () => {
        // Here the records up to `to` are on the disk: outputs behind them may go.
        this.writing = false;
        this.durableBytes = to;
        this.onDurable();
        this.wake();
        this.kick();
      },
      (e: unknown) => this.lose(e),
    );
  }

  // Never told from inside the flush that failed: kernel.wasm may be on
  // the stack then, and is not re-entered.
  private lose(e: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.full = isQuotaError(e);
    this.writing = false;
    queueMicrotask(() => {
      this.onLost(describe(e), this.full);
      this.wake();
    });
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => this.failed || this.durableBytes >= w.upTo);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.fn();
  }
}
