/*
 * Export floor for scripts/bench: libxlsxwriter alone, in constant-memory mode, writing the
 * very cells `inventory export` wrote (dumped by Benchmarks/xlsx_cells.py).
 *
 *   cc -O2 -o xlsx-floor Benchmarks/xlsx-floor.c $(pkg-config --cflags --libs xlsxwriter)
 *   xlsx-floor CELLS.tsv OUT.xlsx
 *
 * CELLS.tsv: "\f<name>" starts a sheet; each following line is a row (the first one is the
 * header, written bold, frozen and autofiltered like the tool does); cells are TAB-separated,
 * empty, "s<text>" (\\ \t \n \r escaped) or "n<number>". Reading and unescaping the dump is
 * included in the time; it is a small part of it (measure with --read-only).
 * Prints the number of cells written.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xlsxwriter.h"

static void fail(const char *what, lxw_error err) {
    fprintf(stderr, "xlsx-floor: %s: %s\n", what, lxw_strerror(err));
    exit(2);
}

/* unescape in place; returns the end */
static char *unescape(char *s, char *end) {
    char *w = s;
    for (char *r = s; r < end; r++) {
        if (*r == '\\' && r + 1 < end) {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = 0;
    return w;
}

int main(int argc, char **argv) {
    int read_only = argc == 4 && strcmp(argv[3], "--read-only") == 0;
    if (argc != 3 && !read_only) {
        fprintf(stderr, "usage: xlsx-floor CELLS.tsv OUT.xlsx [--read-only]\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 2; }

    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = read_only ? NULL : workbook_new_opt(argv[2], &options);
    if (!wb && !read_only) { fprintf(stderr, "xlsx-floor: cannot create %s\n", argv[2]); return 2; }
    lxw_format *bold = NULL;
    if (wb) { bold = workbook_add_format(wb); format_set_bold(bold); }

    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    lxw_worksheet *ws = NULL;
    long row = -1;
    int maxcol = 0;
    unsigned long long cells = 0;

    while ((n = getline(&line, &cap, in)) > 0) {
        if (line[n - 1] == '\n') line[--n] = 0;
        if (line[0] == '\f') {
            if (ws && row > 0) worksheet_autofilter(ws, 0, 0, (lxw_row_t)row, (lxw_col_t)maxcol);
            if (wb) {
                ws = workbook_add_worksheet(wb, line + 1);
                if (!ws) { fprintf(stderr, "xlsx-floor: bad sheet name %s\n", line + 1); return 2; }
                worksheet_freeze_panes(ws, 1, 0);
            }
            row = -1;
            maxcol = 0;
            continue;
        }
        row++;
        int col = 0;
        char *p = line, *end = line + n;
        while (p <= end) {
            char *tab = memchr(p, '\t', (size_t)(end - p));
            char *cell_end = tab ? tab : end;
            if (cell_end > p) {
                lxw_error e = LXW_NO_ERROR;
                if (*p == 's') {
                    unescape(p + 1, cell_end);
                    if (ws) e = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, p + 1, row == 0 ? bold : NULL);
                } else if (*p == 'n') {
                    *cell_end = 0;
                    double v = strtod(p + 1, NULL);
                    if (ws) e = worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL);
                }
                if (e) fail("write", e);
                cells++;
                if (col > maxcol) maxcol = col;
            }
            col++;
            if (!tab) break;
            p = tab + 1;
        }
    }
    if (ws && row > 0) worksheet_autofilter(ws, 0, 0, (lxw_row_t)row, (lxw_col_t)maxcol);
    free(line);
    fclose(in);
    if (wb) {
        lxw_error e = workbook_close(wb);
        if (e) fail("close", e);
    }
    printf("%llu cells\n", cells);
    return 0;
}
