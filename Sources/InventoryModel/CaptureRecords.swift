import Crypto
import Foundation

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
    /// The key of the raw content the group came from (`KnownGroups.contentKey`), when known.
    public var contentKey: Data? = nil
    /// Set when the store already holds this content: `rows` is then empty and the group is
    /// stored by reference.
    public var known: KnownGroup? = nil

    /// Rows in the group, stored or built.
    public var rowCount: Int { known?.rowCount ?? rows.count }
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

extension PreparedGroup {
    /// The group `InventoryGroup(…, rows: ContentRows.rows(of: content).rows).prepared()` gives,
    /// prepared straight from the parsed row objects: no attribute dictionary per row.
    public init(
        nodeId: String, typeName: String, schemaVersion: String?, captureTime: Timestamp?, accountId: String?,
        region: String?, content: JSONValue
    ) {
        var builder = PreparedRowsBuilder(typeName: typeName, keepsFirstAttributes: typeName == "AWS:InstanceInformation")
        _ = ContentRows.forEachRow(of: content) { object, mapKey in builder.add(object, mapKey: mapKey) }
        self.init(
            nodeId: nodeId, typeName: typeName, schemaVersion: schemaVersion, captureTime: captureTime,
            accountId: accountId, region: region, rows: builder.rows, firstAttributes: builder.firstAttributes,
            attributeNames: builder.names, fingerprint: builder.fingerprint())
    }
}

/// Prepares rows from parsed objects with the text, hash and identity key `InventoryGroup.prepared()`
/// gives from their attribute dictionaries. Rows of one group repeat a few key lists, so each
/// list's sorted order, escaped key text and identity positions are worked out once.
private struct PreparedRowsBuilder {
    /// How one key list (non-null members in document order) is written.
    struct Plan {
        var keys: [String]
        /// Member indices in canonical order (of duplicate keys the last, as a dictionary keeps).
        var order: [Int]
        /// Per entry of `order`: `{` or `,`, the escaped key and `:`.
        var prefixes: [[UInt8]]
        /// Per identity attribute, the index of its member.
        var identity: [Int?]
    }

    let identity: [String]?
    let keepsFirstAttributes: Bool
    var rows: [PreparedRow] = []
    var names = Set<String>()
    var firstAttributes: [String: String]?
    /// The rows' SHA-256 digests as big-endian words, for the fingerprint's sort.
    private var digests: [(UInt64, UInt64, UInt64, UInt64)] = []
    private var keys: [String] = []
    private var values: [String] = []
    private var plans: [Plan] = []

    init(typeName: String, keepsFirstAttributes: Bool) {
        identity = IdentityKey.attributes(forType: typeName)
        self.keepsFirstAttributes = keepsFirstAttributes
    }

    /// SHA-256 over the rows' content hashes sorted and joined by commas, as `prepared()` has it.
    func fingerprint() -> String {
        // Hex text sorts as its digest's bytes do; equal digests have equal text.
        let order = digests.indices.sorted { digests[$0] < digests[$1] }
        var text = ""
        text.reserveCapacity(order.count * 65)
        for (position, index) in order.enumerated() {
            if position > 0 { text += "," }
            text += rows[index].contentHash
        }
        return CanonicalText.hash(text)
    }

    mutating func add(_ object: JSONObject, mapKey: String?) {
        if rows.isEmpty, keepsFirstAttributes { firstAttributes = ContentRows.attributes(of: object) }
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        for member in object.members {
            switch member.value {
            case .null: continue
            case .array, .object: values.append(member.value.compactJSON())
            default: values.append(member.value.scalarText ?? "")
            }
            keys.append(member.key)
        }
        let planIndex: Int
        if let found = plans.firstIndex(where: { $0.keys == keys }) {
            planIndex = found
        } else {
            // Byte order equals `String` order and equality only for ASCII keys; others take the
            // dictionary path so that canonically equivalent keys merge as they did.
            guard keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else {
                addThroughDictionary(object, mapKey: mapKey)
                return
            }
            plans.append(plan())
            planIndex = plans.count - 1
        }
        let plan = plans[planIndex]
        var writer = JSONTextWriter(sortKeys: false)
        for (position, index) in plan.order.enumerated() {
            writer.append(contentsOf: plan.prefixes[position])
            writer.writeString(values[index])
        }
        if plan.order.isEmpty { writer.append(UInt8(ascii: "{")) }
        writer.append(UInt8(ascii: "}"))
        let (canonical, digest) = writer.finishDigest()
        var identityKey = ""
        if identity != nil {
            for (position, index) in plan.identity.enumerated() {
                if position > 0 { identityKey += IdentityKey.separator }
                if let index { identityKey += values[index] }
            }
        } else {
            for (position, index) in plan.order.enumerated() {
                if position > 0 { identityKey += IdentityKey.separator }
                identityKey += keys[index]
                identityKey += "="
                identityKey += values[index]
            }
        }
        rows.append(
            PreparedRow(canonical: canonical, contentHash: CanonicalText.hex(digest), identityKey: identityKey, mapKey: mapKey))
        digests.append(Self.words(digest))
    }

    private static func words(_ digest: SHA256.Digest) -> (UInt64, UInt64, UInt64, UInt64) {
        digest.withUnsafeBytes { raw in
            (
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            )
        }
    }

    /// Sorts this row's keys and finds the identity attributes, as `CanonicalText.object` and
    /// `IdentityKey.key` do over a dictionary.
    private mutating func plan() -> Plan {
        let sorted = keys.indices.sorted { lhs, rhs in
            let l = keys[lhs].utf8
            let r = keys[rhs].utf8
            if l.elementsEqual(r) { return lhs < rhs }
            return l.lexicographicallyPrecedes(r)
        }
        var order: [Int] = []
        for (position, index) in sorted.enumerated() {
            // Of equal keys the last in the document wins, as assigning into a dictionary does.
            if position + 1 < sorted.count, keys[sorted[position + 1]] == keys[index] { continue }
            order.append(index)
        }
        let prefixes = order.enumerated().map { position, index in
            var writer = JSONTextWriter(sortKeys: false)
            writer.append(UInt8(ascii: position == 0 ? "{" : ","))
            writer.writeString(keys[index])
            writer.append(UInt8(ascii: ":"))
            return writer.bytesWritten
        }
        let identityIndices = (identity ?? []).map { name -> Int? in
            if let exact = order.first(where: { keys[$0] == name }) { return exact }
            return order.first { keys[$0].caseInsensitiveCompare(name) == .orderedSame }
        }
        for index in order { names.insert(keys[index]) }
        return Plan(keys: keys, order: order, prefixes: prefixes, identity: identityIndices)
    }

    private mutating func addThroughDictionary(_ object: JSONObject, mapKey: String?) {
        let attributes = ContentRows.attributes(of: object)
        let canonical = CanonicalText.object(attributes)
        let digest = SHA256.hash(data: Array(canonical.utf8))
        rows.append(
            PreparedRow(
                canonical: canonical, contentHash: CanonicalText.hex(digest),
                identityKey: IdentityKey.key(of: attributes, attributes: identity), mapKey: mapKey))
        digests.append(Self.words(digest))
        for name in attributes.keys { names.insert(name) }
    }
}
