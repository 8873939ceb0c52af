import InventoryDiff
import InventoryModel
import SnapshotStore

/// Which two snapshots a diff or a workbook's Changes sheet compares.
public enum SnapshotPair {
    /// `diff`'s BASE/TARGET: TARGET defaults to `latest`, BASE to the snapshot before TARGET.
    /// - Throws: `.unknownSnapshot` for a reference that matches nothing, or when TARGET is the first snapshot.
    public static func resolve(store: InventoryStore, base: String?, target: String?) throws(InventoryError)
        -> (SnapshotInfo, SnapshotInfo)
    {
        let targetSnapshot = try store.resolve(target ?? "latest")
        if let base { return (try store.resolve(base), targetSnapshot) }
        guard let previous = try store.previous(to: targetSnapshot) else {
            throw .unknownSnapshot(
                reference: "latest~1", detail: "snapshot \(targetSnapshot.id) is the first one; ingest another capture to compare")
        }
        return (previous, targetSnapshot)
    }

    /// The Changes sheet's diff: against `base` when given, else the snapshot before `target`;
    /// nil when `target` is the first (a workbook without changes, not an error).
    public static func changes(store: InventoryStore, target: SnapshotInfo, base: String?) throws(InventoryError) -> DiffResult? {
        let baseSnapshot: SnapshotInfo?
        if let base { baseSnapshot = try store.resolve(base) } else { baseSnapshot = try store.previous(to: target) }
        guard let baseSnapshot else { return nil }
        return try SnapshotDiff(store: store).run(base: baseSnapshot, target: target)
    }
}
