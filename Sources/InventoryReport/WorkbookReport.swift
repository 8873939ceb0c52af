import Foundation
import InventoryDiff
import InventoryModel
import SnapshotStore
import XlsxWriter

/// Options of one workbook export.
public struct ExportOptions: Sendable {
    /// Language of labels and headers (`--lang`).
    public var language: ReportLanguage
    /// libxlsxwriter's temporary-file directory (`--tmpdir`).
    public var tmpdir: String?
    /// Document creation time; default the snapshot's capture time (so exports are repeatable).
    public var created: Date?
    /// Data rows per sheet before a continuation sheet starts (Excel's limit unless testing).
    public var rowsPerSheet: Int
    /// Cell text limit in UTF-16 units (Excel's unless testing).
    public var cellLimit: Int
    /// The zone every date-time is shown in (`--timezone`); the store keeps UTC.
    public var timeZone: ReportTimeZone = .utc
    /// The paper every sheet prints on (`--paper`).
    public var paper: PaperSize = .a4
    /// A node not captured within this many days before the snapshot counts as stale on the dashboard.
    public var staleAfterDays: Int = 7
    /// An extra plain table sheet after Changes (`export --history`: Timeline).
    public var extraTable: ReportTable?
    /// When the workbook is made, as the dashboard shows it; nil shows the document time
    /// (`created`, else the snapshot's capture time), which keeps exports repeatable.
    public var generatedAt: Date?
    /// Called after each sheet and every 50,000 rows of a long one (a terminal's progress line).
    public var progress: (@Sendable (ExportProgress) -> Void)?

    public init(
        language: ReportLanguage = .en, tmpdir: String? = nil, created: Date? = nil,
        rowsPerSheet: Int = XlsxLimits.maxRows - 1, cellLimit: Int = XlsxLimits.maxCellUTF16
    ) {
        self.language = language
        self.tmpdir = tmpdir
        self.created = created
        self.rowsPerSheet = rowsPerSheet
        self.cellLimit = cellLimit
    }
}

/// How far an export is: sheets finished, data rows written, the sheet being written.
public struct ExportProgress: Sendable {
    /// Sheets finished (continuation sheets count).
    public var sheetsDone: Int
    /// Data rows written so far, all sheets.
    public var rowsWritten: Int
    /// The sheet (or inventory type) being written or just finished.
    public var currentSheet: String
}

/// What an export wrote, as `export --json` prints it.
public struct ExportResult: Sendable, Codable {
    public struct Sheet: Sendable, Codable, Hashable {
        public var name: String
        /// Data rows (header excluded).
        public var rows: Int
    }

    public var path: String
    public var snapshot: SnapshotInfo
    public var base: SnapshotInfo?
    public var sheets: [Sheet]
    /// Every warning shown on the About sheet (the input files' and the export's own).
    public var warnings: [String]
    /// The export's own warnings: cut cells, replaced characters, continuation sheets.
    public var exportWarnings: [String] = []
}

/// Builds the workbook of one snapshot (DESIGN.md "Workbook"): the dashboard (title block, key
/// figures, charts), Nodes, Changes (with a base), one sheet per inventory type and per Config
/// resource type, About, and the hidden chart data. Written atomically through the XlsxWriter
/// wrapper in constant-memory mode; every sheet prints landscape, one page wide.
public struct WorkbookReport {
    public var store: InventoryStore
    public var options: ExportOptions

    public init(store: InventoryStore, options: ExportOptions = ExportOptions()) {
        self.store = store
        self.options = options
    }

    /// Writes `snapshot` (and the changes of `diff`, if given) to `path`.
    /// - Throws: `InventoryError.report` naming the problem; no partial file is left at `path`
    ///   and a previous file there is untouched.
    public func write(snapshot: SnapshotInfo, diff: DiffResult?, to path: String) throws(InventoryError) -> ExportResult {
        // The creation time comes from the data so exports repeat byte for byte; libxlsxwriter reads
        // 0 as "now", and Excel cannot show times outside 1900...9999.
        func usable(_ time: Timestamp?) -> Date? {
            guard let time, time.epochMilliseconds >= 1000, TableSheetWriter.excelCanShow(time) else { return nil }
            return time.date
        }
        let created = options.created ?? usable(snapshot.takenAt) ?? usable(snapshot.ingestedAt)
        let properties = DocumentProperties(
            title: "AWS inventory snapshot \(snapshot.id)", subject: "SSM Inventory and AWS Config snapshot",
            author: "inventory \(InventoryVersion.current)", comments: snapshot.label, created: created)
        let workbookOptions = WorkbookOptions(constantMemory: true, tmpdir: options.tmpdir, properties: properties)
        do {
            return try Workbook.write(to: path, options: workbookOptions) { workbook in
                var builder = try Builder(
                    workbook: workbook, store: store, options: options, snapshot: snapshot, diff: diff, created: created)
                try builder.build()
                // The last chance to stop before libxlsxwriter writes the file and it is renamed.
                try Cancellation.check()
                return ExportResult(
                    path: path, snapshot: snapshot, base: diff?.base, sheets: builder.sheets,
                    warnings: builder.warnings, exportWarnings: builder.exportWarnings)
            }
        } catch let error as InventoryError {
            throw error
        } catch let error as XlsxError {
            throw .report(message: "\(path): \(SystemErrorText.of(error))")
        } catch {
            throw .report(message: "\(path): \(SystemErrorText.of(error))")
        }
    }
}

extension WorkbookReport {
    /// Writes the same tables as CSV files (RFC 4180, one per table; no dashboard, no chart) into `directory`,
    /// created if missing. Each file appears atomically.
    /// - Throws: `InventoryError.report`.
    public func writeCSV(snapshot: SnapshotInfo, diff: DiffResult?, directory: String, byteOrderMark: Bool)
        throws(InventoryError) -> ExportResult
    {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var builder = try Builder(
                workbook: nil, csv: .init(directory: directory, byteOrderMark: byteOrderMark), store: store,
                options: options, snapshot: snapshot, diff: diff, created: nil)
            try builder.build()
            try builder.csv?.pending.commit()
            // Files from an earlier export (a Changes.csv when this one has none) would read as
            // part of this one: say so rather than delete files we did not write.
            let written = Set(builder.sheets.map { $0.name + ".csv" })
            let stale =
                (try? FileManager.default.contentsOfDirectory(atPath: directory))?
                .filter { $0.hasSuffix(".csv") && !written.contains($0) }.sorted() ?? []
            var exportWarnings = builder.exportWarnings
            if !stale.isEmpty {
                exportWarnings.append(
                    "\(directory) also holds \(stale.joined(separator: ", ")) from an earlier export; they are not part of this one")
            }
            return ExportResult(
                path: directory, snapshot: snapshot, base: diff?.base, sheets: builder.sheets,
                warnings: builder.warnings + exportWarnings.filter { $0.contains("earlier export") },
                exportWarnings: exportWarnings)
        } catch let error as InventoryError {
            throw error
        } catch {
            throw .report(message: "\(directory): \(SystemErrorText.of(error))")
        }
    }
}

/// The state of one export while sheets are written in order.
private struct Builder {
    /// nil for CSV output.
    let workbook: Workbook?
    /// Where CSV files go (CSV output only).
    let csv: CSVTableWriter.Target?
    let store: InventoryStore
    let options: ExportOptions
    let snapshot: SnapshotInfo
    let diff: DiffResult?
    let styles: ReportStyles?
    let renderer: WorkbookRenderer?
    let lang: ReportLanguage
    let zone: ReportTimeZone
    let namerBox = NamerBox(SheetNamer())
    var sheets: [ExportResult.Sheet] = []
    var warnings: [String] = []
    var exportWarnings: [String] = []
    var rowsWritten = 0
    var textStats = ExcelText.Stats()
    var linksLeftOut = 0
    let nodes: [ManagedNode]
    let coverage: [CoverageInfo]
    let typeNames: [String]
    let resourceTypes: [String]
    let figures: DashboardFigures
    /// Document time, the dashboard's "generated at" unless the options give one.
    let created: Date?
    /// Fixed sheet names, reserved before any type sheet is named.
    let dashboardName: String
    let nodesName: String
    let changesName: String
    let aboutName: String
    let chartDataName: String
    /// Where each inventory type's rows land (for the node table's links).
    var typePlacements: [String: TablePlacement] = [:]
    /// Where the Changes rows land.
    var changesPlacement: TablePlacement?

    init(
        workbook: Workbook?, csv: CSVTableWriter.Target? = nil, store: InventoryStore, options: ExportOptions,
        snapshot: SnapshotInfo, diff: DiffResult?, created: Date?
    ) throws {
        self.workbook = workbook
        self.csv = csv
        self.store = store
        self.options = options
        self.snapshot = snapshot
        self.diff = diff
        self.created = created
        self.lang = options.language
        self.zone = options.timeZone
        let styles = try workbook.map { try ReportStyles(workbook: $0) }
        self.styles = styles
        if let workbook, let styles {
            renderer = WorkbookRenderer(workbook: workbook, styles: styles, zone: zone, text: ExcelText(limit: options.cellLimit))
        } else {
            renderer = nil
        }
        nodes = try store.nodes(snapshotId: snapshot.id)
        coverage = try store.coverage(snapshotId: snapshot.id)
        typeNames = try store.typeNames(snapshotId: snapshot.id)
        resourceTypes = try store.resourceTypes(snapshotId: snapshot.id)
        figures = DashboardFigures(
            nodes: nodes, snapshot: snapshot, diff: diff, staleAfterDays: options.staleAfterDays,
            other: options.language.text("(other)"))
        let lang = options.language
        dashboardName = namerBox.namer.reserve(lang.text("Dashboard"))
        nodesName = namerBox.namer.reserve(lang.text("Nodes"))
        changesName = diff == nil ? "" : namerBox.namer.reserve(lang.text("Changes"))
        aboutName = namerBox.namer.reserve(lang.text("About"))
        chartDataName = workbook == nil ? "" : namerBox.namer.reserve(lang.text("Chart data"))
    }

    private func t(_ english: String) -> String { lang.text(english) }

    private var rowCap: Int { max(1, min(options.rowsPerSheet, XlsxLimits.maxRows - 1)) }

    /// The footer of every sheet: sheet name, snapshot, page N of M (`&&` is a literal `&`).
    var footer: String {
        var label = "#\(snapshot.id)" + (snapshot.label.map { " \($0)" } ?? "")
        if label.count > 60 { label = String(label.prefix(59)) + "…" }
        label = label.replacingOccurrences(of: "&", with: "&&")
        let snapshotText = lang == .ja ? "スナップショット \(label)" : "Snapshot \(label)"
        let pages = lang == .ja ? "&P / &N ページ" : "Page &P of &N"
        return "&L&A&C\(snapshotText)&R\(pages)"
    }

    func page() -> PageSetup {
        PageSetup(landscape: true, paper: options.paper, fitWidth: 1, fitHeight: 0, repeatRows: 0...0, footer: footer)
    }

    mutating func finish(_ writer: any TableSink, original: String) throws {
        try writer.finish()
        for (index, name) in writer.sheetNames.enumerated() {
            sheets.append(.init(name: name, rows: writer.rowsPerSheet[index]))
            rowsWritten += writer.rowsPerSheet[index]
            options.progress?(ExportProgress(sheetsDone: sheets.count, rowsWritten: rowsWritten, currentSheet: name))
            if index > 0 {
                warnings.append(
                    lang == .ja
                        ? "\(original): 1 シートに収まらない行数のため、シート '\(name)' に見出しを繰り返して続けた"
                        : "\(original): more rows than one sheet holds; continued on sheet '\(name)' with the header repeated")
            }
        }
        textStats.replacedCharacters += writer.text.stats.replacedCharacters
        textStats.cellsWithReplacements += writer.text.stats.cellsWithReplacements
        textStats.truncatedCells += writer.text.stats.truncatedCells
        if let sheetWriter = writer as? TableSheetWriter { linksLeftOut += sheetWriter.linksLeftOut }
    }

    /// A streamed table. `name` is final for the fixed sheets and the planned ones; continuations
    /// not planned are named by the shared namer, so names stay unique.
    func makeTable(_ name: String, layout: TableLayout, planned: [String] = []) -> any TableSink {
        let box = namerBox
        let namer: (String) -> String = { box.namer.name(for: $0) }
        if let workbook, let styles {
            return TableSheetWriter(
                workbook: workbook, styles: styles, originalName: name, layout: layout, zone: zone, rowCap: rowCap,
                text: ExcelText(limit: options.cellLimit), plannedNames: planned.isEmpty ? [name] : planned, namer: namer)
        }
        return CSVTableWriter(
            target: csv ?? .init(directory: ".", byteOrderMark: false), originalName: name, columns: layout.columns,
            zone: zone, namer: { $0 })
    }

    /// Names every inventory type's sheets (continuations included) and the Changes sheets before
    /// anything is written, so the node table can link to rows further on.
    mutating func plan() {
        var rowsPerType: [String: Int] = [:]
        for entry in coverage { rowsPerType[entry.typeName, default: 0] += entry.entryCount }
        for typeName in typeNames {
            let first = namerBox.namer.name(for: typeName)
            var names = [first]
            if workbook != nil {
                let count = TablePlacement.sheetCount(rows: rowsPerType[typeName] ?? 0, rowsPerSheet: rowCap)
                if count > 1 { for index in 2...count { names.append(namerBox.namer.name(for: "\(typeName) (\(index))")) } }
            }
            typePlacements[typeName] = TablePlacement(sheetNames: names, rowsPerSheet: rowCap)
        }
        if let diff {
            var names = [changesName]
            if workbook != nil {
                let rows = diff.changes.reduce(0) { $0 + max(1, $1.fields.count) }
                let count = TablePlacement.sheetCount(rows: rows, rowsPerSheet: rowCap)
                if count > 1 { for index in 2...count { names.append(namerBox.namer.name(for: "\(changesName) (\(index))")) } }
            }
            changesPlacement = TablePlacement(sheetNames: names, rowsPerSheet: rowCap)
        }
    }

    mutating func build() throws {
        plan()
        if let renderer {
            let dashboard = dashboardBuilder()
            try renderer.render(dashboard.dashboard())
            sheets.append(.init(name: dashboardName, rows: 0))
        }
        try Cancellation.check()
        try nodesSheet()
        try Cancellation.check()
        if diff != nil { try changesSheet() }
        if let table = options.extraTable {
            let writer = makeTable(namerBox.namer.name(for: table.name), layout: TableLayout(columns: table.columns, page: page()))
            for row in table.rows { try writer.append(row.map { ReportCell.text($0) }) }
            try finish(writer, original: table.name)
        }
        for typeName in typeNames {
            try Cancellation.check()
            try inventorySheet(typeName)
        }
        for resourceType in resourceTypes {
            try Cancellation.check()
            try resourceSheet(resourceType)
        }
        try Cancellation.check()
        try aboutSheet()
        if let renderer {
            try renderer.render(dashboardBuilder().chartData())
            try renderer.finishCharts()
            textStats.replacedCharacters += renderer.text.stats.replacedCharacters
            textStats.cellsWithReplacements += renderer.text.stats.cellsWithReplacements
            textStats.truncatedCells += renderer.text.stats.truncatedCells
        }
    }

    func dashboardBuilder() -> DashboardBuilder {
        let generated = options.generatedAt ?? created
        return DashboardBuilder(
            lang: lang, zone: zone, snapshot: snapshot, base: diff?.base, figures: figures,
            generatedAt: generated.map { Timestamp(epochMilliseconds: Int64(($0.timeIntervalSince1970 * 1000).rounded(.down))).iso8601 },
            toolVersion: "inventory \(InventoryVersion.current) (libxlsxwriter \(libxlsxwriterVersion()))", paper: options.paper,
            footer: footer, sheetName: dashboardName, chartDataName: chartDataName)
    }

    // MARK: Nodes

    mutating func nodesSheet() throws {
        var counts: [String: [String: Int]] = [:]
        for entry in coverage { counts[entry.nodeId, default: [:]][entry.typeName] = entry.entryCount }
        // Data row of each node's first row on each type sheet: rows are ordered by node id there.
        var firstRow: [String: [String: Int]] = [:]
        var rowsSoFar: [String: Int] = [:]
        for entry in coverage {
            firstRow[entry.nodeId, default: [:]][entry.typeName] = rowsSoFar[entry.typeName, default: 0]
            rowsSoFar[entry.typeName, default: 0] += entry.entryCount
        }
        var firstChangeRow: [String: Int] = [:]
        var changeRow = 0
        for change in diff?.changes ?? [] {
            if firstChangeRow[change.resourceId] == nil { firstChangeRow[change.resourceId] = changeRow }
            changeRow += max(1, change.fields.count)
        }
        var columns = [
            "Account ID", "Region", "Node ID", "Computer name", "Platform", "Platform version", "Agent version",
            "IP address", "Status", "Ping status",
        ].map(t)
        columns.append(lang.timeHeader("Last capture", zone: zone))
        columns += typeNames
        columns.append(t("Inventory rows"))
        if diff != nil { columns.append(t("Changes (count)")) }
        var rows: [[ReportCell]] = []
        rows.reserveCapacity(nodes.count)
        let linking = workbook != nil
        for node in nodes {
            var cells: [ReportCell] = [
                .text(node.accountId ?? ""), .text(node.region ?? ""), .text(node.nodeId), .text(node.computerName ?? ""),
                .text(node.platformName ?? node.platformType ?? ""), .text(node.platformVersion ?? ""),
                .text(node.agentVersion ?? ""), .text(node.ipAddress ?? ""), .text(node.status ?? ""),
                .text(node.pingStatus ?? ""), .dateTime(node.lastCaptureTime),
            ]
            var rowTotal = 0
            for type in typeNames {
                guard let count = counts[node.nodeId]?[type] else {
                    cells.append(.blank)
                    continue
                }
                rowTotal += count
                if linking, count > 0, let offset = firstRow[node.nodeId]?[type],
                    let target = typePlacements[type]?.location(ofDataRow: offset)
                {
                    cells.append(.link(.integer(count), CellLink(sheet: target.sheet, row: target.row, column: 0)))
                } else {
                    cells.append(.integer(count))
                }
            }
            cells.append(.integer(rowTotal))
            if diff != nil {
                let changes = figures.changesPerNode[node.nodeId] ?? 0
                if linking, let offset = firstChangeRow[node.nodeId], let target = changesPlacement?.location(ofDataRow: offset) {
                    cells.append(.link(.integer(changes), CellLink(sheet: target.sheet, row: target.row, column: 0)))
                } else {
                    cells.append(.integer(changes))
                }
            }
            rows.append(cells)
        }
        let kept = Self.nonEmptyColumns(columns.count, rows: rows, always: [2])
        let layout = TableLayout(
            columns: kept.map { columns[$0] }, tabColor: ReportStyles.tabSummary,
            frozenColumns: (kept.firstIndex(of: 2) ?? 0) + 1, page: page())
        let writer = makeTable(nodesName, layout: layout)
        for row in rows { try writer.append(kept.map { $0 < row.count ? row[$0] : .blank }) }
        try finish(writer, original: nodesName)
    }

    /// Columns that hold a value in some row (all of them when there are no rows), plus `always`.
    static func nonEmptyColumns(_ count: Int, rows: [[ReportCell]], always: Set<Int> = []) -> [Int] {
        guard !rows.isEmpty else { return Array(0..<count) }
        var used = always
        for row in rows {
            for (index, cell) in row.enumerated() where !used.contains(index) && !isEmpty(cell) { used.insert(index) }
            if used.count == count { break }
        }
        return (0..<count).filter { used.contains($0) }
    }

    static func isEmpty(_ cell: ReportCell) -> Bool {
        switch cell {
        case .text(let value): value.isEmpty
        case .dateTime(let value): value?.isEmpty ?? true
        case .blank: true
        case .number, .integer, .link: false
        }
    }

    // MARK: Changes

    /// Identity attributes shown in their own columns, in this order (then any other built-in ones).
    static let identityOrder = ["Name", "Version", "Release", "Epoch", "Architecture", "Publisher", "HotFixId"]

    mutating func changesSheet() throws {
        guard let diff else { return }
        // Identity columns of the built-in types that changed.
        var identity: [String] = []
        for change in diff.changes {
            guard let info = BuiltInTypes.info(for: change.typeName) else { continue }
            // The identity, and Version where it tells repeated names apart (kernels).
            let names = info.identity + info.tieBreakers.filter { $0 == "Version" }
            for name in names where !identity.contains(name) { identity.append(name) }
        }
        identity.sort { (Self.identityOrder.firstIndex(of: $0) ?? 99, $0) < (Self.identityOrder.firstIndex(of: $1) ?? 99, $1) }
        var columns = ["Kind", "Account ID", "Region", "Node ID", "Computer name", "Type", "Resource ID"].map(t)
        columns += identity.map { lang.attributeHeader($0) }
        columns += ["Key", "Field or path", "Before", "After", "Note", "Version change"].map(t)
        var rows: [([ReportCell], Change.Kind)] = []
        for change in diff.changes {
            let isResource = change.typeName.contains("::")
            let builtIn = BuiltInTypes.info(for: change.typeName)
            let nodeId = !isResource || change.resourceId.hasPrefix("i-") || change.resourceId.hasPrefix("mi-") ? change.resourceId : ""
            var base: [ReportCell] = [
                .text(lang.kind(change.change)), .text(change.accountId ?? ""), .text(change.region ?? ""), .text(nodeId),
                .text(change.computerName ?? ""), .text(change.typeName), .text(isResource ? change.resourceId : ""),
            ]
            for name in identity {
                let value = builtIn != nil ? change.attributes.flatMap { IdentityKey.value(name, in: $0) } ?? "" : ""
                base.append(.text(value))
            }
            // The key, where no identity column says it (custom types, whole types).
            let identityShown = builtIn.map { !($0.identity.isEmpty) } ?? false
            base.append(.text(isResource || identityShown || change.key == change.resourceId ? "" : change.key))
            let note = change.note.map { lang.note($0, zone: zone) } ?? ""
            let direction: ReportCell = change.versionChange.map { .text(t($0.rawValue)) } ?? .blank
            if change.fields.isEmpty {
                rows.append((base + [.blank, .blank, .blank, .text(note), direction], change.change))
            }
            for field in change.fields {
                rows.append(
                    (
                        base + [
                            .text(field.name), .text(zone.shift(field.before ?? "")), .text(zone.shift(field.after ?? "")),
                            .text([field.note, note.isEmpty ? nil : note].compactMap { $0 }.joined(separator: "; ")), direction,
                        ],
                        change.change
                    ))
            }
        }
        let kept = Self.nonEmptyColumns(columns.count, rows: rows.map(\.0), always: [0, 3, 5])
        // Long texts wrap so the sheet stays readable at one page wide.
        let wrapping = Set([
            t("Computer name"), t("Key"), t("Field or path"), t("Before"), t("After"), t("Note"),
            lang.attributeHeader("Name"), lang.attributeHeader("Publisher"),
        ])
        let keptColumns = kept.map { columns[$0] }
        let layout = TableLayout(
            columns: keptColumns, tabColor: ReportStyles.tabChanges, frozenColumns: (kept.firstIndex(of: 3) ?? 0) + 1,
            page: page(), wrapColumns: Set(keptColumns.indices.filter { wrapping.contains(keptColumns[$0]) }), wrapWidth: 28)
        let writer = makeTable(changesName, layout: layout, planned: changesPlacement?.sheetNames ?? [])
        for (row, kind) in rows {
            try writer.append(kept.map { $0 < row.count ? row[$0] : .blank }, format: styles?.kinds[kind])
        }
        try finish(writer, original: changesName)
    }

    // MARK: Inventory types

    mutating func inventorySheet(_ typeName: String) throws {
        let present = try store.attributeNames(snapshotId: snapshot.id, typeName: typeName)
        let withValues = try store.attributeNamesWithValues(snapshotId: snapshot.id, typeName: typeName)
        var attributeColumns: [String] = []
        if let info = BuiltInTypes.info(for: typeName) {
            for name in info.orderedAttributes {
                if let match = present.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
                    attributeColumns.append(match)
                }
            }
        }
        for name in present where !attributeColumns.contains(name) { attributeColumns.append(name) }
        // Attributes with no value on any row are left out (they print as empty columns).
        attributeColumns = attributeColumns.filter { withValues.contains($0) }
        let builtIn = BuiltInTypes.info(for: typeName) != nil
        let headers = attributeColumns.map { name -> String in
            let zoneOfColumn = name.hasSuffix("Time") ? zone : nil
            if builtIn { return lang.attributeHeader(name, zone: zoneOfColumn) }
            return zoneOfColumn.map { "\(name) (\($0.name))" } ?? name
        }
        let columns =
            ["Account ID", "Region", "Node ID", "Computer name"].map(t) + headers
            + [lang.timeHeader("Capture time", zone: zone)]
        let layout = TableLayout(columns: columns, tabColor: ReportStyles.tabInventory, frozenColumns: 3, page: page())
        let placement = typePlacements[typeName]
        let writer = makeTable(placement?.sheetNames.first ?? typeName, layout: layout, planned: placement?.sheetNames ?? [])
        let nodesById = Dictionary(nodes.map { ($0.nodeId, $0) }, uniquingKeysWith: { a, _ in a })
        let captureTimes = Dictionary(
            coverage.filter { $0.typeName == typeName }.map { ($0.nodeId, $0.captureTime) }, uniquingKeysWith: { a, _ in a })
        var failure: (any Error)?
        var rowsInSheet = 0
        let (progress, sheetsDone, rowsDone) = (options.progress, sheets.count, rowsWritten)
        try store.forEachEntry(snapshotId: snapshot.id, typeName: typeName) { entry in
            guard failure == nil else { return }
            let node = nodesById[entry.nodeId]
            var cells: [ReportCell] = [
                .text(node?.accountId ?? ""), .text(node?.region ?? ""), .text(entry.nodeId), .text(node?.computerName ?? ""),
            ]
            for name in attributeColumns {
                let value = entry.attributes[name] ?? ""
                if name.hasSuffix("Time"), value.utf8.contains(UInt8(ascii: "-")) {
                    cells.append(.dateTime(value))
                } else {
                    cells.append(.text(value))
                }
            }
            cells.append(.dateTime(captureTimes[entry.nodeId] ?? nil))
            do { try writer.append(cells) } catch { failure = error }
            rowsInSheet += 1
            if rowsInSheet % 50_000 == 0 {
                progress?(ExportProgress(sheetsDone: sheetsDone, rowsWritten: rowsDone + rowsInSheet, currentSheet: typeName))
            }
        }
        if let failure { throw failure }
        try finish(writer, original: typeName)
    }

    // MARK: Config resources

    mutating func resourceSheet(_ resourceType: String) throws {
        let used = try store.resourceColumnsWithValues(snapshotId: snapshot.id, resourceType: resourceType)
        let all: [(key: String?, header: String)] = [
            (nil, t("Account ID")), (nil, t("Region")), (nil, t("Resource ID")), ("resource_name", t("Resource name")),
            ("arn", t("ARN")), ("status", t("Status")), ("capture_time", lang.timeHeader("Capture time", zone: zone)),
            ("availability_zone", t("Availability zone")), ("configuration_state_id", t("Configuration state ID")),
            ("tags", t("Tags")), ("configuration", t("Configuration")),
            ("supplementary_configuration", t("Supplementary configuration")), ("relationships", t("Relationships")),
            (nil, t("Payload")),
        ]
        let kept = all.indices.filter { index in all[index].key.map { used.contains($0) } ?? true }
        let layout = TableLayout(
            columns: kept.map { all[$0].header }, tabColor: ReportStyles.tabConfig, frozenColumns: 3, page: page())
        let name = namerBox.namer.name(for: resourceType)
        let writer = makeTable(name, layout: layout)
        var failure: (any Error)?
        let lang = self.lang
        try store.forEachResource(snapshotId: snapshot.id, resourceType: resourceType) { resource in
            guard failure == nil else { return }
            let payload: String
            if resource.contentInInventory {
                payload = lang.text("included; rows also on the inventory sheets")
            } else if resource.configuration == nil, resource.payloadIncluded {
                payload = lang.text("none: status only") + " (\(resource.status ?? "-"))"
            } else if !resource.payloadIncluded {
                payload = lang.text("summary only") + (resource.s3Location.map { "; \(lang.text("full item in S3")): \($0)" } ?? "")
            } else {
                payload = lang.text("included")
            }
            let cells: [ReportCell] = [
                .text(resource.accountId ?? ""), .text(resource.region ?? ""), .text(resource.resourceId),
                .text(resource.resourceName ?? ""), .text(resource.arn ?? ""), .text(resource.status ?? ""),
                .dateTime(resource.captureTime), .text(resource.availabilityZone ?? ""),
                .text(resource.configurationStateId ?? ""), .text(resource.tags == "{}" ? "" : resource.tags),
                .text(resource.configuration ?? ""), .text(resource.supplementaryConfiguration ?? ""),
                .text(resource.relationships == "[]" ? "" : resource.relationships), .text(payload),
            ]
            do { try writer.append(kept.map { cells[$0] }) } catch { failure = error }
        }
        if let failure { throw failure }
        try finish(writer, original: resourceType)
    }

    // MARK: About

    mutating func aboutSheet() throws {
        let files = try store.sourceFiles(snapshotId: snapshot.id)
        let layout = TableLayout(
            columns: [t("Item"), t("Value"), "", "", "", "", ""], tabColor: ReportStyles.tabAbout, page: page(),
            wrapColumns: [0, 1, 6], wrapWidth: 60)
        let writer = makeTable(aboutName, layout: layout)
        func row(_ item: String, _ value: ReportCell) throws { try writer.append([.text(t(item)), value]) }
        try row("Tool", .text("inventory \(InventoryVersion.current) (libxlsxwriter \(libxlsxwriterVersion()))"))
        try row("Snapshot", .text(describe(snapshot)))
        try writer.append([.text(lang.timeHeader("Ingested at", zone: zone)), .text(shownTime(snapshot.ingestedAt.iso8601))])
        try row("Complete", .text(t(snapshot.complete ? "yes" : "NO: a paged capture ended with a NextToken; some nodes may be missing")))
        if let base = diff?.base { try row("Compared with", .text(describe(base))) }
        try row(
            "Counts",
            .text(
                lang == .ja
                    ? "ノード \(snapshot.nodeCount)、インベントリ行 \(snapshot.entryCount)、Config リソース \(snapshot.resourceCount)"
                    : "\(snapshot.nodeCount) nodes, \(snapshot.entryCount) inventory rows, \(snapshot.resourceCount) Config resources"))
        try row("Time zone", .text(zone.describe(at: snapshot.takenAt)))
        try row("Paper", .text(options.paper == .a4 ? "A4" : "Letter"))
        try writer.append([])
        try writer.append(
            ["Path", "Format", "Status", "Records", "Size (bytes)", "SHA-256", "Message"].map { .text(t($0)) }, format: styles?.title)
        for file in files {
            try writer.append([
                .text(file.path), .text(file.format?.rawValue ?? ""), .text(t(file.status.rawValue)), .integer(file.records),
                .integer(file.bytes),
                .text(file.sha256), .text(file.message ?? ""),
            ])
        }
        try writer.append([])
        try writer.append([.text(t("Original name")), .text(t("Sheet"))], format: styles?.title)
        for (original, sheet) in namerBox.namer.mapping { try writer.append([.text(original), .text(sheet)]) }
        var allWarnings = warnings
        if textStats.truncatedCells > 0 {
            allWarnings.append(
                lang == .ja
                    ? "Excel の上限を超える \(textStats.truncatedCells) 個のセルを印付きで切り詰めた (ストアには全体が残っている)"
                    : "\(textStats.truncatedCells) cells were longer than Excel allows and were cut with a marker; the store keeps the full values"
            )
        }
        if textStats.replacedCharacters > 0 {
            allWarnings.append(
                lang == .ja
                    ? "Excel が保持できない文字 (NUL, U+FFFE, U+FFFF) \(textStats.replacedCharacters) 個 (\(textStats.cellsWithReplacements) セル) を U+FFFD に置き換えた"
                    : "\(textStats.replacedCharacters) characters Excel cannot hold (NUL, U+FFFE, U+FFFF) in \(textStats.cellsWithReplacements) cells were replaced with U+FFFD"
            )
        }
        if linksLeftOut > 0 {
            allWarnings.append(
                lang == .ja
                    ? "Excel の 1 シートあたりのリンク上限 (\(XlsxLimits.maxURLsPerSheet)) により \(linksLeftOut) 個のリンクを省いた"
                    : "\(linksLeftOut) links were left out: Excel holds at most \(XlsxLimits.maxURLsPerSheet) links a sheet")
        }
        exportWarnings = allWarnings
        for file in files { for warning in file.warnings { allWarnings.append(warning.description) } }
        try writer.append([])
        try writer.append([.text(t("Warnings")), .integer(allWarnings.count)], format: styles?.title)
        for warning in allWarnings { try writer.append([.text(warning)]) }
        try finish(writer, original: aboutName)
        warnings = allWarnings
    }

    /// A stored UTC time as text in the report's zone.
    private func shownTime(_ text: String) -> String { zone.shift(text) }

    private func describe(_ snapshot: SnapshotInfo) -> String {
        var text = "#\(snapshot.id)"
        if let label = snapshot.label { text += " \(label)" }
        if let taken = snapshot.takenAt {
            text += lang == .ja ? "、収集 \(zone.shift(taken.iso8601))" : ", taken \(zone.shift(taken.iso8601))"
        }
        return text
    }
}

/// Lets the sheet-name callback of a table update the export's one namer.
final class NamerBox {
    var namer: SheetNamer
    init(_ namer: SheetNamer) { self.namer = namer }
}
