import InventoryDiff
import InventoryModel
import SnapshotStore

/// A diff as CSV: one record per change and field (kind, account, region, resource, computer
/// name, type, key, field, before, after, note).
public enum DiffCSVRenderer {
    public static let header = [
        "change", "accountId", "region", "resourceId", "computerName", "typeName", "key", "field", "before", "after", "note",
    ]

    public static func render(_ result: DiffResult) -> String {
        var out = CSVWriter.record(header)
        for change in result.changes {
            let base = [
                change.change.rawValue, change.accountId ?? "", change.region ?? "", change.resourceId,
                change.computerName ?? "", change.typeName, change.key,
            ]
            if change.fields.isEmpty {
                out += CSVWriter.record(base + ["", "", "", change.note ?? ""])
            } else {
                for field in change.fields {
                    let note = [field.note, change.note].compactMap { $0 }.joined(separator: "; ")
                    out += CSVWriter.record(base + [field.name, field.before ?? "", field.after ?? "", note])
                }
            }
        }
        return out
    }
}
