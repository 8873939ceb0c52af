import Foundation
import GRDB
import InventoryModel

extension InventoryStore {
    /// What `prune` removed.
    public struct PruneResult: Sendable, Codable {
        public var removed: [SnapshotInfo]
        public var kept: Int
        /// Labelled snapshots `keep`/`olderThan` matched but that were kept for their label
        /// (without `includeLabelled`), so a prune that removes nothing can say why.
        public var keptForLabel: [SnapshotInfo] = []
        /// Bytes of the store file before and after reclaiming space.
        public var bytesBefore: Int64
        public var bytesAfter: Int64
    }

    /// Deletes snapshots beyond the newest `keep` and/or taken before `olderThan`, in one
    /// transaction, then reclaims space (VACUUM). Labelled snapshots are kept unless
    /// `includeLabelled`; the newest snapshot is always kept.
    /// - Throws: `InventoryError.store` / `.storeBusy`.
    public func prune(keep: Int?, olderThan: Date?, includeLabelled: Bool, dryRun: Bool) throws(InventoryError) -> PruneResult {
        let all = try snapshots()
        var doomed: [SnapshotInfo] = []
        var labelled: [SnapshotInfo] = []
        for (index, snapshot) in all.enumerated() {
            let fromNewest = all.count - 1 - index
            if fromNewest == 0 { continue }
            var remove = false
            if let keep, fromNewest >= keep { remove = true }
            if let olderThan, let taken = Optional(snapshot.takenAt ?? snapshot.ingestedAt),
                taken.date < olderThan
            {
                remove = true
            }
            if remove, snapshot.label != nil, !includeLabelled {
                labelled.append(snapshot)
                remove = false
            }
            if remove { doomed.append(snapshot) }
        }
        let before = fileSize()
        if !dryRun, !doomed.isEmpty {
            try write { db in
                for snapshot in doomed {
                    try db.execute(sql: "DELETE FROM snapshot WHERE id = ?", arguments: [snapshot.id])
                }
                // Then every row, group and item content no remaining snapshot references.
                try ContentStore.collectGarbage(db, orphans: nil)
            }
            do { try queue.vacuum() } catch { throw Self.map(error, path: path) }
        }
        return PruneResult(
            removed: doomed, kept: all.count - doomed.count, keptForLabel: labelled, bytesBefore: before, bytesAfter: fileSize())
    }

    private func fileSize() -> Int64 {
        guard path != ":memory:", let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return 0 }
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }
}
