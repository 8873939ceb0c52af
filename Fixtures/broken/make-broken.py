#!/usr/bin/env python3
"""Write the small bad inputs in Fixtures/broken/ (deterministic, standard library only).

Each file is described, with the error the tool must report, in README.md beside this script.
The positions quoted there (line, column, byte offset) are computed and asserted here.
"""

import gzip
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
NODE = "i-0a3f9c27e81b4d5c6"


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def pos(data, offset):
    """1-based (line, column) of byte offset in data; column counts bytes."""
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def main():
    # 1. truncated get-inventory (cut inside a string value, as an interrupted redirect leaves it)
    full = json.dumps({"Entities": [{"Id": NODE, "Data": {"AWS:InstanceInformation": {
        "TypeName": "AWS:InstanceInformation", "SchemaVersion": "1.0",
        "CaptureTime": "2026-11-01T02:41:17Z",
        "Content": [{"AgentType": "amazon-ssm-agent", "AgentVersion": "3.3.987.0",
                     "ComputerName": "ip-10-20-1-37.ec2.internal", "InstanceId": NODE,
                     "IpAddress": "10.20.1.37", "PlatformName": "Amazon Linux",
                     "PlatformType": "Linux", "PlatformVersion": "2023",
                     "ResourceType": "EC2Instance", "InstanceStatus": "Active"}]}}}]},
        indent=4).encode()
    cut = full.index(b'"PlatformName": "Amazon') + len(b'"PlatformName": "Amazon')
    data = full[:cut]
    write("truncated.get-inventory.json", data)
    print("truncated: %d bytes, ends at line %d col %d" % ((len(data),) + pos(data, len(data))))

    # 2. raw line feed inside a JSON string (a hand-edited list-inventory-entries)
    doc = ('{\n'
           '    "TypeName": "AWS:Application",\n'
           '    "InstanceId": "i-0c71e5a9d3b28f4e7",\n'
           '    "SchemaVersion": "1.1",\n'
           '    "CaptureTime": "2026-11-01T02:55:10Z",\n'
           '    "Entries": [\n'
           '        {\n'
           '            "Architecture": "x86_64",\n'
           '            "Name": "Contoso Backup Agent\n(x64)",\n'
           '            "Publisher": "Contoso Ltd.",\n'
           '            "Version": "7.2.1.0"\n'
           '        }\n'
           '    ]\n'
           '}\n').encode()
    lf = doc.index(b"Agent\n(x64)") + len(b"Agent")
    write("raw-newline.list-inventory-entries.json", doc)
    assert pos(doc, lf) == (9, 42), pos(doc, lf)
    try:
        json.loads(doc)
        raise AssertionError("should not parse")
    except json.JSONDecodeError as e:
        assert (e.lineno, e.colno, e.pos) == (9, 42, lf), (e.lineno, e.colno, e.pos)
    print("raw newline at byte %d = line 9 col 42" % lf)

    # 3. invalid UTF-8: resource-data-sync JSON Lines, line 2 has a Latin-1 0xFC ("ü")
    line1 = json.dumps({"Name": "bash", "Version": "5.2.15", "Release": "1.amzn2023.0.2",
                        "Architecture": "x86_64", "Publisher": "Amazon Linux",
                        "resourceId": NODE, "captureTime": "2026-11-01T02:41:17Z",
                        "schemaVersion": "1.1"}, separators=(",", ":")).encode()
    line2 = ('{"Name":"kundendienst-tools","Version":"2.4","Release":"1","Architecture":"noarch",'
             '"Publisher":"M\x00ller GmbH","resourceId":"%s","captureTime":"2026-11-01T02:41:17Z",'
             '"schemaVersion":"1.1"}' % NODE).encode().replace(b"\x00", b"\xfc")
    line3 = json.dumps({"Name": "zlib", "Version": "1.2.11", "Release": "33.amzn2023.0.5",
                        "Architecture": "x86_64", "Publisher": "Amazon Linux",
                        "resourceId": NODE, "captureTime": "2026-11-01T02:41:17Z",
                        "schemaVersion": "1.1"}, separators=(",", ":")).encode()
    data = line1 + b"\n" + line2 + b"\n" + line3 + b"\n"
    bad = data.index(b"\xfc")
    write("invalid-utf8.datasync.jsonl", data)
    assert pos(data, bad) == (2, 98), pos(data, bad)
    print("invalid utf-8 byte 0x%02X at byte %d = line 2 col 98" % (data[bad], bad))

    # 4. valid JSON, unrecognised format
    write("numbers-array.json", b"[1, 2, 3]\n")

    # 5. empty file
    write("empty.json", b"")

    # 6. get-inventory whose Entities is a string
    write("get-inventory-entities-string.json", (json.dumps(
        {"Entities": NODE}, indent=4) + "\n").encode())

    # 7. Config snapshot whose configurationItems elements are numbers
    write("config-items-numbers.json", (json.dumps(
        {"fileVersion": "1.0", "configSnapshotId": "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f",
         "configurationItems": [1, 2, 3]}, indent=2) + "\n").encode())

    # 8. gzip: valid 10-byte header, then a corrupted deflate stream
    good = gzip.compress(b'{"fileVersion":"1.0","configurationItems":[]}\n' * 20, mtime=0)
    corrupt = good[:10] + bytes((b ^ 0x5A) for b in good[10:30]) + good[30:]
    write("corrupt-after-header.json.gz", corrupt)
    try:
        gzip.decompress(corrupt)
        raise AssertionError("should not decompress")
    except (OSError, EOFError, gzip.BadGzipFile, Exception) as e:  # zlib.error
        print("corrupt gz: %s: %s" % (type(e).__name__, e))


if __name__ == "__main__":
    main()
