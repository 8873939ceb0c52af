/// Identity keys of inventory rows (DESIGN.md "Identity and diff"): which attributes say two rows
/// of one node and type are "the same thing" before and after. Names match case-insensitively.
public enum IdentityKey {
    /// Separates key values; not a character inventory values contain.
    package static let separator = "\u{1F}"

    /// The identity attributes of a type: the built-in ones, or nil (all attributes) for custom types.
    public static func attributes(forType typeName: String) -> [String]? {
        BuiltInTypes.info(for: typeName)?.identity
    }

    /// Attribute added to the key when the identity repeats on one node (several kernels).
    public static func tieBreakers(forType typeName: String) -> [String] {
        BuiltInTypes.info(for: typeName)?.tieBreakers ?? []
    }

    /// A value looked up by name, exact first, then ignoring case (`HotFixID` = `HotFixId`).
    public static func value(_ name: String, in attributes: [String: String]) -> String? {
        if let exact = attributes[name] { return exact }
        for (key, value) in attributes where key.caseInsensitiveCompare(name) == .orderedSame { return value }
        return nil
    }

    /// The key text of a row: identity values joined by U+001F; all attributes (sorted,
    /// `name=value`) when `attributes` is nil.
    public static func key(of row: [String: String], attributes names: [String]?) -> String {
        guard let names else {
            return row.keys.sorted().map { "\($0)=\(row[$0] ?? "")" }.joined(separator: separator)
        }
        return names.map { value($0, in: row) ?? "" }.joined(separator: separator)
    }

    /// The key as people read it: non-empty parts joined by " / ".
    public static func display(_ key: String) -> String {
        key.split(separator: Character(separator), omittingEmptySubsequences: true).joined(separator: " / ")
    }
}
