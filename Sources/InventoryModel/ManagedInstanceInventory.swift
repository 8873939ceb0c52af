/// Expands the configuration of `AWS::SSM::ManagedInstanceInventory` (and the compliance CIs
/// Config keeps per node) into inventory groups, so rows from Config and from SSM files land in
/// the same table (FORMATS.md §11).
public enum ManagedInstanceInventory {
    /// One group per `AWS:…`/`Custom:…` member of the configuration, captured at the CI's
    /// capture time. Empty for deleted items, summaries and items of other resource types.
    public static func groups(of item: ConfigurationItem) -> [InventoryGroup] {
        guard let nodeId = item.managedNodeId, item.payloadIncluded, !item.isDeleted,
            let configuration = item.configuration?.objectValue
        else { return [] }
        var groups: [InventoryGroup] = []
        for member in configuration.members {
            guard member.key.hasPrefix("AWS:") || member.key.hasPrefix("Custom:"),
                let wrapper = member.value.objectValue
            else { continue }
            let content = wrapper["Content"] ?? .array([])
            groups.append(
                InventoryGroup(
                    nodeId: nodeId, typeName: member.key, schemaVersion: wrapper["SchemaVersion"]?.scalarText,
                    captureTime: wrapper["CaptureTime"].flatMap(Timestamp.parse) ?? item.captureTime,
                    accountId: item.accountId, region: item.region, rows: ContentRows.rows(of: content).rows))
        }
        return groups
    }

    /// `groups(of:)` with each group prepared for the store (`InventoryGroup.prepared()`), without
    /// building the rows' attribute dictionaries.
    public static func preparedGroups(of item: ConfigurationItem) -> [PreparedGroup] {
        guard let nodeId = item.managedNodeId, item.payloadIncluded, !item.isDeleted,
            let configuration = item.configuration?.objectValue
        else { return [] }
        var groups: [PreparedGroup] = []
        for member in configuration.members {
            guard member.key.hasPrefix("AWS:") || member.key.hasPrefix("Custom:"),
                let wrapper = member.value.objectValue
            else { continue }
            groups.append(
                PreparedGroup(
                    nodeId: nodeId, typeName: member.key, schemaVersion: wrapper["SchemaVersion"]?.scalarText,
                    captureTime: wrapper["CaptureTime"].flatMap(Timestamp.parse) ?? item.captureTime,
                    accountId: item.accountId, region: item.region, content: wrapper["Content"] ?? .array([])))
        }
        return groups
    }

    /// The configuration with each inventory type's `Content` and `CaptureTime` set to null (the
    /// members stay, in order): what the store keeps of the item besides its rows.
    public static func skeleton(of configuration: JSONObject) -> JSONObject {
        JSONObject(
            members: configuration.members.map { member in
                guard member.key.hasPrefix("AWS:") || member.key.hasPrefix("Custom:"), let wrapper = member.value.objectValue else {
                    return member
                }
                let emptied = wrapper.members.map { inner in
                    inner.key == "Content" || inner.key == "CaptureTime" ? JSONObject.Member(key: inner.key, value: .null) : inner
                }
                return JSONObject.Member(key: member.key, value: .object(JSONObject(members: emptied)))
            })
    }

    /// Puts content and capture times back into a skeleton: `groups` by type name, each with its
    /// rows (attributes as canonical JSON objects, with their map keys) and capture time text.
    /// Rows with map keys become a map (several rows under one key an array); others an array.
    public static func rebuild(
        skeleton: String, groups: [String: (captureTime: String?, rows: [(mapKey: String?, attributes: String)])]
    ) -> String? {
        guard let object = (try? JSONParser.parse(Array(skeleton.utf8)))?.objectValue else { return nil }
        let members = object.members.map { member -> JSONObject.Member in
            guard let wrapper = member.value.objectValue, let group = groups[member.key] else { return member }
            let filled = wrapper.members.map { inner -> JSONObject.Member in
                switch inner.key {
                case "CaptureTime" where inner.value == .null:
                    return .init(key: inner.key, value: group.captureTime.map(JSONValue.string) ?? .null)
                case "Content" where inner.value == .null:
                    return .init(key: inner.key, value: content(group.rows))
                default:
                    return inner
                }
            }
            return .init(key: member.key, value: .object(JSONObject(members: filled)))
        }
        return JSONValue.object(JSONObject(members: members)).compactJSON()
    }

    private static func content(_ rows: [(mapKey: String?, attributes: String)]) -> JSONValue {
        let values = rows.map { row in (row.mapKey, (try? JSONParser.parse(Array(row.attributes.utf8))) ?? .object(JSONObject())) }
        guard values.contains(where: { $0.0 != nil }) else { return .array(values.map(\.1)) }
        var order: [String] = []
        var byKey: [String: [JSONValue]] = [:]
        for (key, value) in values {
            let key = key ?? ""
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(value)
        }
        return .object(
            JSONObject(
                members: order.map { key in
                    let list = byKey[key] ?? []
                    return .init(key: key, value: list.count == 1 ? list[0] : .array(list))
                }))
    }
}
