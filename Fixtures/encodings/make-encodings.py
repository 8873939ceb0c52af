#!/usr/bin/env python3
"""Write the GOOD non-UTF-8-plain captures in Fixtures/encodings/ (deterministic, stdlib only).

Both files are valid `aws ssm list-inventory-entries` output saved the way Windows shells save it:
  * UTF-16LE with BOM and CRLF line ends (Windows PowerShell 5.1 `>` / Out-File default);
  * UTF-8 with BOM and CRLF line ends (PowerShell `Out-File -Encoding utf8`, Notepad "UTF-8 with BOM").
They must ingest exactly like plain UTF-8. See README.md for the expected rows.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def doc(instance_id, capture, entries):
    return {"TypeName": "AWS:Application", "InstanceId": instance_id, "SchemaVersion": "1.1",
            "CaptureTime": capture, "Entries": entries}


def app(name, version, publisher, arch, package_id, installed=None):
    row = {"Architecture": arch}
    if installed:
        row["InstalledTime"] = installed
    row.update({"Name": name, "PackageId": package_id, "Publisher": publisher,
                "Version": version})
    return row


UTF16 = doc("i-0b5e8c2d4f6a1e397", "2026-11-01T02:58:31Z", [
    app("秀丸エディタ", "9.35", "サイトー企画", "x86_64", "Hidemaru", "2026-03-20T00:00:00Z"),
    app("サクラエディタ", "2.4.2.6048", "サクラエディタ開発チーム", "i386", "sakura editor_is1",
        "2026-03-21T00:00:00Z"),
    app("Amazon SSM Agent", "3.3.1142.0", "Amazon Web Services", "i386",
        "{3e8a92c1-6b7d-4f0e-a915-2c4d8b7e6f10}"),
    app("Amazon SSM Agent", "3.3.1142.0", "Amazon Web Services", "x86_64",
        "{b9d04f7a-1e2c-4a63-8d5b-7f0c9e1a2b34}", "2026-09-18T00:00:00Z"),
    app("Microsoft Office Professional Plus 2019 - ja-jp", "16.0.10417.20083",
        "Microsoft Corporation", "x86_64", "ProPlus2019Volume - ja-jp", "2026-03-20T00:00:00Z"),
])

UTF8BOM = doc("i-07c3a1e9d5b2f8046", "2026-11-01T03:01:12Z", [
    app("Notepad++ (64-bit x64)", "8.6.9", "Notepad++ Team", "x86_64", "Notepad++",
        "2026-04-11T00:00:00Z"),
    app("WinMerge 2.16.44.0 日本語版", "2.16.44.0", "Thingamahoochie Software", "x86_64",
        "WinMerge_is1", "2026-04-11T00:00:00Z"),
    app("Amazon SSM Agent", "3.3.1142.0", "Amazon Web Services", "i386",
        "{3e8a92c1-6b7d-4f0e-a915-2c4d8b7e6f10}"),
    app("Müller Zeiterfassung", "4.1", "Müller & Söhne GmbH", "i386", "{0C8F6D2A-4B1E-4F3D-9A7C-5E2B1D0F8A63}",
        "2026-05-02T00:00:00Z"),
])


def text(d):
    return json.dumps(d, ensure_ascii=False, indent=4).replace("\n", "\r\n") + "\r\n"


def main():
    with open(os.path.join(HERE, "list-inventory-entries_utf16le-bom.json"), "wb") as f:
        f.write(b"\xff\xfe" + text(UTF16).encode("utf-16-le"))
    with open(os.path.join(HERE, "list-inventory-entries_utf8-bom.json"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + text(UTF8BOM).encode("utf-8"))
    # self-check: both decode back to the documents
    for name, d, enc in (("list-inventory-entries_utf16le-bom.json", UTF16, "utf-16"),
                         ("list-inventory-entries_utf8-bom.json", UTF8BOM, "utf-8-sig")):
        with open(os.path.join(HERE, name), "rb") as f:
            assert json.loads(f.read().decode(enc)) == d, name


if __name__ == "__main__":
    main()
