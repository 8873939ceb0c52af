import Foundation
import InventoryModel
import InventoryReport
import SnapshotStore

/// `1 snapshot`, `2 snapshots`.
func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

extension InventoryStore.PruneResult {
    /// `removed 3 snapshots (1, 2, 3); 5 kept; store 9437184 → 3145728 bytes`, or what a dry run
    /// would do, with a note when labels kept matching snapshots.
    public func summaryLine(dryRun: Bool) -> String {
        let ids = removed.map { "\($0.id)" }.joined(separator: ", ")
        var line: String
        if removed.isEmpty {
            line = "nothing to prune; \(counted(kept, "snapshot")) kept"
        } else if dryRun {
            line = "would remove \(counted(removed.count, "snapshot")) (\(ids)); \(kept) would be kept"
        } else {
            line = "removed \(counted(removed.count, "snapshot")) (\(ids)); \(kept) kept; store \(bytesBefore) → \(bytesAfter) bytes"
        }
        guard !keptForLabel.isEmpty else { return line }
        // Why matching snapshots stayed: their labels (`--include-labelled` removes them too).
        let count = keptForLabel.count
        let names = keptForLabel.prefix(5).map { $0.label ?? "\($0.id)" }.joined(separator: ", ")
        line += "; \(count) labelled snapshot\(count == 1 ? "" : "s") kept (\(names)\(count > 5 ? ", …" : ""))"
        return line + "; --include-labelled removes \(count == 1 ? "it" : "them")"
    }
}

extension InventoryStore.Verification {
    /// `PATH: sound (schema v3, integrity and foreign keys ok)`, or the problems, one a line.
    public func text(path: String) -> String {
        guard !isSound else { return "\(path): sound (schema \(schemaVersion), integrity and foreign keys ok)" }
        return
            (["\(path): PROBLEMS (schema \(schemaVersion))"] + integrityProblems.map { "  integrity: \($0)" }
            + foreignKeyProblems.map { "  foreign key: \($0)" }).joined(separator: "\n")
    }
}

/// `inventory snapshots` as an aligned table.
public enum SnapshotTable {
    /// One line per snapshot under a header; `incomplete` where a paged capture ended with a token.
    public static func text(_ snapshots: [SnapshotInfo]) -> String {
        var table = [["ID", "LABEL", "TAKEN AT", "NODES", "ROWS", "RESOURCES", "FILES", "NOTE"]]
        for snapshot in snapshots {
            table.append([
                "\(snapshot.id)", snapshot.label ?? "-", snapshot.takenAt?.iso8601 ?? "-", "\(snapshot.nodeCount)",
                "\(snapshot.entryCount)", "\(snapshot.resourceCount)", "\(snapshot.fileCount)", snapshot.complete ? "" : "incomplete",
            ])
        }
        return TextTable.render(table)
    }
}
