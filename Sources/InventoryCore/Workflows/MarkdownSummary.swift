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
        var text =
            "## Inventory: snapshot \(snapshot.id)\n\nFirst snapshot (\(snapshot.nodeCount) nodes, \(snapshot.entryCount) rows); nothing to compare yet.\n"
        if let workbook { text += "\nWorkbook: `\(workbook)`\n" }
        try append(text, to: path)
    }

    /// Why `path` must not receive a summary, or nil: it is the store, an input file or inside an
    /// input folder (appending would corrupt it or feed the summary back in), a folder, or an
    /// existing SQLite database.
    public static func problem(with path: String, store: String, inputs: [String]) -> String? {
        func canonical(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        let target = canonical(path)
        if target == canonical(store) { return "\(path) is the store; name another file for --summary-markdown" }
        for input in inputs where input != "-" {
            let source = canonical(input)
            if target == source || target.hasPrefix(source.hasSuffix("/") ? source : source + "/") {
                return "\(path) is among the input (\(input)); name a file outside it for --summary-markdown"
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return "\(path) is a directory; --summary-markdown takes a file" }
            if let handle = FileHandle(forReadingAtPath: path) {
                defer { try? handle.close() }
                if let head = try? handle.read(upToCount: 16), head.starts(with: Array("SQLite format 3".utf8)) {
                    return "\(path) is an SQLite database; --summary-markdown appends text and would damage it"
                }
            }
        }
        return nil
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
            throw .unreadable(path: path, message: "cannot write the Markdown summary: \(SystemErrorText.of(error))")
        }
    }
}
