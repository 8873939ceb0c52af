import Foundation
import InventoryDiff
import InventoryModel
import InventoryReport

/// `--summary-markdown FILE`: appends (GitHub step summaries are appended to) a Markdown report.
public enum MarkdownSummary {
    /// Appends the diff's Markdown, naming the workbook when one was written.
    /// - Throws: `InventoryError.unreadable` naming the file when it cannot be created or written.
    public static func write(_ diff: DiffResult, workbook: String?, to path: String) throws(InventoryError) {
        try append(DiffMarkdownRenderer().render(diff, workbook: workbook), to: path)
    }

    /// The first snapshot's summary: nothing to compare yet.
    public static func writeFirst(snapshot: SnapshotInfo, workbook: String?, to path: String) throws(InventoryError) {
        var text = "## Inventory: snapshot \(snapshot.id)\n\nFirst snapshot (\(snapshot.nodeCount) nodes, \(snapshot.entryCount) rows); nothing to compare yet.\n"
        if let workbook { text += "\nWorkbook: `\(workbook)`\n" }
        try append(text, to: path)
    }

    /// A rerun on input identical to a stored snapshot: `no new changes since snapshot N`.
    public static func writeUnchanged(snapshot: SnapshotInfo, workbook: String?, to path: String) throws(InventoryError) {
        var text = "## Inventory: snapshot \(snapshot.id)\n\nInput unchanged: no new changes since snapshot \(snapshot.id).\n"
        if let workbook { text += "\nWorkbook: `\(workbook)`\n" }
        try append(text, to: path)
    }

    private static func append(_ text: String, to path: String) throws(InventoryError) {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw .unreadable(path: path, message: "cannot create the Markdown summary")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw .unreadable(path: path, message: "cannot write the Markdown summary")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .unreadable(path: path, message: "cannot write the Markdown summary: \(error.localizedDescription)")
        }
    }
}
