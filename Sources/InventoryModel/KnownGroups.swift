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
        // Bytes are gathered and hashed in large pieces: one SHA-256 update per value cost more
        // than the hashing itself.
        var buffer = Buffer()
        buffer.append(Array(rulesVersion.utf8))
        buffer.append(0)
        buffer.append(Array(typeName.utf8))
        buffer.append(0)
        feed(content, into: &buffer)
        return buffer.finish()
    }

    /// A byte buffer over a SHA-256 that flushes every 64 KiB.
    private struct Buffer {
        var hasher = SHA256()
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(1 << 16) }

        mutating func append(_ byte: UInt8) {
            bytes.append(byte)
            if bytes.count >= 1 << 16 { flush() }
        }

        mutating func append(_ more: [UInt8]) {
            bytes.append(contentsOf: more)
            if bytes.count >= 1 << 16 { flush() }
        }

        mutating func append(text tag: UInt8, _ string: String) {
            var string = string
            string.withUTF8 { utf8 in
                bytes.append(tag)
                var count = UInt64(utf8.count).littleEndian
                withUnsafeBytes(of: &count) { bytes.append(contentsOf: $0) }
                bytes.append(contentsOf: utf8)
            }
            if bytes.count >= 1 << 16 { flush() }
        }

        mutating func flush() {
            hasher.update(data: bytes)
            bytes.removeAll(keepingCapacity: true)
        }

        mutating func finish() -> Data {
            flush()
            return Data(hasher.finalize().prefix(16))
        }
    }

    /// Each value as a tag byte, then its text with its length, so no two trees feed the same bytes.
    private static func feed(_ value: JSONValue, into buffer: inout Buffer) {
        switch value {
        case .null: buffer.append(0x6E)
        case .bool(let flag): buffer.append(flag ? 0x74 : 0x66)
        case .number(let lexeme): buffer.append(text: 0x23, lexeme)
        case .string(let string): buffer.append(text: 0x22, string)
        case .array(let elements):
            buffer.append(0x5B)
            for element in elements { feed(element, into: &buffer) }
            buffer.append(0x5D)
        case .object(let object):
            buffer.append(0x7B)
            for member in object.members {
                buffer.append(text: 0x3A, member.key)
                feed(member.value, into: &buffer)
            }
            buffer.append(0x7D)
        }
    }
}
