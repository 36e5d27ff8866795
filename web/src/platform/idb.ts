// IndexedDB as promises, for the kernel worker's stores: one database per
// device (storage, keystore) and one for the CommitLog, each with a single
// object store. Every write transaction asks for strict durability: its
// complete event comes only once the browser has flushed it to the disk,
// which is what the output-commit rule and a store's "written" answer
// rest on.

export const STORE = "records";

// Opens (creating at version 1) the database `name` with its one store.
// Rejects with a sentence for people when IndexedDB says no.
export function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(name, 1);
    } catch (e) {
      reject(new Error(`IndexedDB would not open ${name}: ${describe(e)}`));
      return;
    }
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab asking for a newer version: this one is the writer, it stays.
      db.onversionchange = () => undefined;
      resolve(db);
    };
    req.onerror = () => reject(new Error(`IndexedDB would not open ${name}: ${describe(req.error)}`));
    req.onblocked = () =>
      reject(new Error(`IndexedDB's ${name} is held open by another tab of this site: close it and reload`));
  });
}

export function writeTransaction(db: IDBDatabase): IDBTransaction {
  return db.transaction(STORE, "readwrite", { durability: "strict" });
}

export function readTransaction(db: IDBDatabase): IDBTransaction {
  return db.transaction(STORE, "readonly");
}

// A transaction's end: resolves on complete, rejects on abort or error.
export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error("the transaction was aborted"));
    tx.onerror = () => reject(tx.error ?? new Error("the transaction failed"));
  });
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("the request failed"));
  });
}

// Bytes as an IndexedDB binary key or value: a copy of just these bytes.
export function asBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

// Whether IndexedDB refused because the site's storage quota is used up.
export function isQuotaError(e: unknown): boolean {
  return e instanceof DOMException && e.name === "QuotaExceededError";
}

export function describe(e: unknown): string {
  if (e instanceof DOMException) return `${e.name}: ${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}
