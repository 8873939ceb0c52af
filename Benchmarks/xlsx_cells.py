#!/usr/bin/env python3
"""Dump every cell of a workbook, so the export floor and peer of scripts/bench write exactly the
same cells as `inventory export` did (same sheets, rows, columns, texts and numbers).

    python3 Benchmarks/xlsx_cells.py WORKBOOK.xlsx CELLS.tsv

CELLS.tsv: a line "\\f<sheet name>" starts a sheet; then one line per row (the header row
included), cells separated by TAB, each cell empty, "s<text>" or "n<number>"; in the text,
backslash, TAB, LF and CR are written as \\\\, \\t, \\n, \\r. Prints sheets, rows and cells.
"""
import html
import re
import sys
import zipfile

ROW = re.compile(rb"<row [^>]*?(?:/>|>(.*?)</row>)", re.S)
CELL = re.compile(rb'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
TEXT = re.compile(rb"<t[^>]*>(.*?)</t>", re.S)
VALUE = re.compile(rb"<v>(.*?)</v>", re.S)
ESC = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def main():
    src, out = sys.argv[1], sys.argv[2]
    z = zipfile.ZipFile(src)
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = {}
    for rel in re.findall(r"<Relationship [^>]*>", rels):
        rid = re.search(r'Id="([^"]+)"', rel).group(1)
        targets[rid] = re.search(r'Target="([^"]+)"', rel).group(1)
    sheets = rows = cells = 0
    with open(out, "w", encoding="utf-8", newline="\n") as o:
        for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="([^"]+)"', wb):
            part = targets[rid].lstrip("/")
            part = part if part.startswith("xl/") else "xl/" + part
            o.write("\f" + html.unescape(name) + "\n")
            sheets += 1
            data = z.read(part)
            for r in ROW.finditer(data):
                body = r.group(1) or b""
                line = []
                for c in CELL.finditer(body):
                    col = col_index(c.group(1))
                    while len(line) < col:
                        line.append("")
                    inner = c.group(3) or b""
                    if b"<is>" in inner:
                        t = b"".join(TEXT.findall(inner)).decode()
                        if "&" in t:
                            t = html.unescape(t)
                        line.append("s" + t.translate(ESC))
                    elif b"<v>" in inner and b't="s"' not in c.group(2):
                        line.append("n" + VALUE.search(inner).group(1).decode())
                    else:
                        line.append("")
                        continue
                    cells += 1
                o.write("\t".join(line) + "\n")
                rows += 1
            del data
    print("%d sheets, %d rows, %d cells" % (sheets, rows, cells))


if __name__ == "__main__":
    main()
