import Foundation
import GRDB
import InventoryModel

extension InventoryStore {
    /// Resolves a snapshot reference: an id, a label, `latest`, `latest~N` (N snapshots before
    /// the latest), or a UTC date/time (the latest snapshot taken at or before it).
    /// - Throws: `InventoryError.unknownSnapshot` with what is available.
    public func resolve(_ reference: String) throws(InventoryError) -> SnapshotInfo {
        let all = try snapshots()
        guard !all.isEmpty else {
            throw .unknownSnapshot(reference: reference, detail: "the store \(path) has no snapshots yet; run `inventory ingest` first")
        }
        if reference == "latest", let last = all.last { return last }
        if reference.hasPrefix("latest~"), let back = Int(reference.dropFirst("latest~".count)), back >= 0 {
            guard back < all.count else {
                throw .unknownSnapshot(reference: reference, detail: "only \(all.count) snapshot(s) are stored")
            }
            return all[all.count - 1 - back]
        }
        if reference.allSatisfy(\.isNumber) {
            // Digits are an id, never an epoch time.
            if let id = Int64(reference), let match = all.first(where: { $0.id == id }) { return match }
            throw .unknownSnapshot(
                reference: reference, detail: "no snapshot has id \(reference); ids are \(all.map { "\($0.id)" }.joined(separator: ", "))")
        }
        if let match = all.first(where: { $0.label == reference }) { return match }
        // A bare date means the whole of that day (UTC): the latest snapshot taken by its end.
        let isBareDate = reference.count == 10 && reference.split(separator: "-").count == 3
        if let time = isBareDate ? Timestamp.parse(reference + "T23:59:59.999Z") : Timestamp.parse(reference) {
            let candidates = all.filter { snapshot in
                guard let taken = snapshot.takenAt else { return false }
                return taken <= time
            }
            if let last = candidates.last { return last }
            throw .unknownSnapshot(reference: reference, detail: "no snapshot was taken at or before \(time.iso8601)")
        }
        let ids = all.suffix(5).map { snapshot in snapshot.label.map { "\(snapshot.id) (\($0))" } ?? "\(snapshot.id)" }
            .joined(separator: ", ")
        throw .unknownSnapshot(
            reference: reference, detail: "not an id, label, latest, latest~N or date; recent snapshots: \(ids)")
    }

    /// The snapshot taken just before `snapshot` (the default diff base), if any.
    public func previous(to snapshot: SnapshotInfo) throws(InventoryError) -> SnapshotInfo? {
        let all = try snapshots()
        guard let index = all.firstIndex(where: { $0.id == snapshot.id }), index > 0 else { return nil }
        return all[index - 1]
    }

    /// Managed nodes of a snapshot, by node id.
    public func nodes(snapshotId: Int64) throws(InventoryError) -> [ManagedNode] {
        try read { db in
            // Columns by position: looking names up costs more than the query on large snapshots. Since
            // v4 the tables are read directly: the view works out each node's latest capture time
            // one node at a time, and spells it in SQL.
            let addressed = try Self.isContentAddressed(db)
            let sql =
                addressed
                ? """
                SELECT k.node_id, c.account_id, c.region, c.computer_name, c.platform_type, c.platform_name, c.platform_version,
                    c.agent_version, c.ip_address, c.status, c.ping_status, s.last_ping_time, c.resource_type, s.last_capture_time,
                    latest.ms
                FROM snapshot_node s JOIN node_key k ON k.id = s.node JOIN node_content c ON c.id = s.content_id
                    LEFT JOIN (SELECT node, MAX(capture_time_ms) AS ms FROM snapshot_group WHERE snapshot_id = ? GROUP BY node) latest
                        ON latest.node = s.node
                WHERE s.snapshot_id = ? ORDER BY k.node_id
                """
                : """
                SELECT node_id, account_id, region, computer_name, platform_type, platform_name, platform_version,
                    agent_version, ip_address, status, ping_status, last_ping_time, resource_type, last_capture_time, NULL
                FROM managed_node WHERE snapshot_id = ? ORDER BY node_id
                """
            return try Row.fetchAll(db, sql: sql, arguments: addressed ? [snapshotId, snapshotId] : [snapshotId]).map { row in
                var node = ManagedNode(nodeId: row[0])
                node.accountId = row[1]
                node.region = row[2]
                node.computerName = row[3]
                node.platformType = row[4]
                node.platformName = row[5]
                node.platformVersion = row[6]
                node.agentVersion = row[7]
                node.ipAddress = row[8]
                node.status = row[9]
                node.pingStatus = row[10]
                node.lastPingTime = row[11]
                node.resourceType = row[12]
                // As the view spells it: stored text ('' for none), else the latest capture time.
                let stored: String? = row[13]
                let latest: Int64? = row[14]
                node.lastCaptureTime =
                    addressed && stored == nil ? latest.flatMap(Self.iso8601) : stored == "" && addressed ? nil : stored
                return node
            }
        }
    }

    /// What a snapshot captured: one entry per (node, type), rows counted.
    public func coverage(snapshotId: Int64) throws(InventoryError) -> [CoverageInfo] {
        try read { db in
            // Since v4 `coverage` is a view that takes the fingerprint from the group.
            // Read from the tables, times spelled here rather than by the view's SQL, row by row.
            let addressed = try Self.isContentAddressed(db)
            let sql =
                addressed
                ? """
                SELECT n.node_id, t.type_name, s.schema_version, s.capture_time_text, s.complete, g.row_count, g.fingerprint,
                    s.capture_time_ms
                FROM snapshot_group s JOIN node_key n ON n.id = s.node JOIN type_key t ON t.id = s.type
                    JOIN row_group g ON g.id = s.group_id
                WHERE s.snapshot_id = ? ORDER BY n.node_id, t.type_name
                """
                : """
                SELECT node_id, type_name, schema_version, capture_time, complete, entry_count, content_fingerprint, NULL
                FROM coverage WHERE snapshot_id = ? ORDER BY node_id, type_name
                """
            return try Row.fetchAll(db, sql: sql, arguments: [snapshotId]).map { row in
                let milliseconds: Int64? = row[7]
                let captureTime: String? = addressed ? milliseconds.flatMap(Self.iso8601) ?? row[3] : row[3]
                return CoverageInfo(
                    nodeId: row[0], typeName: row[1], schemaVersion: row[2], captureTime: captureTime, complete: row[4],
                    entryCount: row[5], contentFingerprint: row[6])
            }
        }
    }

    /// Inventory type names present in a snapshot, sorted.
    public func typeNames(snapshotId: Int64) throws(InventoryError) -> [String] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT type_name FROM coverage WHERE snapshot_id = ? ORDER BY type_name", arguments: [snapshotId])
        }
    }

    /// Attribute names used by a type's rows in a snapshot, sorted.
    public func attributeNames(snapshotId: Int64, typeName: String) throws(InventoryError) -> [String] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM type_attribute WHERE snapshot_id = ? AND type_name = ? ORDER BY name",
                arguments: [snapshotId, typeName])
        }
    }

    /// Attribute names of a type that hold a non-empty value on at least one row of the snapshot
    /// (the workbook leaves out columns that would be empty on every row).
    public func attributeNamesWithValues(snapshotId: Int64, typeName: String) throws(InventoryError) -> Set<String> {
        let names = try attributeNames(snapshotId: snapshotId, typeName: typeName)
        return try read { db in
            var used = Set<String>()
            for name in names {
                // A JSON path cannot quote every name; such names are kept rather than checked.
                guard !name.contains("\""), !name.contains("\\") else {
                    used.insert(name)
                    continue
                }
                let found =
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT EXISTS (SELECT 1 FROM inventory_entry WHERE snapshot_id = ? AND type_name = ?
                                AND COALESCE(json_extract(attributes, ?), '') <> '')
                            """,
                        arguments: [snapshotId, typeName, "$.\"\(name)\""]) ?? true
                if found { used.insert(name) }
            }
            return used
        }
    }

    /// Which optional columns of a Config resource type hold a value on at least one resource of
    /// the snapshot, by column name (`resource_name`, `arn`, `tags`, `configuration`, …).
    public func resourceColumnsWithValues(snapshotId: Int64, resourceType: String) throws(InventoryError) -> Set<String> {
        let checks: [(String, String)] = [
            ("resource_name", "COALESCE(resource_name, '') <> ''"), ("arn", "COALESCE(arn, '') <> ''"),
            ("status", "COALESCE(status, '') <> ''"), ("capture_time", "COALESCE(capture_time, '') <> ''"),
            ("availability_zone", "COALESCE(availability_zone, '') <> ''"),
            ("configuration_state_id", "COALESCE(configuration_state_id, '') <> ''"), ("tags", "tags NOT IN ('', '{}')"),
            ("configuration", "configuration IS NOT NULL"),
            ("supplementary_configuration", "COALESCE(supplementary_configuration, '') NOT IN ('', '{}')"),
            ("relationships", "relationships NOT IN ('', '[]')"),
        ]
        return try read { db in
            var checks = checks
            if try Self.isContentAddressed(db), let index = checks.firstIndex(where: { $0.0 == "configuration" }) {
                // Inventory items keep a skeleton; readers rebuild their configuration from rows.
                checks[index].1 = "(configuration IS NOT NULL OR inventory_skeleton IS NOT NULL)"
            }
            let sql =
                "SELECT " + checks.map { "MAX(\($0.1))" }.joined(separator: ", ")
                + " FROM resource WHERE snapshot_id = ? AND resource_type = ?"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [snapshotId, resourceType]) else { return [] }
            var used = Set<String>()
            for (index, check) in checks.enumerated() where (row[index] as Int?) == 1 { used.insert(check.0) }
            return used
        }
    }

    /// Number of inventory rows of a type in a snapshot.
    public func entryCount(snapshotId: Int64, typeName: String) throws(InventoryError) -> Int {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(SUM(entry_count), 0) FROM coverage WHERE snapshot_id = ? AND type_name = ?",
                arguments: [snapshotId, typeName]) ?? 0
        }
    }

    /// Streams a snapshot's rows of one type (all types when nil) ordered by node, type, identity
    /// key and content, without loading them all.
    public func forEachEntry(
        snapshotId: Int64, typeName: String? = nil, nodeId: String? = nil, _ body: (StoredEntry) throws -> Void
    ) throws(InventoryError) {
        try read { db in
            // Since v4 a row shared by many nodes is one stored row: decode it once (bounded cache).
            let addressed = try Self.isContentAddressed(db)
            var sql =
                addressed
                ? """
                SELECT n.node_id, t.type_name, r.identity_key, r.map_key, r.attributes, r.content_hash, r.id
                FROM snapshot_group s JOIN node_key n ON n.id = s.node JOIN type_key t ON t.id = s.type
                    JOIN group_row m ON m.group_id = s.group_id JOIN row_content r ON r.id = m.row_id
                WHERE s.snapshot_id = ?
                """
                : "SELECT node_id, type_name, identity_key, map_key, attributes, content_hash, NULL FROM inventory_entry WHERE snapshot_id = ?"
            var arguments: StatementArguments = [snapshotId]
            if let typeName {
                sql += addressed ? " AND t.type_name = ?" : " AND type_name = ?"
                arguments += [typeName]
            }
            if let nodeId {
                sql += addressed ? " AND n.node_id = ?" : " AND node_id = ?"
                arguments += [nodeId]
            }
            sql +=
                addressed
                ? " ORDER BY n.node_id, t.type_name, r.identity_key, r.attributes"
                : " ORDER BY node_id, type_name, identity_key, attributes"
            var decoded: [Int64: [String: String]] = [:]
            // Caching pays when nodes share rows (a fleet built from a few images); where rows are
            // all distinct it only costs memory, so it stops after 20,000 rows with few hits.
            var caching = true
            var lookups = 0
            var hits = 0
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                let attributes: [String: String]
                if caching, let rowId: Int64 = row[6] {
                    lookups += 1
                    if let cached = decoded[rowId] {
                        hits += 1
                        attributes = cached
                    } else {
                        attributes = Self.decodeAttributes(row[4])
                        if decoded.count >= 50_000 { decoded.removeAll(keepingCapacity: true) }
                        decoded[rowId] = attributes
                    }
                    if lookups == 20_000, hits < 2_000 {
                        caching = false
                        decoded = [:]
                    }
                } else {
                    attributes = Self.decodeAttributes(row[4])
                }
                try body(
                    StoredEntry(
                        nodeId: row[0], typeName: row[1], identityKey: row[2], mapKey: row[3], attributes: attributes, contentHash: row[5]))
            }
        }
    }

    static func decodeAttributes(_ text: String) -> [String: String] {
        guard let object = (try? JSONParser.parse(Array(text.utf8)))?.objectValue else { return [:] }
        var attributes: [String: String] = [:]
        attributes.reserveCapacity(object.count)
        for member in object.members { attributes[member.key] = member.value.scalarText ?? "" }
        return attributes
    }

    /// The columns `resource(from:)` reads, by position (names cost more to look up than the
    /// query takes): a store from before v2 or v4 lacks some, read as NULL.
    /// - Parameters:
    ///   - inventoryConfiguration: false leaves out inventory items' configuration (and skeleton).
    ///   - documents: false leaves out every configuration, supplementary configuration, tags and relationships.
    static func resourceColumns(_ db: Database, inventoryConfiguration: Bool = true, documents: Bool = true) throws -> String {
        let columns = Set(try db.columns(in: "resource").map(\.name))
        func optional(_ name: String) -> String { columns.contains(name) ? name : "NULL" }
        let configuration =
            !documents
            ? "NULL" : inventoryConfiguration ? "configuration" : "CASE WHEN content_in_inventory THEN NULL ELSE configuration END"
        return """
            resource_type, resource_id, account_id, region, availability_zone, resource_name, arn, status, capture_time,
            configuration_state_id, resource_creation_time, version, \(configuration),
            \(documents ? "supplementary_configuration, tags, relationships" : "NULL, '', ''"),
            payload_included, content_in_inventory, s3_location, \(optional("selected_properties")), \(optional("content_id")),
            \(inventoryConfiguration ? optional("inventory_skeleton") : "NULL")
            """
    }

    /// A row of `resourceColumns`.
    static func resource(from row: Row) -> StoredResource {
        var resource = StoredResource(
            resourceType: row[0], resourceId: row[1], accountId: row[2], region: row[3], availabilityZone: row[4],
            resourceName: row[5], arn: row[6], status: row[7], captureTime: row[8], configurationStateId: row[9],
            resourceCreationTime: row[10], version: row[11], configuration: row[12], supplementaryConfiguration: row[13],
            tags: row[14], relationships: row[15], payloadIncluded: row[16], contentInInventory: row[17], s3Location: row[18],
            selectedProperties: selectedProperties(row[19]))
        resource.contentId = row[20]
        return resource
    }

    /// The stored JSON array of selected property paths; nil for whole items.
    static func selectedProperties(_ text: String?) -> [String]? {
        guard let text, let list = (try? JSONParser.parse(Array(text.utf8)))?.arrayValue else { return nil }
        return list.compactMap(\.stringValue)
    }

    /// Streams a snapshot's configuration items of one type, by id, without loading them all
    /// (inventory items carry their whole configuration).
    public func forEachResource(snapshotId: Int64, resourceType: String, _ body: (StoredResource) throws -> Void)
        throws(InventoryError)
    {
        try read { db in
            let cursor = try Row.fetchCursor(
                db,
                sql:
                    "SELECT \(try Self.resourceColumns(db)) FROM resource WHERE snapshot_id = ? AND resource_type = ? ORDER BY resource_id",
                arguments: [snapshotId, resourceType])
            while let row = try cursor.next() {
                try body(Self.withConfiguration(Self.resource(from: row), row: row, snapshotId: snapshotId, db))
            }
        }
    }

    /// A stored capture time (epoch milliseconds) as the v4 views spell it, or nil where they
    /// fall back to the stored text (outside the years 0000–9999).
    static func iso8601(_ milliseconds: Int64) -> String? {
        HistoryMigration.formattedMilliseconds.contains(milliseconds) ? Timestamp(epochMilliseconds: milliseconds).iso8601 : nil
    }

    /// True for a store at schema v4 or later (rows and item content stored once).
    static func isContentAddressed(_ db: Database) throws -> Bool {
        try db.tableExists("row_group")
    }

    /// An inventory item keeps only a skeleton of its configuration since v4: its content and
    /// capture times come back from the snapshot's rows and coverage of that node.
    static func withConfiguration(_ resource: StoredResource, row: Row, snapshotId: Int64, _ db: Database) throws -> StoredResource {
        guard resource.configuration == nil, let skeleton: String = row[21] else { return resource }
        // The node is the id's last part (Config spells compliance items' ids
        // `AWS::SSM::ManagedInstanceInventory/i-…`), as `ConfigurationItem.managedNodeId` has it.
        let nodeId = resource.resourceId.split(separator: "/").last.map(String.init) ?? resource.resourceId
        var groups: [String: InventoryConfiguration.Group] = [:]
        let coverage = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT type_name, COALESCE(capture_time_text, capture_time), group_id FROM coverage
                    WHERE snapshot_id = ? AND node_id = ?
                    """), arguments: [snapshotId, nodeId])
        for entry in coverage {
            groups[entry[0]] = InventoryConfiguration.Group(
                captureTime: entry[1], rows: try ContentStore.rebuildRows(ofGroup: entry[2], db))
        }
        var rebuilt = resource
        rebuilt.configuration = InventoryConfiguration.rebuild(skeleton: skeleton, groups: groups)
        return rebuilt
    }

    /// Config resource types present in a snapshot, sorted.
    public func resourceTypes(snapshotId: Int64) throws(InventoryError) -> [String] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT resource_type FROM resource WHERE snapshot_id = ? ORDER BY resource_type",
                arguments: [snapshotId])
        }
    }

    /// One configuration item of a snapshot as `resources(…, inventoryConfiguration: false)` gives it, or nil.
    public func resource(snapshotId: Int64, resourceType: String, resourceId: String) throws(InventoryError) -> StoredResource? {
        try resources(snapshotId: snapshotId, resourceType: resourceType, inventoryConfiguration: false, resourceId: resourceId).first
    }

    /// A snapshot's configuration items of one type (all when nil), by type and id.
    /// - Parameter inventoryConfiguration: false leaves out the configuration text of items whose
    ///   content is on the inventory sheets (large, and compared row by row instead).
    /// - Parameter documents: with `inventoryConfiguration` false, false also leaves out every
    ///   item's configuration, supplementary configuration, tags and relationships (nil and
    ///   empty): enough to pair items and compare `contentId`s; `resource(snapshotId:…)` reads one whole.
    public func resources(
        snapshotId: Int64, resourceType: String? = nil, inventoryConfiguration: Bool = true, documents: Bool = true,
        resourceId: String? = nil
    ) throws(InventoryError) -> [StoredResource] {
        try read { db in
            // A store written before migration v2 and opened read-only has no selected_properties.
            var sql =
                "SELECT \(try Self.resourceColumns(db, inventoryConfiguration: inventoryConfiguration, documents: documents)) "
                + "FROM resource WHERE snapshot_id = ?"
            var arguments: StatementArguments = [snapshotId]
            if let resourceType {
                sql += " AND resource_type = ?"
                arguments += [resourceType]
            }
            if let resourceId {
                sql += " AND resource_id = ?"
                arguments += [resourceId]
            }
            sql += " ORDER BY resource_type, resource_id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                try Self.withConfiguration(Self.resource(from: row), row: row, snapshotId: snapshotId, db)
            }
        }
    }
}
