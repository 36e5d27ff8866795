#!/usr/bin/env node
// Hostile input in the browser, each ending with the system (or the page)
// still running, the culprit refused, and a message:
//   - programs without the device capabilities (user/tests/storage-probe:
//     storage and keystore; net-probe: the network) are refused every
//     call, and the system goes on;
//   - console text shaped like the seed's debug-string commands
//     (INIT:SPAWN:…, INIT:GRANT:…) is printed, never obeyed;
//   - DEBUG text shaped like commands from a process (needs a program that
//     sends it: see NEEDS below);
//   - the kernel worker sending messages protocol.ts does not have, and
//     terminal escapes (title, clipboard, hyperlink) and HTML-shaped text
//     on the console: the page drops or draws them, acts on none;
//   - IndexedDB blocked (site data denied in the profile): the page says so
//     before starting anything; no room in the quota: the same;
//   - IndexedDB full while running (the kernel worker's IndexedDB made to
//     refuse writes with QuotaExceededError): Zero OS says so;
//   - a flipped byte in the stored CommitLog: the next boot refuses the log,
//     naming the seq, and says what to do.
// Screenshots: build/test-logs/web/hostile-*.png.
//
// Usage: node tests/web/hostile.mjs   (last line: "RESULT web-hostile <passed> <failed>")
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  DIST, HAS_RUNTIME, ISOLATED, PROMPT, Suite, WORKER_SCRIPT, boot, freshProfile, openBrowser, openSystem, run, screenRows,
  serve, shot, transcript, useStandin, waitText,
} from "./lib.mjs";

const suite = new Suite("web-hostile");
const srv = await serve();
const url = srv.url;

// `ps` as {pid: "state name"}
const ps = async (page) =>
  Object.fromEntries([...(await run(page, "ps")).matchAll(/^\s*(\d+)\s+\d+\s+(\w+)\s+(\S+)/gm)].map((m) => [m[1], `${m[2]} ${m[3]}`]));

await suite.scenario("storage, keystore and network calls without the capability are refused", { system: true }, async () => {
  const b = await openSystem("hostile-caps");
  try {
    await boot(b.page, url);
    for (const [prog, refused] of [
      ["storage-probe", "storage-probe: every storage request was refused"],
      ["net-probe", "net-probe: every way to the network was refused"],
    ]) {
      const since = (await transcript(b.page)).length;
      await b.page.keyboard.type(`spawn ${prog}\n`);
      const out = await waitText(b.page, new RegExp(`${prog} \\(pid \\d+\\) exited[^\\n]*\\n`), { since, timeout: 30_000 });
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

await suite.scenario("console text shaped like commands is only text", { system: true }, async () => {
  const b = await openSystem("hostile-text");
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

// NEEDS (wasm side): a program that DEBUGs command-shaped text (e.g.
// user/tests/debug-probe: "INIT:SPAWN:identity", "INIT:GRANT:1:2:rwg", …,
// then exits 0). The scenario runs once build/web/dist/zos/bin/ has it.
const DEBUG_PROBE = path.join(DIST, "zos/bin/debug-probe.wasm");
const debugName = "DEBUG text shaped like commands from a process is only text";
if (HAS_RUNTIME && !existsSync(DEBUG_PROBE)) suite.skip(debugName, "needs the wasm side's debug-probe program in zos/bin");
else await suite.scenario(debugName, { wasm: true }, async () => {
  const b = await openSystem("hostile-debug");
  try {
    await boot(b.page, url);
    const before = await ps(b.page);
    const since = (await transcript(b.page)).length;
    await b.page.keyboard.type("spawn debug-probe\n");
    const out = await waitText(b.page, /debug-probe \(pid \d+\) exited[^\n]*\n/, { since, timeout: 30_000 });
    suite.check(/exited with code 0/.test(out), "debug-probe ran and exited", out);
    await b.page.keyboard.press("Enter");
    await waitText(b.page, PROMPT);
    const after = await ps(b.page);
    const kept = Object.keys(before).every((pid) => after[pid] === before[pid]);
    suite.check(kept, "every process is as it was (none killed, none granted a new life)", `${JSON.stringify(before)}\n${JSON.stringify(after)}`);
    const extra = Object.keys(after).filter((pid) => !(pid in before) && !/debug-probe/.test(after[pid]));
    suite.check(extra.length === 0, "nothing was spawned for it", extra.join(" "));
  } finally {
    await b.close();
  }
});

await suite.scenario("the page drops malformed kernel messages and draws hostile text as text", {}, async () => {
  const b = await openBrowser("hostile-page");
  try {
    const popups = [];
    const dialogs = [];
    b.page.on("popup", (p) => popups.push(p.url()));
    b.page.on("dialog", (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    const warnings = [];
    b.page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
    await useStandin(b.page, { garbage: true });
    await b.page.goto(url);
    await waitText(b.page, PROMPT);
    suite.check((await b.page.getAttribute("[data-testid=page]", "data-phase")) === "running", "the malformed messages were dropped: the page booted");
    suite.check(warnings.filter((w) => /malformed message/.test(w)).length === 1, "and said so once (a warning)", warnings.join("\n"));
    await run(b.page, "escapes");
    const rows = await screenRows(b.page, "click me <img src=x onerror=alert(1)>");
    suite.check(rows.includes("click me <img src=x onerror=alert(1)>"), "HTML-shaped text is drawn as text", JSON.stringify(rows.slice(0, 6)));
    suite.check((await b.page.$$("img")).length === 0, "no element was made from it");
    suite.check((await b.page.title()) === "Zero OS", "a title escape does not retitle the page");
    const box = await b.page.locator(".xterm-rows > div", { hasText: "click me" }).first().boundingBox();
    if (box) await b.page.mouse.click(box.x + 20, box.y + box.height / 2);
    await b.page.waitForTimeout(300);
    suite.check(popups.length === 0 && dialogs.length === 0, "a printed hyperlink opens nothing when clicked", [...popups, ...dialogs].join("\n"));
    suite.check((await run(b.page, "echo still here")) === "still here\n", "the terminal goes on");
    await shot(b.page, "hostile-page");
    suite.check(b.errors.length === 0, "no console error", b.errors.join("\n"));
  } finally {
    await b.close();
  }
});

await suite.scenario("IndexedDB blocked: the page says so and starts nothing", {}, async () => {
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

await suite.scenario("no room in the storage quota: the page says so", {}, async () => {
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
// were written, as a full quota does (the worker's own script, with a shim
// in front: the page and the runtime are unchanged).
async function quotaAfter(page, budget) {
  await page.route(WORKER_SCRIPT, async (r) => {
    const res = await r.fetch();
    const shim = `{
  let left = ${budget};
  const size = (v) => v?.byteLength ?? v?.size ?? (typeof v === "object" && v ? Object.values(v).reduce((n, x) => n + size(x), 0) : 8);
  for (const m of ["put", "add"]) {
    const real = IDBObjectStore.prototype[m];
    IDBObjectStore.prototype[m] = function (value, ...rest) {
      left -= size(value);
      if (left < 0) throw new DOMException("the storage quota is full (test)", "QuotaExceededError");
      return real.call(this, value, ...rest);
    };
  }
}\n`;
    await r.fulfill({ response: res, headers: { ...res.headers(), ...ISOLATED }, body: shim + (await res.text()) });
  });
}

await suite.scenario("IndexedDB full while running: Zero OS says so", { wasm: true }, async () => {
  const b = await openBrowser("hostile-full");
  try {
    await quotaAfter(b.page, 4 << 20);
    await boot(b.page, url, { timeout: 60_000 });
    // fill it: 1 KiB files until the quota refuses
    const chunk = "x".repeat(1000);
    let said = "";
    for (let i = 0; i < 5000; i++) {
      const phase = await b.page.getAttribute("[data-testid=page]", "data-phase");
      if (phase !== "running") break;
      const out = await run(b.page, `write /home/fill${i} "${chunk}"`, { timeout: 30_000 }).catch((e) => e.message);
      if (out) {
        said = out;
        break;
      }
    }
    const phase = await b.page.getAttribute("[data-testid=page]", "data-phase");
    const page = await b.page.innerText("[data-testid=page]");
    const told = /quota|full|storage|space/i.test(phase === "running" ? said : page);
    suite.check(told, `a full quota is named (${phase === "running" ? "the write failed" : `the system ${phase}`})`, (said || page).slice(0, 600));
    if (phase === "running") suite.check(/pong from time/.test(await run(b.page, "ping time")), "and the system goes on");
    await shot(b.page, "hostile-full");
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

await suite.scenario("a flipped byte in the stored log: the page refuses it with the seq", { wasm: true }, async () => {
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
