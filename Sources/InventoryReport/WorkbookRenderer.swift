import InventoryModel
import XlsxWriter

/// Turns sheet models into worksheets through the XlsxWriter wrapper: cells with their styles,
/// widths, freeze panes, page setup, and charts. Charts are placed once every sheet they read from
/// exists (`finishCharts()`), so a chart on the first sheet may plot a sheet written last.
final class WorkbookRenderer {
    private let workbook: Workbook
    private let styles: ReportStyles
    private let zone: ReportTimeZone
    private var worksheets: [String: Worksheet] = [:]
    private var pendingCharts: [(sheet: Worksheet, chart: ChartModel)] = []
    /// What had to be changed to fit Excel (shared with the tables).
    var text: ExcelText

    init(workbook: Workbook, styles: ReportStyles, zone: ReportTimeZone, text: ExcelText) {
        self.workbook = workbook
        self.styles = styles
        self.zone = zone
        self.text = text
    }

    /// Writes `model` as a new worksheet (in constant-memory mode, rows in order).
    @discardableResult
    func render(_ model: SheetModel) throws -> Worksheet {
        let sheet = try workbook.addWorksheet(name: model.name)
        worksheets[model.name] = sheet
        if let tabColor = model.tabColor { try sheet.setTabColor(tabColor) }
        for (column, width) in model.columnWidths.enumerated() {
            try sheet.setColumnWidth(column, column, width: min(max(width, 0), XlsxLimits.maxColumnWidth))
        }
        if let freeze = model.freeze { try sheet.freezePanes(row: freeze.row, column: freeze.column) }
        try Self.apply(model.page, to: sheet)
        if model.hidden { try sheet.hide() }
        for (row, cells) in model.rows.enumerated() {
            if let height = model.rowHeights[row] { try sheet.setRowHeight(row, height: height) }
            for (column, cell) in cells.enumerated() {
                try write(cell.value, style: cell.style, sheet: sheet, row: row, column: column)
            }
        }
        for chart in model.charts { pendingCharts.append((sheet, chart)) }
        return sheet
    }

    private func write(_ value: ReportCell, style: CellStyle, sheet: Worksheet, row: Int, column: Int) throws {
        let format = styles.format(style)
        switch value {
        case .text(let raw):
            let written = text.cell(raw)
            if !written.isEmpty {
                try sheet.writeString(row: row, column: column, written, format: format)
            } else if let format {
                try sheet.writeBlank(row: row, column: column, format: format)
            }
        case .number(let number):
            try sheet.writeNumber(row: row, column: column, number, format: format)
        case .integer(let number):
            try sheet.writeNumber(row: row, column: column, Double(number), format: try styles.integer(format))
        case .dateTime(let raw):
            if let raw, let time = Timestamp.parse(raw), TableSheetWriter.excelCanShow(zone.wallClock(time)) {
                var spec = format?.spec ?? FormatSpec()
                spec.numberFormat = FormatSpec.dateTime.numberFormat
                spec.horizontalAlignment = .left
                try sheet.writeDateTime(row: row, column: column, zone.wallClock(time).date, format: try workbook.addFormat(spec))
            } else if let raw, !raw.isEmpty {
                try sheet.writeString(row: row, column: column, text.cell(raw), format: format)
            }
        case .blank:
            if let format { try sheet.writeBlank(row: row, column: column, format: format) }
        case .link(let shown, let target):
            var shownText = target.sheet
            if case .text(let raw) = shown { shownText = text.cell(raw) }
            if case .integer(let number) = shown { shownText = String(number) }
            try sheet.writeInternalLink(
                row: row, column: column, sheet: target.sheet, targetRow: target.row, targetColumn: target.column,
                text: shownText, format: styles.link)
            if case .integer(let number) = shown {
                try sheet.writeNumber(row: row, column: column, Double(number), format: styles.linkInteger)
            }
        }
    }

    /// Places the charts of every rendered sheet model. Call after the sheets they read from exist.
    func finishCharts() throws {
        for (sheet, model) in pendingCharts {
            guard let source = worksheets[model.data.sheet] else {
                throw XlsxError(
                    code: XlsxError.Code.parameterValidation, operation: "chart '\(model.title)'", sheet: sheet.name,
                    detail: "its data sheet '\(model.data.sheet)' was not written")
            }
            let chart: Chart
            switch model.kind {
            case .column: chart = try workbook.addChart(.column)
            case .bar: chart = try workbook.addChart(.bar)
            case .pie: chart = try workbook.addChart(.pie)
            }
            let range = model.data
            try chart.addSeries(
                name: model.title,
                categories: ChartRange(sheet: source, column: range.labelColumn, firstRow: range.firstRow, lastRow: range.lastRow),
                values: ChartRange(sheet: source, column: range.valueColumn, firstRow: range.firstRow, lastRow: range.lastRow))
            try chart.setTitle(model.title)
            if model.kind != .pie { try chart.setLegendVisible(false) }
            try sheet.insertChart(
                row: model.row, column: model.column, chart, xScale: Double(model.width) / 480, yScale: Double(model.height) / 288)
        }
        pendingCharts = []
    }

    /// Landscape, paper, fit to width, repeated header rows and the footer.
    static func apply(_ page: PageSetup, to sheet: Worksheet) throws {
        if page.landscape { try sheet.setLandscape() }
        try sheet.setPaper(page.paper == .letter ? .letter : .a4)
        try sheet.fitToPages(width: page.fitWidth, height: page.fitHeight)
        if let rows = page.repeatRows { try sheet.repeatRows(first: rows.lowerBound, last: rows.upperBound) }
        if let footer = page.footer { try sheet.setFooter(footer) }
        try sheet.setMargins(left: 0.4, right: 0.4, top: 0.5, bottom: 0.6)
    }
}
