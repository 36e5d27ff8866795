// Replays a framed CommitLog with the wasm32 build of the core
// (build/wasm32/replay.wasm, from tools/wasm/replay_main.c) and prints the
// summary in the format tests/record_log.c prints for the live System:
//
//   status ok|torn|corrupt, bytes, commits, epochs, checkpoints, bad_seq,
//   head, state_hash
//
// one "key value" per line. A failed replay also says where and why on
// stderr and exits 1. Plain Node (18 or later), no packages.
//
// Usage: node tests/wasm/replay.mjs LOG [MODULE.wasm]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const ZOS_OK = 0;
const HASH_SIZE = 32;

// Offsets of struct zos_wasm_result (pinned by static asserts in C).
const R = { status: 0, torn: 4, commits: 8, epochs: 16, checkpoints: 24, badSeq: 32,
	goodBytes: 40, reason: 48, head: 56, state: 88 };

function fail(message) {
	process.stderr.write(`replay.mjs: ${message}\n`);
	process.exit(2);
}

async function load(modulePath) {
	const bytes = readFileSync(modulePath);
	const { instance } = await WebAssembly.instantiate(bytes, {});
	return instance.exports;
}

function hex(memory, at) {
	return Buffer.from(memory.buffer, at, HASH_SIZE).toString("hex");
}

function cString(memory, at) {
	if (at === 0) return "?";
	const bytes = new Uint8Array(memory.buffer);
	let end = at;
	while (end < bytes.length && bytes[end] !== 0) end++;
	return Buffer.from(bytes.subarray(at, end)).toString("latin1");
}

// Copies the log in, replays it, and reads the result record back.
function replay(wasm, log) {
	if (log.length > wasm.zos_input_cap()) fail(`log of ${log.length} bytes is over the module's buffer`);
	new Uint8Array(wasm.memory.buffer, wasm.zos_input(), log.length).set(log);
	wasm.zos_replay(log.length);
	const at = wasm.zos_result();
	const view = new DataView(wasm.memory.buffer, at);
	const u64 = (off) => view.getBigUint64(off, true).toString();
	return {
		status: view.getInt32(R.status, true),
		torn: view.getUint32(R.torn, true),
		commits: u64(R.commits),
		epochs: u64(R.epochs),
		checkpoints: u64(R.checkpoints),
		badSeq: u64(R.badSeq),
		goodBytes: u64(R.goodBytes),
		reason: cString(wasm.memory, view.getUint32(R.reason, true)),
		head: hex(wasm.memory, at + R.head),
		state: hex(wasm.memory, at + R.state),
	};
}

function statusWord(r) {
	if (r.status !== ZOS_OK) return "corrupt";
	return r.torn ? "torn" : "ok";
}

function print(r) {
	const lines = [
		`status ${statusWord(r)}`,
		`bytes ${r.goodBytes}`,
		`commits ${r.commits}`,
		`epochs ${r.epochs}`,
		`checkpoints ${r.checkpoints}`,
		`bad_seq ${r.badSeq}`,
		`head ${r.head}`,
		`state_hash ${r.state}`,
	];
	process.stdout.write(lines.join("\n") + "\n");
	if (r.status !== ZOS_OK) process.stderr.write(`replay.mjs: bad commit at seq ${r.badSeq}: ${r.reason}\n`);
}

const [logPath, modulePath = path.join(here, "../../build/wasm32/replay.wasm")] = process.argv.slice(2);
if (!logPath) fail("usage: node tests/wasm/replay.mjs LOG [MODULE.wasm]");
const wasm = await load(modulePath);
const result = replay(wasm, readFileSync(logPath));
print(result);
process.exit(result.status === ZOS_OK ? 0 : 1);
