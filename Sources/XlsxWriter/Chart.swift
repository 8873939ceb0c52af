internal import CXlsxWriter

/// Kinds of chart the wrapper offers.
public enum ChartType: Sendable, Hashable, CaseIterable {
    /// Horizontal bars.
    case bar
    /// Vertical bars.
    case column
    /// Lines.
    case line
    /// Pie.
    case pie
    /// Pie with a hole.
    case doughnut

    var libraryValue: UInt8 {
        switch self {
        case .bar: UInt8(LXW_CHART_BAR.rawValue)
        case .column: UInt8(LXW_CHART_COLUMN.rawValue)
        case .line: UInt8(LXW_CHART_LINE.rawValue)
        case .pie: UInt8(LXW_CHART_PIE.rawValue)
        case .doughnut: UInt8(LXW_CHART_DOUGHNUT.rawValue)
        }
    }
}

/// An inclusive block of cells on a worksheet of the same workbook, zero-based.
public struct ChartRange {
    /// The worksheet holding the data.
    public var sheet: Worksheet
    /// First row.
    public var firstRow: Int
    /// First column.
    public var firstColumn: Int
    /// Last row (inclusive).
    public var lastRow: Int
    /// Last column (inclusive).
    public var lastColumn: Int

    /// Creates a range; it is validated when used.
    public init(sheet: Worksheet, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// One column, rows `firstRow...lastRow`.
    public init(sheet: Worksheet, column: Int, firstRow: Int, lastRow: Int) {
        self.init(sheet: sheet, firstRow: firstRow, firstColumn: column, lastRow: lastRow, lastColumn: column)
    }
}

/// A chart of a ``Workbook``; add series, then insert it into a worksheet.
/// Valid only until its workbook is closed.
public final class Chart {
    let workbook: Workbook
    let pointer: UnsafeMutablePointer<lxw_chart>
    /// The chart kind.
    public let type: ChartType

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_chart>, type: ChartType) {
        self.workbook = workbook
        self.pointer = pointer
        self.type = type
    }

    /// Adds a data series: `values` are plotted, `categories` label them.
    ///
    /// `name` is literal text; a leading `=` is rejected because libxlsxwriter would read it as a
    /// formula.
    /// - Throws: ``XlsxError`` 23 for a bad range, 13 for a bad name, a range on another workbook's
    ///   sheet or a closed workbook, 1 if libxlsxwriter returns no series.
    public func addSeries(name: String? = nil, categories: ChartRange? = nil, values: ChartRange) throws(XlsxError) {
        let chartPointer = pointer
        _ = try workbook.requireOpen("chart_add_series")
        if let name { try checkLabel(name, "chart_series_set_name") }
        let valueCells = try cells(values)
        let categoryCells = try categories.map { range throws(XlsxError) in try cells(range) }
        guard let series = chart_add_series(chartPointer, nil, nil) else {
            throw XlsxError(code: 1, operation: "chart_add_series", detail: "libxlsxwriter returned no series")
        }
        // libxlsxwriter copies sheet names and labels (lxw_strdup).
        values.sheet.name.withCString {
            chart_series_set_values(series, $0, valueCells.0, valueCells.1, valueCells.2, valueCells.3)
        }
        if let categories, let categoryCells {
            categories.sheet.name.withCString {
                chart_series_set_categories(
                    series, $0, categoryCells.0, categoryCells.1, categoryCells.2, categoryCells.3)
            }
        }
        if let name {
            chart_series_set_name(series, name)
        }
    }

    /// Sets the title shown above the chart (literal text; a leading `=` is rejected).
    /// - Throws: ``XlsxError`` 13 for a bad title or a closed workbook.
    public func setTitle(_ title: String) throws(XlsxError) {
        _ = try workbook.requireOpen("chart_title_set_name")
        try checkLabel(title, "chart_title_set_name")
        chart_title_set_name(pointer, title)
    }

    /// Shows or hides the legend (shown on the right by default).
    /// - Throws: ``XlsxError`` 13 if the workbook is closed.
    public func setLegendVisible(_ visible: Bool) throws(XlsxError) {
        _ = try workbook.requireOpen("chart_legend_set_position")
        chart_legend_set_position(
            pointer, UInt8(visible ? LXW_CHART_LEGEND_RIGHT.rawValue : LXW_CHART_LEGEND_NONE.rawValue))
    }

    private func checkLabel(_ label: String, _ operation: String) throws(XlsxError) {
        func fail(_ detail: String) -> XlsxError {
            XlsxError(code: XlsxError.Code.parameterValidation, operation: operation, detail: detail)
        }
        if let problem = textProblem(label, .markup) { throw fail("label \(problem)") }
        if label.hasPrefix("=") { throw fail("label starts with '=', which libxlsxwriter reads as a formula") }
        if utf16LengthExceeds(label, 255) { throw fail("label is longer than 255 UTF-16 units") }
    }

    private func cells(_ range: ChartRange) throws(XlsxError) -> (lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t) {
        let operation = "chart range \(range.firstRow),\(range.firstColumn)...\(range.lastRow),\(range.lastColumn)"
        func fail(_ code: Int, _ detail: String) -> XlsxError {
            XlsxError(code: code, operation: operation, sheet: range.sheet.name, detail: detail)
        }
        guard range.sheet.workbook === workbook else {
            throw fail(XlsxError.Code.parameterValidation, "the sheet belongs to another workbook")
        }
        guard range.firstRow >= 0, range.lastRow < XlsxLimits.maxRows, range.firstRow <= range.lastRow,
            range.firstColumn >= 0, range.lastColumn < XlsxLimits.maxColumns, range.firstColumn <= range.lastColumn,
            let r1 = lxw_row_t(exactly: range.firstRow), let r2 = lxw_row_t(exactly: range.lastRow),
            let c1 = lxw_col_t(exactly: range.firstColumn), let c2 = lxw_col_t(exactly: range.lastColumn)
        else {
            throw fail(XlsxError.Code.indexOutOfRange, "not a valid cell range")
        }
        return (r1, c1, r2, c2)
    }
}
