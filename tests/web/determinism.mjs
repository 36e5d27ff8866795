#!/usr/bin/env node
// The CommitLog the page exports is the one Linux reads: after some work,
// the export button's download verifies with build/host/tools/zos-log
// (`verify`: the chain, and the state hash its replay ends at, which must
// be the one the page showed for that moment, with the commit count the
// page showed; `state`: the replayed processes, Init and the core services
// alive at the last seq); again after a reload
// (two boots in one chain), exported with Ctrl+Shift+E. The two exports'
// files are kept in build/test-logs/web/.
//
// Usage: node tests/web/determinism.mjs   (last line: "RESULT web-determinism <passed> <failed>")
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { LOGS, Suite, ZOS_LOG, boot, openBrowser, reload, run, serve, shot } from "./lib.mjs";

const suite = new Suite("web-determinism");
const srv = await serve();

function zosLog(...args) {
  try {
    return execFileSync(ZOS_LOG, args, { encoding: "utf8" });
  } catch (e) {
    return `exit ${e.status}: ${e.stdout ?? ""}${e.stderr ?? ""}`;
  }
}

// Exports the log by `how` (a click or the shortcut), keeps the file, and
// checks it against what the page showed; returns zos-log's epoch count.
async function exportAndCheck(page, how, keepAs) {
  const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), how()]);
  await page.waitForSelector("[data-testid=export-hash]");
  const file = path.join(LOGS, keepAs);
  copyFileSync(await dl.path(), file);
  const shownHash = (await page.textContent("[data-testid=export-hash]")).trim();
  const shownCommits = Number(await page.textContent("[data-testid=export-commits]"));
  const verify = zosLog("verify", file);
  const ok = verify.match(/^ok: (\d+) commits, (\d+) epochs/m);
  suite.check(ok !== null, `${keepAs}: zos-log verifies the exported log`, verify);
  suite.check(ok && Number(ok[1]) === shownCommits, `${keepAs}: it holds the ${shownCommits} commits the page said`, verify);
  const state = verify.match(/^state ([0-9a-f]{64})$/m)?.[1];
  suite.check(state === shownHash, `${keepAs}: its replay on Linux ends at the state hash the page showed`, `zos-log: ${state}\npage:    ${shownHash}`);
  // the replayed state itself: the last seq, and Init and the core services
  const procs = zosLog("state", file);
  const last = Number(procs.match(/^after seq (\d+) /m)?.[1] ?? -1);
  suite.check(last === shownCommits - 1, `${keepAs}: zos-log state replays to the last commit`, procs.split("\n")[0]);
  const core = ["init", "permission", "vfs", "keystore", "identity", "time"].every((n, i) =>
    new RegExp(`^  pid ${i + 1} ${n} \\(alive, parent [01]\\)$`, "m").test(procs),
  );
  suite.check(core, `${keepAs}: in the replayed state PIDs 1-6 are alive`, procs.slice(0, 600));
  return ok ? Number(ok[2]) : 0;
}

await suite.scenario("the exported log replays on Linux to the page's state hash", async () => {
  const b = await openBrowser("determinism");
  try {
    await boot(b.page, srv.url);
    await run(b.page, "mkdir -p /home/d/e");
    await run(b.page, 'write /home/d/e/f "determinism"');
    await run(b.page, "useradd dora");
    await run(b.page, "ping time");
    const first = await exportAndCheck(b.page, () => b.page.click("[data-testid=export]"), "determinism-1.zlog");
    suite.check(first === 1, "the first export holds one boot", `epochs ${first}`);
    await shot(b.page, "determinism-export");

    await reload(b.page);
    await run(b.page, "rm /home/d/e/f");
    await b.page.click("[data-testid=terminal]");
    const second = await exportAndCheck(b.page, () => b.page.keyboard.press("Control+Shift+E"), "determinism-2.zlog");
    suite.check(second === 2, "after a reload the export is one chain of two boots", `epochs ${second}`);
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

srv.close();
suite.finish();
