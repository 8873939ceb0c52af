import InventoryDiff
import InventoryModel
import SnapshotStore

/// A diff as GitHub-flavoured Markdown, fit for a CI job's step summary: a counts table, then
/// the changes per node (capped, with a note of how many were left out).
public struct DiffMarkdownRenderer: Sendable {
    /// Changes listed before the rest are only counted.
    public var limit: Int

    public init(limit: Int = 200) { self.limit = limit }

    public func render(_ result: DiffResult, workbook: String? = nil) -> String {
        var lines: [String] = []
        let s = result.summary
        lines.append("## Inventory changes: snapshot \(name(result.base)) → \(name(result.target))")
        lines.append("")
        if !result.hasChanges {
            lines.append("No changes" + (s.notCaptured > 0 ? " (\(s.notCaptured) node/type pairs not captured in the target)." : "."))
            lines.append("")
        }
        lines.append("| added | removed | changed | attributes added | multiplicity | status changed | not captured |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|")
        lines.append(
            "| \(s.added) | \(s.removed) | \(s.changed) | \(s.attributesAdded) | \(s.multiplicity) | \(s.statusChanged) | \(s.notCaptured) |"
        )
        if let workbook { lines += ["", "Workbook: `\(escape(workbook))`"] }
        let shown = result.changes.filter { $0.change != .notCaptured && $0.change != .newlyCaptured }
        if !shown.isEmpty {
            lines += ["", "| kind | account | region | node / resource | type | key | details |", "|---|---|---|---|---|---|---|"]
            for change in shown.prefix(limit) {
                let details = change.fields.map { field -> String in
                    switch field.element {
                    case .added?: return "\(field.name): added \(field.after ?? "–")"
                    case .removed?: return "\(field.name): removed \(field.before ?? "–")"
                    case nil: return "\(field.name): \(field.before ?? "–") → \(field.after ?? "–")"
                    }
                }.joined(separator: "; ")
                let direction = change.versionChange.map { " (\($0.rawValue))" } ?? ""
                let cells: [String] = [
                    change.change.rawValue, change.accountId ?? "", change.region ?? "",
                    change.resourceId + (change.computerName.map { " (\($0))" } ?? ""), change.typeName,
                    change.key + direction,
                    details + (change.note.map { details.isEmpty ? $0 : "; \($0)" } ?? ""),
                ]
                lines.append("| " + cells.map { escape(short($0)) }.joined(separator: " | ") + " |")
            }
            if shown.count > limit { lines += ["", "… and \(shown.count - limit) more (see the workbook or `inventory diff`)."] }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func name(_ snapshot: SnapshotInfo) -> String {
        "\(snapshot.id)" + (snapshot.label.map { " (\($0))" } ?? "")
    }

    private func short(_ text: String) -> String {
        text.count > 300 ? String(text.prefix(297)) + "…" : text
    }

    /// Pipes and line breaks would break the table; backticks and angle brackets render oddly.
    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
