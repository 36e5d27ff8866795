// Saving an exported CommitLog as a file: the bytes exactly as the kernel
// worker sent them (the framed on-disk format zos-log reads), under a name
// that says what and when, e.g. zos-commitlog-2026-12-07T23-31-29Z.zlog.
import { unshared } from "./console";

export function exportName(at: Date): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
  return `zos-commitlog-${stamp}.zlog`;
}

export function saveFile(bytes: Uint8Array, name: string): void {
  const blob = new Blob([unshared(bytes)], { type: "application/octet-stream" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download reads the blob after this returns; let it go once it has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Ctrl+Shift+E, from anywhere on the page (the terminal passes it up).
export function isExportShortcut(e: KeyboardEvent): boolean {
  return e.ctrlKey && e.shiftKey && !e.altKey && !e.metaKey && e.code === "KeyE";
}
