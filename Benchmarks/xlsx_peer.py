#!/usr/bin/env python3
"""Export peer for scripts/bench: Python XlsxWriter in constant_memory mode writing the very cells
`inventory export` wrote (dumped by Benchmarks/xlsx_cells.py; format in xlsx-floor.c).

    python3 Benchmarks/xlsx_peer.py CELLS.tsv OUT.xlsx      (needs `pip install XlsxWriter`)
"""
import sys

import xlsxwriter

UNESC = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def unescape(s):
    if "\\" not in s:
        return s
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            i += 1
            out.append(UNESC.get(s[i], s[i]))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def main():
    wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True, "strings_to_numbers": False,
                                          "strings_to_formulas": False, "strings_to_urls": False})
    bold = wb.add_format({"bold": True})
    ws, row, maxcol, cells = None, -1, 0, 0

    def finish():
        if ws is not None and row > 0:
            ws.autofilter(0, 0, row, maxcol)

    with open(sys.argv[1], encoding="utf-8", newline="\n") as f:
        for line in f:
            line = line[:-1] if line.endswith("\n") else line
            if line.startswith("\f"):
                finish()
                ws = wb.add_worksheet(line[1:])
                ws.freeze_panes(1, 0)
                row, maxcol = -1, 0
                continue
            row += 1
            fmt = bold if row == 0 else None
            for col, cell in enumerate(line.split("\t")):
                if not cell:
                    continue
                if cell[0] == "s":
                    ws.write_string(row, col, unescape(cell[1:]), fmt)
                else:
                    ws.write_number(row, col, float(cell[1:]), fmt)
                cells += 1
                if col > maxcol:
                    maxcol = col
    finish()
    wb.close()
    print("%d cells" % cells)


if __name__ == "__main__":
    main()
