#!/usr/bin/env node
// What Zero OS keeps in the browser survives a reload and a killed browser:
//   1. reload: a file, a user with a session and a setting (`time format
//      12`) are there after the page reloads; `verify` sees two boots;
//   2. kill: on a persistent profile, vfs-writer (user/tests/vfs-writer, as
//      tests/e2e/vfs_crash.sh uses it) writes files and says each write VFS
//      acknowledged; the Chromium process group is SIGKILLed mid-work and
//      relaunched on the same profile: the filesystem is consistent, every
//      acknowledged file is intact, what was written before is there,
//      `verify` passes and the exported log verifies with zos-log as one
//      chain across both boots.
// Screenshots: build/test-logs/web/persist-*.png.
//
// Usage: node tests/web/persist.mjs   (last line: "RESULT web-persist <passed> <failed>")
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import {
  PROMPT, Suite, ZOS_LOG, boot, freshProfile, openKillable, openBrowser, reload, run, serve, shot, transcript, waitText,
} from "./lib.mjs";

const suite = new Suite("web-persist");
const srv = await serve();

await suite.scenario("files, a user and a setting survive a reload", async () => {
  const b = await openBrowser("persist-reload");
  try {
    await boot(b.page, srv.url);
    await run(b.page, 'write /home/keep "kept across reloads"');
    suite.check(/^created user bob/m.test(await run(b.page, "useradd bob")), "a user is made");
    await run(b.page, "keys -u bob create laptop");
    suite.check(/^logged in as bob/m.test(await run(b.page, "login bob")), "and logged in");
    suite.check(/12-hour clock/.test(await run(b.page, "time format 12")), "the clock is set to 12 hours");

    const start = await reload(b.page);
    suite.check(/logged in as bob \(a session from before\)/.test(start) && start.endsWith("bob@zero> "), "after the reload bob's session is still there", start.slice(-400));
    const keep = await run(b.page, "cat /home/keep");
    suite.check(/^kept across reloads\n?$/.test(keep), "the file is there", JSON.stringify(keep));
    suite.check(/^\*? *[0-9a-f]{32}\s+active\s+bob$/m.test(await run(b.page, "users")), "the user is there");
    const time = await run(b.page, "time");
    suite.check(/12-hour clock/.test(time) && /\d\d? [AP]M/.test(time), "the clock still shows 12 hours", time);
    const verify = await run(b.page, "verify", { timeout: 60_000 });
    suite.check(/in 2 epochs verified/.test(verify) && /replayed state matches the running system/.test(verify), "verify: one log, two boots, replay matches", verify);
    await shot(b.page, "persist-reload");
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

await suite.scenario("a browser killed mid-work loses no acknowledged write", async () => {
  const profile = freshProfile("persist-kill");
  try {
    // 1. boot, some state, then a writer; SIGKILL while it writes
    const k = await openKillable(profile);
    let acked = -1;
    try {
      await boot(k.page, srv.url, { timeout: 60_000 });
      await run(k.page, 'write /home/before "written before the kill"');
      await run(k.page, "useradd carol");
      const since = (await transcript(k.page)).length;
      await k.page.keyboard.type("spawn vfs-writer\n");
      const want = 5 + Math.floor(Math.random() * 40); // a random moment
      await waitText(k.page, new RegExp(`vfs-writer: wrote f${want}\\n`), { since, timeout: 60_000 });
      const seen = (await transcript(k.page)).slice(since);
      await k.kill();
      for (const m of seen.matchAll(/vfs-writer: wrote f(\d+)\n/g)) acked = Math.max(acked, Number(m[1]));
      console.log(`   killed Chromium after f${acked} was acknowledged on the page`);
      suite.check(acked >= want, "the writer was acknowledged before the kill");
    } finally {
      await k.kill();
    }

    // 2. the same profile again: everything acknowledged is there
    const b = await openBrowser("persist-kill", { profile });
    try {
      await boot(b.page, srv.url, { timeout: 60_000 });
      const logStage = await b.page.evaluate(() => window.zosPage.stages().filter((s) => s.id === "log").pop()?.text ?? "");
      console.log(`   log stage after the kill: ${logStage}`);
      // the writer first checks the filesystem and counts the intact files;
      // then it is stopped, so that its writes do not run into the checks
      const since = (await transcript(b.page)).length;
      await b.page.keyboard.type("spawn vfs-writer\n");
      const out = await waitText(b.page, /vfs-writer: \d+ intact\n/, { since, timeout: 60_000 });
      suite.check(/vfs-writer: the filesystem is consistent/.test(out), "the filesystem is consistent after the kill", out.slice(0, 400));
      const intact = Number(out.match(/vfs-writer: (\d+) intact/)?.[1] ?? -1);
      suite.check(intact >= acked + 1, `every acknowledged file is intact (${intact} intact, f0..f${acked} acknowledged)`);
      const pid = out.match(/started vfs-writer as pid (\d+)/)?.[1];
      if (pid) {
        // the writer may print after the prompt: wait for the kill's word,
        // then for a prompt of its own
        const at = (await transcript(b.page)).length;
        await b.page.keyboard.type(`kill ${pid}\n`);
        await waitText(b.page, new RegExp(`killed ${pid}\\n`), { since: at });
        await b.page.keyboard.press("Enter");
        await waitText(b.page, PROMPT);
      }
      suite.check(/^written before the kill\n?$/.test(await run(b.page, "cat /home/before")), "the file written before is there");
      suite.check(/\bcarol$/m.test(await run(b.page, "users")), "the user made before is there");
      const verify = await run(b.page, "verify", { timeout: 60_000 });
      suite.check(/replayed state matches the running system/.test(verify), "verify passes", verify);
      await shot(b.page, "persist-kill");

      const [dl] = await Promise.all([b.page.waitForEvent("download"), b.page.click("[data-testid=export]")]);
      const file = await dl.path();
      let said = "";
      try {
        said = execFileSync(ZOS_LOG, ["verify", file], { encoding: "utf8" });
      } catch (e) {
        said = `${e.stdout ?? ""}${e.stderr ?? ""}`;
      }
      const m = said.match(/^ok: (\d+) commits, (\d+) epochs/m);
      suite.check(m && Number(m[2]) >= 2, "zos-log verifies the exported log as one chain across both boots", said);
      suite.check(b.errors.length === 0, "no console error after the relaunch", b.errors.join("\n"));
    } finally {
      await b.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

srv.close();
suite.finish();
