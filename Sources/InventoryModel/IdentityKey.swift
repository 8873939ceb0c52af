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
        for (key, value) in attributes where equalIgnoringCase(key, name) { return value }
        return nil
    }

    /// `caseInsensitiveCompare` equality, without Foundation for ASCII names (a row lookup's usual case).
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil):
                return true
            case (let x?, let y?) where x < 0x80 && y < 0x80:
                func fold(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
                if fold(x) != fold(y) { return false }
            case (let x?, let y?) where x >= 0x80 || y >= 0x80:
                return a.caseInsensitiveCompare(b) == .orderedSame
            default:
                // Lengths differ in ASCII: only Unicode folding could still match, and only with non-ASCII text.
                return a.utf8.contains { $0 >= 0x80 } || b.utf8.contains { $0 >= 0x80 }
                    ? a.caseInsensitiveCompare(b) == .orderedSame : false
            }
        }
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
