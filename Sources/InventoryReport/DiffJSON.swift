import InventoryDiff
import InventoryModel

/// The JSON contract of `diff --format json` (DESIGN.md): the snapshots compared, `summary`
/// counts per kind, and every change.
public struct DiffJSON: Encodable, Sendable {
    /// Counts per change kind.
    public struct Summary: Encodable, Sendable {
        public var added, removed, changed, notCaptured, attributesAdded, multiplicity, statusChanged, newlyCaptured: Int
    }
    public var base: SnapshotInfo
    public var target: SnapshotInfo
    public var summary: Summary
    public var changes: [Change]

    public init(_ result: DiffResult) {
        base = result.base
        target = result.target
        let s = result.summary
        summary = Summary(
            added: s.added, removed: s.removed, changed: s.changed, notCaptured: s.notCaptured,
            attributesAdded: s.attributesAdded, multiplicity: s.multiplicity, statusChanged: s.statusChanged,
            newlyCaptured: s.newlyCaptured)
        changes = result.changes
    }
}
