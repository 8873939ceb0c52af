#!/usr/bin/env python3
"""Ingest reference for scripts/bench: what `inventory ingest` does to a Config snapshot file,
written the obvious way in Python (standard library only).

    python3 Benchmarks/ingest_ref.py SNAPSHOT.json[.gz] STORE.sqlite

1. read the file and SHA-256 it (the tool records every source file's hash);
2. json.load the whole document (the C-accelerated parser; one tree in memory);
3. normalise: one resource row per configuration item (type, id, status, capture time and the
   canonical JSON of configuration, tags and relationships) and, for every
   AWS::SSM::ManagedInstanceInventory CI, one inventory row per Content entry (array values,
   e.g. several kernels, flattened) as (node, type, canonical attribute JSON);
   canonical JSON = sorted keys, no blanks, UTF-8;
4. insert both lists with sqlite3 executemany in one transaction into a fresh store.

Prints the counts and the time of each phase on stderr.
"""
import gzip
import hashlib
import json
import sqlite3
import sys
import time


def canon(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main():
    path, db = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        data = f.read()
    sha = hashlib.sha256(data).hexdigest()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    t1 = time.perf_counter()
    doc = json.loads(data)
    del data
    t2 = time.perf_counter()
    resources, rows = [], []
    for ci in doc["configurationItems"]:
        rtype, rid = ci["resourceType"], ci["resourceId"]
        conf = ci.get("configuration")
        resources.append((rtype, rid, ci.get("awsAccountId"), ci.get("awsRegion"),
                          ci.get("configurationItemStatus"), ci.get("configurationItemCaptureTime"),
                          canon(conf), canon(ci.get("tags") or {}), canon(ci.get("relationships") or [])))
        if rtype == "AWS::SSM::ManagedInstanceInventory" and isinstance(conf, dict):
            for type_name, body in conf.items():
                content = body.get("Content") if isinstance(body, dict) else None
                values = content.values() if isinstance(content, dict) else (content or [])
                for v in values:
                    for row in (v if isinstance(v, list) else [v]):
                        rows.append((rid, type_name, canon(row)))
    del doc
    t3 = time.perf_counter()
    con = sqlite3.connect(db)
    con.executescript("""
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS source(path TEXT, sha256 TEXT);
        CREATE TABLE IF NOT EXISTS resource(type TEXT, id TEXT, account TEXT, region TEXT, status TEXT,
            capture_time TEXT, configuration TEXT, tags TEXT, relationships TEXT);
        CREATE TABLE IF NOT EXISTS row(node TEXT, type TEXT, attributes TEXT);
    """)
    with con:
        con.execute("INSERT INTO source VALUES (?, ?)", (path, sha))
        con.executemany("INSERT INTO resource VALUES (?,?,?,?,?,?,?,?,?)", resources)
        con.executemany("INSERT INTO row VALUES (?,?,?)", rows)
    con.close()
    t4 = time.perf_counter()
    print("ingest_ref: %d resources, %d inventory rows; read+sha256 %.2f s, json.loads %.2f s, "
          "normalise %.2f s, insert %.2f s" % (len(resources), len(rows), t1 - t0, t2 - t1, t3 - t2, t4 - t3),
          file=sys.stderr)


if __name__ == "__main__":
    main()
