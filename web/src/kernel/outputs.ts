// The output-commit rule's hold, as Linux has it: nothing leaves the system
// before the commits that led to it are durable. Every output (console
// bytes for the page, a request to a store, a network request) is queued
// on its device's queue with the log position it depends on, and runs only
// once the log is durable up to there, in order per device. A request that
// changes nothing (a read) depends on no position, but still waits behind
// the requests queued before it on its device, so a read never overtakes a
// write it follows. When the log is lost, everything held is dropped: none
// of it may ever leave.

export type Queue = "console" | "storage" | "keystore" | "network";

interface Held {
  after: number; // the log must be durable up to this byte
  run: () => void;
}

export class Hold {
  private readonly queues = new Map<Queue, Held[]>();
  private dropped = false;

  constructor(private readonly durable: () => number) {}

  add(queue: Queue, after: number, run: () => void): void {
    if (this.dropped) return;
    let q = this.queues.get(queue);
    if (!q) this.queues.set(queue, (q = []));
    q.push({ after, run });
    if (q.length === 1) this.release();
  }

  // Runs what the log now covers, queue by queue, in order.
  release(): void {
    const durable = this.durable();
    for (const q of this.queues.values())
      while (q.length && q[0].after <= durable && !this.dropped) q.shift()!.run();
  }

  // The log was lost: nothing held may leave, and nothing more is taken.
  drop(): void {
    this.dropped = true;
    this.queues.clear();
  }

  get held(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }
}
