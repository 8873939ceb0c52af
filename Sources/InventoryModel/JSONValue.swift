import Crypto

// JSON document model that keeps numbers as their original text and objects in document order,
// because captures carry values such as "1.10", 16-digit ids and float-noise timestamps that must
// reach SQLite and Excel exactly as written.

/// A parsed JSON value; numbers keep their source lexeme and objects keep member order and duplicates.
public enum JSONValue: Sendable, Equatable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number as its original lexeme, never converted (`"1.10"`, `"1.444799479852E9"` stay as written).
    case number(String)
    /// A string with escapes resolved; may contain U+0000.
    case string(String)
    /// An array, elements in document order.
    case array([JSONValue])
    /// An object, members in document order (duplicate keys kept).
    case object(JSONObject)
}

/// A JSON object as an ordered list of members; duplicate keys are kept, lookups return the first.
public struct JSONObject: Sendable, Equatable {
    /// One `"key": value` pair of an object.
    public struct Member: Sendable, Equatable {
        /// The member name with escapes resolved.
        public var key: String
        /// The member value.
        public var value: JSONValue

        /// Creates a member from a key and a value.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Members in document order, duplicates included.
    public var members: [Member]

    /// Creates an object from members in the given order.
    public init(members: [Member] = []) {
        self.members = members
    }

    /// Creates an object from `(key, value)` pairs in the given order.
    public init(_ pairs: [(String, JSONValue)]) {
        self.members = pairs.map { Member(key: $0.0, value: $0.1) }
    }

    /// The value of the first member whose key equals `key` (Swift `String` equality), or nil.
    public subscript(key: String) -> JSONValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

    /// The first exact match for `key`, else the first member whose key matches ignoring case, else nil.
    ///
    /// Case-insensitive matching uses `lowercased()` (full Unicode case mapping), because AWS drifts
    /// between `HotFixID`/`HotFixId` and `Url`/`URL`.
    public func value(forKeyIgnoringCase key: String) -> JSONValue? {
        if let exact = self[key] {
            return exact
        }
        let wanted = key.lowercased()
        for member in members where member.key.lowercased() == wanted {
            return member.value
        }
        return nil
    }

    /// Member keys in document order, duplicates included.
    public var keys: [String] { members.map(\.key) }

    /// True when the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The number of members, duplicates included.
    public var count: Int { members.count }
}

extension JSONValue {
    /// The payload of `.string`, nil for every other kind (numbers are not stringified here).
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The payload of `.object`, or nil.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// A `.number` whose lexeme is a whole number that fits `Int`, or nil.
    public var intValue: Int? {
        if case .number(let lexeme) = self { return Int(lexeme) }
        return nil
    }

    /// The payload of `.array`, or nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// Text of a scalar: string → itself, number → lexeme, bool → "true"/"false"; nil for null, arrays, objects.
    public var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .number(let lexeme): return lexeme
        case .bool(let flag): return flag ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The kind for messages: "object", "array", "string", "number", "boolean" or "null".
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Compact JSON with object keys sorted by UTF-8 bytes (stable for duplicates), numbers as lexemes,
    /// minimal escaping and non-ASCII written raw; the same value always gives the same text.
    public func canonicalJSON() -> String {
        var writer = JSONTextWriter(sortKeys: true)
        writer.write(self)
        return writer.finish()
    }

    /// Compact JSON in document order, numbers as lexemes, minimal escaping.
    public func compactJSON() -> String {
        var writer = JSONTextWriter(sortKeys: false)
        writer.write(self)
        return writer.finish()
    }
}

/// Serialises into a byte buffer so output cost is one String creation, not per-character appends.
///
/// Recursive: safe because parsed values are at most `JSONParseOptions.maxDepthLimit` deep.
struct JSONTextWriter {
    private var bytes: [UInt8] = []
    private let sortKeys: Bool

    init(sortKeys: Bool) {
        self.sortKeys = sortKeys
        bytes.reserveCapacity(256)
    }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func finish() -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The text written so far and the SHA-256 of its bytes.
    func finishDigest() -> (text: String, digest: SHA256.Digest) {
        (String(decoding: bytes, as: UTF8.self), SHA256.hash(data: bytes))
    }

    var bytesWritten: [UInt8] { bytes }

    mutating func append(contentsOf more: [UInt8]) { bytes.append(contentsOf: more) }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            bytes.append(contentsOf: "null".utf8)
        case .bool(let flag):
            bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let lexeme):
            bytes.append(contentsOf: lexeme.utf8)
        case .string(let text):
            writeString(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for member in orderedMembers(object) {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                writeString(member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private func orderedMembers(_ object: JSONObject) -> [JSONObject.Member] {
        guard sortKeys, object.members.count > 1 else { return object.members }
        // The index tiebreak keeps duplicate keys in document order whatever sort algorithm runs.
        let sorted = object.members.enumerated().sorted { lhs, rhs in
            let l = lhs.element.key.utf8
            let r = rhs.element.key.utf8
            if l.elementsEqual(r) { return lhs.offset < rhs.offset }
            return l.lexicographicallyPrecedes(r)
        }
        return sorted.map(\.element)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        // Runs of bytes that need no escape are copied whole: this runs for every key and value
        // of every inventory row.
        text.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                writeEscape(byte)
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }
}
