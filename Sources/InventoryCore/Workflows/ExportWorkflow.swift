import InventoryDiff
import InventoryModel
import InventoryReport
import SnapshotStore

/// `inventory export` as xlsx or CSV: one consistent read of the store (a `prune` in another
/// process waits for it), the Changes sheet against `base` or the previous snapshot, and an
/// optional Timeline sheet.
public struct ExportWorkflow: Sendable {
    /// The snapshot reference (`latest`, an id, a label, `latest~N`, a date).
    public var snapshot = "latest"
    /// The Changes sheet's base reference; nil for the snapshot before.
    public var base: String?
    /// Leave out the Changes sheet.
    public var noChanges = false
    /// Add a Timeline sheet (every change up to this snapshot, as `inventory history`).
    public var history = false
    /// CSV files into a folder instead of one workbook.
    public var csv = false
    /// With `csv`: a UTF-8 byte-order mark at the start of each file.
    public var byteOrderMark = false
    /// The workbook, or the CSV folder.
    public var output: String

    public init(output: String) { self.output = output }

    /// Why these settings cannot work, or nil (CSV written over a workbook name).
    public var problem: String? {
        guard csv, [".xlsx", ".xls"].contains(where: { output.lowercased().hasSuffix($0) }) else { return nil }
        return "--format csv writes a directory of CSV files; \(output) names a workbook (use --format xlsx, or a directory)"
    }

    /// Writes the export.
    /// - Throws: `.unknownSnapshot`, `.report` naming the file, store errors, `.interrupted`.
    public func run(store: InventoryStore, options: ExportOptions) throws(InventoryError) -> ExportResult {
        try store.consistently { () throws(InventoryError) -> ExportResult in
            let target = try store.resolve(snapshot)
            let diff = noChanges ? nil : try SnapshotPair.changes(store: store, target: target, base: base)
            let report = WorkbookReport(store: store, options: try History.adding(history, to: options, store: store, until: target))
            if csv { return try report.writeCSV(snapshot: target, diff: diff, directory: output, byteOrderMark: byteOrderMark) }
            return try report.write(snapshot: target, diff: diff, to: output)
        }
    }
}

extension ExportResult {
    /// `wrote demo.xlsx: 12 sheets, 175 rows (snapshot 2, changes against 1)`.
    public var summaryLine: String {
        let rows = sheets.reduce(0) { $0 + $1.rows }
        return "wrote \(path): \(sheets.count) sheets, \(rows) rows (snapshot \(snapshot.id)"
            + (base.map { ", changes against \($0.id)" } ?? "") + ")"
    }
}
