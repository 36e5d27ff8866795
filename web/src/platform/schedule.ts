// Two event-loop tools the kernel worker needs and that involve no timer.
//
// soon(fn): runs fn as its own task (a MessageChannel message), after what
// is queued already: how a doorbell that changed before it was waited on is
// served without starving the other processes (a microtask would run
// before any of them).
//
// waitAsync: Atomics.waitAsync, typed (lib.es2022 does not declare it).

const queue: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  const fn = queue.shift();
  if (fn) fn();
};

export function soon(fn: () => void): void {
  queue.push(fn);
  channel.port2.postMessage(null);
}

type WaitAsync = (
  a: Int32Array,
  index: number,
  value: number,
) => { async: false; value: "not-equal" | "timed-out" } | { async: true; value: Promise<"ok" | "timed-out"> };

export const waitAsync: WaitAsync | undefined = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

// Calls fn once the i32 at index of a is no longer value (or was notified).
export function whenChanged(a: Int32Array, index: number, value: number, fn: () => void): void {
  const r = waitAsync!(a, index, value);
  if (r.async) void r.value.then(fn);
  else soon(fn);
}
