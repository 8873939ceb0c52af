import InventoryModel
import SnapshotStore

/// Which snapshots `export --format dataset` writes: one reference, every snapshot from a
/// reference on (`--since`), or all of them.
public enum DatasetSelection: Sendable {
    case one(String)
    case since(String)
    case all

    /// The snapshots selected, oldest first.
    /// - Throws: `.unknownSnapshot` for a reference that matches nothing.
    public func snapshots(in store: InventoryStore) throws(InventoryError) -> [SnapshotInfo] {
        switch self {
        case .one(let reference): return [try store.resolve(reference)]
        case .all: return try store.snapshots()
        case .since(let reference):
            let first = try store.resolve(reference)
            let all = try store.snapshots()
            guard let start = all.firstIndex(where: { $0.id == first.id }) else { return [first] }
            return Array(all[start...])
        }
    }
}
