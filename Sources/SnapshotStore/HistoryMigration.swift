import GRDB
import InventoryModel

/// Schema v4 (issue 11): snapshots stop holding copies of their rows and item content.
///
/// Content, stored once:
/// - `row_content`: each distinct inventory row (type, identity key, map key, canonical
///   attributes).
/// - `row_group`: each distinct group of rows (one node's content of one type), with the
///   fingerprint the diff compares; `group_row` lists its rows; `group_alias` maps the key of a
///   capture's raw content to its group, so unchanged content is known before rows are built.
/// - `resource_content`: each distinct configuration-item content (everything but capture time,
///   state id and source file). An `AWS::SSM::ManagedInstanceInventory` item keeps only a skeleton
///   of its configuration: its rows are the record, and readers put them back.
/// - `node_content`: each distinct description of a managed node.
///
/// Per snapshot, a few integers per node, type and item: `snapshot_group` (what a snapshot
/// captured for a node and type: a group and a capture time), `snapshot_node`, `resource_item`;
/// names are interned in `node_key`, `type_key` and `resource_key`. Capture times are epoch
/// milliseconds; their text is kept only when the capture spelled it differently.
///
/// `coverage`, `managed_node`, `inventory_entry` and `resource` become views with the columns the
/// tables had, so SQL written for earlier versions (and the `v_*` views) keeps working. Existing
/// snapshots are converted in the migration's one transaction; their stored configuration text
/// is kept as it was.
enum HistoryMigration {
    /// The first millisecond SQLite's `strftime` spells with four-digit years (0000-01-01T00:00:00Z).
    static let minFormattedMilliseconds: Int64 = -62_167_219_200_000
    /// The last millisecond SQLite's `strftime` spells with four-digit years (9999-12-31T23:59:59.999Z).
    static let maxFormattedMilliseconds: Int64 = 253_402_300_799_999
    /// The capture times the views spell as `Timestamp.iso8601` does (before 1970 too).
    static let formattedMilliseconds = minFormattedMilliseconds...maxFormattedMilliseconds

    /// `column` (epoch milliseconds from year 0 to 9999) as `Timestamp.iso8601` spells it; else
    /// `fallback`. Before 1970 the seconds are floored and the milliseconds kept positive, as
    /// `Timestamp.iso8601` does (SQLite's `%` keeps the sign of the dividend).
    static func iso(_ column: String, fallback: String) -> String {
        let milliseconds = "((\(column) % 1000 + 1000) % 1000)"
        return """
            CASE WHEN \(column) BETWEEN \(Self.minFormattedMilliseconds) AND \(Self.maxFormattedMilliseconds)
                THEN strftime('%Y-%m-%dT%H:%M:%S', (\(column) - \(milliseconds)) / 1000, 'unixepoch')
                || CASE WHEN \(milliseconds) = 0 THEN '' ELSE printf('.%03d', \(milliseconds)) END || 'Z'
            ELSE \(fallback) END
            """
    }

    static let tables = """
        CREATE TABLE row_content (
            id INTEGER PRIMARY KEY,
            row_key BLOB NOT NULL UNIQUE,
            type_name TEXT NOT NULL,
            identity_key TEXT NOT NULL,
            map_key TEXT,
            attributes TEXT NOT NULL,
            content_hash TEXT NOT NULL
        );
        CREATE TABLE row_group (
            id INTEGER PRIMARY KEY,
            group_key BLOB NOT NULL UNIQUE,
            type_name TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            row_count INTEGER NOT NULL,
            attribute_names TEXT
        );
        CREATE TABLE group_alias (
            content_key BLOB PRIMARY KEY,
            group_id INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE group_row (
            group_id INTEGER NOT NULL,
            row_id INTEGER NOT NULL,
            copy INTEGER NOT NULL,
            PRIMARY KEY (group_id, row_id, copy)
        ) WITHOUT ROWID;
        CREATE TABLE node_key (id INTEGER PRIMARY KEY, node_id TEXT NOT NULL UNIQUE);
        CREATE TABLE type_key (id INTEGER PRIMARY KEY, type_name TEXT NOT NULL UNIQUE);
        CREATE TABLE resource_key (
            id INTEGER PRIMARY KEY,
            resource_type TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            UNIQUE (resource_type, resource_id)
        );
        CREATE TABLE snapshot_group (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
            node INTEGER NOT NULL,
            type INTEGER NOT NULL,
            group_id INTEGER NOT NULL,
            schema_version TEXT,
            capture_time_ms INTEGER,
            capture_time_text TEXT,
            source_file_id INTEGER,
            complete INTEGER NOT NULL,
            PRIMARY KEY (snapshot_id, node, type)
        ) WITHOUT ROWID;
        CREATE TABLE node_content (
            id INTEGER PRIMARY KEY,
            content_key BLOB NOT NULL UNIQUE,
            account_id TEXT,
            region TEXT,
            computer_name TEXT,
            platform_type TEXT,
            platform_name TEXT,
            platform_version TEXT,
            agent_version TEXT,
            ip_address TEXT,
            status TEXT,
            ping_status TEXT,
            resource_type TEXT
        );
        CREATE TABLE snapshot_node (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
            node INTEGER NOT NULL,
            content_id INTEGER NOT NULL,
            last_ping_time TEXT,
            last_capture_time TEXT,
            PRIMARY KEY (snapshot_id, node)
        ) WITHOUT ROWID;
        CREATE TABLE resource_content (
            id INTEGER PRIMARY KEY,
            content_key BLOB NOT NULL UNIQUE,
            account_id TEXT,
            region TEXT,
            availability_zone TEXT,
            resource_name TEXT,
            arn TEXT,
            status TEXT,
            resource_creation_time TEXT,
            version TEXT,
            configuration TEXT,
            supplementary_configuration TEXT,
            tags TEXT NOT NULL,
            relationships TEXT NOT NULL,
            payload_included INTEGER NOT NULL,
            content_in_inventory INTEGER NOT NULL,
            inventory_skeleton TEXT,
            s3_location TEXT,
            selected_properties TEXT
        );
        CREATE TABLE resource_item (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
            resource INTEGER NOT NULL,
            content_id INTEGER NOT NULL,
            capture_time_ms INTEGER,
            capture_time_text TEXT,
            configuration_state_id,
            source_file_id INTEGER,
            PRIMARY KEY (snapshot_id, resource)
        ) WITHOUT ROWID;
        """

    /// The views with the old tables' names and columns.
    static var views: String {
        """
        CREATE VIEW coverage AS
        SELECT s.snapshot_id, n.node_id, t.type_name, s.schema_version,
            \(iso("s.capture_time_ms", fallback: "s.capture_time_text")) AS capture_time,
            COALESCE(s.capture_time_text, \(iso("s.capture_time_ms", fallback: "NULL"))) AS capture_time_text,
            s.capture_time_ms, s.source_file_id, s.complete, g.row_count AS entry_count, g.fingerprint AS content_fingerprint,
            s.group_id
        FROM snapshot_group s JOIN node_key n ON n.id = s.node JOIN type_key t ON t.id = s.type
            JOIN row_group g ON g.id = s.group_id;

        CREATE VIEW managed_node AS
        SELECT s.snapshot_id, k.node_id, c.account_id, c.region, c.computer_name, c.platform_type, c.platform_name,
            c.platform_version, c.agent_version, c.ip_address, c.status, c.ping_status, s.last_ping_time, c.resource_type,
            NULLIF(COALESCE(s.last_capture_time, (
                SELECT \(iso("MAX(g.capture_time_ms)", fallback: "NULL")) FROM snapshot_group g
                WHERE g.snapshot_id = s.snapshot_id AND g.node = s.node)), '') AS last_capture_time
        FROM snapshot_node s JOIN node_key k ON k.id = s.node JOIN node_content c ON c.id = s.content_id;

        CREATE VIEW inventory_entry AS
        SELECT s.snapshot_id, n.node_id, t.type_name, r.identity_key, r.map_key, r.attributes, r.content_hash
        FROM snapshot_group s JOIN node_key n ON n.id = s.node JOIN type_key t ON t.id = s.type
            JOIN group_row m ON m.group_id = s.group_id JOIN row_content r ON r.id = m.row_id;

        CREATE VIEW resource AS
        SELECT i.snapshot_id, k.resource_type, k.resource_id, c.account_id, c.region, c.availability_zone, c.resource_name,
            c.arn, c.status, \(iso("i.capture_time_ms", fallback: "i.capture_time_text")) AS capture_time,
            COALESCE(i.capture_time_text, \(iso("i.capture_time_ms", fallback: "NULL"))) AS capture_time_text,
            CAST(i.configuration_state_id AS TEXT) AS configuration_state_id, c.resource_creation_time,
            c.version, c.configuration, c.supplementary_configuration, c.tags, c.relationships, c.payload_included,
            c.content_in_inventory, c.s3_location, i.source_file_id, c.selected_properties, c.inventory_skeleton,
            i.content_id
        FROM resource_item i JOIN resource_key k ON k.id = i.resource JOIN resource_content c ON c.id = i.content_id;
        """
    }

    static func run(_ db: Database) throws {
        for view in ["v_snapshots", "v_nodes", "v_inventory", "v_resources"] { try db.execute(sql: "DROP VIEW IF EXISTS \(view)") }
        try db.execute(sql: tables)
        let content = ContentStore(db: db)

        // Coverage: every entry's rows become (or find) one group.
        let coverage = try Row.fetchAll(db, sql: "SELECT * FROM coverage ORDER BY snapshot_id, node_id, type_name")
        for entry in coverage {
            let snapshotId: Int64 = entry["snapshot_id"]
            let nodeId: String = entry["node_id"]
            let typeName: String = entry["type_name"]
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT identity_key, map_key, attributes, content_hash FROM inventory_entry
                        WHERE snapshot_id = ? AND node_id = ? AND type_name = ?
                        """), arguments: [snapshotId, nodeId, typeName]
            ).map { row in
                ContentStore.Row(typeName: typeName, identityKey: row[0], mapKey: row[1], attributes: row[2], contentHash: row[3])
            }
            let fingerprint = CanonicalText.hash(rows.map(\.contentHash).sorted().joined(separator: ","))
            let groupId = try content.group(typeName: typeName, fingerprint: fingerprint, rows: rows)
            let time = storedTime(iso: entry["capture_time"], text: entry["capture_time_text"], milliseconds: entry["capture_time_ms"])
            try db.cachedStatement(
                sql: """
                    INSERT INTO snapshot_group (snapshot_id, node, type, group_id, schema_version, capture_time_ms,
                        capture_time_text, source_file_id, complete)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                snapshotId, try content.key(.node, nodeId), try content.key(.type, typeName), groupId, entry["schema_version"],
                time.milliseconds, time.text, entry["source_file_id"], entry["complete"],
            ])
        }

        // Managed nodes: their description once, their times per snapshot (kept as text as they were).
        for row in try Row.fetchAll(db, sql: "SELECT * FROM managed_node") {
            var node = ManagedNode(nodeId: row["node_id"])
            node.accountId = row["account_id"]
            node.region = row["region"]
            node.computerName = row["computer_name"]
            node.platformType = row["platform_type"]
            node.platformName = row["platform_name"]
            node.platformVersion = row["platform_version"]
            node.agentVersion = row["agent_version"]
            node.ipAddress = row["ip_address"]
            node.status = row["status"]
            node.pingStatus = row["ping_status"]
            node.resourceType = row["resource_type"]
            let lastCapture: String? = row["last_capture_time"]
            try db.cachedStatement(
                sql: "INSERT INTO snapshot_node (snapshot_id, node, content_id, last_ping_time, last_capture_time) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [
                row["snapshot_id"], try content.key(.node, node.nodeId), try content.nodeContent(node), row["last_ping_time"],
                lastCapture ?? "",
            ])
        }

        // Configuration items: the stable part once, the per-snapshot part per snapshot.
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM resource")
        while let row = try cursor.next() {
            let id = try content.itemContent(ContentStore.itemContent(of: row, configuration: row["configuration"]))
            let iso: String? = row["capture_time"]
            let time = storedTime(
                iso: iso, text: row["capture_time_text"], milliseconds: iso.flatMap(Timestamp.parse)?.epochMilliseconds)
            try db.cachedStatement(
                sql: """
                    INSERT INTO resource_item (snapshot_id, resource, content_id, capture_time_ms, capture_time_text,
                        configuration_state_id, source_file_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                row["snapshot_id"], try content.key(.resource, row["resource_type"], row["resource_id"]), id, time.milliseconds,
                time.text, ContentStore.stateId(row["configuration_state_id"]), row["source_file_id"],
            ])
        }
        try db.execute(sql: "DROP TABLE inventory_entry; DROP TABLE coverage; DROP TABLE managed_node; DROP TABLE resource")
        try db.execute(sql: views)
        try db.execute(sql: StoreViews.sql)
    }

    /// An old row's capture time (ISO text, original text, milliseconds) as v4 stores it, so the
    /// views read back exactly the old ISO and original texts.
    private static func storedTime(iso: String?, text: String?, milliseconds: Int64?) -> (milliseconds: Int64?, text: String?) {
        guard let milliseconds, let iso, iso == Timestamp(epochMilliseconds: milliseconds).iso8601,
            formattedMilliseconds.contains(milliseconds)
        else {
            // Not derivable: keep the text (the view falls back to it).
            return (nil, text ?? iso)
        }
        return (milliseconds, text == iso ? nil : text)
    }
}
