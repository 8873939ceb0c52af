import InventoryDiff
import InventoryModel
import InventoryReport
import SnapshotStore

/// What `diff`'s text output needs from the store besides the changes: nodes new in or gone from
/// the target, EC2 `Name` tags, and why this pair was compared.
public enum DiffPresentation {
    /// The text renderer's context for `result`. `baseReference` and `targetReference` are what
    /// the user typed (nil when defaulted); `verbose` lists new and gone nodes row by row.
    public static func context(
        store: InventoryStore, result: DiffResult, baseReference: String?, targetReference: String?, verbose: Bool
    ) throws(InventoryError) -> DiffTextContext {
        let baseNodes = Set(try store.nodes(snapshotId: result.base.id).map(\.nodeId))
        let targetNodes = Set(try store.nodes(snapshotId: result.target.id).map(\.nodeId))
        var names: [String: String] = [:]
        for snapshotId in [result.base.id, result.target.id] {
            for item in try store.resources(snapshotId: snapshotId, resourceType: "AWS::EC2::Instance", inventoryConfiguration: false) {
                if let name = nameTag(item.tags) { names[item.resourceId] = name }
            }
        }
        return DiffTextContext(
            newNodes: targetNodes.subtracting(baseNodes), goneNodes: baseNodes.subtracting(targetNodes), names: names,
            pairReason: try pairReason(store: store, result: result, baseReference: baseReference, targetReference: targetReference),
            verbose: verbose)
    }

    /// One line naming the pair `diff` chose when the user did not name both, and why; nil when both were named.
    public static func pairReason(
        store: InventoryStore, result: DiffResult, baseReference: String?, targetReference: String?
    ) throws(InventoryError) -> String? {
        guard baseReference == nil else { return nil }
        let target = result.target
        var line =
            targetReference == nil
            ? "comparing the latest snapshot by capture time (#\(target.id)) with the one captured before it (#\(result.base.id))"
            : "comparing #\(target.id) with the snapshot captured before it (#\(result.base.id))"
        // A backfilled capture is ingested later than it sorts: say so when it affects the choice.
        let all = try store.snapshots()
        let position = { (id: Int64) in all.firstIndex { $0.id == id } ?? 0 }
        if let newest = all.max(by: { $0.id < $1.id }), newest.id != target.id, newest.id != result.base.id,
            position(newest.id) < position(target.id)
        {
            line += "; #\(newest.id) was ingested last but was captured earlier"
        }
        return line
    }

    /// The `Name` tag in a configuration item's stored tags (an object, or a list of Key/Value pairs).
    static func nameTag(_ tags: String) -> String? {
        guard let value = try? JSONParser.parse(tags) else { return nil }
        if let object = value.objectValue { return object["Name"]?.scalarText }
        if case .array(let list) = value {
            for tag in list where tag.objectValue?.value(forKeyIgnoringCase: "key")?.scalarText == "Name" {
                return tag.objectValue?.value(forKeyIgnoringCase: "value")?.scalarText
            }
        }
        return nil
    }
}
