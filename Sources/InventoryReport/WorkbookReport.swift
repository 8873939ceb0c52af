import Foundation
import InventoryDiff
import InventoryModel
import SnapshotStore
import XlsxWriter

/// Options of one workbook export.
public struct ExportOptions: Sendable {
    public var language: ReportLanguage
    /// libxlsxwriter's temporary-file directory (`--tmpdir`).
    public var tmpdir: String?
    /// Document creation time; default the snapshot's capture time (so exports are repeatable).
    public var created: Date?
    /// Data rows per sheet before a continuation sheet starts (Excel's limit unless testing).
    public var rowsPerSheet: Int
    /// Cell text limit in UTF-16 units (Excel's unless testing).
    public var cellLimit: Int
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

/// Builds the workbook of one snapshot (DESIGN.md "Workbook"): Summary, Changes (with a base),
/// one sheet per inventory type and per Config resource type, About. Written atomically through
/// the XlsxWriter wrapper in constant-memory mode.
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
                var builder = try Builder(workbook: workbook, store: store, options: options, snapshot: snapshot, diff: diff)
                try builder.build()
                return ExportResult(path: path, snapshot: snapshot, base: diff?.base, sheets: builder.sheets,
                                    warnings: builder.warnings, exportWarnings: builder.exportWarnings)
            }
        } catch let error as InventoryError {
            throw error
        } catch let error as XlsxError {
            throw .report(message: "\(path): \(error)")
        } catch {
            throw .report(message: "\(path): \(error)")
        }
    }
}

extension WorkbookReport {
    /// Writes the same tables as CSV files (RFC 4180, one per sheet, no chart) into `directory`,
    /// created if missing. Each file appears atomically.
    /// - Throws: `InventoryError.report`.
    public func writeCSV(snapshot: SnapshotInfo, diff: DiffResult?, directory: String, byteOrderMark: Bool)
        throws(InventoryError) -> ExportResult
    {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var builder = try Builder(
                workbook: nil, csv: .init(directory: directory, byteOrderMark: byteOrderMark), store: store,
                options: options, snapshot: snapshot, diff: diff)
            try builder.build()
            // Files from an earlier export (a Changes.csv when this one has none) would read as
            // part of this one: say so rather than delete files we did not write.
            let written = Set(builder.sheets.map { $0.name + ".csv" })
            let stale = (try? FileManager.default.contentsOfDirectory(atPath: directory))?
                .filter { $0.hasSuffix(".csv") && !written.contains($0) }.sorted() ?? []
            var exportWarnings = builder.exportWarnings
            if !stale.isEmpty {
                exportWarnings.append("\(directory) also holds \(stale.joined(separator: ", ")) from an earlier export; they are not part of this one")
            }
            return ExportResult(path: directory, snapshot: snapshot, base: diff?.base, sheets: builder.sheets,
                                warnings: builder.warnings + exportWarnings.filter { $0.contains("earlier export") },
                                exportWarnings: exportWarnings)
        } catch let error as InventoryError {
            throw error
        } catch {
            throw .report(message: "\(directory): \(error)")
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
    let lang: ReportLanguage
    let namerBox = NamerBox(SheetNamer())
    var sheets: [ExportResult.Sheet] = []
    var warnings: [String] = []
    var exportWarnings: [String] = []
    var rowsWritten = 0
    var textStats = ExcelText.Stats()
    let nodes: [ManagedNode]
    let coverage: [CoverageInfo]
    let typeNames: [String]
    let resourceTypes: [String]

    init(
        workbook: Workbook?, csv: CSVTableWriter.Target? = nil, store: InventoryStore, options: ExportOptions,
        snapshot: SnapshotInfo, diff: DiffResult?
    ) throws {
        self.workbook = workbook
        self.csv = csv
        self.store = store
        self.options = options
        self.snapshot = snapshot
        self.diff = diff
        self.lang = options.language
        styles = try workbook.map { try ReportStyles(workbook: $0) }
        nodes = try store.nodes(snapshotId: snapshot.id)
        coverage = try store.coverage(snapshotId: snapshot.id)
        typeNames = try store.typeNames(snapshotId: snapshot.id)
        resourceTypes = try store.resourceTypes(snapshotId: snapshot.id)
    }

    private func t(_ english: String) -> String { lang.text(english) }

    mutating func finish(_ writer: any TableSink, original: String) throws {
        try writer.finish()
        for (index, name) in writer.sheetNames.enumerated() {
            sheets.append(.init(name: name, rows: writer.rowsPerSheet[index]))
            rowsWritten += writer.rowsPerSheet[index]
            options.progress?(ExportProgress(sheetsDone: sheets.count, rowsWritten: rowsWritten, currentSheet: name))
            if index > 0 {
                warnings.append("\(original): more rows than one sheet holds; continued on sheet '\(name)' with the header repeated")
            }
        }
        textStats.replacedCharacters += writer.text.stats.replacedCharacters
        textStats.cellsWithReplacements += writer.text.stats.cellsWithReplacements
        textStats.truncatedCells += writer.text.stats.truncatedCells
    }

    /// Sheet names come from one namer shared by all tables, so they stay unique. `columns` are
    /// final: callers translate the tool's own headers and leave attribute and type names as AWS
    /// spells them.
    func makeTable(_ original: String, columns: [String], tab: UInt32, fixed: Bool) -> any TableSink {
        let box = namerBox
        let namer: (String) -> String = { name in
            fixed && !name.hasSuffix(")") ? box.namer.reserve(name) : box.namer.name(for: name)
        }
        let name = fixed ? t(original) : original
        if let workbook, let styles {
            return TableSheetWriter(
                workbook: workbook, styles: styles, originalName: name, columns: columns, tabColor: tab,
                rowCap: options.rowsPerSheet, text: ExcelText(limit: options.cellLimit), namer: namer)
        }
        return CSVTableWriter(target: csv ?? .init(directory: ".", byteOrderMark: false), originalName: name,
                              columns: columns, namer: namer)
    }

    mutating func build() throws {
        try summarySheet()
        if diff != nil { try changesSheet() }
        for typeName in typeNames { try inventorySheet(typeName) }
        for resourceType in resourceTypes { try resourceSheet(resourceType) }
        try aboutSheet()
    }

    // MARK: Summary

    mutating func summarySheet() throws {
        var counts: [String: [String: Int]] = [:]
        for entry in coverage { counts[entry.nodeId, default: [:]][entry.typeName] = entry.entryCount }
        var changeCounts: [String: Int] = [:]
        for change in diff?.changes ?? [] where change.change != .notCaptured && change.change != .newlyCaptured { changeCounts[change.resourceId, default: 0] += 1 }
        var columns = [
            "Account ID", "Region", "Node ID", "Computer name", "Platform", "Platform version", "Agent version",
            "IP address", "Status", "Ping status", "Last capture",
        ].map(t)
        columns += typeNames
        columns.append(t("Rows"))
        if diff != nil { columns.append(t("Changes (count)")) }
        let writer = makeTable("Summary", columns: columns, tab: ReportStyles.tabSummary, fixed: true)
        var totals = Array(repeating: 0, count: typeNames.count + 2)
        var platforms: [String: Int] = [:]
        var statuses: [String: Int] = [:]
        for node in nodes {
            var cells: [ReportCell] = [
                .text(node.accountId ?? ""), .text(node.region ?? ""), .text(node.nodeId), .text(node.computerName ?? ""),
                .text(node.platformName ?? node.platformType ?? ""), .text(node.platformVersion ?? ""),
                .text(node.agentVersion ?? ""), .text(node.ipAddress ?? ""), .text(node.status ?? ""),
                .text(node.pingStatus ?? ""), .dateTime(node.lastCaptureTime),
            ]
            var rowTotal = 0
            for (index, type) in typeNames.enumerated() {
                if let count = counts[node.nodeId]?[type] {
                    cells.append(.integer(count))
                    totals[index] += count
                    rowTotal += count
                } else {
                    cells.append(.blank)
                }
            }
            cells.append(.integer(rowTotal))
            totals[typeNames.count] += rowTotal
            if diff != nil {
                let changes = changeCounts[node.nodeId] ?? 0
                cells.append(.integer(changes))
                totals[typeNames.count + 1] += changes
            }
            platforms[node.platformName ?? node.platformType ?? "(unknown)", default: 0] += 1
            statuses[node.status ?? "(no status)", default: 0] += 1
            try writer.append(cells)
        }
        var totalCells: [ReportCell] = [.text(t("Total")), .blank, .text("\(t("Nodes")): \(nodes.count)")]
        totalCells += Array(repeating: .blank, count: 8)
        for index in 0..<(typeNames.count + 1) { totalCells.append(.integer(totals[index])) }
        if diff != nil { totalCells.append(.integer(totals[typeNames.count + 1])) }
        try writer.append(totalCells, format: styles?.total)
        // Nodes per platform, below the node table under the Platform column (so column A stays
        // narrow), feeding the chart.
        try writer.append([])
        let lead: [ReportCell] = Array(repeating: .blank, count: 4)
        try writer.append(lead + [.text(t("Nodes per platform")), .text(t("Nodes"))], format: styles?.title)
        let firstPlatformRow = nodes.count + 4
        let sortedPlatforms = platforms.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        for (platform, count) in sortedPlatforms {
            try writer.append(lead + [.text(platform), .integer(count)])
        }
        // Nodes per status (Active, ConnectionLost, Terminated, …): terminated nodes are not live.
        try writer.append([])
        try writer.append(lead + [.text(t("Nodes per status")), .text(t("Nodes"))], format: styles?.title)
        for (status, count) in statuses.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            try writer.append(lead + [.text(status), .integer(count)])
        }
        if let workbook, let sheet = (writer as? TableSheetWriter)?.currentWorksheet {
            try sheet.setLandscape()
            try sheet.fitToPages(width: 1, height: 0)
            if !sortedPlatforms.isEmpty, writer.sheetNames.count == 1 {
                let chart = try workbook.addChart(.pie)
                let last = firstPlatformRow + sortedPlatforms.count - 1
                try chart.addSeries(
                    name: t("Nodes per platform"),
                    categories: ChartRange(sheet: sheet, column: 4, firstRow: firstPlatformRow, lastRow: last),
                    values: ChartRange(sheet: sheet, column: 5, firstRow: firstPlatformRow, lastRow: last))
                try chart.setTitle(t("Nodes per platform"))
                try sheet.insertChart(row: firstPlatformRow - 1, column: 7, chart)
            }
        }
        try finish(writer, original: "Summary")
    }

    // MARK: Changes

    mutating func changesSheet() throws {
        guard let diff else { return }
        let columns = ["Kind", "Account ID", "Region", "Node ID", "Computer name", "Type", "Key", "Field", "Before", "After", "Note"].map(t)
        let writer = makeTable("Changes", columns: columns, tab: ReportStyles.tabChanges, fixed: true)
        for change in diff.changes {
            let format = styles?.kinds[change.change]
            let base: [ReportCell] = [
                .text(t(change.change.rawValue)), .text(change.accountId ?? ""), .text(change.region ?? ""),
                .text(change.resourceId), .text(change.computerName ?? ""), .text(change.typeName), .text(change.key),
            ]
            if change.fields.isEmpty {
                try writer.append(base + [.blank, .blank, .blank, .text(change.note ?? "")], format: format)
            }
            for field in change.fields {
                try writer.append(
                    base + [.text(field.name), .text(field.before ?? ""), .text(field.after ?? ""), .text(change.note ?? "")],
                    format: format)
            }
        }
        try finish(writer, original: "Changes")
    }

    // MARK: Inventory types

    mutating func inventorySheet(_ typeName: String) throws {
        let present = try store.attributeNames(snapshotId: snapshot.id, typeName: typeName)
        var attributeColumns: [String] = []
        if let info = BuiltInTypes.info(for: typeName) {
            for name in info.orderedAttributes {
                if let match = present.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
                    attributeColumns.append(match)
                }
            }
        }
        for name in present where !attributeColumns.contains(name) { attributeColumns.append(name) }
        let columns = ["Account ID", "Region", "Node ID", "Computer name"].map(t) + attributeColumns + [t("Capture time")]
        let writer = makeTable(typeName, columns: columns, tab: ReportStyles.tabInventory, fixed: false)
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
        let columns = [
            "Account ID", "Region", "Resource ID", "Resource name", "ARN", "Status", "Capture time", "Availability zone",
            "Configuration state ID", "Tags", "Configuration", "Supplementary configuration", "Relationships", "Payload",
        ].map(t)
        let writer = makeTable(resourceType, columns: columns, tab: ReportStyles.tabConfig, fixed: false)
        var failure: (any Error)?
        try store.forEachResource(snapshotId: snapshot.id, resourceType: resourceType) { resource in
            guard failure == nil else { return }
            let payload: String
            if resource.contentInInventory {
                payload = "included; rows also on the inventory sheets"
            } else if resource.configuration == nil, resource.payloadIncluded {
                payload = "none: status only (\(resource.status ?? "no status"))"
            } else if !resource.payloadIncluded {
                payload = "summary only" + (resource.s3Location.map { "; full item in S3: \($0)" } ?? "")
            } else {
                payload = "included"
            }
            do {
            try writer.append([
                .text(resource.accountId ?? ""), .text(resource.region ?? ""), .text(resource.resourceId),
                .text(resource.resourceName ?? ""), .text(resource.arn ?? ""), .text(resource.status ?? ""),
                .dateTime(resource.captureTime), .text(resource.availabilityZone ?? ""),
                .text(resource.configurationStateId ?? ""), .text(resource.tags == "{}" ? "" : resource.tags),
                .text(resource.configuration ?? ""), .text(resource.supplementaryConfiguration ?? ""),
                .text(resource.relationships == "[]" ? "" : resource.relationships), .text(payload),
            ])
            } catch { failure = error }
        }
        if let failure { throw failure }
        try finish(writer, original: resourceType)
    }

    // MARK: About

    mutating func aboutSheet() throws {
        let files = try store.sourceFiles(snapshotId: snapshot.id)
        let writer = makeTable("About", columns: [t("Item"), t("Value"), "", "", "", "", ""], tab: ReportStyles.tabAbout, fixed: true)
        func row(_ item: String, _ value: String) throws { try writer.append([.text(t(item)), .text(value)]) }
        try row("Tool", "inventory \(InventoryVersion.current) (libxlsxwriter \(libxlsxwriterVersion()))")
        try row("Snapshot", describe(snapshot))
        try row("Ingested at", snapshot.ingestedAt.iso8601)
        try row("Complete", snapshot.complete ? "yes" : "NO: a paged capture ended with a NextToken; some nodes may be missing")
        if let base = diff?.base { try row("Compared with", describe(base)) }
        try row("Counts", "\(snapshot.nodeCount) nodes, \(snapshot.entryCount) inventory rows, \(snapshot.resourceCount) Config resources")
        try writer.append([])
        try writer.append(["Path", "Format", "Status", "Records", "Bytes", "SHA-256", "Message"].map { .text(t($0)) }, format: styles?.title)
        for file in files {
            try writer.append([
                .text(file.path), .text(file.format?.rawValue ?? ""), .text(file.status.rawValue), .integer(file.records), .integer(file.bytes),
                .text(file.sha256), .text(file.message ?? ""),
            ])
        }
        try writer.append([])
        try writer.append([.text(t("Original name")), .text(t("Sheet"))], format: styles?.title)
        for (original, sheet) in namerBox.namer.mapping { try writer.append([.text(original), .text(sheet)]) }
        var allWarnings = warnings
        if textStats.truncatedCells > 0 {
            allWarnings.append("\(textStats.truncatedCells) cells were longer than Excel allows and were cut with a marker; the store keeps the full values")
        }
        if textStats.replacedCharacters > 0 {
            allWarnings.append("\(textStats.replacedCharacters) characters Excel cannot hold (NUL, U+FFFE, U+FFFF) in \(textStats.cellsWithReplacements) cells were replaced with U+FFFD")
        }
        exportWarnings = allWarnings
        for file in files { for warning in file.warnings { allWarnings.append(warning.description) } }
        try writer.append([])
        try writer.append([.text(t("Warning")), .text("\(allWarnings.count)")], format: styles?.title)
        for warning in allWarnings { try writer.append([.text(warning)]) }
        try finish(writer, original: "About")
        warnings = allWarnings
    }

    private func describe(_ snapshot: SnapshotInfo) -> String {
        var text = "#\(snapshot.id)"
        if let label = snapshot.label { text += " \(label)" }
        if let taken = snapshot.takenAt { text += ", taken \(taken)" }
        return text
    }
}

/// Lets the sheet-name callback of a table update the export's one namer.
final class NamerBox {
    var namer: SheetNamer
    init(_ namer: SheetNamer) { self.namer = namer }
}
