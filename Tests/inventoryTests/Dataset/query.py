"""Reads an `inventory export --format dataset` folder with DuckDB (Hive partitioning) and prints
counts and keys as JSON, so the Swift test can compare them with the store and with `diff`."""
import json
import sys

import duckdb

root = sys.argv[1]
con = duckdb.connect()


def scan(table):
    return (
        f"read_json_auto('{root}/{table}/**/*.json.gz', hive_partitioning=true, "
        "format='newline_delimited', union_by_name=true)"
    )


out = {"rows": {}, "per_snapshot": {}}
for table in ["nodes", "inventory", "resources", "changes"]:
    out["rows"][table] = con.execute(f"select count(*) from {scan(table)}").fetchone()[0]
    out["per_snapshot"][table] = {
        str(snapshot): count
        for snapshot, count in con.execute(f"select snapshot_id, count(*) from {scan(table)} group by all").fetchall()
    }
out["partitions"] = sorted(
    f"{date}/{account}/{region}"
    for date, account, region in con.execute(
        f"select distinct snapshot_date, account, region from {scan('inventory')}"
    ).fetchall()
)
out["changes"] = sorted(
    f"{kind}|{resource}|{type_name}|{key}"
    for kind, resource, type_name, key in con.execute(
        f"select change, resourceId, typeName, coalesce(key, '') from {scan('changes')} where snapshot_id = 2"
    ).fetchall()
)
out["openssl_like"] = con.execute(
    f"select count(*) from {scan('inventory')} where type_name = 'AWS:Application' and attributes.Name is not null"
).fetchone()[0]
print(json.dumps(out))
