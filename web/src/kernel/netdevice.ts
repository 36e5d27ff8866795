// The network device: HTTP and HTTPS through fetch(), reachable only by a
// process holding its capability (NetworkService, under PermissionService's
// grant, as on Linux). kernel.wasm has decoded and checked the request with
// lib/net_wire.c (method, URL, headers, body, timeout: every limit of
// include/zos/abi.h); the result message is built there too
// (znet_result_ok / znet_result_error). Here: the request goes out with no
// credentials (no cookies, no HTTP auth: credentials "omit"), no referrer
// and no cache, follows redirects, ends by its timeout, and the response
// body is read only as far as the device carries (one byte more is
// TOO_LARGE, decided in kernel.wasm).
//
// The browser adds what it always adds and drops what a page may not set
// (Host, Cookie, ...); a cross-origin server must allow the request (CORS),
// else it fails with a message saying so.
import * as Z from "../generated/zos";

export interface NetRequest {
  lo: number;
  hi: number;
  method: number;
  timeoutMs: number;
  url: string;
  body: Uint8Array;
  headers: string[];
}

export type NetResult =
  | { ok: true; status: number; headers: string[]; body: Uint8Array }
  | { ok: false; code: number; message: string };

const METHODS: Record<number, string> = {
  [Z.NET_GET]: "GET",
  [Z.NET_HEAD]: "HEAD",
  [Z.NET_POST]: "POST",
  [Z.NET_PUT]: "PUT",
  [Z.NET_DELETE]: "DELETE",
  [Z.NET_PATCH]: "PATCH",
};

// The body up to limit + 1 bytes (enough to know it is too large).
async function readBody(res: Response, limit: number): Promise<Uint8Array> {
  const out = new Uint8Array(limit + 1);
  let n = 0;
  if (!res.body) return out.subarray(0, 0);
  const reader = res.body.getReader();
  while (n <= limit) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(value.length, out.length - n);
    out.set(value.subarray(0, take), n);
    n += take;
  }
  void reader.cancel().catch(() => undefined);
  return out.subarray(0, n);
}

function failure(e: unknown, rq: NetRequest): NetResult {
  const name = e instanceof DOMException ? e.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    const t = rq.timeoutMs % 1000 === 0 ? `${rq.timeoutMs / 1000} s` : `${rq.timeoutMs} ms`;
    return { ok: false, code: Z.NET_ERR_TIMEOUT, message: `timed out after ${t}` };
  }
  if (e instanceof TypeError && /header|method|URL/i.test(e.message))
    return { ok: false, code: Z.NET_ERR_BAD_REQUEST, message: `the browser refused the request (${e.message})` };
  return {
    ok: false,
    code: Z.NET_ERR_FAILED,
    message:
      "the request failed: the server could not be reached, or it does not allow cross-origin requests " +
      "from this page (CORS)",
  };
}

export class NetDevice {
  private pending = 0;

  reserve(): boolean {
    if (this.pending >= Z.NET_MAX_PENDING) return false;
    this.pending++;
    return true;
  }

  async run(rq: NetRequest): Promise<NetResult> {
    try {
      const headers = new Headers();
      for (const h of rq.headers) {
        const at = h.indexOf(":");
        headers.append(h.slice(0, at).trim(), h.slice(at + 1).trim());
      }
      const res = await fetch(rq.url, {
        method: METHODS[rq.method] ?? "GET",
        headers,
        body: rq.body.length ? rq.body : undefined,
        credentials: "omit",
        referrerPolicy: "no-referrer",
        cache: "no-store",
        redirect: "follow",
        mode: "cors",
        signal: AbortSignal.timeout(rq.timeoutMs),
      });
      const list: string[] = [];
      res.headers.forEach((value, name) => list.push(`${name}: ${value}`));
      const body = rq.method === Z.NET_HEAD ? new Uint8Array(0) : await readBody(res, Z.NET_RESP_BODY_MAX);
      return { ok: true, status: res.status, headers: list, body };
    } catch (e) {
      return failure(e, rq);
    } finally {
      this.pending--;
    }
  }
}
