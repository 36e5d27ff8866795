// The storage and keystore devices: one IndexedDB database each
// ("zos-storage", "zos-keystore": the keystore physically apart, as on the
// other platforms), holding binary keys and values in one object store.
//
// A request arrives decoded and checked by kernel.wasm (lib/kv_request.c,
// lib/kv_batch.c: every platform's parser): an op and its entries. This
// file only stores and looks up; the result message is built back in
// kernel.wasm (kv_result_body, kv_list_add). A write, delete or batch is
// one transaction with strict durability, answered once it has committed
// (a batch: all of it or none); a failure is an ERROR result with its
// reason, and the store keeps serving. IndexedDB orders transactions on
// one store as they were created, so results come back in request order.
// Keys compare bytewise (binary keys), so a LIST is a key range.
import * as Z from "../generated/zos";
import { STORE, asBuffer, describe, done, openDatabase, readTransaction, request, writeTransaction } from "../platform/idb";

export interface KvEntry {
  op: number;
  key: Uint8Array;
  value: Uint8Array;
}

export interface KvRequest {
  lo: number;
  hi: number;
  op: number;
  entries: KvEntry[];
}

export type KvResult =
  | { kind: "data"; code: number; data: Uint8Array; exists?: boolean }
  | { kind: "list"; keys: Uint8Array[]; more: boolean };

// At most this many keys are asked for: more than one result can hold.
const LIST_ASK = Math.floor((Z.KV_RESULT_DATA_MAX - 4) / 2) + 1;

const text = (s: string) => new TextEncoder().encode(s);

// The smallest key above every key starting with prefix (hosted's rule),
// or null when there is none (an empty or all-0xFF prefix).
function successor(prefix: Uint8Array): Uint8Array | null {
  let n = prefix.length;
  while (n > 0 && prefix[n - 1] === 0xff) n--;
  if (n === 0) return null;
  const s = prefix.slice(0, n);
  s[n - 1]++;
  return s;
}

export class KvDevice {
  private pending = 0;

  private constructor(
    readonly name: "storage" | "keystore",
    private readonly db: IDBDatabase,
  ) {}

  static async open(name: "storage" | "keystore"): Promise<KvDevice> {
    return new KvDevice(name, await openDatabase(`zos-${name}`));
  }

  // Room for one more request? (Reserved until its result is given.)
  reserve(): boolean {
    if (this.pending >= Z.KV_MAX_PENDING) return false;
    this.pending++;
    return true;
  }

  async run(rq: KvRequest): Promise<KvResult> {
    try {
      return await this.execute(rq);
    } catch (e) {
      return { kind: "data", code: Z.RES_ERROR, data: text(`${this.name}: ${describe(e)}`) };
    } finally {
      this.pending--;
    }
  }

  private async execute(rq: KvRequest): Promise<KvResult> {
    const e = rq.entries[0];
    switch (rq.op) {
      case Z.KV_READ: {
        const v = (await request(readTransaction(this.db).objectStore(STORE).get(asBuffer(e.key)))) as
          | ArrayBuffer
          | undefined;
        if (v === undefined) return { kind: "data", code: Z.RES_NOT_FOUND, data: new Uint8Array(0) };
        if (v.byteLength > Z.KV_VALUE_MAX)
          return { kind: "data", code: Z.RES_ERROR, data: text("read: stored value is larger than ZOS_KV_VALUE_MAX") };
        return { kind: "data", code: Z.RES_READ_OK, data: new Uint8Array(v) };
      }
      case Z.KV_EXISTS: {
        const k = await request(readTransaction(this.db).objectStore(STORE).getKey(asBuffer(e.key)));
        return { kind: "data", code: Z.RES_EXISTS_OK, data: new Uint8Array(0), exists: k !== undefined };
      }
      case Z.KV_LIST:
        return this.list(e.key);
      case Z.KV_WRITE:
      case Z.KV_DELETE:
      case Z.KV_BATCH:
        return this.write(rq.entries);
      default:
        return { kind: "data", code: Z.RES_ERROR, data: text(`${this.name}: unknown operation ${rq.op}`) };
    }
  }

  // One transaction for every entry, answered once it has committed.
  private async write(entries: KvEntry[]): Promise<KvResult> {
    const tx = writeTransaction(this.db);
    const store = tx.objectStore(STORE);
    for (const e of entries) {
      if (e.op === Z.KV_WRITE) store.put(asBuffer(e.value), asBuffer(e.key));
      else store.delete(asBuffer(e.key));
    }
    await done(tx); // durable here
    return { kind: "data", code: Z.RES_WRITE_OK, data: new Uint8Array(0) };
  }

  private async list(prefix: Uint8Array): Promise<KvResult> {
    const succ = successor(prefix);
    const range = succ
      ? IDBKeyRange.bound(asBuffer(prefix), asBuffer(succ), false, true)
      : IDBKeyRange.lowerBound(asBuffer(prefix));
    const keys = (await request(readTransaction(this.db).objectStore(STORE).getAllKeys(range, LIST_ASK))) as ArrayBuffer[];
    return { kind: "list", keys: keys.map((k) => new Uint8Array(k)), more: keys.length === LIST_ASK };
  }
}
