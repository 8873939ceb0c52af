import InventoryCore

/// Resolves the BASE/TARGET arguments shared by `diff` and `export --base`.
enum SnapshotPair {
    static func resolve(store: InventoryStore, base: String?, target: String?) throws(InventoryError)
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
}
