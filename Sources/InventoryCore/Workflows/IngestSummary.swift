import InventoryModel

extension IngestResult {
    /// The one-line human summary `ingest` prints:
    /// `snapshot 2 (t2) taken 2026-11-15T02:51:36Z: 6 nodes, 96 inventory rows, 9 Config resources from 16 files`.
    public var summaryLine: String {
        let name = snapshot.label.map { "\(snapshot.id) (\($0))" } ?? "\(snapshot.id)"
        if status == .unchanged {
            return "input unchanged: identical to snapshot \(name); nothing stored"
        }
        let refused = files.filter { $0.status == .refused }.count
        let failed = files.filter { $0.status == .failed }.count
        var line = "snapshot \(name) taken \(snapshot.takenAt?.iso8601 ?? "at an unknown time"): \(snapshot.nodeCount) nodes, "
            + "\(snapshot.entryCount) inventory rows, \(snapshot.resourceCount) Config resources from \(files.count) files"
        if refused > 0 { line += ", \(refused) refused" }
        if failed > 0 { line += ", \(failed) failed" }
        if !snapshot.complete { line += " [INCOMPLETE]" }
        return line
    }
}
