/// The rule for `--label`: a name a person can type back as a snapshot reference and never
/// mistake for another reference.
public enum SnapshotLabel {
    /// The longest label accepted, in characters.
    public static let maximumLength = 200

    /// Why `label` cannot be a label, or nil when it can: it must be non-empty, one line of at
    /// most 200 characters without control characters, and not read as a reference (an id,
    /// `latest`, `latest~N`, or a date/time such as `2026-11-15`).
    public static func problem(with label: String) -> String? {
        if label.trimmingCharacters(in: .whitespaces).isEmpty { return "a label cannot be empty" }
        if label.count > maximumLength { return "a label is at most \(maximumLength) characters" }
        if label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a label is one line without control characters"
        }
        if Int64(label) != nil { return "'\(label)' reads as a snapshot id; choose a label that is not a number" }
        let lower = label.lowercased()
        if lower == "latest" || (lower.hasPrefix("latest~") && Int(lower.dropFirst(7)) != nil) {
            return "'\(label)' is a snapshot reference word; choose another label"
        }
        if Timestamp.parse(label) != nil || Timestamp.parse(label + "T00:00:00Z") != nil {
            return "'\(label)' reads as a date; use it as a reference, or give a label such as 'capture-\(label)'"
        }
        return nil
    }
}
