import Crypto
import Foundation
import GRDB
import InventoryModel

/// The content-addressed half of the store (schema v4): each distinct inventory row, each
/// distinct group of rows (one node's content of one type) and each distinct configuration-item
/// content is stored once and referenced by id. Snapshots point at groups through `coverage` and
/// at item content through `resource_item`, so identical content across nodes and across days
/// costs nothing after the first time.
///
/// Used by the ingest writer and by the v4 migration, so both address content the same way.
final class ContentStore {
    private let db: Database
    /// Bounded lookup caches: a hit saves an index probe; a miss falls back to SQLite, so memory
    /// stays flat however many distinct rows a store holds.
    /// By type, map key and content hash (identity keys follow from type and content): a hit
    /// costs no SHA-256.
    private var rowIds: [String: Int64] = [:]
    private var groupIds: [Data: Int64] = [:]
    private static let cacheLimit = 250_000
    /// Groups and rows first inserted by this writer: the candidates `collectGarbage` checks.
    private(set) var newGroups: [Int64] = []
    /// Item content first inserted by this writer: an item a newer one replaced leaves its
    /// content unreferenced (a history file's older versions), checked by `collectItemGarbage`.
    private(set) var newItemContent: [Int64] = []

    init(db: Database) { self.db = db }

    /// Forgets the caches (after a savepoint rolled back, ids they hold may no longer exist, and
    /// SQLite hands the same ids to the next names and content inserted).
    func forgetCaches() {
        rowIds.removeAll()
        groupIds.removeAll()
        names.removeAll()
    }

    /// One stored row as the writer and the migration know it.
    struct Row {
        var typeName: String
        var identityKey: String
        var mapKey: String?
        var attributes: String
        var contentHash: String
    }

    /// 16 bytes of SHA-256 over the parts, NUL-separated (nil as a lone 0x01).
    static func key(_ parts: [String?]) -> Data {
        var hasher = SHA256()
        for part in parts {
            if let part { hasher.update(data: Array(part.utf8)) } else { hasher.update(data: [1]) }
            hasher.update(data: [0])
        }
        return Data(hasher.finalize().prefix(16))
    }

    /// The key of a group: its type, the fingerprint of its rows' content and, when rows have map
    /// keys, each row's map key paired with its content (identity keys follow from type and
    /// content). Map keys sorted apart from the rows would let two groups that hold the same rows
    /// under swapped keys share one group.
    static func groupKey(typeName: String, fingerprint: String, rows: [(mapKey: String?, contentHash: String)]) -> Data {
        let keyed = rows.contains { $0.mapKey != nil }
        let pairs = keyed ? rows.map { ($0.mapKey ?? "\u{1}") + "\u{1}" + $0.contentHash }.sorted().joined(separator: "\u{0}") : nil
        return key([typeName, fingerprint, pairs])
    }

    /// The stored group with this key, if any.
    func existingGroup(_ key: Data) throws -> Int64? {
        if let id = groupIds[key] { return id }
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM row_group WHERE group_key = ?"), arguments: [key])
        else { return nil }
        remember(key, id, in: &groupIds)
        return id
    }

    /// Stores a group (and whichever of its rows are new); returns the id of the group with the
    /// same key when there is one already.
    func group(typeName: String, fingerprint: String, rows: [Row]) throws -> Int64 {
        let key = Self.groupKey(typeName: typeName, fingerprint: fingerprint, rows: rows.map { ($0.mapKey, $0.contentHash) })
        if let id = try existingGroup(key) { return id }
        try db.cachedStatement(sql: "INSERT INTO row_group (group_key, type_name, fingerprint, row_count) VALUES (?, ?, ?, ?)")
            .execute(arguments: [key, typeName, fingerprint, rows.count])
        let groupId = db.lastInsertedRowID
        newGroups.append(groupId)
        remember(key, groupId, in: &groupIds)
        var copies: [Int64: Int] = [:]
        let member = try db.cachedStatement(sql: "INSERT INTO group_row (group_id, row_id, copy) VALUES (?, ?, ?)")
        for row in rows {
            let rowId = try self.row(row)
            let copy = copies[rowId, default: 0]
            copies[rowId] = copy + 1
            try member.execute(arguments: [groupId, rowId, copy])
        }
        return groupId
    }

    /// Notes that raw content with `contentKey` gives the stored group `groupId` with these
    /// attribute names (the next capture of the same content skips building its rows).
    func alias(_ contentKey: Data, groupId: Int64, attributeNames: Set<String>) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO group_alias (content_key, group_id) VALUES (?, ?)")
            .execute(arguments: [contentKey, groupId])
        try db.cachedStatement(sql: "UPDATE row_group SET attribute_names = ? WHERE id = ? AND attribute_names IS NULL")
            .execute(arguments: [JSONValue.array(attributeNames.sorted().map(JSONValue.string)).compactJSON(), groupId])
    }

    /// The id of a stored row, inserting it when new.
    func row(_ row: Row) throws -> Int64 {
        let cacheKey = row.contentHash + "\u{0}" + row.typeName + (row.mapKey.map { "\u{0}" + $0 } ?? "")
        if let id = rowIds[cacheKey] { return id }
        let key = Self.key([row.typeName, row.identityKey, row.mapKey, row.contentHash])
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM row_content WHERE row_key = ?"), arguments: [key]) {
            remember(cacheKey, id, in: &rowIds)
            return id
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO row_content (row_key, type_name, identity_key, map_key, attributes, content_hash)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [key, row.typeName, row.identityKey, row.mapKey, row.attributes, row.contentHash])
        let id = db.lastInsertedRowID
        remember(cacheKey, id, in: &rowIds)
        return id
    }

    /// A group holding the rows of several stored groups (pages of one capture joined).
    func joined(typeName: String, groups: [Int64]) throws -> Int64 {
        var rows: [Row] = []
        for groupId in groups {
            let fetched = try GRDB.Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT r.type_name, r.identity_key, r.map_key, r.attributes, r.content_hash
                        FROM group_row m JOIN row_content r ON r.id = m.row_id WHERE m.group_id = ?
                        """), arguments: [groupId])
            for stored in fetched {
                rows.append(
                    Row(
                        typeName: stored[0], identityKey: stored[1], mapKey: stored[2], attributes: stored[3], contentHash: stored[4]))
            }
        }
        let fingerprint = CanonicalText.hash(rows.map(\.contentHash).sorted().joined(separator: ","))
        return try group(typeName: typeName, fingerprint: fingerprint, rows: rows)
    }

    /// The columns of a configuration item that do not change from capture to capture, stored
    /// once per distinct value.
    struct ItemContent {
        var accountId: String?
        var region: String?
        var availabilityZone: String?
        var resourceName: String?
        var arn: String?
        var status: String?
        var resourceCreationTime: String?
        var version: String?
        var configuration: String?
        var supplementaryConfiguration: String?
        var tags: String
        var relationships: String
        var payloadIncluded: Bool
        var contentInInventory: Bool
        /// The configuration with each inventory type's `Content` and `CaptureTime` set to null:
        /// the rows and coverage fill them back in (`InventoryConfiguration.rebuild`).
        var inventorySkeleton: String?
        var s3Location: String?
        var selectedProperties: String?

        var parts: [String?] {
            [
                accountId, region, availabilityZone, resourceName, arn, status, resourceCreationTime, version, configuration,
                supplementaryConfiguration, tags, relationships, payloadIncluded ? "1" : "0", contentInInventory ? "1" : "0",
                inventorySkeleton, s3Location, selectedProperties,
            ]
        }
    }

    /// The stored content `row` holds (a `resource` or `resource_content` row, columns by name),
    /// with `configuration` in place of its own and no skeleton.
    static func itemContent(of row: GRDB.Row, configuration: String?) -> ItemContent {
        ItemContent(
            accountId: row["account_id"], region: row["region"], availabilityZone: row["availability_zone"],
            resourceName: row["resource_name"], arn: row["arn"], status: row["status"],
            resourceCreationTime: row["resource_creation_time"], version: row["version"], configuration: configuration,
            supplementaryConfiguration: row["supplementary_configuration"], tags: row["tags"], relationships: row["relationships"],
            payloadIncluded: row["payload_included"], contentInInventory: row["content_in_inventory"], inventorySkeleton: nil,
            s3Location: row["s3_location"], selectedProperties: row["selected_properties"])
    }

    /// The rows of a stored group as readers rebuild an inventory item from them: map key and
    /// canonical attributes, ordered by identity key.
    static func rebuildRows(ofGroup groupId: Int64?, _ db: Database) throws -> [(mapKey: String?, attributes: String)] {
        try GRDB.Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT r.map_key, r.attributes FROM group_row m JOIN row_content r ON r.id = m.row_id
                    WHERE m.group_id = ? ORDER BY r.identity_key, r.attributes
                    """), arguments: [groupId]
        ).map { (mapKey: $0[0] as String?, attributes: $0[1] as String) }
    }

    /// The id of stored item content, inserting it when new.
    func itemContent(_ content: ItemContent) throws -> Int64 {
        let key = Self.key(content.parts)
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM resource_content WHERE content_key = ?"), arguments: [key]) {
            return id
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO resource_content (content_key, account_id, region, availability_zone, resource_name, arn, status,
                    resource_creation_time, version, configuration, supplementary_configuration, tags, relationships,
                    payload_included, content_in_inventory, inventory_skeleton, s3_location, selected_properties)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            key, content.accountId, content.region, content.availabilityZone, content.resourceName, content.arn, content.status,
            content.resourceCreationTime, content.version, content.configuration, content.supplementaryConfiguration, content.tags,
            content.relationships, content.payloadIncluded, content.contentInInventory, content.inventorySkeleton,
            content.s3Location, content.selectedProperties,
        ])
        newItemContent.append(db.lastInsertedRowID)
        return db.lastInsertedRowID
    }

    /// Deletes the item content this writer stored that no item of `snapshotId` references (only
    /// this snapshot can reference content new to it).
    func collectItemGarbage(snapshotId: Int64) throws {
        guard !newItemContent.isEmpty else { return }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS gc_item (id INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM gc_item")
        for id in newItemContent { try db.cachedStatement(sql: "INSERT OR IGNORE INTO gc_item (id) VALUES (?)").execute(arguments: [id]) }
        try db.execute(
            sql: """
                DELETE FROM resource_content WHERE id IN (SELECT id FROM gc_item)
                    AND id NOT IN (SELECT content_id FROM resource_item WHERE snapshot_id = ?)
                """, arguments: [snapshotId])
        try db.execute(sql: "DELETE FROM gc_item")
    }

    /// Deletes groups, rows and item content no snapshot references any more: `orphans` (groups
    /// an ingest stored that lost) and their rows no other group holds, or with nil everything
    /// unreferenced (prune).
    static func collectGarbage(_ db: Database, orphans: [Int64]?) throws {
        if let orphans {
            guard !orphans.isEmpty else { return }
            var rows = Set<Int64>()
            for id in orphans {
                rows.formUnion(
                    try Int64.fetchAll(db.cachedStatement(sql: "SELECT row_id FROM group_row WHERE group_id = ?"), arguments: [id]))
                try db.cachedStatement(sql: "DELETE FROM group_row WHERE group_id = ?").execute(arguments: [id])
                try db.cachedStatement(sql: "DELETE FROM group_alias WHERE group_id = ?").execute(arguments: [id])
                try db.cachedStatement(sql: "DELETE FROM row_group WHERE id = ?").execute(arguments: [id])
            }
            // One pass over the memberships (no index by row, which would cost more space than it saves).
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS gc_row (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "DELETE FROM gc_row")
            for id in rows { try db.cachedStatement(sql: "INSERT INTO gc_row (id) VALUES (?)").execute(arguments: [id]) }
            try db.execute(
                sql: "DELETE FROM row_content WHERE id IN (SELECT id FROM gc_row) AND id NOT IN (SELECT row_id FROM group_row)")
            try db.execute(sql: "DELETE FROM gc_row")
        } else {
            try db.execute(
                sql: """
                    DELETE FROM row_group WHERE id NOT IN (SELECT group_id FROM snapshot_group);
                    DELETE FROM group_row WHERE group_id NOT IN (SELECT id FROM row_group);
                    DELETE FROM group_alias WHERE group_id NOT IN (SELECT id FROM row_group);
                    DELETE FROM row_content WHERE id NOT IN (SELECT row_id FROM group_row);
                    DELETE FROM resource_content WHERE id NOT IN (SELECT content_id FROM resource_item);
                    DELETE FROM resource_key WHERE id NOT IN (SELECT resource FROM resource_item);
                    DELETE FROM node_content WHERE id NOT IN (SELECT content_id FROM snapshot_node);
                    DELETE FROM node_key WHERE id NOT IN (SELECT node FROM snapshot_group) AND id NOT IN (SELECT node FROM snapshot_node);
                    DELETE FROM type_key WHERE id NOT IN (SELECT type FROM snapshot_group);
                    """)
        }
    }

    private var names: [String: Int64] = [:]

    /// The interned id of a node id, type name or resource (type and id) in `table`.
    func key(_ table: NameTable, _ first: String, _ second: String? = nil) throws -> Int64 {
        let cacheKey = table.rawValue + "\u{0}" + first + "\u{0}" + (second ?? "")
        if let id = names[cacheKey] { return id }
        let id: Int64
        switch table {
        case .node, .type:
            let column = table == .node ? "node_id" : "type_name"
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(table.rawValue) (\(column)) VALUES (?)").execute(arguments: [first])
            id =
                try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM \(table.rawValue) WHERE \(column) = ?"), arguments: [first]) ?? 0
        case .resource:
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO resource_key (resource_type, resource_id) VALUES (?, ?)")
                .execute(arguments: [first, second ?? ""])
            id =
                try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM resource_key WHERE resource_type = ? AND resource_id = ?"),
                    arguments: [first, second ?? ""]) ?? 0
        }
        if names.count >= Self.cacheLimit { names.removeAll(keepingCapacity: true) }
        names[cacheKey] = id
        return id
    }

    enum NameTable: String {
        case node = "node_key"
        case type = "type_key"
        case resource = "resource_key"
    }

    /// The id of a stored node description (everything `managed_node` holds but the times).
    func nodeContent(_ node: ManagedNode) throws -> Int64 {
        let parts: [String?] = [
            node.accountId, node.region, node.computerName, node.platformType, node.platformName, node.platformVersion,
            node.agentVersion, node.ipAddress, node.status, node.pingStatus, node.resourceType,
        ]
        let key = Self.key(parts)
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM node_content WHERE content_key = ?"), arguments: [key]) {
            return id
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO node_content (content_key, account_id, region, computer_name, platform_type, platform_name,
                    platform_version, agent_version, ip_address, status, ping_status, resource_type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            key, node.accountId, node.region, node.computerName, node.platformType, node.platformName, node.platformVersion,
            node.agentVersion, node.ipAddress, node.status, node.pingStatus, node.resourceType,
        ])
        return db.lastInsertedRowID
    }

    /// A capture time as stored since v4: epoch milliseconds, and the text only when the capture
    /// spelled it otherwise than `Timestamp.iso8601` (or SQL cannot spell it).
    static func time(_ time: Timestamp?) -> (milliseconds: Int64?, text: String?) {
        guard let time else { return (nil, nil) }
        let spelled = HistoryMigration.formattedMilliseconds.contains(time.epochMilliseconds)
        return (time.epochMilliseconds, spelled && time.original == time.iso8601 ? nil : time.original)
    }

    /// A configuration state id as an integer when it is one (six bytes instead of thirteen
    /// characters; read back as the same text), else the text.
    static func stateId(_ text: String?) -> (any DatabaseValueConvertible)? {
        guard let text else { return nil }
        if let value = Int64(text), String(value) == text { return value }
        return text
    }

    private func remember<Key: Hashable>(_ key: Key, _ id: Int64, in cache: inout [Key: Int64]) {
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = id
    }
}
