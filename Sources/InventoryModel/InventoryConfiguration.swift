/// Puts an inventory item's configuration back together from its skeleton (see
/// `ConfigurationItem.inventorySkeleton`) and the snapshot's rows of that node.
public enum InventoryConfiguration {
    /// One inventory type's stored rows (canonical attribute objects, with their map keys) and
    /// capture time text.
    public struct Group {
        public var captureTime: String?
        public var rows: [(mapKey: String?, attributes: String)]

        public init(captureTime: String?, rows: [(mapKey: String?, attributes: String)]) {
            self.captureTime = captureTime
            self.rows = rows
        }
    }

    /// The configuration as compact JSON, members in the skeleton's order: `Content` and
    /// `CaptureTime` filled in where the skeleton holds null. Rows with map keys become a map
    /// (several rows under one key an array), others an array. Nil when the skeleton is not an
    /// object. The rows' text is spliced in as stored, not parsed again.
    public static func rebuild(skeleton: String, groups: [String: Group]) -> String? {
        guard let object = (try? JSONParser.parse(Array(skeleton.utf8)))?.objectValue else { return nil }
        var out = "{"
        for (index, member) in object.members.enumerated() {
            if index > 0 { out += "," }
            out += JSONValue.string(member.key).compactJSON() + ":"
            guard let wrapper = member.value.objectValue, let group = groups[member.key] else {
                out += member.value.compactJSON()
                continue
            }
            out += "{"
            for (innerIndex, inner) in wrapper.members.enumerated() {
                if innerIndex > 0 { out += "," }
                out += JSONValue.string(inner.key).compactJSON() + ":"
                switch inner.key {
                case "CaptureTime" where inner.value == .null:
                    out += (group.captureTime.map(JSONValue.string) ?? .null).compactJSON()
                case "Content" where inner.value == .null:
                    out += content(group.rows)
                default:
                    out += inner.value.compactJSON()
                }
            }
            out += "}"
        }
        return out + "}"
    }

    private static func content(_ rows: [(mapKey: String?, attributes: String)]) -> String {
        guard rows.contains(where: { $0.mapKey != nil }) else { return "[" + rows.map(\.attributes).joined(separator: ",") + "]" }
        var order: [String] = []
        var byKey: [String: [String]] = [:]
        for row in rows {
            let key = row.mapKey ?? ""
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(row.attributes)
        }
        let members = order.map { key in
            let list = byKey[key] ?? []
            return JSONValue.string(key).compactJSON() + ":" + (list.count == 1 ? list[0] : "[" + list.joined(separator: ",") + "]")
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Whether `rebuild` gives back `configuration` from its skeleton and the item's own groups
    /// (rows in the order readers fetch them). Content lists may come back in another order;
    /// anything else (numbers and booleans read back as strings, nulls dropped, nested maps
    /// flattened to `a/b` keys, a single object read back as a list, an unparsed capture time)
    /// is a loss, and the item then keeps its configuration text.
    public static func isLossless(_ configuration: JSONObject, skeleton: String, groups: [PreparedGroup]) -> Bool {
        var stored: [String: Group] = [:]
        for group in groups {
            guard stored[group.typeName] == nil else { return false }
            let rows = group.rows.sorted { ($0.identityKey, $0.canonical) < ($1.identityKey, $1.canonical) }
            stored[group.typeName] = Group(captureTime: group.captureTime?.original, rows: rows.map { ($0.mapKey, $0.canonical) })
        }
        guard let text = rebuild(skeleton: skeleton, groups: stored),
            let rebuilt = (try? JSONParser.parse(Array(text.utf8)))?.objectValue
        else { return false }
        return normalized(rebuilt) == normalized(configuration)
    }

    /// Canonical text with each inventory type's `Content` list, and each list under a key of a
    /// `Content` map, in a fixed order (readers give rows back by identity key).
    private static func normalized(_ object: JSONObject) -> String {
        func sorted(_ list: [JSONValue]) -> JSONValue { .string(list.map { $0.canonicalJSON() }.sorted().joined(separator: "\u{0}")) }
        let members = object.members.map { member in
            guard member.key.hasPrefix("AWS:") || member.key.hasPrefix("Custom:"), let wrapper = member.value.objectValue else {
                return member
            }
            let inner = wrapper.members.map { field in
                guard field.key == "Content" else { return field }
                switch field.value {
                case .array(let list):
                    return JSONObject.Member(key: field.key, value: sorted(list))
                case .object(let map):
                    let entries = map.members.map { entry in
                        guard case .array(let list) = entry.value, list.count > 1 else { return entry }
                        return JSONObject.Member(key: entry.key, value: sorted(list))
                    }
                    return JSONObject.Member(key: field.key, value: .object(JSONObject(members: entries)))
                default:
                    return field
                }
            }
            return JSONObject.Member(key: member.key, value: .object(JSONObject(members: inner)))
        }
        return JSONValue.object(JSONObject(members: members)).canonicalJSON()
    }
}
