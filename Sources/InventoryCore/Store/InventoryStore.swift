import Crypto
import Foundation
import GRDB

/// The SQLite store of snapshots (DESIGN.md "Record model and store"), over GRDB and the
/// system SQLite. One ingest is one transaction: a snapshot is stored whole or not at all.
public final class InventoryStore: Sendable {
    let queue: DatabaseQueue
    /// The store's file path, or `:memory:`.
    public let path: String

    /// Opens (creating if needed) the store at `path` and migrates it.
    /// - Parameter busyTimeout: seconds to wait for another process's write lock before failing
    ///   with `InventoryError.storeBusy`.
    /// - Throws: `InventoryError.store` when the file is not a store, or was written by a newer
    ///   `inventory`.
    public init(path: String, busyTimeout: TimeInterval = 10, readOnly: Bool = false) throws(InventoryError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        do {
            if path == ":memory:" {
                queue = try DatabaseQueue(configuration: configuration)
            } else {
                if readOnly, !FileManager.default.fileExists(atPath: path) {
                    throw InventoryError.store(message: "\(path): no store here (run `inventory ingest` first, or pass --db)")
                }
                queue = try DatabaseQueue(path: path, configuration: configuration)
            }
            let migrator = StoreSchema.migrator
            try queue.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw InventoryError.store(message: "\(path) was written by a newer inventory; upgrade the tool")
                }
            }
            if !readOnly { try migrator.migrate(queue) }
        } catch let error as InventoryError {
            throw error
        } catch {
            throw Self.map(error, path: path)
        }
    }

    static func map(_ error: any Error, path: String) -> InventoryError {
        if let error = error as? InventoryError { return error }
        if let dbError = error as? DatabaseError {
            if dbError.resultCode == .SQLITE_BUSY || dbError.resultCode == .SQLITE_LOCKED {
                return .storeBusy(path: path)
            }
            if dbError.resultCode == .SQLITE_NOTADB {
                return .store(message: "\(path) is not an inventory store (not an SQLite database)")
            }
            return .store(message: "\(path): \(dbError.message ?? dbError.description)")
        }
        return .store(message: "\(path): \(error)")
    }

    func read<T>(_ body: (Database) throws -> T) throws(InventoryError) -> T {
        do { return try queue.read(body) } catch { throw Self.map(error, path: path) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(InventoryError) -> T {
        do { return try queue.write(body) } catch { throw Self.map(error, path: path) }
    }

    // MARK: Snapshots

    private static func snapshot(from row: Row) -> SnapshotInfo {
        SnapshotInfo(
            id: row["id"], label: row["label"], takenAt: row["taken_at"], ingestedAt: row["ingested_at"],
            fingerprint: row["fingerprint"], complete: row["complete"], fileCount: row["file_count"],
            nodeCount: row["node_count"], entryCount: row["entry_count"], resourceCount: row["resource_count"],
            warningCount: row["warning_count"])
    }

    /// All snapshots, oldest first (by capture time, then id).
    public func snapshots() throws(InventoryError) -> [SnapshotInfo] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM snapshot ORDER BY taken_at_ms, id").map(Self.snapshot(from:))
        }
    }

    /// The snapshot whose input had this fingerprint, if stored.
    public func snapshot(fingerprint: String) throws(InventoryError) -> SnapshotInfo? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM snapshot WHERE fingerprint = ?", arguments: [fingerprint])
                .map(Self.snapshot(from:))
        }
    }

    /// Provenance of a snapshot's input files, in ingest order.
    public func sourceFiles(snapshotId: Int64) throws(InventoryError) -> [SourceFileInfo] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM source_file WHERE snapshot_id = ? ORDER BY file_index", arguments: [snapshotId])
                .map { row in
                    let warningsText: String = row["warnings"]
                    let warnings = (try? JSONParser.parse(Array(warningsText.utf8)))?.arrayValue?.compactMap(\.stringValue) ?? []
                    return SourceFileInfo(
                        path: row["path"], format: row["format"], status: row["status"], sha256: row["sha256"],
                        bytes: row["bytes"], records: row["records"], message: row["message"], warnings: warnings)
                }
        }
    }

    // MARK: Writing

    /// One input file's provenance, as the ingest hands it to the store.
    public struct FileRecord: Sendable {
        public var path: String
        public var format: CaptureFormat?
        public var status: String
        public var sha256: String
        public var bytes: Int
        public var records: Int
        public var message: String?
        public var warnings: [String]

        public init(
            path: String, format: CaptureFormat?, status: String, sha256: String, bytes: Int, records: Int,
            message: String? = nil, warnings: [String] = []
        ) {
            self.path = path
            self.format = format
            self.status = status
            self.sha256 = sha256
            self.bytes = bytes
            self.records = records
            self.message = message
            self.warnings = warnings
        }
    }

    /// Stores one snapshot in one transaction and returns it.
    /// - Throws: `InventoryError.store` (label already used, disk full, …) or `.storeBusy`; on
    ///   any error nothing is stored.
    public func insertSnapshot(
        content: SnapshotBuilder.Content, files: [FileRecord], label: String?, fingerprint: String,
        ingestedAt: Date, toolVersion: String
    ) throws(InventoryError) -> SnapshotInfo {
        try write { db in
            if let label, try Bool.fetchOne(db, sql: "SELECT 1 FROM snapshot WHERE label = ?", arguments: [label]) == true {
                throw InventoryError.store(message: "label '\(label)' is already used by another snapshot")
            }
            let warningCount = files.reduce(0) { $0 + $1.warnings.count }
            try db.execute(
                sql: """
                    INSERT INTO snapshot (label, taken_at, taken_at_ms, ingested_at, fingerprint, complete, file_count,
                        node_count, entry_count, resource_count, warning_count, tool_version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    label, content.takenAt?.iso8601, content.takenAt?.epochMilliseconds,
                    ISO8601DateFormatter().string(from: ingestedAt), fingerprint, content.complete, files.count,
                    content.nodes.count, content.rowCount, content.resources.count, warningCount, toolVersion,
                ])
            let snapshotId = db.lastInsertedRowID
            var fileIds: [Int: Int64] = [:]
            for (index, file) in files.enumerated() {
                let warnings = JSONValue.array(file.warnings.map(JSONValue.string)).compactJSON()
                try db.execute(
                    sql: """
                        INSERT INTO source_file (snapshot_id, file_index, path, format, status, sha256, bytes, records, message, warnings)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        snapshotId, index, file.path, file.format?.rawValue, file.status, file.sha256, file.bytes,
                        file.records, file.message, warnings,
                    ])
                fileIds[index] = db.lastInsertedRowID
            }
            let nodeStatement = try db.cachedStatement(
                sql: """
                    INSERT INTO managed_node (snapshot_id, node_id, account_id, region, computer_name, platform_type,
                        platform_name, platform_version, agent_version, ip_address, status, ping_status, last_ping_time,
                        resource_type, last_capture_time)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for node in content.nodes {
                try nodeStatement.execute(arguments: [
                    snapshotId, node.nodeId, node.accountId, node.region, node.computerName, node.platformType,
                    node.platformName, node.platformVersion, node.agentVersion, node.ipAddress, node.status,
                    node.pingStatus, node.lastPingTime, node.resourceType, node.lastCaptureTime,
                ])
            }
            let coverageStatement = try db.cachedStatement(
                sql: """
                    INSERT INTO coverage (snapshot_id, node_id, type_name, schema_version, capture_time, capture_time_text,
                        capture_time_ms, source_file_id, complete, entry_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let entryStatement = try db.cachedStatement(
                sql: """
                    INSERT INTO inventory_entry (snapshot_id, node_id, type_name, identity_key, map_key, attributes, content_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for coverage in content.coverage {
                try coverageStatement.execute(arguments: [
                    snapshotId, coverage.nodeId, coverage.typeName, coverage.schemaVersion, coverage.captureTime?.iso8601,
                    coverage.captureTime?.original, coverage.captureTime?.epochMilliseconds, fileIds[coverage.fileIndex],
                    coverage.complete, coverage.rows.count,
                ])
                for row in coverage.rows {
                    try entryStatement.execute(arguments: [
                        snapshotId, coverage.nodeId, coverage.typeName, row.identityKey, row.mapKey, row.canonical,
                        row.contentHash,
                    ])
                }
            }
            let resourceStatement = try db.cachedStatement(
                sql: """
                    INSERT INTO resource (snapshot_id, resource_type, resource_id, account_id, region, availability_zone,
                        resource_name, arn, status, capture_time, capture_time_text, configuration_state_id,
                        resource_creation_time, version, configuration, supplementary_configuration, tags, relationships,
                        payload_included, content_in_inventory, s3_location, source_file_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for resource in content.resources {
                let item = resource.item
                try resourceStatement.execute(arguments: [
                    snapshotId, item.resourceType, item.resourceId, item.accountId, item.region, item.availabilityZone,
                    item.resourceName, item.arn, item.status, item.captureTime?.iso8601, item.captureTime?.original,
                    item.configurationStateId, item.resourceCreationTime?.iso8601, item.version,
                    item.configurationText ?? item.configuration?.canonicalJSON(),
                    item.supplementaryConfiguration.map { JSONValue.object($0).canonicalJSON() },
                    CanonicalText.object(item.tags), CanonicalText.relationships(item.relationships),
                    item.payloadIncluded, resource.contentInInventory, item.s3Location, fileIds[resource.fileIndex],
                ])
            }
            // Test hook: the crash-safety tests SIGKILL the process while it waits here, inside the
            // open transaction.
            if let pause = ProcessInfo.processInfo.environment["INVENTORY_TEST_PAUSE_BEFORE_COMMIT"], let seconds = Double(pause) {
                Thread.sleep(forTimeInterval: seconds)
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM snapshot WHERE id = ?", arguments: [snapshotId]) else {
                throw InventoryError.store(message: "snapshot \(snapshotId) vanished during its own ingest")
            }
            return Self.snapshot(from: row)
        }
    }
}
