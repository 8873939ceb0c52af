import InventoryDiff
import InventoryModel
import SnapshotStore

/// A diff as CSV: one record per change and field (kind, account, region, resource, computer
/// name, type, key, field, before, after, note). Kinds keep the JSON spelling (`statusChanged`);
/// date-time values are shown in `timeZone`.
public enum DiffCSVRenderer {
    /// The header record.
    public static let header = [
        "change", "accountId", "region", "resourceId", "computerName", "typeName", "key", "field", "before", "after", "note",
    ]

    /// The whole CSV text; `byteOrderMark` starts it with U+FEFF (for Excel).
    public static func render(_ result: DiffResult, timeZone: ReportTimeZone = .utc, byteOrderMark: Bool = false) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += CSVWriter.record(header)
        for change in result.changes {
            let base = [
                change.change.rawValue, change.accountId ?? "", change.region ?? "", change.resourceId,
                change.computerName ?? "", change.typeName, change.key,
            ]
            if change.fields.isEmpty {
                out += CSVWriter.record(base + ["", "", "", change.note.map { ReportLanguage.en.note($0, zone: timeZone) } ?? ""])
            } else {
                for field in change.fields {
                    let note = [field.note, change.note.map { ReportLanguage.en.note($0, zone: timeZone) }].compactMap { $0 }
                        .joined(separator: "; ")
                    out += CSVWriter.record(
                        base + [
                            field.name, timeZone.shift(field.before ?? ""), timeZone.shift(field.after ?? ""), note,
                        ])
                }
            }
        }
        return out
    }
}
