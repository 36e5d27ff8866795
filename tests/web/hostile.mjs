#!/usr/bin/env node
// Hostile input in the browser, each ending with the system (or the page)
// still running, the culprit refused, and a message:
//   - programs without the device capabilities (user/tests/storage-probe:
//     storage and keystore; net-probe: the network) are refused every
//     call, and the system goes on;
//   - console text shaped like the seed's debug-string commands
//     (INIT:SPAWN:…, INIT:GRANT:…) is printed, never obeyed;
//   - a process's hostile text (user/tests/text-probe): DEBUG messages
//     shaped like commands change nothing; terminal escapes (title,
//     clipboard, hyperlink) and HTML-shaped text on the console are drawn
//     or dropped, never acted on (a printed hyperlink opens nothing);
//   - the kernel worker sending messages protocol.ts does not have (the
//     stand-in kernel worker: the real one never does): the page drops them;
//   - IndexedDB blocked (site data denied in the profile): the page says so
//     before starting anything; no room in the quota: the same;
//   - IndexedDB full while running (the kernel worker's IndexedDB made to
//     refuse writes with QuotaExceededError): Zero OS stops, saying the
//     site's storage is full, that what it acknowledged is kept, and how to
//     make room;
//   - a flipped byte in the stored CommitLog: the next boot refuses the log,
//     naming the seq, and says what to do.
// Processes that misbehave (bad modules, traps, spins, floods, a scribbled
// mailbox) are tests/web/faults.mjs.
// Screenshots: build/test-logs/web/hostile-*.png.
//
// Usage: node tests/web/hostile.mjs   (last line: "RESULT web-hostile <passed> <failed>")
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  PROMPT, Suite, boot, freshProfile, openBrowser, paste, prefixKernelWorker, ps, run, screenRows, serve, shot, spawnUntil,
  transcript, useStandin, waitText,
} from "./lib.mjs";

const suite = new Suite("web-hostile");
const srv = await serve();
const url = srv.url;

await suite.scenario("storage, keystore and network calls without the capability are refused", async () => {
  const b = await openBrowser("hostile-caps");
  try {
    await boot(b.page, url);
    for (const [prog, refused] of [
      ["storage-probe", "storage-probe: every storage request was refused"],
      ["net-probe", "net-probe: every way to the network was refused"],
    ]) {
      const out = await spawnUntil(b.page, prog);
      suite.check(out.includes(refused), `${prog}: ${refused.split(": ")[1]}`, out);
      suite.check(!/ALLOWED/.test(out), `${prog}: nothing got through`, out);
      suite.check(new RegExp(`${prog} \\(pid \\d+\\) exited with code 0`).test(out), `${prog} exits 0`, out);
    }
    await b.page.keyboard.press("Enter");
    await waitText(b.page, PROMPT);
    const all = await transcript(b.page);
    suite.check(!/started network/.test(all), "NetworkService was not started for net-probe");
    suite.check(/pong from time/.test(await run(b.page, "ping time")), "the system goes on");
    await shot(b.page, "hostile-caps");
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

await suite.scenario("console text shaped like commands is only text", async () => {
  const b = await openBrowser("hostile-text");
  try {
    await boot(b.page, url);
    const before = await ps(b.page);
    const caps = await run(b.page, "caps");
    const words = ["INIT:SPAWN:identity", "INIT:GRANT:7:2:rwg", "INIT:KILL_OK:3", "INIT:REVOKE:3:2", "SERVICE:RESPONSE:1:7001:00"];
    for (const w of words) suite.check((await run(b.page, `echo ${w}`)) === `${w}\n`, `echo ${w} prints it`);
    await run(b.page, 'write /home/cmd "INIT:SPAWN:keystore"');
    suite.check(/^INIT:SPAWN:keystore\n?$/.test(await run(b.page, "cat /home/cmd")), "a file holding one is printed");
    const after = await ps(b.page);
    suite.check(JSON.stringify(after) === JSON.stringify(before), "no process was started or killed", `${JSON.stringify(before)}\n${JSON.stringify(after)}`);
    suite.check((await run(b.page, "caps")) === caps, "the terminal's capabilities are unchanged");
  } finally {
    await b.close();
  }
});

await suite.scenario("a process's hostile text is only text (text-probe)", async () => {
  const b = await openBrowser("hostile-text-probe");
  try {
    const popups = [];
    const dialogs = [];
    b.page.on("popup", (p) => popups.push(p.url()));
    b.page.on("dialog", (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    const debugs = []; // the kernel worker's console.debug, as the page's console reports it
    b.page.on("console", (m) => m.type() === "debug" && debugs.push(m.text()));
    await boot(b.page, url);
    const before = await ps(b.page);
    const caps = await run(b.page, "caps");
    const out = await spawnUntil(b.page, "text-probe");
    suite.check(/text-probe: sent 7 command-shaped DEBUG messages/.test(out), "text-probe DEBUGged its command-shaped text", out);
    suite.check(/text-probe \(pid \d+\) exited with code 0/.test(out), "and exited 0", out);
    suite.check(debugs.some((d) => /^zos \[pid \d+\] INIT:GRANT:1:2:rwg$/.test(d)), "the kernel worker showed the DEBUG text as text, with the pid", debugs.slice(-8).join("\n"));
    await b.page.keyboard.press("Enter");
    await waitText(b.page, PROMPT);
    const after = await ps(b.page);
    const kept = Object.keys(before).every((pid) => after[pid] === before[pid]);
    suite.check(kept, "every process is as it was (none killed, none restarted)", `${JSON.stringify(before)}\n${JSON.stringify(after)}`);
    const extra = Object.keys(after).filter((pid) => !(pid in before) && after[pid] !== "ended text-probe");
    suite.check(extra.length === 0, "nothing was spawned for it", extra.map((p) => after[p]).join(" "));
    suite.check((await run(b.page, "caps")) === caps, "the terminal's capabilities are unchanged");
    const rows = await screenRows(b.page, "click me <img src=x onerror=alert(1)>");
    suite.check(rows.includes("click me <img src=x onerror=alert(1)>"), "HTML-shaped text is drawn as text", JSON.stringify(rows.slice(0, 12)));
    suite.check(rows.includes("text-probe: héllo wörld ✓ 日本"), "UTF-8 from a process is drawn whole", JSON.stringify(rows.slice(0, 12)));
    suite.check((await b.page.$$("img")).length === 0, "no element was made from it");
    suite.check((await b.page.title()) === "Zero OS", "a title escape does not retitle the page");
    const box = await b.page.locator(".xterm-rows > div", { hasText: "click me" }).first().boundingBox();
    if (box) await b.page.mouse.click(box.x + 20, box.y + box.height / 2);
    await b.page.waitForTimeout(300);
    suite.check(popups.length === 0 && dialogs.length === 0, "a printed hyperlink opens nothing when clicked", [...popups, ...dialogs].join("\n"));
    suite.check(/pong from time/.test(await run(b.page, "ping time")), "the system goes on");
    await shot(b.page, "hostile-text-probe");
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

await suite.scenario("the page drops malformed kernel messages (stand-in)", async () => {
  const b = await openBrowser("hostile-page");
  try {
    const warnings = [];
    b.page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
    await useStandin(b.page, { garbage: true });
    await b.page.goto(url);
    await waitText(b.page, PROMPT);
    suite.check((await b.page.getAttribute("[data-testid=page]", "data-phase")) === "running", "the malformed messages were dropped: the page booted");
    suite.check(warnings.filter((w) => /malformed message/.test(w)).length === 1, "and said so once (a warning)", warnings.join("\n"));
    suite.check((await b.page.title()) === "Zero OS" && (await b.page.$$("img")).length === 0, "none was acted on");
    suite.check((await run(b.page, "echo still here")) === "still here\n", "the terminal goes on");
    await shot(b.page, "hostile-page");
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

await suite.scenario("IndexedDB blocked: the page says so and starts nothing", async () => {
  // site data denied for every site, as the browser's setting does it
  const profile = freshProfile("hostile-idb");
  mkdirSync(path.join(profile, "Default"), { recursive: true });
  writeFileSync(
    path.join(profile, "Default/Preferences"),
    JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
  );
  const b = await openBrowser("hostile-idb", { profile });
  try {
    await b.page.goto(url);
    await b.page.waitForSelector("[data-testid=requirements]");
    const ok = await b.page.$$eval("[data-req]", (els) => Object.fromEntries(els.map((e) => [e.dataset.req, e.dataset.ok])));
    suite.check(ok.indexeddb === "false" && ok.isolation === "true", "IndexedDB is the one thing missing", JSON.stringify(ok));
    const text = await b.page.textContent("[data-req=indexeddb]");
    suite.check(/denied|failed/i.test(text) && /allow site data/.test(text) && /private/.test(text), "it says what failed and what to do", text);
    suite.check(b.page.workers().length === 0, "no worker was started");
    await shot(b.page, "hostile-idb-blocked");
  } finally {
    await b.close({ keep: false });
  }
});

await suite.scenario("no room in the storage quota: the page says so", async () => {
  const b = await openBrowser("hostile-quota");
  try {
    // the browser reports its quota all but used up
    await b.page.addInitScript(() => {
      navigator.storage.estimate = async () => ({ quota: 50 << 20, usage: (50 << 20) - 4096 });
    });
    await b.page.goto(url);
    await b.page.waitForSelector("[data-testid=requirements]");
    const text = await b.page.textContent("[data-req=storage-room]");
    suite.check(/4 KiB free of 50 MiB/.test(text) && /Free some space/.test(text), "the page names the free space and what to do", text);
    suite.check(b.page.workers().length === 0, "no worker was started");
  } finally {
    await b.close();
  }
});

// The kernel worker's IndexedDB refuses every write once `budget` bytes
// were written, as a full quota does.
const quotaAfter = (page, budget) =>
  prefixKernelWorker(page, `
  let left = ${budget};
  const size = (v) => v?.byteLength ?? v?.size ?? (typeof v === "object" && v ? Object.values(v).reduce((n, x) => n + size(x), 0) : 8);
  for (const m of ["put", "add"]) {
    const real = IDBObjectStore.prototype[m];
    IDBObjectStore.prototype[m] = function (value, ...rest) {
      left -= size(value);
      if (left < 0) throw new DOMException("the storage quota is full (test)", "QuotaExceededError");
      return real.call(this, value, ...rest);
    };
  }`);

await suite.scenario("IndexedDB full while running: Zero OS stops and says the storage is full", async () => {
  const b = await openBrowser("hostile-full");
  try {
    await quotaAfter(b.page, 160 << 10); // the boot writes about 35 KiB, each file about 5 KiB
    await boot(b.page, url, { timeout: 60_000 });
    // fill it: 1 KiB files until the quota refuses (pasted: each typed key
    // is a message to the terminal, with its commit)
    const chunk = "x".repeat(1000);
    let written = 0;
    for (let i = 0; i < 2000; i++) {
      if ((await b.page.getAttribute("[data-testid=page]", "data-phase")) !== "running") break;
      const since = (await transcript(b.page)).length;
      await paste(b.page, `write /home/fill${i} "${chunk}"\r`);
      const out = await waitText(b.page, PROMPT, { since: since + 1, timeout: 30_000 }).catch(() => null);
      if (out === null) break;
      if (!out.endsWith(`"\r\nzero> `) && !out.endsWith(`"\nzero> `)) throw new Error(`write ${i} said: ${out.slice(-300)}`);
      written++;
    }
    console.log(`   ${written} files acknowledged before the quota ran out`);
    await b.page.waitForSelector("[data-testid=overlay] [data-testid=stopped]", { timeout: 10_000 });
    const card = await b.page.textContent("[data-testid=stopped]");
    suite.check(/storage for this site is full/.test(card), "the page says the site's storage is full", card);
    suite.check(/acknowledged before that is stored/.test(card) && /free disk space/.test(card) && /Site data/.test(card),
      "that what was acknowledged is kept, and how to make room", card);
    const said = await transcript(b.page);
    suite.check(/the commit log could not be written \(no space left on the storage device\)/.test(said),
      "the console says the log's write found no space", said.slice(-400));
    const status = await b.page.textContent("[data-testid=status]");
    suite.check(/at boot/.test(status) && !/at the stop/.test(status), "the status line keeps the boot's figures (the stored log is shorter than what ran)", status);
    await shot(b.page, "hostile-full");
    // what was acknowledged is there after a reload (with room again)
    await b.page.unrouteAll({ behavior: "wait" });
    await b.page.reload();
    await waitText(b.page, PROMPT, { timeout: 60_000 });
    const last = written - 1;
    suite.check(written > 0 && /^x{1000}\n?$/.test(await run(b.page, `cat /home/fill${last}`)), `the last acknowledged file (fill${last}) is there after a reload`);
  } finally {
    await b.close();
  }
});

// Flips one byte of a record a third of the way into the stored CommitLog
// (the IndexedDB database whose name says log), from a page of the same
// origin with Zero OS not running. Says where.
async function flipLogByte(page) {
  return page.evaluate(async () => {
    const req = (r) => new Promise((ok, bad) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => bad(r.error))));
    const names = (await indexedDB.databases()).map((d) => d.name);
    const name = names.find((n) => /log/i.test(n));
    if (!name) return { error: `no database named like a log among ${JSON.stringify(names)}` };
    const db = await req(indexedDB.open(name));
    const flip = async (v) => {
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
        const u = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        if (u.length < 2) return null;
        const at = u.length >> 1;
        u[at] ^= 0x20;
        return { value: v, at };
      }
      if (v instanceof Blob) {
        const u = new Uint8Array(await v.arrayBuffer());
        const at = u.length >> 1;
        u[at] ^= 0x20;
        return { value: new Blob([u]), at };
      }
      if (v && typeof v === "object")
        for (const k of Object.keys(v)) {
          const f = await flip(v[k]);
          if (f) return { value: { ...v, [k]: f.value }, at: `${k}[${f.at}]` };
        }
      return null;
    };
    for (const store of db.objectStoreNames) {
      const keys = await req(db.transaction(store).objectStore(store).getAllKeys());
      if (keys.length === 0) continue;
      const key = keys[Math.floor(keys.length / 3)];
      const value = await req(db.transaction(store).objectStore(store).get(key));
      const f = await flip(value);
      if (!f) continue;
      const tx = db.transaction(store, "readwrite");
      const st = tx.objectStore(store);
      await req(st.keyPath === null ? st.put(f.value, key) : st.put(f.value));
      db.close();
      return { name, store, key: String(key), of: keys.length, at: f.at };
    }
    db.close();
    return { error: `no binary record in ${name}` };
  });
}

await suite.scenario("a flipped byte in the stored log: the page refuses it with the seq", async () => {
  const b = await openBrowser("hostile-flip");
  try {
    await boot(b.page, url, { timeout: 60_000 });
    for (let i = 0; i < 5; i++) await run(b.page, `write /home/f${i} "before the damage"`);
    await b.page.goto(`${url}no-zero-os-here`); // same origin, the workers gone
    const where = await flipLogByte(b.page);
    console.log(`   flipped: ${JSON.stringify(where)}`);
    suite.check(!where.error, "a byte of the stored log was flipped", where.error);
    await b.page.goto(url);
    await b.page.waitForSelector("[data-testid=fatal]", { timeout: 60_000 });
    const states = Object.fromEntries(await b.page.$$eval("[data-stage]", (els) => els.map((e) => [e.dataset.stage, e.dataset.state])));
    suite.check(states.log === "failed" && states.init === "waiting", "the log stage failed and nothing ran after it", JSON.stringify(states));
    const text = await b.page.textContent("[data-testid=fatal]");
    suite.check(/seq \d+/.test(text), "the page names the seq where the log breaks", text);
    const advice = await b.page.textContent("[data-testid=fatal] .fatal-advice");
    suite.check(advice.trim().length > 20, "and says what to do", advice);
    await shot(b.page, "hostile-flip");
    // refused, not repaired: the same answer again
    await b.page.reload();
    await b.page.waitForSelector("[data-testid=fatal]", { timeout: 60_000 });
    suite.check(/seq \d+/.test(await b.page.textContent("[data-testid=fatal]")), "a reload refuses it again (the log is never rewritten)");
  } finally {
    await b.close();
  }
});

srv.close();
suite.finish();
