// The verified set of program modules: bin/manifest.json fetched, every
// module fetched and its SHA-256 and size checked against it before Init
// starts, each compiled once. LOAD_BINARY is served from this set (so
// SPAWN_PROCESS works as on the other platforms, under the spawn
// authority), and Init itself comes from it. A module a process hands to
// SPAWN_PROCESS is recognised here by its bytes, so its compiled form is
// reused; any other bytes are compiled at spawn and checked the same way.

export interface Binary {
  name: string;
  bytes: Uint8Array;
  module: WebAssembly.Module;
}

interface ManifestEntry {
  file: string;
  sha256: string;
  size: number;
}

// A program's name: a plain file name, as on the other platforms.
const NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

function hex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
  } catch (e) {
    throw new Error(`${url.pathname} could not be fetched (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!res.ok) throw new Error(`${url.pathname} could not be fetched (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

function entries(json: unknown): [string, ManifestEntry][] {
  if (typeof json !== "object" || json === null) throw new Error("bin/manifest.json is not an object");
  return Object.entries(json as Record<string, unknown>).map(([name, e]) => {
    const m = e as Partial<ManifestEntry>;
    if (!NAME.test(name) || m.file !== `${name}.wasm` || typeof m.sha256 !== "string" || typeof m.size !== "number")
      throw new Error(`bin/manifest.json: the entry for "${name}" is malformed`);
    return [name, m as ManifestEntry];
  });
}

async function verify(bin: URL, name: string, e: ManifestEntry): Promise<Binary> {
  const bytes = await fetchBytes(new URL(e.file, bin));
  if (bytes.length !== e.size) throw new Error(`${e.file} is ${bytes.length} bytes, the manifest says ${e.size}`);
  const sum = hex(await crypto.subtle.digest("SHA-256", bytes));
  if (sum !== e.sha256) throw new Error(`${e.file}'s SHA-256 is ${sum}, the manifest says ${e.sha256}`);
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes);
  } catch (e) {
    throw new Error(`${name}.wasm does not compile (${e instanceof Error ? e.message : String(e)})`);
  }
  return { name, bytes, module };
}

export class Binaries {
  private readonly byName = new Map<string, Binary>();
  private readonly bySize = new Map<number, Binary[]>();

  private constructor(list: Binary[]) {
    for (const b of list) {
      this.byName.set(b.name, b);
      const same = this.bySize.get(b.bytes.length) ?? [];
      same.push(b);
      this.bySize.set(b.bytes.length, same);
    }
  }

  // Fetches and checks everything under zos (the URL of zos/); rejects
  // with what was wrong.
  static async load(zos: URL): Promise<Binaries> {
    const bin = new URL("bin/", zos);
    const manifest = entries(JSON.parse(new TextDecoder().decode(await fetchBytes(new URL("manifest.json", bin)))));
    const list = await Promise.all(manifest.map(([name, e]) => verify(bin, name, e)));
    const set = new Binaries(list);
    if (!set.byName.has("init")) throw new Error("bin/manifest.json has no init");
    return set;
  }

  get count(): number {
    return this.byName.size;
  }

  named(name: string): Binary | undefined {
    return this.byName.get(name);
  }

  // The verified binary with exactly these bytes, if any.
  same(bytes: Uint8Array): Binary | undefined {
    for (const b of this.bySize.get(bytes.length) ?? []) {
      let i = 0;
      while (i < bytes.length && bytes[i] === b.bytes[i]) i++;
      if (i === bytes.length) return b;
    }
    return undefined;
  }
}
