import Foundation
import InventoryDiff
import InventoryModel
import SnapshotStore

/// Renders a diff for a terminal: grouped by account, region and node, `+` added, `-` removed,
/// `~` changed, `!` status, `?` not captured, then one summary line. Colour only when asked.
public struct DiffTextRenderer: Sendable {
    /// ANSI colours.
    public var color: Bool
    /// The zone snapshot times and date-time values are shown in.
    public var timeZone: ReportTimeZone
    /// New and gone nodes, names, the pair's reason, verbosity.
    public var context: DiffTextContext

    /// A renderer; `color` adds ANSI colours, `context` folds new and gone nodes and names them.
    public init(color: Bool, timeZone: ReportTimeZone = .utc, context: DiffTextContext = DiffTextContext()) {
        self.color = color
        self.timeZone = timeZone
        self.context = context
    }

    /// One line of output: data in it escaped (`TerminalText`), then coloured.
    private func paint(_ text: String, _ code: String) -> String {
        let text = TerminalText.escaped(text)
        return color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func symbol(_ kind: Change.Kind) -> (String, String) {
        switch kind {
        case .added: return ("+", "32")
        case .removed: return ("-", "31")
        case .changed: return ("~", "33")
        case .attributesAdded: return ("~", "36")
        case .multiplicity: return ("#", "35")
        case .statusChanged: return ("!", "1;31")
        case .notCaptured: return ("?", "2")
        case .newlyCaptured: return ("*", "2")
        }
    }

    /// The whole report, lines separated by `\n`.
    public func render(_ result: DiffResult) -> String {
        var lines: [String] = []
        lines.append(paint("diff \(describe(result.base)) → \(describe(result.target))", "1"))
        if let reason = context.pairReason { lines.append(paint(reason, "2")) }
        var currentGroup = ""
        var folding = false
        for (index, change) in result.changes.enumerated() {
            let group = "\(change.accountId ?? "-") \(change.region ?? "-") \(change.resourceId)"
            if group != currentGroup {
                currentGroup = group
                var header =
                    "\(change.accountId.flatMap { $0.isEmpty ? nil : $0 } ?? "(account unknown)") "
                    + "\(change.region.flatMap { $0.isEmpty ? nil : $0 } ?? "(region unknown)") \(change.resourceId)"
                if let tag = context.names[change.resourceId], !tag.isEmpty { header += " \(tag)" }
                if let name = change.computerName, !name.isEmpty { header += " (\(name))" }
                // A new or gone node is one line (consecutive ones without blank lines between).
                let end = result.changes[index...].firstIndex { "\($0.accountId ?? "-") \($0.region ?? "-") \($0.resourceId)" != group }
                if let line = context.foldedLine(heading: header, changes: result.changes[index..<(end ?? result.changes.endIndex)]) {
                    if !folding { lines.append("") }
                    folding = true
                    lines.append(paint(line, line.hasPrefix("+") ? "32" : "2"))  // + green; ? and * dim
                    continue
                }
                folding = false
                lines.append("")
                lines.append(paint(header, "1"))
            } else if folding {
                continue
            }
            let (mark, code) = symbol(change.change)
            var line = "  \(mark) \(change.typeName)"
            if !change.key.isEmpty, change.key != change.resourceId { line += "  \(change.key)" }
            switch change.change {
            case .notCaptured: line += "  not captured in the target snapshot"
            case .newlyCaptured: line += "  captured for the first time"
            case .attributesAdded: line += "  attributes added"
            case .multiplicity:
                if let field = change.fields.first { line += "  listed \(field.before ?? "?") → \(field.after ?? "?") times" }
            default: break
            }
            switch change.versionChange {
            case .upgrade?: line += "  ↑ upgrade"
            case .downgrade?: line += "  ↓ downgrade"
            case nil: break
            }
            lines.append(paint(line, code))
            if change.change != .multiplicity {
                for field in change.fields {
                    var text: String
                    switch field.element {
                    case .added?: text = "      \(field.name): added \(show(field.after))"
                    case .removed?: text = "      \(field.name): removed \(show(field.before))"
                    case nil: text = "      \(field.name): \(show(field.before)) → \(show(field.after))"
                    }
                    if let note = field.note { text += "  (\(note))" }
                    lines.append(paint(text, code))
                }
            }
            if let note = change.note { lines.append(paint("      note: \(ReportLanguage.en.note(note, zone: timeZone))", "2")) }
        }
        let s = result.summary
        var parts = ["\(s.added) added", "\(s.removed) removed", "\(s.changed) changed"]
        if s.attributesAdded > 0 { parts.append("\(s.attributesAdded) with new attributes") }
        if s.multiplicity > 0 { parts.append("\(s.multiplicity) multiplicity") }
        if s.statusChanged > 0 { parts.append("\(s.statusChanged) status changes") }
        if s.notCaptured > 0 { parts.append("\(s.notCaptured) not captured") }
        if s.newlyCaptured > 0 { parts.append("\(s.newlyCaptured) newly captured") }
        lines.append("")
        lines.append(
            result.hasChanges ? parts.joined(separator: ", ") : "no changes" + (s.notCaptured > 0 ? " (\(s.notCaptured) not captured)" : "")
        )
        return lines.joined(separator: "\n")
    }

    private func show(_ value: String?) -> String {
        guard let value = value.map(timeZone.shift) else { return "(absent)" }
        let single = value.replacingOccurrences(of: "\n", with: "\\n")
        // Cut by display width: a Japanese character takes two columns.
        return DisplayWidth.of(single) > 120 ? DisplayWidth.prefix(single, width: 117) + "…" : single
    }

    private func describe(_ snapshot: SnapshotInfo) -> String {
        var text = "#\(snapshot.id)"
        if let label = snapshot.label { text += " \(label)" }
        if let taken = snapshot.takenAt { text += " (\(timeZone.shift(taken.iso8601)))" }
        return text
    }
}
