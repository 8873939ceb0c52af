import InventoryDiff
import InventoryModel

// The workbook as plain values (DESIGN.md "Report/: workbook model and renderer"). Report code
// builds these; `WorkbookRenderer` and `TableSheetWriter` are the only code that turns them into
// libxlsxwriter calls. Small sheets (the dashboard, the chart data) are described whole as a
// `SheetModel`; the big tables are described by a `TableLayout` and streamed row by row, because a
// million-row sheet cannot be held as values.

/// Paper a workbook prints on (`--paper`).
public enum PaperSize: String, Sendable, Hashable, CaseIterable {
    /// A4, 210 × 297 mm (Excel paper code 9), the default.
    case a4
    /// US Letter, 8½ × 11 in (Excel paper code 1).
    case letter

    /// Excel's `paperSize` code.
    public var excelCode: Int {
        switch self {
        case .a4: 9
        case .letter: 1
        }
    }
}

/// How a sheet prints: orientation, paper, scaling, repeated rows and the footer.
public struct PageSetup: Sendable, Hashable {
    /// Landscape rather than portrait.
    public var landscape: Bool
    /// The paper.
    public var paper: PaperSize
    /// Pages wide the sheet is scaled to (0: not scaled by width).
    public var fitWidth: Int
    /// Pages tall the sheet is scaled to (0: as many as needed).
    public var fitHeight: Int
    /// Rows printed at the top of every page (the header row), zero-based and inclusive.
    public var repeatRows: ClosedRange<Int>?
    /// The footer in Excel's syntax (`&A` sheet, `&P` page, `&N` pages).
    public var footer: String?

    /// Creates a page setup.
    public init(
        landscape: Bool = true, paper: PaperSize = .a4, fitWidth: Int = 1, fitHeight: Int = 0,
        repeatRows: ClosedRange<Int>? = 0...0, footer: String? = nil
    ) {
        self.landscape = landscape
        self.paper = paper
        self.fitWidth = fitWidth
        self.fitHeight = fitHeight
        self.repeatRows = repeatRows
        self.footer = footer
    }
}

/// How a cell of a sheet model looks; the renderer maps each to one Excel format.
public enum CellStyle: Sendable, Hashable {
    /// No format.
    case plain
    /// The dark header row of a table.
    case header
    /// The dashboard's big title.
    case title
    /// A section heading (bold, larger).
    case heading
    /// A label of the title block or the figures (bold).
    case label
    /// A key figure (bold number).
    case figure
    /// Muted explanatory text.
    case note
    /// The fill of a change kind.
    case kind(Change.Kind)
}

/// A cell of a sheet model: a value and its look.
public struct ModelCell: Sendable, Hashable {
    /// What the cell holds; `.dateTime` texts are shown in the report's time zone.
    public var value: ReportCell
    /// How it looks.
    public var style: CellStyle

    /// Creates a cell.
    public init(_ value: ReportCell, _ style: CellStyle = .plain) {
        self.value = value
        self.style = style
    }
}

/// Kinds of chart a sheet model can hold.
public enum ChartKind: Sendable, Hashable {
    /// Vertical bars.
    case column
    /// Horizontal bars.
    case bar
    /// Pie.
    case pie
}

/// One column of values (and one of labels) on a sheet, zero-based and inclusive.
public struct SheetColumnRange: Sendable, Hashable {
    /// The sheet holding the data.
    public var sheet: String
    /// Column of the labels (categories).
    public var labelColumn: Int
    /// Column of the values.
    public var valueColumn: Int
    /// First data row.
    public var firstRow: Int
    /// Last data row (inclusive).
    public var lastRow: Int

    /// Creates a range.
    public init(sheet: String, labelColumn: Int, valueColumn: Int, firstRow: Int, lastRow: Int) {
        self.sheet = sheet
        self.labelColumn = labelColumn
        self.valueColumn = valueColumn
        self.firstRow = firstRow
        self.lastRow = lastRow
    }
}

/// A chart placed on a sheet, plotting one series of another (or the same) sheet.
public struct ChartModel: Sendable, Hashable {
    /// The chart kind.
    public var kind: ChartKind
    /// Title above the chart (also the series name).
    public var title: String
    /// The data.
    public var data: SheetColumnRange
    /// Top-left cell, zero-based.
    public var row: Int
    /// Top-left cell, zero-based.
    public var column: Int
    /// Size in pixels.
    public var width: Int
    /// Size in pixels.
    public var height: Int

    /// Creates a chart.
    public init(kind: ChartKind, title: String, data: SheetColumnRange, row: Int, column: Int, width: Int, height: Int) {
        self.kind = kind
        self.title = title
        self.data = data
        self.row = row
        self.column = column
        self.width = width
        self.height = height
    }
}

/// A whole small sheet as values.
public struct SheetModel: Sendable, Hashable {
    /// The final sheet name.
    public var name: String
    /// Tab colour, `0xRRGGBB`.
    public var tabColor: UInt32?
    /// Hidden sheets hold helper data (chart sources).
    public var hidden: Bool
    /// Widths of columns 0, 1, … in Excel character units.
    public var columnWidths: [Double]
    /// Rows from row 0; a row may be empty.
    public var rows: [[ModelCell]]
    /// Row heights in points, by row.
    public var rowHeights: [Int: Double]
    /// Rows above and columns left of this cell stay visible when scrolling.
    public var freeze: (row: Int, column: Int)? {
        get { freezeRow.map { ($0, freezeColumn) } }
        set {
            freezeRow = newValue?.row
            freezeColumn = newValue?.column ?? 0
        }
    }
    private var freezeRow: Int?
    private var freezeColumn = 0
    /// How it prints.
    public var page: PageSetup
    /// Charts placed on this sheet.
    public var charts: [ChartModel]

    /// Creates an empty sheet.
    public init(name: String, tabColor: UInt32? = nil, hidden: Bool = false, page: PageSetup = PageSetup()) {
        self.name = name
        self.tabColor = tabColor
        self.hidden = hidden
        self.columnWidths = []
        self.rows = []
        self.rowHeights = [:]
        self.page = page
        self.charts = []
    }

    /// The value of a cell, nil when empty.
    public func value(row: Int, column: Int) -> ReportCell? {
        guard row >= 0, row < rows.count, column >= 0, column < rows[row].count else { return nil }
        return rows[row][column].value
    }

    /// Sets a cell, growing the rows as needed.
    public mutating func set(row: Int, column: Int, _ cell: ModelCell) {
        while rows.count <= row { rows.append([]) }
        while rows[row].count <= column { rows[row].append(ModelCell(.blank)) }
        rows[row][column] = cell
    }
}

/// A streamed table: the columns and look of every sheet it fills (continuations included).
public struct TableLayout: Sendable, Hashable {
    /// Header texts, final (translated; zones and units included).
    public var columns: [String]
    /// Tab colour, `0xRRGGBB`.
    public var tabColor: UInt32?
    /// Columns left of this one stay visible when scrolling (the header row always does).
    public var frozenColumns: Int
    /// How each sheet prints.
    public var page: PageSetup
    /// Columns whose long texts wrap within `wrapWidth` instead of widening the column (so a
    /// sheet scaled to one page wide stays readable).
    public var wrapColumns: Set<Int>
    /// Width of the wrapping columns, in Excel character units.
    public var wrapWidth: Int

    /// Creates a layout.
    public init(
        columns: [String], tabColor: UInt32? = nil, frozenColumns: Int = 0, page: PageSetup = PageSetup(),
        wrapColumns: Set<Int> = [], wrapWidth: Int = 36
    ) {
        self.columns = columns
        self.tabColor = tabColor
        self.frozenColumns = frozenColumns
        self.page = page
        self.wrapColumns = wrapColumns
        self.wrapWidth = wrapWidth
    }
}

/// Where a table's rows land: its sheet names (the first and any continuations) and the sheet and
/// row of each data row, so other sheets can link to a row before it is written.
public struct TablePlacement: Sendable, Hashable {
    /// Sheet names, first then continuations.
    public var sheetNames: [String]
    /// Data rows per sheet.
    public var rowsPerSheet: Int

    /// Creates a placement.
    public init(sheetNames: [String], rowsPerSheet: Int) {
        self.sheetNames = sheetNames
        self.rowsPerSheet = max(1, rowsPerSheet)
    }

    /// Sheets `rows` data rows need (at least one: an empty table still gets its header).
    public static func sheetCount(rows: Int, rowsPerSheet: Int) -> Int {
        max(1, (rows + max(1, rowsPerSheet) - 1) / max(1, rowsPerSheet))
    }

    /// The sheet and zero-based row (the header is row 0) of data row `index` (zero-based).
    public func location(ofDataRow index: Int) -> (sheet: String, row: Int)? {
        guard index >= 0 else { return nil }
        let sheet = index / rowsPerSheet
        guard sheet < sheetNames.count else { return nil }
        return (sheetNames[sheet], index % rowsPerSheet + 1)
    }
}

/// A link from a cell to a cell of a sheet of the same workbook.
public struct CellLink: Sendable, Hashable {
    /// The target sheet's name.
    public var sheet: String
    /// Zero-based target row.
    public var row: Int
    /// Zero-based target column.
    public var column: Int

    /// Creates a link.
    public init(sheet: String, row: Int, column: Int) {
        self.sheet = sheet
        self.row = row
        self.column = column
    }
}
