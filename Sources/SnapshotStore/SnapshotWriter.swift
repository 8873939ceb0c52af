import Foundation
import GRDB
import InventoryModel

/// Writes one snapshot while its files are decoded, inside the ingest's single transaction:
/// provenance, rows and configuration items go to the store as they come, so memory does not
/// grow with the input; `finish` drops the rows that lost and records coverage and nodes.
public final class SnapshotWriter {
    private let db: Database
    /// The snapshot being written.
    public let snapshotId: Int64
    private var fileIds: [Int64] = []
    /// The stored group of each `addGroup` call, by sequence number - 1.
    private var groupIds: [Int64] = []
    private let content: ContentStore
    private let resourceStatement: Statement
    /// Items stored with a configuration skeleton, by interned resource: the content stored and
    /// the item's own groups (type, group key, capture time text), for `keepOwnConfigurations`.
    private var skeletonItems:
        [Int64: (contentId: Int64, nodeId: String, groups: [(type: String, key: Data?, groupId: Int64?, time: String?)])] = [:]

    init(db: Database, label: String?, fingerprint: String, ingestedAt: Date, toolVersion: String) throws {
        self.db = db
        if let label, try Bool.fetchOne(db, sql: "SELECT 1 FROM snapshot WHERE label = ?", arguments: [label]) == true {
            throw InventoryError.store(message: "label '\(label)' is already used by another snapshot")
        }
        try db.execute(
            sql: """
                INSERT INTO snapshot (label, ingested_at, fingerprint, complete, file_count, node_count, entry_count,
                    resource_count, warning_count, tool_version)
                VALUES (?, ?, ?, 1, 0, 0, 0, 0, 0, ?)
                """,
            arguments: [label, ISO8601DateFormatter().string(from: ingestedAt), fingerprint, toolVersion])
        snapshotId = db.lastInsertedRowID
        content = ContentStore(db: db)
        resourceStatement = try db.makeStatement(
            sql: """
                INSERT OR REPLACE INTO resource_item (snapshot_id, resource, content_id, capture_time_ms, capture_time_text,
                    configuration_state_id, source_file_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// Records one input file's provenance; returns its index in the ingest.
    @discardableResult
    public func addFile(_ file: SourceFileInfo) throws -> Int {
        let warnings = JSONValue.array(file.warnings.map(\.jsonValue)).compactJSON()
        // Cached statements: a Data Sync folder is tens of thousands of files, each parsed SQL once.
        try db.cachedStatement(
            sql: """
                INSERT INTO source_file (snapshot_id, file_index, path, format, status, sha256, bytes, records, message, warnings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                snapshotId, fileIds.count, file.path, file.format?.rawValue, file.status.rawValue, file.sha256, file.bytes, file.records,
                file.message, warnings,
            ])
        fileIds.append(db.lastInsertedRowID)
        return fileIds.count - 1
    }

    private var fileCountAtSavepoint = 0
    private var groupCountAtSavepoint = 0
    private var skeletonItemsAtSavepoint:
        [Int64: (contentId: Int64, nodeId: String, groups: [(type: String, key: Data?, groupId: Int64?, time: String?)])] =
            [:]

    /// Opens a savepoint for one file: its rows, items and provenance are kept by `completeFile`
    /// or undone by `abandonFile`.
    public func beginFile() throws {
        fileCountAtSavepoint = fileIds.count
        groupCountAtSavepoint = groupIds.count
        skeletonItemsAtSavepoint = skeletonItems
        try db.cachedStatement(sql: "SAVEPOINT capture_file").execute()
    }

    /// Keeps the file's writes and fills in what decoding learned about it.
    public func completeFile(_ index: Int, format: CaptureFormat, records: Int, warnings: [Diagnostic]) throws {
        let text = JSONValue.array(warnings.map(\.jsonValue)).compactJSON()
        try db.cachedStatement(sql: "UPDATE source_file SET format = ?, records = ?, warnings = ? WHERE id = ?")
            .execute(arguments: [format.rawValue, records, text, fileIds[index]])
        try db.cachedStatement(sql: "RELEASE SAVEPOINT capture_file").execute()
    }

    /// Undoes everything written since `beginFile`.
    public func abandonFile() throws {
        try db.execute(sql: "ROLLBACK TO SAVEPOINT capture_file")
        try db.execute(sql: "RELEASE SAVEPOINT capture_file")
        fileIds.removeLast(fileIds.count - fileCountAtSavepoint)
        groupIds.removeLast(groupIds.count - groupCountAtSavepoint)
        // Ids written since the savepoint may be handed out again.
        skeletonItems = skeletonItemsAtSavepoint
        // Content written since the savepoint is gone; cached ids may point at it.
        content.forgetCaches()
    }

    /// Provenance of the files written so far.
    public func files() throws -> [SourceFileInfo] {
        try InventoryStore.sourceFiles(db, snapshotId: snapshotId)
    }

    /// Stores a group's rows unless an identical group is stored already (then only its id is
    /// noted: an unchanged node costs one index probe per type); returns the group's sequence
    /// number (for `finish`).
    /// - Parameter contentKey: the key of the raw content the group was built from
    ///   (`KnownGroups.contentKey`), remembered so the same content is known next time.
    public func addGroup(_ group: PreparedGroup, contentKey: Data? = nil) throws -> Int {
        let key = ContentStore.groupKey(
            typeName: group.typeName, fingerprint: group.fingerprint, rows: group.rows.map { ($0.mapKey, $0.contentHash) })
        if let id = try content.existingGroup(key) {
            groupIds.append(id)
        } else {
            let rows = group.rows.map { row in
                ContentStore.Row(
                    typeName: group.typeName, identityKey: row.identityKey, mapKey: row.mapKey, attributes: row.canonical,
                    contentHash: row.contentHash)
            }
            groupIds.append(try content.group(typeName: group.typeName, fingerprint: group.fingerprint, rows: rows))
        }
        if let contentKey, let id = groupIds.last { try content.alias(contentKey, groupId: id, attributeNames: group.attributeNames) }
        return groupIds.count
    }

    /// The groups of the newest snapshot that have a content alias (read inside this ingest's
    /// transaction, so a prune cannot remove them meanwhile): decoding recognises unchanged
    /// content by them and hands them to `addKnownGroup` without building rows.
    public func knownGroups() throws -> KnownGroups {
        var known: [Data: KnownGroup] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT a.content_key, g.id, g.row_count, g.fingerprint, g.attribute_names
                FROM group_alias a JOIN row_group g ON g.id = a.group_id
                WHERE g.attribute_names IS NOT NULL
                    AND g.id IN (SELECT group_id FROM snapshot_group WHERE snapshot_id = (SELECT MAX(id) FROM snapshot WHERE id < ?))
                """, arguments: [snapshotId])
        while let row = try rows.next() {
            let names = (try? JSONParser.parse(Array((row[4] as String).utf8)))?.arrayValue?.compactMap(\.stringValue) ?? []
            known[row[0]] = KnownGroup(groupId: row[1], rowCount: row[2], fingerprint: row[3], attributeNames: Set(names))
        }
        return KnownGroups(known)
    }

    /// Notes a group the store already holds (see `knownGroups`); returns its sequence number.
    public func addKnownGroup(_ known: KnownGroup) -> Int {
        groupIds.append(known.groupId)
        return groupIds.count
    }

    /// Stores a configuration item, replacing an older item of the same resource.
    public func putResource(_ item: ConfigurationItem, fileIndex: Int) throws {
        let contentId = try content.itemContent(
            ContentStore.ItemContent(
                accountId: item.accountId, region: item.region, availabilityZone: item.availabilityZone,
                resourceName: item.resourceName, arn: item.arn, status: item.status,
                resourceCreationTime: item.resourceCreationTime?.iso8601, version: item.version,
                configuration: item.inventorySkeleton == nil ? item.configurationText ?? item.configuration?.canonicalJSON() : nil,
                supplementaryConfiguration: item.supplementaryConfiguration.map { JSONValue.object($0).canonicalJSON() },
                tags: CanonicalText.object(item.tags), relationships: CanonicalText.relationships(item.relationships),
                payloadIncluded: item.payloadIncluded, contentInInventory: !item.inventoryGroups.isEmpty,
                inventorySkeleton: item.inventorySkeleton, s3Location: item.s3Location,
                selectedProperties: item.selectedProperties.map { JSONValue.array($0.map(JSONValue.string)).compactJSON() }))
        let time = ContentStore.time(item.captureTime)
        let resource = try content.key(.resource, item.resourceType, item.resourceId)
        if item.inventorySkeleton != nil, let nodeId = item.managedNodeId {
            skeletonItems[resource] = (
                contentId, nodeId,
                item.inventoryGroups.map { group in
                    (
                        group.typeName,
                        group.known == nil
                            ? ContentStore.groupKey(
                                typeName: group.typeName, fingerprint: group.fingerprint,
                                rows: group.rows.map { ($0.mapKey, $0.contentHash) }) : nil,
                        group.known?.groupId, group.captureTime?.original
                    )
                }
            )
        } else {
            skeletonItems[resource] = nil
        }
        try resourceStatement.execute(arguments: [
            snapshotId, resource, contentId, time.milliseconds, time.text,
            ContentStore.stateId(item.configurationStateId), fileIndex < fileIds.count ? fileIds[fileIndex] : nil,
        ])
    }

    /// Readers rebuild a skeleton item's configuration from the snapshot's coverage of its node.
    /// Where another capture of a type won (a newer SSM file, another item), that is not the
    /// item's content: such an item gets its configuration text back, rebuilt from its own groups.
    private func keepOwnConfigurations() throws {
        for (resource, item) in skeletonItems {
            // Gone with an abandoned file, or replaced since.
            guard
                try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT content_id FROM resource_item WHERE snapshot_id = ? AND resource = ?"),
                    arguments: [snapshotId, resource]) == item.contentId
            else { continue }
            // Most items' groups won: check that first, and read rows only for the others.
            var groupIds: [Int64] = []
            var same = true
            for group in item.groups {
                guard let groupId = try group.groupId ?? group.key.flatMap({ try content.existingGroup($0) }) else {
                    same = false
                    break
                }
                groupIds.append(groupId)
                let covered = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT group_id, COALESCE(capture_time_text, capture_time) FROM coverage
                            WHERE snapshot_id = ? AND node_id = ? AND type_name = ?
                            """), arguments: [snapshotId, item.nodeId, group.type])
                if covered?[0] as Int64? != groupId || covered?[1] as String? != group.time { same = false }
            }
            guard !same, groupIds.count == item.groups.count else { continue }
            var own: [String: InventoryConfiguration.Group] = [:]
            for (group, groupId) in zip(item.groups, groupIds) {
                own[group.type] = InventoryConfiguration.Group(
                    captureTime: group.time, rows: try ContentStore.rebuildRows(ofGroup: groupId, db))
            }
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM resource_content WHERE id = ?"), arguments: [item.contentId]),
                let skeleton: String = row["inventory_skeleton"], own.count == item.groups.count,
                let text = InventoryConfiguration.rebuild(skeleton: skeleton, groups: own)
            else { continue }
            let contentId = try content.itemContent(ContentStore.itemContent(of: row, configuration: text))
            try db.cachedStatement(sql: "UPDATE resource_item SET content_id = ? WHERE snapshot_id = ? AND resource = ?")
                .execute(arguments: [contentId, snapshotId, resource])
        }
    }

    /// Drops the rows that lost, records coverage, nodes and counts, and returns the snapshot.
    public func finish(_ plan: SnapshotBuilder.Plan) throws -> SnapshotInfo {
        let coverageStatement = try db.makeStatement(
            sql: """
                INSERT INTO snapshot_group (snapshot_id, node, type, group_id, schema_version, capture_time_ms, capture_time_text,
                    source_file_id, complete)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        var referenced = Set<Int64>()
        var latestCapture: [String: Int64] = [:]
        for coverage in plan.coverage {
            let stored = coverage.groupSeqs.map { groupIds[$0 - 1] }
            // Joined pages: one group holding the rows of every page.
            let groupId = try stored.count == 1 ? stored[0] : content.joined(typeName: coverage.typeName, groups: stored)
            referenced.insert(groupId)
            let time = ContentStore.time(coverage.captureTime)
            if let milliseconds = time.milliseconds {
                latestCapture[coverage.nodeId] = max(latestCapture[coverage.nodeId] ?? .min, milliseconds)
            }
            try coverageStatement.execute(arguments: [
                snapshotId, try content.key(.node, coverage.nodeId), try content.key(.type, coverage.typeName), groupId,
                coverage.schemaVersion, time.milliseconds, time.text,
                coverage.fileIndex < fileIds.count ? fileIds[coverage.fileIndex] : nil, coverage.complete,
            ])
        }
        try keepOwnConfigurations()
        // Groups this ingest stored that lost (older captures, replaced items) are not kept.
        try ContentStore.collectGarbage(db, orphans: content.newGroups.filter { !referenced.contains($0) })
        // And item content only replaced items held.
        try content.collectItemGarbage(snapshotId: snapshotId)
        let nodeStatement = try db.makeStatement(
            sql: """
                INSERT INTO snapshot_node (snapshot_id, node, content_id, last_ping_time, last_capture_time) VALUES (?, ?, ?, ?, ?)
                """)
        for node in plan.nodes {
            // The latest capture time of the node's coverage is what the view derives; only another one is stored.
            // ('' stands for "none" where the view would derive one.)
            let derived = latestCapture[node.nodeId].flatMap {
                HistoryMigration.formattedMilliseconds.contains($0) ? Timestamp(epochMilliseconds: $0).iso8601 : nil
            }
            let stored: String? =
                switch (node.lastCaptureTime, derived) {
                case (nil, nil): nil
                case (nil, _): ""
                case (let time?, let derived): time == derived ? nil : time
                }
            try nodeStatement.execute(arguments: [
                snapshotId, try content.key(.node, node.nodeId), try content.nodeContent(node), node.lastPingTime, stored,
            ])
        }
        for (typeName, names) in plan.typeAttributes {
            for name in names {
                try db.execute(
                    sql: "INSERT INTO type_attribute (snapshot_id, type_name, name) VALUES (?, ?, ?)",
                    arguments: [snapshotId, typeName, name])
            }
        }
        if !plan.diagnostics.isEmpty, let first = fileIds.first {
            let existing = try String.fetchOne(db, sql: "SELECT warnings FROM source_file WHERE id = ?", arguments: [first]) ?? "[]"
            let previous = (try? JSONParser.parse(Array(existing.utf8)))?.arrayValue ?? []
            let merged = JSONValue.array(previous + plan.diagnostics.map(\.jsonValue)).compactJSON()
            try db.execute(sql: "UPDATE source_file SET warnings = ? WHERE id = ?", arguments: [merged, first])
        }
        let warningCount =
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(SUM(json_array_length(warnings)), 0) FROM source_file WHERE snapshot_id = ?",
                arguments: [snapshotId]) ?? 0
        let resourceCount =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM resource_item WHERE snapshot_id = ?", arguments: [snapshotId]) ?? 0
        try db.execute(
            sql: """
                UPDATE snapshot SET taken_at = ?, taken_at_ms = ?, complete = ?, file_count = ?, node_count = ?,
                    entry_count = ?, resource_count = ?, warning_count = ? WHERE id = ?
                """,
            arguments: [
                plan.takenAt?.iso8601, plan.takenAt?.epochMilliseconds, plan.complete, fileIds.count, plan.nodes.count,
                plan.rowCount, resourceCount, warningCount, snapshotId,
            ])
        return try InventoryStore.snapshotInfo(db, id: snapshotId)
    }
}
