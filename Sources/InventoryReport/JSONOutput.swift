import Foundation

/// Every `--format json` output: pretty JSON, sorted keys, slashes unescaped, so output diffs well.
public enum JSONOutput {
    /// The value as JSON text (no trailing newline).
    public static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The value as one line of JSON with sorted keys (JSON lines, datasets).
    public static func compactText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
