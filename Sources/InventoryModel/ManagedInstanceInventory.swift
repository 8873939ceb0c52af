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
    /// Content the store already holds (`known`) is recognised by its key before any row is built.
    public static func preparedGroups(of item: ConfigurationItem, known: KnownGroups = KnownGroups()) -> [PreparedGroup] {
        guard let nodeId = item.managedNodeId, item.payloadIncluded, !item.isDeleted,
            let configuration = item.configuration?.objectValue
        else { return [] }
        var groups: [PreparedGroup] = []
        for member in configuration.members {
            guard member.key.hasPrefix("AWS:") || member.key.hasPrefix("Custom:"),
                let wrapper = member.value.objectValue
            else { continue }
            let content = wrapper["Content"] ?? .array([])
            let schemaVersion = wrapper["SchemaVersion"]?.scalarText
            let captureTime = wrapper["CaptureTime"].flatMap(Timestamp.parse) ?? item.captureTime
            // AWS:InstanceInformation is built every time: the node summary reads its first row.
            let key = member.key == "AWS:InstanceInformation" ? nil : KnownGroups.contentKey(typeName: member.key, content: content)
            if let key, let hit = known.byContentKey[key] {
                groups.append(
                    PreparedGroup(
                        nodeId: nodeId, typeName: member.key, schemaVersion: schemaVersion, captureTime: captureTime,
                        accountId: item.accountId, region: item.region, rows: [], firstAttributes: nil,
                        attributeNames: hit.attributeNames, fingerprint: hit.fingerprint, contentKey: key, known: hit))
                continue
            }
            var group = PreparedGroup(
                nodeId: nodeId, typeName: member.key, schemaVersion: schemaVersion, captureTime: captureTime,
                accountId: item.accountId, region: item.region, content: content)
            group.contentKey = key
            groups.append(group)
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
}
