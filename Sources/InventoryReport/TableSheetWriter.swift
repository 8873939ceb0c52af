import InventoryDiff
import InventoryModel
import SnapshotStore
import XlsxWriter

/// One cell of a report table.
public enum ReportCell: Sendable, Hashable {
    case text(String)
    case number(Double)
    case integer(Int)
    /// A capture or install time as an Excel date-time (UTC); nil or unparsable text is written as text.
    case dateTime(String?)
    case blank
    /// A value that links to a cell of another sheet (shown as the value, styled as a link).
    indirect case link(ReportCell, CellLink)
}

/// Writes one logical table: header row bold, frozen and autofiltered; column widths from
/// content (East-Asian wide characters count double); rows beyond the per-sheet cap continue on
/// numbered continuation sheets with the header repeated. Rows must come in their final order
/// (constant-memory workbooks cannot go back).
/// Where a report table goes: an Excel sheet (with continuation sheets) or a CSV file.
protocol TableSink: AnyObject {
    /// Sheet (or file) names written, the first and any continuations.
    var sheetNames: [String] { get }
    /// Data rows per sheet, header excluded.
    var rowsPerSheet: [Int] { get }
    var text: ExcelText { get }
    func append(_ cells: [ReportCell], format: Format?) throws
    func finish() throws
}

extension TableSink {
    func append(_ cells: [ReportCell]) throws { try append(cells, format: nil) }
}

/// Writes one streamed table (a `TableLayout`) through the wrapper: header row bold, frozen (with
/// the layout's leading columns) and autofiltered over exactly the data rows; column widths from
/// content (East-Asian wide characters count double); every sheet set up for printing; date-times
/// shown in the report's time zone; rows beyond the per-sheet cap continue on numbered
/// continuation sheets with the header repeated. Rows must come in their final order
/// (constant-memory workbooks cannot go back).
final class TableSheetWriter: TableSink {
    private let workbook: Workbook
    private let styles: ReportStyles
    private let originalName: String
    private let layout: TableLayout
    private let zone: ReportTimeZone
    private let rowCap: Int
    private var namer: (String) -> String
    /// Names decided before writing (so other sheets could link here); used in order.
    private let plannedNames: [String]
    private var sheet: Worksheet?
    private var sheetIndex = 0
    private var nextRow = 0
    /// Rows appended so far, to look for SIGINT/SIGTERM every 1024 rows.
    private var appended = 0
    private var widths: [Int]
    /// Links written on the current sheet (Excel holds at most 65,530 a sheet).
    private var linksOnSheet = 0
    /// Links left out because a sheet was full of them.
    private(set) var linksLeftOut = 0
    /// Sheet names written, in order (the first, then continuations).
    private(set) var sheetNames: [String] = []
    private(set) var rowsWritten = 0
    /// Rows each sheet holds (header excluded).
    private(set) var rowsPerSheet: [Int] = []
    var text: ExcelText

    init(
        workbook: Workbook, styles: ReportStyles, originalName: String, layout: TableLayout, zone: ReportTimeZone,
        rowCap: Int, text: ExcelText, plannedNames: [String] = [], namer: @escaping (String) -> String
    ) {
        self.workbook = workbook
        self.styles = styles
        self.originalName = originalName
        self.layout = layout
        self.zone = zone
        self.rowCap = max(1, min(rowCap, XlsxLimits.maxRows - 1))
        self.text = text
        self.plannedNames = plannedNames
        self.namer = namer
        widths = layout.columns.map { DisplayWidth.of($0) + 3 }
    }

    /// The sheet being written (for charts placed on it), nil before the first row and after finish.
    var currentWorksheet: Worksheet? { sheet }

    /// The current sheet, opening the first (or the next continuation) as needed.
    private func currentSheet() throws -> Worksheet {
        if let sheet, nextRow <= rowCap { return sheet }
        try finishSheet()
        sheetIndex += 1
        let name =
            sheetIndex <= plannedNames.count
            ? plannedNames[sheetIndex - 1]
            : namer(sheetIndex == 1 ? originalName : "\(originalName) (\(sheetIndex))")
        let newSheet = try workbook.addWorksheet(name: name)
        sheetNames.append(name)
        rowsPerSheet.append(0)
        if let tabColor = layout.tabColor { try newSheet.setTabColor(tabColor) }
        for (column, title) in layout.columns.enumerated() {
            try newSheet.writeString(row: 0, column: column, text.cell(title), format: styles.header)
        }
        try newSheet.freezePanes(row: 1, column: min(layout.frozenColumns, max(layout.columns.count - 1, 0)))
        try WorkbookRenderer.apply(layout.page, to: newSheet)
        sheet = newSheet
        nextRow = 1
        linksOnSheet = 0
        return newSheet
    }

    /// Appends one row; `format` styles every text cell of it (e.g. a change colour).
    func append(_ cells: [ReportCell], format: Format? = nil) throws {
        appended += 1
        if appended & 1023 == 0 { try Cancellation.check() }
        let sheet = try currentSheet()
        // Wrapped texts need a taller row, set before its cells (constant-memory mode); Excel and
        // LibreOffice do not grow rows they did not lay out themselves.
        if !layout.wrapColumns.isEmpty {
            var lines = 1
            for column in layout.wrapColumns where column < cells.count {
                if case .text(let value) = cells[column], !value.isEmpty {
                    let parts = value.split(separator: "\n", omittingEmptySubsequences: false)
                    let needed = parts.reduce(0) {
                        $0 + max(1, (DisplayWidth.of(String($1)) + layout.wrapWidth - 2) / max(1, layout.wrapWidth - 1))
                    }
                    lines = max(lines, needed)
                }
            }
            if lines > 1 { try sheet.setRowHeight(nextRow, height: min(Double(lines) * 15, XlsxLimits.maxRowHeight)) }
        }
        for (column, cell) in cells.enumerated() {
            try write(cell, sheet: sheet, column: column, format: format)
        }
        nextRow += 1
        rowsWritten += 1
        rowsPerSheet[rowsPerSheet.count - 1] += 1
    }

    private func write(_ cell: ReportCell, sheet: Worksheet, column: Int, format: Format?) throws {
        switch cell {
        case .text(let value):
            let written = text.cell(value)
            if !written.isEmpty || format != nil {
                if written.isEmpty {
                    try sheet.writeBlank(row: nextRow, column: column, format: format ?? styles.plain)
                } else if layout.wrapColumns.contains(column), DisplayWidth.of(written) > layout.wrapWidth - 1 || written.contains("\n") {
                    try sheet.writeString(row: nextRow, column: column, written, format: styles.wrapped(format))
                } else {
                    try sheet.writeString(row: nextRow, column: column, written, format: format)
                }
            }
            if nextRow <= Self.widthSampleRows {
                widen(column, DisplayWidth.of(written.utf8.count > 200 ? String(written.prefix(200)) : written))
            }
        case .number(let value):
            try sheet.writeNumber(row: nextRow, column: column, value, format: format)
            widen(column, 10)
        case .integer(let value):
            try sheet.writeNumber(row: nextRow, column: column, Double(value), format: styles.integer(format))
            widen(column, String(value).count + 2)
        case .dateTime(let value):
            if let value, value.utf8.contains(UInt8(ascii: "-")), let time = Timestamp.parse(value),
                Self.excelCanShow(zone.wallClock(time))
            {
                try sheet.writeDateTime(row: nextRow, column: column, zone.wallClock(time).date, format: styles.dateTime(format))
                widen(column, 19)
            } else if let value, !value.isEmpty {
                let written = text.cell(value)
                try sheet.writeString(row: nextRow, column: column, written, format: format)
                widen(column, DisplayWidth.of(written))
            } else if let format {
                try sheet.writeBlank(row: nextRow, column: column, format: format)
            }
        case .blank:
            if let format { try sheet.writeBlank(row: nextRow, column: column, format: format) }
        case .link(let shown, let target):
            guard linksOnSheet < XlsxLimits.maxURLsPerSheet else {
                linksLeftOut += 1
                try write(shown, sheet: sheet, column: column, format: format)
                return
            }
            linksOnSheet += 1
            switch shown {
            case .integer(let value):
                try sheet.writeInternalLink(
                    row: nextRow, column: column, sheet: target.sheet, targetRow: target.row, targetColumn: target.column,
                    text: String(value), format: styles.linkInteger)
                try sheet.writeNumber(row: nextRow, column: column, Double(value), format: styles.linkInteger)
                widen(column, String(value).count + 2)
            default:
                var shownText = ""
                if case .text(let value) = shown { shownText = text.cell(value) }
                try sheet.writeInternalLink(
                    row: nextRow, column: column, sheet: target.sheet, targetRow: target.row, targetColumn: target.column,
                    text: shownText.isEmpty ? target.sheet : shownText, format: styles.link)
                widen(column, DisplayWidth.of(shownText))
            }
        }
    }

    /// Excel's date-times run from 1900-01-01 to 9999-12-31; other instants (Go's and Windows'
    /// zero times) are written as their text.
    static func excelCanShow(_ time: Timestamp) -> Bool {
        time.epochMilliseconds >= -2_208_988_800_000 && time.epochMilliseconds <= 253_402_300_799_000
    }

    /// Column widths come from the first rows of each sheet: enough to size columns, and measuring
    /// every cell of a million-row sheet would cost more than writing it.
    static let widthSampleRows = 2_000

    /// Widest column: longer texts are cut on screen and paper (the cell keeps them), so a sheet
    /// scaled to one page wide stays legible.
    static let maxColumnWidth = 50

    private func widen(_ column: Int, _ width: Int) {
        guard column < widths.count else { return }
        let limit = layout.wrapColumns.contains(column) ? layout.wrapWidth : Int.max
        widths[column] = max(widths[column], min(width + 1, limit))
    }

    private func finishSheet() throws {
        guard let sheet else { return }
        for (column, width) in widths.enumerated() {
            try sheet.setColumnWidth(column, column, width: Double(min(width, Self.maxColumnWidth)))
        }
        try sheet.autofilter(
            firstRow: 0, firstColumn: 0, lastRow: max(nextRow - 1, 0), lastColumn: max(layout.columns.count - 1, 0))
        self.sheet = nil
    }

    /// Closes the table: widths and autofilter of the last sheet. A table with no rows still gets
    /// its header sheet.
    func finish() throws {
        if sheetNames.isEmpty { _ = try currentSheet() }
        try finishSheet()
    }
}
