#!/usr/bin/env node
// The page: what it shows and what it does with each message of
// protocol.ts, on the real kernel worker wherever the real one can
// produce the case:
//   - a page served without COOP/COEP says what is missing, why and what to
//     do, and starts no worker;
//   - the boot stages are shown in the order they come, each with its state
//     (kernel.wasm's download held back, to see the boot screen mid-way);
//   - a stage that fails (a program whose bytes do not match the manifest's
//     SHA-256) shows the error under it, with what to do;
//   - the terminal has focus on load and refits when the window resizes;
//   - the export button and Ctrl+Shift+E download the CommitLog, named
//     zos-commitlog-<date>.zlog, and show the state hash;
//   - `shutdown`: "stopped" is shown over the terminal, with the figures at
//     the stop in the status line;
//   - a kernel worker whose script does not load is reported;
//   - no console error in the normal scenarios.
// Two cases only the stand-in kernel worker (fixtures/standin-kernel-
// worker.js) makes: UTF-8 split across console messages (typed UTF-8 too:
// the real shell's line editor takes ASCII only), and "fatal" after boot.
// Screenshots: build/test-logs/web/page-*.png.
//
// Usage: node tests/web/page.mjs   (last line: "RESULT web-page <passed> <failed>")
import { readFileSync } from "node:fs";
import {
  ISOLATED, PROMPT, Suite, WORKER_SCRIPT, boot, openBrowser, run, screenRows, serve, shot, stageStates, useStandin, waitText,
} from "./lib.mjs";

const suite = new Suite("web-page");
const srv = await serve();
const url = srv.url;

await suite.scenario("without cross-origin isolation the page says what is missing", async () => {
  const b = await openBrowser("page-noiso");
  try {
    // the same files, without the isolation headers
    await b.page.route("**/*", async (r) => {
      const res = await r.fetch();
      const headers = { ...res.headers() };
      delete headers["cross-origin-opener-policy"];
      delete headers["cross-origin-embedder-policy"];
      await r.fulfill({ response: res, headers });
    });
    await b.page.goto(url);
    await b.page.waitForSelector("[data-testid=requirements]");
    const reqs = await b.page.$$eval("[data-req]", (els) => Object.fromEntries(els.map((e) => [e.dataset.req, e.dataset.ok])));
    suite.check(reqs.isolation === "false", "crossOriginIsolated is reported missing", JSON.stringify(reqs));
    suite.check(reqs.sab === "false", "SharedArrayBuffer is reported missing", JSON.stringify(reqs));
    suite.check(reqs.indexeddb === "true", "IndexedDB is reported present", JSON.stringify(reqs));
    const text = await b.page.textContent("[data-testid=requirements]");
    suite.check(/make run-web/.test(text) && /Cross-Origin-Embedder-Policy: require-corp/.test(text), "it says what to do (make run-web, the headers)");
    suite.check(/shared memory/.test(text), "it says why Zero OS needs it");
    suite.check(b.page.workers().length === 0, "no worker was started");
    suite.check((await b.page.getAttribute("[data-testid=page]", "data-phase")) === "missing", "the page's phase is missing");
    await shot(b.page, "page-requirements");
  } finally {
    await b.close();
  }
});

await suite.scenario("the boot stages are shown in order, then the shell", async () => {
  const b = await openBrowser("page-stages");
  try {
    // kernel.wasm is fetched in the log stage: held back, the boot screen
    // stays on that stage long enough to be seen
    let release;
    const held = new Promise((ok) => (release = ok));
    await b.page.route(/\/zos\/kernel\.wasm$/, async (r) => {
      await held;
      await r.continue();
    });
    await b.page.goto(url);
    await b.page.waitForSelector("[data-stage=log][data-state=running]");
    const mid = await stageStates(b.page);
    suite.check(
      JSON.stringify(mid.slice(0, 3)) === JSON.stringify([["platform", "done"], ["binaries", "done"], ["log", "running"]]) &&
        mid.slice(3).every(([, s]) => s === "waiting"),
      "mid-boot: the stages before are done, the log is running, the rest wait",
      JSON.stringify(mid),
    );
    const statusMid = await b.page.textContent("[data-testid=phase]");
    suite.check(/starting: CommitLog/.test(statusMid), "the status line names the running stage", statusMid);
    const binText = await b.page.textContent("[data-stage=binaries]");
    suite.check(/\d+ programs, each SHA-256 checked/.test(binText), "the binaries stage says how many programs were checked", binText);
    await shot(b.page, "page-boot-stages");
    release();
    await waitText(b.page, PROMPT, { timeout: 30_000 });
    const log = await b.page.evaluate(() => window.zosPage.stages().map((s) => `${s.id}:${s.state}`));
    const want = ["platform", "binaries", "log", "init", "services", "shell"].flatMap((id) => [`${id}:running`, `${id}:done`]);
    suite.check(JSON.stringify(log) === JSON.stringify(want), "every stage came running then done, in order", log.join(" "));
    await b.page.waitForSelector("[data-testid=boot]", { state: "detached" });
    suite.check((await b.page.getAttribute("[data-testid=page]", "data-phase")) === "running", "the boot screen gives way to the terminal");
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

await suite.scenario("a failed stage shows the error where it happened", async () => {
  const b = await openBrowser("page-failed");
  try {
    // one program's bytes differ from what the manifest says
    await b.page.route(/\/zos\/bin\/vfs\.wasm$/, async (r) => {
      const res = await r.fetch();
      const body = Buffer.from(await res.body());
      body[body.length >> 1] ^= 0x01;
      await r.fulfill({ response: res, body });
    });
    await b.page.goto(url);
    await b.page.waitForSelector("[data-stage=binaries] [data-testid=fatal]");
    const states = Object.fromEntries(await stageStates(b.page));
    suite.check(states.binaries === "failed" && states.log === "waiting" && states.init === "waiting",
      "the binaries stage is failed, the later ones never ran", JSON.stringify(states));
    const text = await b.page.textContent("[data-stage=binaries] [data-testid=fatal]");
    suite.check(/vfs\.wasm's SHA-256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}/.test(text), "the error names the program and both hashes", text);
    suite.check(/make web/.test(text) && /Nothing stored was touched/.test(text), "and says what to do", text);
    suite.check((await b.page.$$("[data-testid=overlay]")).length === 0, "no overlay: the boot screen shows it");
    suite.check(/stopped by an error/.test(await b.page.textContent("[data-testid=phase]")), "the status line says the system stopped");
    suite.check(await b.page.isDisabled("[data-testid=export]"), "export is not offered");
    await shot(b.page, "page-stage-failed");
  } finally {
    await b.close();
  }
});

await suite.scenario("the terminal: focus, resizing", async () => {
  const b = await openBrowser("page-term");
  try {
    await boot(b.page, url);
    const focused = await b.page.evaluate(() => document.activeElement?.classList.contains("xterm-helper-textarea"));
    suite.check(focused, "the terminal has the focus after boot, unclicked");
    const out = await run(b.page, "echo typed without a click");
    suite.check(out === "typed without a click\n", "keys typed at once reach the shell", JSON.stringify(out));
    const size = () =>
      b.page.evaluate(() => ({
        rows: document.querySelectorAll(".xterm-rows > div").length,
        width: document.querySelector(".xterm-screen").getBoundingClientRect().width,
      }));
    const before = await size();
    await b.page.setViewportSize({ width: 700, height: 420 });
    await b.page.waitForFunction((h) => document.querySelectorAll(".xterm-rows > div").length < h, before.rows);
    const after = await size();
    suite.check(after.rows < before.rows && after.width < before.width, "a smaller window gives a smaller terminal", `${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
    await run(b.page, "help");
    await shot(b.page, "page-terminal-small");
    await b.page.setViewportSize({ width: 1100, height: 720 });
    await b.page.waitForFunction((h) => document.querySelectorAll(".xterm-rows > div").length >= h, before.rows);
    suite.check(true, "and back");
    await shot(b.page, "page-terminal");
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

await suite.scenario("UTF-8 both ways, a character split across console messages too (stand-in)", async () => {
  const b = await openBrowser("page-utf8");
  try {
    await useStandin(b.page);
    await b.page.goto(url);
    await waitText(b.page, PROMPT);
    // real key events; the stand-in echoes each byte in its own console
    // message, so é, ✓ and 日 arrive split
    const word = "héllo wörld ✓ 日本";
    const out = await run(b.page, `echo ${word}`);
    suite.check(out === `${word}\n`, "UTF-8 typed goes out and comes back whole", JSON.stringify(out));
    const rows = await screenRows(b.page, word);
    suite.check(rows.includes(`zero> echo ${word}`) && rows.includes(word), "the terminal shows it as typed", rows.slice(0, 6).join("\n"));
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

await suite.scenario("export: the button and Ctrl+Shift+E download the log", async () => {
  const b = await openBrowser("page-export");
  try {
    await boot(b.page, url);
    const [dl] = await Promise.all([b.page.waitForEvent("download"), b.page.click("[data-testid=export]")]);
    const name = dl.suggestedFilename();
    suite.check(/^zos-commitlog-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.zlog$/.test(name), "the file is named zos-commitlog-<date>.zlog", name);
    const bytes = readFileSync(await dl.path());
    suite.check(bytes.subarray(0, 4).toString("latin1") === "ZCR1", "it holds the framed CommitLog (its first record's magic)", bytes.subarray(0, 16).toString("hex"));
    const hash = await b.page.textContent("[data-testid=export-hash]");
    suite.check(/^[0-9a-f]{64}$/.test(hash), "the panel shows the state hash sent with it", hash);
    suite.check((await b.page.textContent("[data-testid=export-name]")) === name, "and the file's name");
    const status = await b.page.textContent("[data-testid=status]");
    suite.check(status.includes(`state ${hash.slice(0, 12)}`) && /at the export/.test(status), "the status line shows the export's figures", status);
    await shot(b.page, "page-export");
    // the click left the focus in the terminal; the shortcut works from
    // there, and types nothing
    const focused = await b.page.evaluate(() => document.activeElement?.classList.contains("xterm-helper-textarea"));
    suite.check(focused, "clicking export leaves the focus in the terminal");
    const [dl2] = await Promise.all([b.page.waitForEvent("download"), b.page.keyboard.press("Control+Shift+E")]);
    suite.check(/\.zlog$/.test(dl2.suggestedFilename()), "Ctrl+Shift+E exports too");
    const out = await run(b.page, "echo after");
    suite.check(out === "after\n", "the shortcut typed nothing into the shell", JSON.stringify(out));
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

// After either the terminal takes no more input and export is gone.
async function overlayChecks(b, word, id, re) {
  await b.page.waitForSelector(`[data-testid=overlay] [data-testid=${id}]`);
  const text = await b.page.textContent("[data-testid=overlay]");
  suite.check(re.test(text), `${word}: the overlay says what happened and what to do`, text);
  suite.check(await b.page.isDisabled("[data-testid=export]"), `${word}: export is no longer offered`);
  const since = (await b.page.evaluate(() => window.zosPage.transcript())).length;
  await b.page.keyboard.type("echo no\n");
  await b.page.waitForTimeout(200);
  const after = (await b.page.evaluate(() => window.zosPage.transcript())).slice(since);
  suite.check(after === "", `${word}: the terminal takes no more input`, JSON.stringify(after));
  await shot(b.page, `page-${id}`);
  suite.check(b.errors.length === 0, `${word}: no console error`, b.errors.join("\n"));
}

await suite.scenario("shutdown: stopped is shown over the terminal", async () => {
  const b = await openBrowser("page-stopped");
  try {
    await boot(b.page, url);
    const since = (await b.page.evaluate(() => window.zosPage.transcript())).length;
    await b.page.keyboard.type("shutdown\n");
    const said = await waitText(b.page, /Zero OS stopped \((\d+) commits in the log\)/, { since }).catch(() => "");
    await overlayChecks(b, "shutdown", "stopped", /Zero OS stopped[\s\S]*It was shut down[\s\S]*Everything it acknowledged is stored in this browser[\s\S]*Reload the page/);
    const commits = said.match(/\((\d+) commits in the log\)/)?.[1];
    const status = await b.page.textContent("[data-testid=status]");
    suite.check(commits && status.includes(`${commits} commits`) && /at the stop/.test(status), "the status line shows the commits at the stop", `${commits} / ${status}`);
  } finally {
    await b.close();
  }
});

await suite.scenario("fatal after boot is shown over the terminal (stand-in)", async () => {
  const b = await openBrowser("page-fatal");
  try {
    await useStandin(b.page);
    await b.page.goto(url);
    await waitText(b.page, PROMPT);
    await b.page.keyboard.type("fatal\n");
    await overlayChecks(b, "fatal", "fatal", /asked to fail[\s\S]*Reload the page/);
  } finally {
    await b.close();
  }
});

await suite.scenario("a kernel worker that does not load is reported", async () => {
  const b = await openBrowser("page-noworker");
  try {
    await b.page.route(WORKER_SCRIPT, (r) => r.fulfill({ status: 404, headers: ISOLATED, body: "not found\n" }));
    await b.page.goto(url);
    await b.page.waitForSelector("[data-testid=fatal]");
    const text = await b.page.textContent("[data-testid=fatal]");
    suite.check(/kernel worker/.test(text) && /make run-web/.test(text), "the page says the kernel worker did not load and what to do", text);
    await shot(b.page, "page-noworker");
  } finally {
    await b.close();
  }
});

srv.close();
suite.finish();
