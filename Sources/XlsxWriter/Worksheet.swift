internal import CXlsxWriter
import Foundation

/// A worksheet of a ``Workbook``. Rows and columns are zero-based `Int`s.
///
/// Every method throws ``XlsxError`` instead of trapping: 23 for a row or column outside
/// `0..<XlsxLimits.maxRows` / `0..<XlsxLimits.maxColumns` (or, in constant-memory mode, a row
/// before one already written), 13 once the workbook is closed or for a format from another
/// workbook. Valid only until its workbook is closed.
public final class Worksheet {
    let workbook: Workbook
    let pointer: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet name.
    public let name: String
    /// Highest row written so far, used only to explain constant-memory ordering failures.
    private var highestRowWritten = -1

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.pointer = pointer
        self.name = name
    }

    // MARK: Cells

    /// Writes text as a string cell, always: `"=SUM(1,2)"` stays text, never a formula.
    ///
    /// Control characters are escaped by libxlsxwriter; `_xHHHH_` sequences are escaped by the
    /// wrapper (`_x005F_`), so Excel shows exactly `value`. An empty string writes nothing
    /// (a blank cell if `format` is given).
    /// - Throws: ``XlsxError`` 13 if `value` contains U+0000, U+FFFE or U+FFFF (sanitise first),
    ///   21 if longer than ``XlsxLimits/maxCellUTF16`` UTF-16 units (truncate first; each escaped
    ///   `_xHHHH_` adds 6 characters that libxlsxwriter also counts), 23 for a bad position.
    public func writeString(row: Int, column: Int, _ value: String, format: Format? = nil) throws(XlsxError) {
        let operation = { "write_string at row \(row), column \(column)" }
        let (r, c) = try cell(operation, row, column)
        let library = try libraryFormat(format, operation)
        try checkCellText(value, operation)
        let text = escapeXStringLookalikes(value)
        try finishWrite(text.withCString { worksheet_write_string(pointer, r, c, $0, library) }, operation, row)
    }

    /// Writes a number cell.
    /// - Throws: ``XlsxError`` 13 for NaN or infinity (Excel cannot store them), 23 for a bad position.
    public func writeNumber(row: Int, column: Int, _ value: Double, format: Format? = nil) throws(XlsxError) {
        let operation = { "write_number at row \(row), column \(column)" }
        let (r, c) = try cell(operation, row, column)
        let library = try libraryFormat(format, operation)
        guard value.isFinite else {
            throw failure(XlsxError.Code.parameterValidation, operation, "\(value) is not a finite number")
        }
        try finishWrite(worksheet_write_number(pointer, r, c, value, library), operation, row)
    }

    /// Writes a boolean cell (`TRUE`/`FALSE`).
    /// - Throws: ``XlsxError`` 23 for a bad position.
    public func writeBoolean(row: Int, column: Int, _ value: Bool, format: Format? = nil) throws(XlsxError) {
        let operation = { "write_boolean at row \(row), column \(column)" }
        let (r, c) = try cell(operation, row, column)
        let library = try libraryFormat(format, operation)
        try finishWrite(worksheet_write_boolean(pointer, r, c, value ? 1 : 0, library), operation, row)
    }

    /// Writes a date-time cell in UTC, to the whole second (fractions are dropped, rounding down).
    ///
    /// No local time zone is involved. Without `format`, ``FormatSpec/dateTime`` is used so the
    /// cell shows a date rather than a serial number.
    /// - Throws: ``XlsxError`` 13 for a date before 1900-01-01 or after 9999-12-31 (Excel's range),
    ///   23 for a bad position.
    public func writeDateTime(row: Int, column: Int, _ date: Date, format: Format? = nil) throws(XlsxError) {
        let operation = { "write_datetime at row \(row), column \(column)" }
        let (r, c) = try cell(operation, row, column)
        let dateFormat: Format
        if let format { dateFormat = format } else { dateFormat = try workbook.defaultDateFormat() }
        let library = try libraryFormat(dateFormat, operation)
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // 1900-01-01T00:00:00Z and 10000-01-01T00:00:00Z.
        guard seconds >= -2_208_988_800, seconds < 253_402_300_800 else {
            throw failure(XlsxError.Code.parameterValidation, operation, "\(date) is outside Excel's date range")
        }
        try finishWrite(worksheet_write_unixtime(pointer, r, c, Int64(seconds), library), operation, row)
    }

    /// Writes an http or https hyperlink, showing `text` (or the URL itself when `nil`).
    ///
    /// Without `format`, libxlsxwriter's default hyperlink style (blue, underlined) is used.
    /// - Throws: ``XlsxError`` 13 if the scheme is not http/https or the text has forbidden
    ///   characters, 24 if the URL exceeds ``XlsxLimits/maxURLLength`` UTF-8 bytes, 21 if `text`
    ///   is too long, 25 past ``XlsxLimits/maxURLsPerSheet`` links, 23 for a bad position.
    public func writeURL(
        row: Int, column: Int, _ url: String, text: String? = nil, format: Format? = nil
    ) throws(XlsxError) {
        let operation = { "write_url at row \(row), column \(column)" }
        let (r, c) = try cell(operation, row, column)
        let library = try libraryFormat(format, operation)
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw failure(XlsxError.Code.parameterValidation, operation, "only http and https URLs are written")
        }
        if let problem = textProblem(url, .name) {
            throw failure(XlsxError.Code.parameterValidation, operation, "URL \(problem)")
        }
        guard url.utf8.count <= XlsxLimits.maxURLLength else {
            throw failure(
                XlsxError.Code.maxURLLengthExceeded, operation,
                "\(url.utf8.count) bytes; at most \(XlsxLimits.maxURLLength)")
        }
        var shown: String?
        if let text {
            try checkCellText(text, operation)
            shown = escapeXStringLookalikes(text)
        }
        let result = url.withCString { url in
            withOptionalCString(shown) { shown in
                worksheet_write_url_opt(pointer, r, c, url, library, shown, nil)
            }
        }
        try finishWrite(result, operation, row)
    }

    /// Writes a link to a cell of a sheet of this workbook, showing `text` (the target when
    /// `nil`). To show a number instead, write the number to the same cell afterwards (the link
    /// stays; constant-memory mode allows it while the row is current).
    ///
    /// Without `format`, libxlsxwriter's default hyperlink style (blue, underlined) is used.
    /// - Throws: ``XlsxError`` 23 for a bad position or target cell, 13 for a bad sheet name or
    ///   text, 25 past ``XlsxLimits/maxURLsPerSheet`` links.
    public func writeInternalLink(
        row: Int, column: Int, sheet target: String, targetRow: Int, targetColumn: Int, text: String? = nil,
        format: Format? = nil
    ) throws(XlsxError) {
        let operation = { "write_url (internal) at row \(row), column \(column)" }
        let (r, c) = try cell(operation, row, column)
        let library = try libraryFormat(format, operation)
        guard targetRow >= 0, targetRow < XlsxLimits.maxRows, targetColumn >= 0, targetColumn < XlsxLimits.maxColumns
        else {
            throw failure(XlsxError.Code.indexOutOfRange, operation, "target cell \(targetRow),\(targetColumn) is outside the sheet")
        }
        if let problem = textProblem(target, .name) {
            throw failure(XlsxError.Code.parameterValidation, operation, "sheet name \(problem)")
        }
        let location =
            "internal:'\(target.replacingOccurrences(of: "'", with: "''"))'!"
            + cellName(row: targetRow, column: targetColumn)
        guard location.utf8.count <= XlsxLimits.maxURLLength else {
            throw failure(XlsxError.Code.maxURLLengthExceeded, operation, "link target is too long")
        }
        var shown: String?
        if let text {
            try checkCellText(text, operation)
            shown = escapeXStringLookalikes(text)
        }
        let result = location.withCString { url in
            withOptionalCString(shown) { shown in
                worksheet_write_url_opt(pointer, r, c, url, library, shown, nil)
            }
        }
        try finishWrite(result, operation, row)
    }

    /// Writes a formatted empty cell (an unformatted blank is nothing in Excel, so `format` is required).
    /// - Throws: ``XlsxError`` 23 for a bad position.
    public func writeBlank(row: Int, column: Int, format: Format) throws(XlsxError) {
        let operation = { "write_blank at row \(row), column \(column)" }
        let (r, c) = try cell(operation, row, column)
        let library = try libraryFormat(format, operation)
        try finishWrite(worksheet_write_blank(pointer, r, c, library), operation, row)
    }

    // MARK: Layout

    /// Sets the width of columns `first...last`, in Excel character units (0...255), and
    /// optionally a default format for their cells.
    /// - Throws: ``XlsxError`` 23 for bad columns or `first > last`, 13 for a bad width.
    public func setColumnWidth(_ first: Int, _ last: Int, width: Double, format: Format? = nil) throws(XlsxError) {
        let operation = { "set_column \(first)...\(last)" }
        let firstColumn = try column(operation, first)
        let lastColumn = try column(operation, last)
        guard first <= last else {
            throw failure(XlsxError.Code.indexOutOfRange, operation, "first column is after last column")
        }
        guard width.isFinite, width >= 0, width <= XlsxLimits.maxColumnWidth else {
            throw failure(XlsxError.Code.parameterValidation, operation, "width \(width) is not within 0...255")
        }
        let library = try libraryFormat(format, operation)
        try check(worksheet_set_column(pointer, firstColumn, lastColumn, width, library), operation(), sheet: name)
    }

    /// Sets the height of `row` in points (0...409) and optionally a default format for its cells.
    /// In constant-memory mode, call it before writing cells of that row.
    /// - Throws: ``XlsxError`` 23 for a bad or already flushed row, 13 for a bad height.
    public func setRowHeight(_ row: Int, height: Double, format: Format? = nil) throws(XlsxError) {
        let operation = { "set_row \(row)" }
        let r = try self.row(operation, row)
        guard height.isFinite, height >= 0, height <= XlsxLimits.maxRowHeight else {
            throw failure(XlsxError.Code.parameterValidation, operation, "height \(height) is not within 0...409")
        }
        let library = try libraryFormat(format, operation)
        try check(worksheet_set_row(pointer, r, height, library), operation(), sheet: name)
    }

    /// Freezes the rows above `row` and the columns left of `column` (`(1, 0)` freezes the header row).
    /// - Throws: ``XlsxError`` 23 for a bad position.
    public func freezePanes(row: Int, column: Int) throws(XlsxError) {
        let (r, c) = try cell({ "freeze_panes at row \(row), column \(column)" }, row, column)
        worksheet_freeze_panes(pointer, r, c)
    }

    /// Adds filter drop-downs to the header row of the given range (inclusive).
    /// - Throws: ``XlsxError`` 23 for a bad range.
    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws(XlsxError) {
        let operation = { "autofilter \(firstRow),\(firstColumn)...\(lastRow),\(lastColumn)" }
        let (r1, c1) = try cell(operation, firstRow, firstColumn)
        let (r2, c2) = try cell(operation, lastRow, lastColumn)
        guard firstRow <= lastRow, firstColumn <= lastColumn else {
            throw failure(XlsxError.Code.indexOutOfRange, operation, "first cell is after last cell")
        }
        try check(worksheet_autofilter(pointer, r1, c1, r2, c2), operation(), sheet: name)
    }

    /// Colours the sheet tab, `0xRRGGBB`.
    /// - Throws: ``XlsxError`` 13 for a value above `0xFFFFFF` or a closed workbook.
    public func setTabColor(_ rgb: UInt32) throws(XlsxError) {
        _ = try workbook.requireOpen("set_tab_color", sheet: name)
        guard rgb <= 0xFF_FFFF else {
            throw failure(
                XlsxError.Code.parameterValidation, { "set_tab_color" }, "0x\(String(rgb, radix: 16)) is not 0xRRGGBB")
        }
        worksheet_set_tab_color(pointer, libraryColor(rgb))
    }

    /// Prints the sheet in landscape orientation.
    /// - Throws: ``XlsxError`` 13 for a closed workbook.
    public func setLandscape() throws(XlsxError) {
        _ = try workbook.requireOpen("set_landscape", sheet: name)
        worksheet_set_landscape(pointer)
    }

    /// Scales printing to `width` pages wide and `height` pages tall; 0 leaves that direction free.
    /// - Throws: ``XlsxError`` 13 for negative or oversized counts or a closed workbook.
    public func fitToPages(width: Int, height: Int) throws(XlsxError) {
        _ = try workbook.requireOpen("fit_to_pages", sheet: name)
        guard let w = UInt16(exactly: width), let h = UInt16(exactly: height) else {
            throw failure(XlsxError.Code.parameterValidation, { "fit_to_pages" }, "page counts must be 0...65535")
        }
        worksheet_fit_to_pages(pointer, w, h)
    }

    /// Paper sizes for printing (Excel's `paperSize` codes).
    public enum Paper: Int, Sendable, Hashable, CaseIterable {
        /// US Letter, 8½ × 11 in.
        case letter = 1
        /// A4, 210 × 297 mm.
        case a4 = 9
    }

    /// Sets the paper the sheet prints on.
    /// - Throws: ``XlsxError`` 13 for a closed workbook.
    public func setPaper(_ paper: Paper) throws(XlsxError) {
        _ = try workbook.requireOpen("set_paper", sheet: name)
        worksheet_set_paper(pointer, UInt8(paper.rawValue))
    }

    /// Repeats rows `first...last` at the top of every printed page (Excel's print titles,
    /// the defined name `_xlnm.Print_Titles`).
    /// - Throws: ``XlsxError`` 23 for bad rows or `first > last`.
    public func repeatRows(first: Int, last: Int) throws(XlsxError) {
        let operation = { "repeat_rows \(first)...\(last)" }
        let r1 = try row(operation, first)
        let r2 = try row(operation, last)
        guard first <= last else {
            throw failure(XlsxError.Code.indexOutOfRange, operation, "first row is after last row")
        }
        try check(worksheet_repeat_rows(pointer, r1, r2), operation(), sheet: name)
    }

    /// Sets the printed page header, in Excel's header syntax (`&L`, `&C`, `&R` sections; `&P`
    /// page number, `&N` page count, `&A` sheet name; a literal `&` is `&&`).
    /// - Throws: ``XlsxError`` 13 for forbidden characters, 18 for more than 255 characters.
    public func setHeader(_ text: String) throws(XlsxError) {
        try checkHeaderFooter(text, "set_header")
        try check(worksheet_set_header(pointer, text), "set_header", sheet: name)
    }

    /// Sets the printed page footer; same syntax and limits as ``setHeader(_:)``.
    /// - Throws: ``XlsxError`` 13 for forbidden characters, 18 for more than 255 characters.
    public func setFooter(_ text: String) throws(XlsxError) {
        try checkHeaderFooter(text, "set_footer")
        try check(worksheet_set_footer(pointer, text), "set_footer", sheet: name)
    }

    /// Sets the printed page margins in inches (Excel's defaults: 0.7, 0.7, 0.75, 0.75).
    /// - Throws: ``XlsxError`` 13 for a negative or non-finite margin or a closed workbook.
    public func setMargins(left: Double, right: Double, top: Double, bottom: Double) throws(XlsxError) {
        _ = try workbook.requireOpen("set_margins", sheet: name)
        for margin in [left, right, top, bottom] where !margin.isFinite || margin < 0 || margin > 10 {
            throw failure(XlsxError.Code.parameterValidation, { "set_margins" }, "margins must be within 0...10 inches")
        }
        worksheet_set_margins(pointer, left, right, top, bottom)
    }

    /// Hides the sheet (e.g. helper data for charts). The first sheet cannot be hidden unless
    /// another sheet is activated.
    /// - Throws: ``XlsxError`` 13 for a closed workbook.
    public func hide() throws(XlsxError) {
        _ = try workbook.requireOpen("hide", sheet: name)
        worksheet_hide(pointer)
    }

    private func checkHeaderFooter(_ text: String, _ operation: String) throws(XlsxError) {
        _ = try workbook.requireOpen(operation, sheet: name)
        if let problem = textProblem(text, .markup) {
            throw failure(XlsxError.Code.parameterValidation, { operation }, "text \(problem)")
        }
        // libxlsxwriter counts UTF-8 characters against LXW_HEADER_FOOTER_MAX.
        if text.unicodeScalars.count > XlsxLimits.maxHeaderFooterLength {
            throw failure(
                XlsxError.Code.stringLengthExceeded255, { operation },
                "\(text.unicodeScalars.count) characters; at most \(XlsxLimits.maxHeaderFooterLength)")
        }
    }

    /// Places `chart` with its top-left corner in the given cell, scaled from its default 480×288 pixels.
    /// A chart can be inserted once and needs at least one series.
    /// - Throws: ``XlsxError`` 13 for a chart from another workbook, a bad scale, a chart without
    ///   series or inserted twice; 23 for a bad position.
    public func insertChart(
        row: Int, column: Int, _ chart: Chart, xScale: Double = 1, yScale: Double = 1
    ) throws(XlsxError) {
        let operation = { "insert_chart at row \(row), column \(column)" }
        let (r, c) = try cell(operation, row, column)
        guard chart.workbook === workbook else {
            throw failure(XlsxError.Code.parameterValidation, operation, "the chart belongs to another workbook")
        }
        guard xScale.isFinite, yScale.isFinite, xScale > 0, yScale > 0 else {
            throw failure(XlsxError.Code.parameterValidation, operation, "scales must be positive")
        }
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try check(worksheet_insert_chart_opt(pointer, r, c, chart.pointer, &options), operation(), sheet: name)
    }

    /// Makes this the sheet shown when the file is opened.
    /// - Throws: ``XlsxError`` 13 if the workbook is closed.
    public func activate() throws(XlsxError) {
        _ = try workbook.requireOpen("activate", sheet: name)
        worksheet_activate(pointer)
    }

    /// Makes this the first visible tab when there are more tabs than fit (use with ``activate()``).
    /// - Throws: ``XlsxError`` 13 if the workbook is closed.
    public func setFirstSheet() throws(XlsxError) {
        _ = try workbook.requireOpen("set_first_sheet", sheet: name)
        worksheet_set_first_sheet(pointer)
    }

    // MARK: Helpers

    /// `A1`-style name of a zero-based cell.
    func cellName(row: Int, column: Int) -> String {
        var letters = ""
        var value = column + 1
        while value > 0 {
            let remainder = (value - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            value = (value - 1) / 26
        }
        return letters + String(row + 1)
    }

    private func failure(_ code: Int, _ operation: () -> String, _ detail: String) -> XlsxError {
        XlsxError(code: code, operation: operation(), sheet: name, detail: detail)
    }

    private func row(_ operation: () -> String, _ row: Int) throws(XlsxError) -> lxw_row_t {
        _ = try workbook.requireOpen(operation(), sheet: name)
        guard row >= 0, row < XlsxLimits.maxRows, let converted = lxw_row_t(exactly: row) else {
            throw failure(XlsxError.Code.indexOutOfRange, operation, "row \(row) is outside 0..<\(XlsxLimits.maxRows)")
        }
        return converted
    }

    private func column(_ operation: () -> String, _ column: Int) throws(XlsxError) -> lxw_col_t {
        _ = try workbook.requireOpen(operation(), sheet: name)
        guard column >= 0, column < XlsxLimits.maxColumns, let converted = lxw_col_t(exactly: column) else {
            throw failure(
                XlsxError.Code.indexOutOfRange, operation, "column \(column) is outside 0..<\(XlsxLimits.maxColumns)")
        }
        return converted
    }

    private func cell(_ operation: () -> String, _ row: Int, _ column: Int) throws(XlsxError) -> (lxw_row_t, lxw_col_t) {
        (try self.row(operation, row), try self.column(operation, column))
    }

    private func libraryFormat(
        _ format: Format?, _ operation: () -> String
    ) throws(XlsxError) -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        guard format.workbook === workbook else {
            throw failure(XlsxError.Code.parameterValidation, operation, "the format belongs to another workbook")
        }
        return format.pointer
    }

    private func checkCellText(_ value: String, _ operation: () -> String) throws(XlsxError) {
        if let problem = textProblem(value, .cell) {
            throw failure(XlsxError.Code.parameterValidation, operation, "text \(problem)")
        }
        if utf16LengthExceeds(value, XlsxLimits.maxCellUTF16) {
            throw failure(
                XlsxError.Code.maxStringLengthExceeded, operation,
                "\(value.utf16.count) UTF-16 units; at most \(XlsxLimits.maxCellUTF16)")
        }
    }

    /// Checks a cell write and, when constant-memory mode rejects an earlier row, says so: the
    /// library's own message ("index out of range") does not.
    private func finishWrite(_ result: lxw_error, _ operation: () -> String, _ row: Int) throws(XlsxError) {
        if result == LXW_NO_ERROR {
            highestRowWritten = max(highestRowWritten, row)
            return
        }
        var detail: String?
        if Int(result.rawValue) == XlsxError.Code.indexOutOfRange, workbook.options.constantMemory,
            row < highestRowWritten
        {
            detail = "constant-memory mode writes rows in ascending order; row \(highestRowWritten) was already written"
        }
        try check(result, operation(), sheet: name, detail: detail)
    }
}
