import InventoryModel
import SnapshotStore

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
        var line =
            "snapshot \(name) taken \(snapshot.takenAt?.iso8601 ?? "at an unknown time"): \(snapshot.nodeCount) nodes, "
            + "\(snapshot.entryCount) inventory rows, \(snapshot.resourceCount) Config resources from \(files.count) file\(files.count == 1 ? "" : "s")"
        if refused > 0 { line += ", \(refused) refused" }
        if failed > 0 { line += ", \(failed) failed" }
        if !snapshot.complete { line += " [INCOMPLETE]" }
        return line
    }
}

extension IngestResult {
    /// Where a backfilled capture slots in, for a new snapshot captured before snapshots already
    /// stored: `snapshot 3, taken 2026-10-01, sorts before #1 (taken 2026-11-01); latest is still #2`;
    /// nil otherwise.
    public func placement(in store: InventoryStore) throws(InventoryError) -> String? {
        guard status == .created, let taken = snapshot.takenAt else { return nil }
        let all = try store.snapshots()
        guard let index = all.firstIndex(where: { $0.id == snapshot.id }), index + 1 < all.count else { return nil }
        let next = all[index + 1]
        var line = "snapshot \(snapshot.id), taken \(taken.iso8601.prefix(10)), sorts before #\(next.id)"
        if let nextTaken = next.takenAt { line += " (taken \(nextTaken.iso8601.prefix(10)))" }
        return line + "; latest is still #\(all[all.count - 1].id)"
    }
}
