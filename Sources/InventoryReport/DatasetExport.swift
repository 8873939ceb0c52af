import Foundation
import InventoryDiff
import InventoryModel
import SnapshotStore

/// `export --format dataset`: the store as gzip JSON lines in Hive-style partition folders, one
/// folder per table, for Athena, Trino, Spark or DuckDB (`docs/athena/`):
///
/// - `nodes/snapshot_date=YYYY-MM-DD/account=…/region=…/snapshot-N.json.gz` — one row per managed node
/// - `inventory/…same partitions…/snapshot-N.json.gz` — one row per inventory row, attributes as an object
/// - `resources/…same partitions…/snapshot-N.json.gz` — one row per configuration item
/// - `changes/snapshot_date=YYYY-MM-DD/snapshot-N.json.gz` — the snapshot against the one before it,
///   the records of `diff --format json` plus `snapshot_id` and `base_snapshot_id`
///
/// File names are deterministic and files are replaced atomically (identical files are kept), so
/// exporting again rewrites the same files and a sync uploads only what changed.
public struct DatasetExport {
    /// What one dataset export wrote.
    public struct Result: Sendable, Codable {
        public var directory: String
        public var snapshots: [Int64]
        /// Rows written per table (`nodes`, `inventory`, `resources`, `changes`).
        public var rows: [String: Int]
        /// Files written or confirmed unchanged.
        public var files: Int
    }

    public var store: InventoryStore
    public var directory: String

    public init(store: InventoryStore, directory: String) {
        self.store = store
        self.directory = directory
    }

    /// Writes the tables for `snapshots` (each compared with the snapshot before it for `changes`).
    /// - Throws: `InventoryError.report` for files that cannot be written (nothing half-written is
    ///   left at a final name), store errors, `.interrupted`.
    public func write(snapshots: [SnapshotInfo]) throws(InventoryError) -> Result {
        var result = Result(directory: directory, snapshots: snapshots.map(\.id), rows: [:], files: 0)
        for table in ["nodes", "inventory", "resources", "changes"] { result.rows[table] = 0 }
        for snapshot in snapshots {
            try Cancellation.check()
            try write(snapshot, into: &result)
        }
        return result
    }

    private func write(_ snapshot: SnapshotInfo, into result: inout Result) throws(InventoryError) {
        let date = String((snapshot.takenAt ?? snapshot.ingestedAt).iso8601.prefix(10))
        let fileName = "snapshot-\(snapshot.id).json.gz"
        var writers: [String: GzipFileWriter] = [:]
        defer { for writer in writers.values { writer.abandon() } }
        func writer(_ table: String, account: String?, region: String?) throws(InventoryError) -> GzipFileWriter {
            var folder = "\(table)/snapshot_date=\(date)"
            if table != "changes" {
                folder += "/account=\(Self.partitionValue(account))/region=\(Self.partitionValue(region))"
            }
            if let existing = writers[folder] { return existing }
            let made = try GzipFileWriter(path: (directory as NSString).appendingPathComponent("\(folder)/\(fileName)"))
            writers[folder] = made
            return made
        }
        let common: [(String, JSONValue)] = [
            ("snapshot_id", .number(String(snapshot.id))), ("snapshot_label", snapshot.label.map(JSONValue.string) ?? .null),
            ("snapshot_time", .string((snapshot.takenAt ?? snapshot.ingestedAt).iso8601)),
        ]
        let nodes = try store.nodes(snapshotId: snapshot.id)
        var nodeHome: [String: (String?, String?)] = [:]
        for node in nodes {
            nodeHome[node.nodeId] = (node.accountId, node.region)
            let fields: [(String, String?)] = [
                ("resource_id", node.nodeId), ("computer_name", node.computerName), ("platform_type", node.platformType),
                ("platform_name", node.platformName), ("platform_version", node.platformVersion),
                ("agent_version", node.agentVersion), ("ip_address", node.ipAddress), ("status", node.status),
                ("ping_status", node.pingStatus), ("last_ping_time", node.lastPingTime),
                ("last_capture_time", node.lastCaptureTime), ("resource_type", node.resourceType),
            ]
            try writer("nodes", account: node.accountId, region: node.region)
                .writeLine(Self.line(common + fields.map { ($0.0, $0.1.map(JSONValue.string) ?? .null) }))
            result.rows["nodes", default: 0] += 1
        }
        var failure: InventoryError?
        try store.forEachEntry(snapshotId: snapshot.id) { entry in
            guard failure == nil else { return }
            let home = nodeHome[entry.nodeId] ?? (nil, nil)
            let attributes = JSONObject(
                members: entry.attributes.keys.sorted().map { .init(key: $0, value: .string(entry.attributes[$0] ?? "")) })
            do {
                try writer("inventory", account: home.0, region: home.1).writeLine(
                    Self.line(
                        common + [
                            ("resource_id", .string(entry.nodeId)), ("type_name", .string(entry.typeName)),
                            ("attributes", .object(attributes)),
                        ]))
                result.rows["inventory", default: 0] += 1
            } catch { failure = error as? InventoryError ?? .report(message: "\(error)") }
        }
        if let failure { throw failure }
        for resource in try store.resources(snapshotId: snapshot.id) {
            let tags = (try? JSONParser.parse(Array(resource.tags.utf8))) ?? .object(JSONObject(members: []))
            let fields: [(String, JSONValue)] = [
                ("resource_type", .string(resource.resourceType)), ("resource_id", .string(resource.resourceId)),
                ("resource_name", resource.resourceName.map(JSONValue.string) ?? .null),
                ("arn", resource.arn.map(JSONValue.string) ?? .null),
                ("availability_zone", resource.availabilityZone.map(JSONValue.string) ?? .null),
                ("status", resource.status.map(JSONValue.string) ?? .null),
                ("capture_time", resource.captureTime.map(JSONValue.string) ?? .null),
                ("configuration_state_id", resource.configurationStateId.map(JSONValue.string) ?? .null),
                ("tags", tags), ("configuration", resource.configuration.map(JSONValue.string) ?? .null),
            ]
            try writer("resources", account: resource.accountId, region: resource.region).writeLine(Self.line(common + fields))
            result.rows["resources", default: 0] += 1
        }
        if let base = try store.previous(to: snapshot) {
            let diff = try SnapshotDiff(store: store).run(base: base, target: snapshot)
            let changes = try writer("changes", account: nil, region: nil)
            let prefix = "{\"base_snapshot_id\":\(base.id),\"snapshot_id\":\(snapshot.id),"
            for change in diff.changes {
                guard let text = try? JSONOutput.compactText(change), text.hasPrefix("{"), text.count > 2 else { continue }
                try changes.writeLine(prefix + text.dropFirst())
                result.rows["changes", default: 0] += 1
            }
        }
        for (_, made) in writers.sorted(by: { $0.key < $1.key }) {
            try Cancellation.check()
            try made.finish()
            result.files += 1
        }
        writers = [:]
    }

    /// A Hive partition value: account ids and region names pass as they are; anything else has
    /// `/`, `=` and control characters replaced, and a missing value is `unknown`.
    static func partitionValue(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "unknown" }
        return String(value.map { $0 == "/" || $0 == "=" || $0.isNewline || $0 == "\\" ? "_" : $0 })
    }

    private static func line(_ fields: [(String, JSONValue)]) -> String {
        JSONValue.object(JSONObject(members: fields.map { .init(key: $0.0, value: $0.1) })).compactJSON()
    }
}
