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

    /// Whether `rebuild` gives back `configuration` from its skeleton and the item's own groups,
    /// up to the order of Content lists (readers give rows back by identity key). Decided from
    /// the configuration's shape, without building anything: each inventory type once, its
    /// `CaptureTime` a time as text, its `Content` of a shape rows give back exactly
    /// (``ContentRows/isLosslessShape(_:)``). Otherwise the item keeps its configuration text.
    public static func isLossless(_ configuration: JSONObject) -> Bool {
        var types = Set<String>()
        for member in configuration.members where member.key.hasPrefix("AWS:") || member.key.hasPrefix("Custom:") {
            guard let wrapper = member.value.objectValue else { continue }
            guard types.insert(member.key).inserted else { return false }
            var filled = Set<String>()
            for inner in wrapper.members where inner.key == "Content" || inner.key == "CaptureTime" {
                guard filled.insert(inner.key).inserted else { return false }
                if inner.key == "CaptureTime" {
                    guard case .string(let text) = inner.value, Timestamp.parse(text) != nil else { return false }
                } else if !ContentRows.isLosslessShape(inner.value) {
                    return false
                }
            }
        }
        return true
    }
}
