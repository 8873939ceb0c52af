/// One node's rows of one inventory type as one capture carried them (a `Content` list, a
/// `list-inventory-entries` page, a Resource Data Sync object). `rows` may be empty: the type was
/// captured and holds nothing, which is different from not being captured at all.
public struct InventoryGroup: Sendable {
    /// Managed node id (`i-…` or `mi-…`).
    public var nodeId: String
    /// Inventory type, `AWS:…` or `Custom:…`.
    public var typeName: String
    public var schemaVersion: String?
    public var captureTime: Timestamp?
    public var accountId: String?
    public var region: String?
    public var rows: [InventoryRow]

    public init(
        nodeId: String, typeName: String, schemaVersion: String? = nil, captureTime: Timestamp? = nil,
        accountId: String? = nil, region: String? = nil, rows: [InventoryRow] = []
    ) {
        self.nodeId = nodeId
        self.typeName = typeName
        self.schemaVersion = schemaVersion
        self.captureTime = captureTime
        self.accountId = accountId
        self.region = region
        self.rows = rows
    }
}

/// One inventory row: attribute name → value, every value kept as the text it arrived as
/// (`"1.10"` stays `"1.10"`). `mapKey` is the key the row had in a map-shaped `Content`.
public struct InventoryRow: Sendable, Hashable {
    public var attributes: [String: String]
    public var mapKey: String?

    public init(attributes: [String: String], mapKey: String? = nil) {
        self.attributes = attributes
        self.mapKey = mapKey
    }
}

/// What a capture says about a managed node itself (ping status, platform, agent), from
/// `describe-instance-information` or a get-inventory entity; nil fields were not in the file.
public struct NodeObservation: Sendable, Hashable {
    public var nodeId: String
    public var accountId: String?
    public var region: String?
    public var pingStatus: String?
    public var lastPingTime: String?
    public var platformType: String?
    public var platformName: String?
    public var platformVersion: String?
    public var agentVersion: String?
    public var ipAddress: String?
    public var computerName: String?
    public var resourceType: String?

    public init(nodeId: String) { self.nodeId = nodeId }
}

/// A capture file decoded into the record model, before it is merged with the other files of
/// the same ingest.
public struct DecodedCapture: Sendable {
    public var format: CaptureFormat
    public var groups: [InventoryGroup] = []
    public var configurationItems: [ConfigurationItem] = []
    public var nodes: [NodeObservation] = []
    /// The page token the file ended with (empty tokens are treated as absent).
    public var nextToken: String?
    /// Files sharing this key are pages of one logical capture (for incompleteness checks).
    public var pageGroup: String?
    public var diagnostics: [Diagnostic] = []
    /// Configuration items `CaptureDecoder.decodeFile` handed out one by one instead of keeping here.
    public var streamedItems = 0

    public init(format: CaptureFormat) { self.format = format }

    /// Rows plus configuration items: what `source_file.records` records.
    public var recordCount: Int {
        groups.reduce(0) { $0 + $1.rows.count } + configurationItems.count + streamedItems
    }
}

/// An inventory row reduced to what the store keeps: canonical attribute text, its SHA-256 and
/// the identity key. A few hundred bytes instead of a dictionary, so large captures fit in memory.
public struct PreparedRow: Sendable, Hashable {
    public var canonical: String
    public var contentHash: String
    public var identityKey: String
    public var mapKey: String?
}

/// An `InventoryGroup` whose rows are prepared for the store; `firstAttributes` keeps the first
/// row's attributes for `AWS:InstanceInformation` (the Summary reads them).
public struct PreparedGroup: Sendable {
    public var nodeId: String
    public var typeName: String
    public var schemaVersion: String?
    public var captureTime: Timestamp?
    public var accountId: String?
    public var region: String?
    public var rows: [PreparedRow]
    public var firstAttributes: [String: String]?
    /// Every attribute name used by the rows (workbook columns).
    public var attributeNames: Set<String>
    /// SHA-256 over the sorted content hashes of the rows: equal groups have equal fingerprints.
    public var fingerprint: String
}

extension InventoryGroup {
    /// The group with canonical, hashed, keyed rows.
    public func prepared() -> PreparedGroup {
        let identity = IdentityKey.attributes(forType: typeName)
        let rows = self.rows.map { row in
            let canonical = CanonicalText.object(row.attributes)
            return PreparedRow(
                canonical: canonical, contentHash: CanonicalText.hash(canonical),
                identityKey: IdentityKey.key(of: row.attributes, attributes: identity), mapKey: row.mapKey)
        }
        // Inserted one by one: `Set(array)` reserves room for every element of the array (all
        // rows' names, duplicates included), which kept ~70 KB per group alive for the whole ingest.
        var names = Set<String>()
        for row in self.rows { for name in row.attributes.keys { names.insert(name) } }
        return PreparedGroup(
            nodeId: nodeId, typeName: typeName, schemaVersion: schemaVersion, captureTime: captureTime,
            accountId: accountId, region: region, rows: rows,
            firstAttributes: typeName == "AWS:InstanceInformation" ? self.rows.first?.attributes : nil,
            attributeNames: names, fingerprint: CanonicalText.hash(rows.map(\.contentHash).sorted().joined(separator: ",")))
    }
}
