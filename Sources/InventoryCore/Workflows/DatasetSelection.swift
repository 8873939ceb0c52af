import InventoryModel
import InventoryReport
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

    /// Writes the selected snapshots as a dataset into `directory`, in one consistent read.
    /// - Throws: `.unknownSnapshot`, `.report` for files that cannot be written, store errors.
    public func export(from store: InventoryStore, to directory: String) throws(InventoryError) -> DatasetExport.Result {
        try store.consistently { () throws(InventoryError) in
            try DatasetExport(store: store, directory: directory).write(snapshots: snapshots(in: store))
        }
    }
}

extension DatasetExport.Result {
    /// `wrote DIR: 2 snapshots, 19 files (21 changes, 180 inventory, 11 nodes, 17 resources)`.
    public var summaryLine: String {
        let counts = rows.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return "wrote \(directory): \(counted(snapshots.count, "snapshot")), \(counted(files, "file")) (\(counts))"
    }
}
