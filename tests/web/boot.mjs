#!/usr/bin/env node
// Zero OS boots in a browser tab and is used from its terminal, as on
// Linux (tests/e2e/hosted.sh, files.sh, identity.sh): the page is
// cross-origin isolated; the boot stages come in order and all end done,
// the log's with its commit count; PIDs 1-6 (Init and the five core
// services) are alive in `ps`; files are written, appended, listed and
// read; a user is made, given a machine key and logged in (the prompt
// says who); `verify` passes; and the page logs no console error. Keys go
// in as real key events. Screenshots: build/test-logs/web/boot-*.png.
//
// Usage: node tests/web/boot.mjs   (last line: "RESULT web-boot <passed> <failed>")
import { Suite, openBrowser, serve, shot, boot, run } from "./lib.mjs";

const suite = new Suite("web-boot");
const srv = await serve();
const CORE = ["init", "permission", "vfs", "keystore", "identity", "time"];

// `ps` rows: pid, parent, state, name
function psRows(out) {
  return Object.fromEntries(
    [...out.matchAll(/^\s*(\d+)\s+(\d+)\s+(\w+)\s+(\S+)/gm)].map((m) => [Number(m[1]), { state: m[3], name: m[4] }]),
  );
}

await suite.scenario("boot, ps, files, a user and a login", async () => {
  const b = await openBrowser("boot");
  try {
    const t0 = Date.now();
    await boot(b.page, srv.url, { timeout: 60_000 });
    console.log(`   shell prompt after ${Date.now() - t0} ms`);
    suite.check(await b.page.evaluate(() => crossOriginIsolated), "the page is cross-origin isolated");

    const log = await b.page.evaluate(() => window.zosPage.stages());
    const order = ["platform", "binaries", "log", "init", "services", "shell"];
    const firsts = order.map((id) => log.findIndex((s) => s.id === id));
    suite.check(firsts.every((i, k) => i >= 0 && (k === 0 || i > firsts[k - 1])), "every stage was reported, in boot order", log.map((s) => `${s.id}:${s.state}`).join(" "));
    suite.check(!log.some((s) => s.state === "failed"), "no stage failed");
    const shown = await b.page.$$eval("[data-stage]", (els) => els.length);
    suite.check(shown === 0, "the boot screen is gone once the shell runs");
    const logText = log.filter((s) => s.id === "log").pop()?.text ?? "";
    suite.check(/\d+ commits?|new/i.test(logText), "the log stage gives its commit count (or says the log is new)", logText);
    const status = await b.page.textContent("[data-testid=status]");
    suite.check(/\d+ commits · state [0-9a-f]{12}… at boot/.test(status), "the status line shows the boot's commits and state hash", status);
    await shot(b.page, "boot-shell");

    const ps = psRows(await run(b.page, "ps"));
    const core = CORE.map((name, i) => ps[i + 1]?.name === name && ps[i + 1]?.state === "running");
    suite.check(core.every(Boolean), "ps: PIDs 1-6 are init and the five core services, running", JSON.stringify(ps));

    suite.check((await run(b.page, 'write /home/note "hello from the browser"')) === "", "write is silent");
    const note = await run(b.page, "cat /home/note");
    suite.check(/^hello from the browser\n?$/.test(note), "cat shows what write wrote", JSON.stringify(note));
    await run(b.page, "echo first line > /home/lines");
    await run(b.page, "echo second line >> /home/lines");
    const lines = await run(b.page, "cat /home/lines");
    suite.check(lines === "first line\nsecond line\n", "echo > and >> write and append", JSON.stringify(lines));
    const ls = await run(b.page, "ls /home");
    suite.check(/^lines$/m.test(ls) && /^note$/m.test(ls), "ls lists both files", ls);
    suite.check(/no such file/.test(await run(b.page, "cat /home/nothing")), "a missing file is named as missing");

    const made = await run(b.page, "useradd alice");
    suite.check(/^created user alice \(id [0-9a-f]{32}\)/m.test(made), "useradd makes a user", made);
    const key = await run(b.page, "keys -u alice create laptop");
    suite.check(/^created machine key laptop \(id [0-9a-f]{32}, epoch 1, classical\)/m.test(key), "a machine key is made", key);
    const login = await run(b.page, "login alice");
    suite.check(/^logged in as alice with machine key laptop/m.test(login), "login opens a session", login);
    const who = await run(b.page, "whoami");
    suite.check(/^alice \(user [0-9a-f]{32}\), logged in with machine key laptop/m.test(who), "whoami names the user and the key", who);
    const tail = (await b.page.evaluate(() => window.zosPage.transcript())).slice(-12);
    suite.check(tail.endsWith("alice@zero> "), "the prompt says who is logged in", JSON.stringify(tail));

    const verify = await run(b.page, "verify", { timeout: 60_000 });
    suite.check(/chain intact/.test(verify) && /replayed state matches the running system/.test(verify), "verify passes", verify);
    await shot(b.page, "boot-used");
    suite.check(b.errors.length === 0, "no console error in the page", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

srv.close();
suite.finish();
