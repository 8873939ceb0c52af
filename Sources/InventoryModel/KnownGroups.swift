import Crypto
import Foundation

/// A group of rows the store already holds, as decoding needs to know it without building its
/// rows again: its stored id, row count, fingerprint and attribute names.
public struct KnownGroup: Sendable, Equatable {
    public var groupId: Int64
    public var rowCount: Int
    public var fingerprint: String
    public var attributeNames: Set<String>

    public init(groupId: Int64, rowCount: Int, fingerprint: String, attributeNames: Set<String>) {
        self.groupId = groupId
        self.rowCount = rowCount
        self.fingerprint = fingerprint
        self.attributeNames = attributeNames
    }
}

/// The groups of the latest snapshot by the key of their raw content (``contentKey(typeName:content:)``),
/// so a node whose inventory did not change since is recognised before its rows are built.
public struct KnownGroups: Sendable {
    public var byContentKey: [Data: KnownGroup]

    public init(_ byContentKey: [Data: KnownGroup] = [:]) { self.byContentKey = byContentKey }

    /// The groups rows are built by this version of the tool: a key from another version's rules
    /// must not match.
    static let rulesVersion = "rows 1; inventory " + InventoryVersion.current

    /// 16 bytes of SHA-256 over the type name and the `Content` value as parsed (member order and
    /// number lexemes included): equal keys mean equal rows under the same rules.
    public static func contentKey(typeName: String, content: JSONValue) -> Data {
        var hasher = SHA256()
        hasher.update(data: Array(rulesVersion.utf8))
        hasher.update(data: [0])
        hasher.update(data: Array(typeName.utf8))
        hasher.update(data: [0])
        feed(content, into: &hasher)
        return Data(hasher.finalize().prefix(16))
    }

    /// Each value as a tag byte, then its text with its length, so no two trees feed the same bytes.
    private static func feed(_ value: JSONValue, into hasher: inout SHA256) {
        switch value {
        case .null: hasher.update(data: [0x6E])
        case .bool(let flag): hasher.update(data: [flag ? 0x74 : 0x66])
        case .number(let lexeme): text(0x23, lexeme, into: &hasher)
        case .string(let string): text(0x22, string, into: &hasher)
        case .array(let elements):
            hasher.update(data: [0x5B])
            for element in elements { feed(element, into: &hasher) }
            hasher.update(data: [0x5D])
        case .object(let object):
            hasher.update(data: [0x7B])
            for member in object.members {
                text(0x3A, member.key, into: &hasher)
                feed(member.value, into: &hasher)
            }
            hasher.update(data: [0x7D])
        }
    }

    private static func text(_ tag: UInt8, _ string: String, into hasher: inout SHA256) {
        var count = UInt64(string.utf8.count).littleEndian
        hasher.update(data: [tag])
        withUnsafeBytes(of: &count) { hasher.update(bufferPointer: $0) }
        var copy = string
        copy.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }
}
