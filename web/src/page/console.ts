// The console between the kernel worker and the terminal. Output bytes go to
// the terminal as they come (buffered until the terminal exists, so nothing
// printed during boot is lost) and into a bounded text transcript; the
// transcript is what tests and devtools read (window.zosPage, main.tsx). It
// is terminal text only: nothing here interprets it.

const TRANSCRIPT_MAX = 2 << 20; // characters kept; older text is dropped

// A copy when the bytes live in shared memory: TextDecoder and Blob refuse
// views of a SharedArrayBuffer, and the sender may reuse it.
export function unshared(bytes: Uint8Array): Uint8Array {
  return typeof SharedArrayBuffer === "function" && bytes.buffer instanceof SharedArrayBuffer
    ? bytes.slice()
    : bytes;
}

export class ConsoleSink {
  private pending: Uint8Array[] = [];
  private out: ((bytes: Uint8Array) => void) | null = null;
  private readonly decoder = new TextDecoder("utf-8"); // streaming: a character may span chunks
  private text = "";

  write(bytes: Uint8Array): void {
    const plain = unshared(bytes);
    this.text += this.decoder.decode(plain, { stream: true });
    if (this.text.length > TRANSCRIPT_MAX) this.text = this.text.slice(-TRANSCRIPT_MAX / 2);
    if (this.out) this.out(plain);
    else this.pending.push(plain);
  }

  // The terminal attaches once it is open; what came before is written first.
  attach(out: (bytes: Uint8Array) => void): void {
    this.out = out;
    for (const b of this.pending) out(b);
    this.pending = [];
  }

  detach(): void {
    this.out = null;
  }

  transcript(): string {
    return this.text;
  }
}
