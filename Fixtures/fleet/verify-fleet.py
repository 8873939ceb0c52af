#!/usr/bin/env python3
"""Independent cross-check of the fleet fixture (standard library only).

Reads t1/ and t2/ the way the Swift tool is meant to (it does NOT import make-fleet.py),
rebuilds the per-snapshot state, diffs it with the rules of DESIGN.md and compares the result
with expected-changes.json and expected-counts.json. Exit 0 when everything agrees.

    python3 Fixtures/fleet/verify-fleet.py
"""

import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
META = {"resourceid", "capturetime", "schemaversion"}
NOISE_CI = {"configurationItemCaptureTime", "configurationStateId", "configurationItemMD5Hash",
            "configurationStateMd5Hash", "relatedEvents"}


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def seg(path, name):
    m = re.search(r"(?:^|/)%s=([^/]+)" % name, path)
    return m.group(1) if m else None


def type_from_folder(folder):
    folder = folder.replace("%3A", ":").replace("%3a", ":")
    return re.sub(r"^(AWS|Custom)[_\-:]", r"\1:", folder)


def flatten(content):
    """MII Content: array, or map whose values are a row or an array of rows."""
    if isinstance(content, list):
        return list(content)
    out = []
    for v in content.values():
        out.extend(v if isinstance(v, list) else [v])
    return out


def ingest(root):
    inv = {}       # (acct, region, node, type) -> [row]
    cis = {}       # (acct, region, rtype, rid) -> ci (normalised, latest)
    ci_count = 0

    def put(acct, region, node, tname, rows):
        key = (acct, region, node, tname)
        assert key not in inv, "double source for %r" % (key,)
        inv[key] = rows

    def put_ci(ci):
        nonlocal ci_count
        ci_count += 1
        acct = ci.get("awsAccountId") or ci.get("accountId")
        cfg = ci.get("configuration")
        if isinstance(cfg, str):
            cfg = json.loads(cfg)
        ct = ci["configurationItemCaptureTime"]
        if isinstance(ct, (int, float)):
            ct_key = float(ct)
        else:
            from datetime import datetime
            ct_key = datetime.strptime(ct, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()
        rels = sorted((r["resourceType"], r["resourceId"],
                       (r.get("name") or r.get("relationshipName") or "").strip())
                      for r in ci.get("relationships", []))
        norm = {"status": ci["configurationItemStatus"], "configuration": cfg,
                "tags": ci.get("tags") or {}, "relationships": rels, "t": ct_key}
        key = (acct, ci["awsRegion"], ci["resourceType"], ci["resourceId"])
        if key not in cis or cis[key]["t"] < ct_key:
            cis[key] = norm

    for dirpath, _, files in os.walk(root):
        for fn in sorted(files):
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            text = load(path)
            acct, region = seg(rel, "accountid"), seg(rel, "region")
            if rel.startswith("datasync/"):
                tname = type_from_folder(rel.split("/")[1])
                rows = [json.loads(line) for line in text.splitlines() if line.strip()]
                node = None
                clean = []
                for r in rows:
                    node = r.get("resourceId") or r.get("InstanceId") or fn[:-5]
                    clean.append({k: v for k, v in r.items() if k.lower() not in META})
                put(acct, region, node or fn[:-5], tname, clean)
                continue
            doc = json.loads(text)
            if "Entries" in doc:
                key = (acct, region, doc["InstanceId"], doc["TypeName"])
                inv.setdefault(key, []).extend(doc["Entries"])  # pages of one capture
            elif "Entities" in doc:
                for e in doc["Entities"]:
                    for tname, item in e["Data"].items():
                        put(acct, region, e["Id"], tname, list(item["Content"]))
            elif "configurationItems" in doc:
                for ci in doc["configurationItems"]:
                    put_ci(ci)
                    if ci["resourceType"] == "AWS::SSM::ManagedInstanceInventory" and \
                            ci.get("configuration"):
                        for tname, item in ci["configuration"].items():
                            put(ci["awsAccountId"], ci["awsRegion"], ci["resourceId"], tname,
                                flatten(item["Content"]))
            else:
                raise SystemExit("unrecognised file " + rel)
    return inv, cis, ci_count


def canon(row):
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def identity(tname, row, multi):
    lo = {k.lower(): v for k, v in row.items()}
    if tname == "AWS:Application":
        k = (lo.get("name"), lo.get("architecture"), lo.get("publisher"))
        if lo.get("name") in multi:
            k += (lo.get("version"), lo.get("release"))
        return k
    if tname == "AWS:WindowsUpdate":
        return (lo.get("hotfixid"),)
    if tname == "AWS:Network":
        return (lo.get("name"), lo.get("macaddress"))
    if tname == "AWS:InstanceInformation":
        return (lo.get("instanceid"),)
    return (lo.get("name"), lo.get("version"), lo.get("architecture"))


def diff(a_inv, b_inv, a_ci, b_ci):
    out = []
    for key in sorted(set(a_inv) | set(b_inv)):
        acct, region, node, tname = key
        if key not in b_inv:
            out.append(("notCaptured", acct, region, node, tname, None))
            continue
        a, b = list(a_inv.get(key, [])), list(b_inv[key])
        # identical rows first (multiset)
        rest_b = []
        pool = [canon(r) for r in a]
        for r in b:
            c = canon(r)
            if c in pool:
                pool.remove(c)
            else:
                rest_b.append(r)
        rest_a = [json.loads(c) for c in pool]
        names = {}
        for r in a + b:
            pass
        for side in (a, b):
            seen = {}
            for r in side:
                seen[r.get("Name")] = seen.get(r.get("Name"), 0) + 1
            for n, c in seen.items():
                if c > 1:
                    names[n] = True
        ida = {}
        for r in rest_a:
            ida.setdefault(identity(tname, r, names), []).append(r)
        for r in rest_b:
            k = identity(tname, r, names)
            if ida.get(k):
                old = ida[k].pop(0)
                fields = sorted(f for f in set(old) | set(r) if old.get(f) != r.get(f))
                kind = "statusChanged" if fields == ["InstanceStatus"] else "changed"
                out.append((kind, acct, region, node, tname, k, fields))
            else:
                out.append(("added", acct, region, node, tname, k))
        for k, rows in ida.items():
            for r in rows:
                out.append(("removed", acct, region, node, tname, k))
    for key in sorted(set(a_ci) | set(b_ci)):
        acct, region, rtype, rid = key
        if rtype == "AWS::SSM::ManagedInstanceInventory":
            continue  # compared row by row above
        if key not in a_ci:
            out.append(("added", acct, region, rid, rtype, rid))
        elif key not in b_ci:
            out.append(("notCaptured", acct, region, rid, rtype, rid))
        else:
            x, y = a_ci[key], b_ci[key]
            if x["status"] != y["status"]:
                out.append(("statusChanged", acct, region, rid, rtype, rid))
            elif any(x[f] != y[f] for f in ("configuration", "tags", "relationships")):
                out.append(("changed", acct, region, rid, rtype, rid))
    return out


def main():
    exp = json.load(open(os.path.join(HERE, "expected-changes.json"), encoding="utf-8"))
    counts = json.load(open(os.path.join(HERE, "expected-counts.json"), encoding="utf-8"))
    states = {}
    ok = True
    for point in ("t1", "t2"):
        inv, cis, n_items = ingest(os.path.join(HERE, point))
        states[point] = (inv, cis)
        want = counts[point]
        nodes = {k[2] for k in inv}
        rows = {}
        for (_, _, _, t), r in inv.items():
            rows[t] = rows.get(t, 0) + len(r)
        per_type = {}
        for k in cis:
            per_type[k[2]] = per_type.get(k[2], 0) + 1
        got = {"nodes": len(nodes), "inventoryRows": dict(sorted(rows.items())),
               "configResources": per_type, "configItemsInFiles": n_items}
        for f, v in got.items():
            if want[f] != v:
                ok = False
                print("%s %s: expected %r, got %r" % (point, f, want[f], v))
    got = diff(states["t1"][0], states["t2"][0], states["t1"][1], states["t2"][1])
    got_set = sorted((g[0], g[3], g[4]) for g in got)
    want_set = sorted((c["change"], c["resourceId"], c["typeName"]) for c in exp["changes"])
    if got_set != want_set:
        ok = False
        print("changes differ:\n  expected only: %s\n  computed only: %s" % (
            [w for w in want_set if w not in got_set], [g for g in got_set if g not in want_set]))
    # field names of changed inventory rows
    for g in got:
        if g[0] in ("changed", "statusChanged") and len(g) == 7:
            e = [c for c in exp["changes"] if c["resourceId"] == g[3] and c["typeName"] == g[4]
                 and c["change"] == g[0]]
            names = sorted(f["name"] for f in e[0]["fields"]) if e else None
            if names != g[6]:
                ok = False
                print("fields differ for %s %s: expected %s, got %s" % (g[3], g[4], names, g[6]))
    print("fleet fixture OK: %d expected changes reproduced" % len(want_set) if ok else "MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
