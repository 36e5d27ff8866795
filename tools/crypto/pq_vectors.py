#!/usr/bin/env python3
"""Converts published ML-KEM / ML-DSA test vectors (JSON) into Zero OS's
vector-file format (tests/crypto/vectors/, read by tests/crypto/vectors.h):
records of "name = value" lines separated by blank lines.

Sources (facts, not code): NIST's ACVP-Server JSON sets
(gen-val/json-files/ML-KEM-keyGen-FIPS203, ML-KEM-encapDecap-FIPS203,
ML-DSA-keyGen-FIPS204, ML-DSA-sigGen-FIPS204, ML-DSA-sigVer-FIPS204, the
internalProjection.json files) and Project Wycheproof's testvectors_v1
(mlkem_768_encaps_test, mlkem_768_test, mldsa_65_sign_seed_test,
mldsa_65_verify_test). Only ML-KEM-768 and ML-DSA-65 cases are kept, a
selection per function so the files stay small.

Usage: tools/crypto/pq_vectors.py ACVP_DIR WYCHEPROOF_DIR OUT_DIR
(ACVP_DIR holds <set-name>.json, WYCHEPROOF_DIR holds <name>.json.)
"""
import json
import os
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def write(out_dir, name, header, records):
    with open(os.path.join(out_dir, name), "w") as f:
        for line in header:
            f.write("# " + line + "\n")
        for rec in records:
            f.write("\n")
            for key, value in rec:
                f.write("%s = %s\n" % (key, str(value).lower() if key != "reason" else value))
    print("%s: %d records" % (name, len(records)))


def groups(doc, param):
    return [g for g in doc["testGroups"] if g.get("parameterSet") == param]


def truthy(v):
    return str(v).lower() == "true"


def mlkem_acvp(acvp, out):
    kg = load(os.path.join(acvp, "ML-KEM-keyGen-FIPS203.json"))
    recs = []
    for g in groups(kg, "ML-KEM-768"):
        for t in g["tests"][:8]:
            recs.append([("tc", t["tcId"]), ("d", t["d"]), ("z", t["z"]), ("ek", t["ek"]), ("dk", t["dk"])])
    write(out, "mlkem768_acvp_keygen.txt",
          ["ML-KEM-768 key generation (FIPS 203 Algorithm 16) from the seeds d and z:",
           "NIST ACVP-Server, ML-KEM-keyGen-FIPS203, internalProjection.json, tgId 2."], recs)
    ed = load(os.path.join(acvp, "ML-KEM-encapDecap-FIPS203.json"))
    recs = []
    for g in groups(ed, "ML-KEM-768"):
        if g["function"] == "encapsulation":
            for t in g["tests"][:8]:
                recs.append([("tc", t["tcId"]), ("op", "encaps"), ("ek", t["ek"]), ("m", t["m"]),
                             ("c", t["c"]), ("k", t["k"])])
        elif g["function"] == "decapsulation":
            for t in g["tests"]:
                recs.append([("tc", t["tcId"]), ("op", "decaps"), ("dk", g["dk"]), ("c", t["c"]),
                             ("k", t["k"]), ("reason", t.get("reason", ""))])
    write(out, "mlkem768_acvp_encapdecap.txt",
          ["ML-KEM-768 encapsulation from a given m (Algorithm 17) and decapsulation",
           "(Algorithm 18; modified ciphertexts give the implicit-rejection key):",
           "NIST ACVP-Server, ML-KEM-encapDecap-FIPS203, internalProjection.json."], recs)


def mlkem_wycheproof(wp, out):
    enc = load(os.path.join(wp, "mlkem_768_encaps_test.json"))
    recs = []
    for g in enc["testGroups"]:
        for t in g["tests"]:
            if "ModulusOverflow" in t["flags"]:
                recs.append([("tc", t["tcId"]), ("op", "encaps"), ("ek", t["ek"]), ("m", t["m"]),
                             ("result", t["result"])])
    full = load(os.path.join(wp, "mlkem_768_test.json"))
    for g in full["testGroups"]:
        for t in g["tests"]:
            if "Strcmp" in t["flags"]:
                recs.append([("tc", t["tcId"]), ("op", "seed"), ("seed", t["seed"]), ("ek", t["ek"]),
                             ("c", t["c"]), ("k", t["K"]), ("result", t["result"])])
    write(out, "mlkem768_wycheproof.txt",
          ["ML-KEM-768 edge cases: encapsulation keys failing the modulus check",
           "(a coefficient >= q; must be refused) and the strcmp case (a shared key",
           "with a zero byte; seed = d || z): Project Wycheproof testvectors_v1,",
           "mlkem_768_encaps_test.json and mlkem_768_test.json."], recs)


def mldsa_acvp(acvp, out):
    kg = load(os.path.join(acvp, "ML-DSA-keyGen-FIPS204.json"))
    recs = []
    for g in groups(kg, "ML-DSA-65"):
        for t in g["tests"][:6]:
            recs.append([("tc", t["tcId"]), ("seed", t["seed"]), ("pk", t["pk"]), ("sk", t["sk"])])
    write(out, "mldsa65_acvp_keygen.txt",
          ["ML-DSA-65 key generation (FIPS 204 Algorithm 6) from a 32-byte seed:",
           "NIST ACVP-Server, ML-DSA-keyGen-FIPS204, internalProjection.json, tgId 2."], recs)
    sg = load(os.path.join(acvp, "ML-DSA-sigGen-FIPS204.json"))
    recs = []
    for g in groups(sg, "ML-DSA-65"):
        tests = sorted(g["tests"], key=lambda t: len(t["message"]))[:3]
        for t in tests:
            rec = [("tc", t["tcId"]), ("sk", t["sk"]), ("message", t["message"])]
            if not truthy(g["deterministic"]):
                rec.append(("rnd", t["rnd"]))
            rec.append(("signature", t["signature"]))
            recs.append(rec)
    write(out, "mldsa65_acvp_siggen.txt",
          ["ML-DSA-65 signing, Sign_internal (FIPS 204 Algorithm 7: the message is M'",
           "as given, no context prefix); deterministic (rnd = 0) without rnd,",
           "hedged with it: NIST ACVP-Server, ML-DSA-sigGen-FIPS204,",
           "internalProjection.json (the three shortest messages of each group)."], recs)
    sv = load(os.path.join(acvp, "ML-DSA-sigVer-FIPS204.json"))
    recs = []
    for g in groups(sv, "ML-DSA-65"):
        recs.append([("pk", g["pk"])])
        for t in g["tests"]:
            recs.append([("tc", t["tcId"]), ("message", t["message"]), ("signature", t["signature"]),
                         ("passed", 1 if truthy(t["testPassed"]) else 0), ("reason", t["reason"])])
    write(out, "mldsa65_acvp_sigver.txt",
          ["ML-DSA-65 verification, Verify_internal (Algorithm 8), valid and altered",
           "signatures: NIST ACVP-Server, ML-DSA-sigVer-FIPS204, internalProjection.json.",
           "A record with only pk sets the key for the records after it."], recs)


def mldsa_wycheproof(wp, out):
    sign = load(os.path.join(wp, "mldsa_65_sign_seed_test.json"))
    recs = []
    seen_comments = set()
    for g in sign["testGroups"]:
        if len(g["privateSeed"]) != 64:
            continue
        for t in g["tests"]:
            key = t.get("comment", "")
            if key in seen_comments or len(recs) >= 24:
                continue
            seen_comments.add(key)
            rec = [("tc", t["tcId"]), ("seed", g["privateSeed"]), ("msg", t["msg"])]
            if "ctx" in t:
                rec.append(("ctx", t["ctx"]))
            rec += [("sig", t.get("sig", "")), ("result", t["result"]), ("reason", t.get("comment", ""))]
            recs.append(rec)
    write(out, "mldsa65_wycheproof_sign.txt",
          ["ML-DSA-65 deterministic signing with context strings (ML-DSA.Sign,",
           "Algorithm 2, rnd = 0): empty, absent and non-empty contexts, a context",
           "over 255 bytes (refused), inputs needing many SHAKE blocks. Key from",
           "seed. Project Wycheproof testvectors_v1/mldsa_65_sign_seed_test.json",
           "(one case per distinct comment)."], recs)
    ver = load(os.path.join(wp, "mldsa_65_verify_test.json"))
    recs = []
    seen_comments = set()
    for g in ver["testGroups"]:
        if len(g["publicKey"]) != 3904:
            continue
        recs.append([("pk", g["publicKey"])])
        for t in g["tests"]:
            key = t.get("comment", "")
            kind = str(t["flags"]) + str("ctx" in t)
            special = any(w in key for w in ("hint", "context", "limit", "edge", "boundary", "trailing"))
            if (kind in seen_comments and not special) or len(recs) > 48:
                continue
            seen_comments.add(kind)
            rec = [("tc", t["tcId"]), ("msg", t["msg"])]
            if "ctx" in t:
                rec.append(("ctx", t["ctx"]))
            rec += [("sig", t["sig"]), ("result", t["result"]), ("reason", key)]
            recs.append(rec)
    recs = [r for i, r in enumerate(recs) if r[0][0] != "pk" or (i + 1 < len(recs) and recs[i + 1][0][0] != "pk")]
    write(out, "mldsa65_wycheproof_verify.txt",
          ["ML-DSA-65 verification (ML-DSA.Verify, Algorithm 3) with contexts:",
           "valid signatures, modified ones, bad hint encodings, norm violations,",
           "wrong lengths. Project Wycheproof testvectors_v1/mldsa_65_verify_test.json",
           "(keys of the right length; one case per set of flags, and every case about",
           "hints, contexts, limits and edges, up to 48). A record",
           "with only pk sets the key for the records after it."], recs)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    acvp, wp, out = sys.argv[1:]
    mlkem_acvp(acvp, out)
    mlkem_wycheproof(wp, out)
    mldsa_acvp(acvp, out)
    mldsa_wycheproof(wp, out)


if __name__ == "__main__":
    main()
