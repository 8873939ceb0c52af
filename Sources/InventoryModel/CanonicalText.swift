import Crypto

/// The canonical text the store keeps and compares: JSON with sorted keys and values as the
/// text they arrived as, and a SHA-256 content hash of it. Equal text means equal content.
public enum CanonicalText {
    /// `{"a":"1","b":"x"}` with keys sorted by their UTF-8 bytes. Written straight into bytes:
    /// this runs once per inventory row, hundreds of thousands of times per ingest.
    public static func object(_ attributes: [String: String]) -> String {
        let keys = attributes.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        var writer = JSONTextWriter(sortKeys: false)
        writer.append(UInt8(ascii: "{"))
        for (index, key) in keys.enumerated() {
            if index > 0 { writer.append(UInt8(ascii: ",")) }
            writer.writeString(key)
            writer.append(UInt8(ascii: ":"))
            writer.writeString(attributes[key] ?? "")
        }
        writer.append(UInt8(ascii: "}"))
        return writer.finish()
    }

    /// Relationships as a JSON array sorted by type, id, name and label: their order is not a change.
    public static func relationships(_ relationships: [ConfigurationItem.Relationship]) -> String {
        let sorted = relationships.sorted {
            ($0.resourceType ?? "", $0.resourceId ?? "", $0.resourceName ?? "", $0.name ?? "")
                < ($1.resourceType ?? "", $1.resourceId ?? "", $1.resourceName ?? "", $1.name ?? "")
        }
        return JSONValue.array(
            sorted.map { relation in
                var members: [JSONObject.Member] = []
                if let name = relation.name { members.append(.init(key: "name", value: .string(name))) }
                if let id = relation.resourceId { members.append(.init(key: "resourceId", value: .string(id))) }
                if let name = relation.resourceName { members.append(.init(key: "resourceName", value: .string(name))) }
                if let type = relation.resourceType { members.append(.init(key: "resourceType", value: .string(type))) }
                return .object(JSONObject(members: members))
            }
        ).compactJSON()
    }

    /// Lower-case hex SHA-256 of `text`'s UTF-8 bytes.
    public static func hash(_ text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    /// Lower-case hex SHA-256 of raw bytes (file fingerprints).
    public static func hash(bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    package static func hex(_ digest: SHA256.Digest) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
