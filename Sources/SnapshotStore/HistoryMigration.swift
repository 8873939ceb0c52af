import GRDB
import InventoryModel

/// Schema v4 (issue 11): snapshots stop holding copies of their rows and item content.
///
/// - `row_content`: each distinct inventory row (type, identity key, map key, canonical
///   attributes), once.
/// - `row_group`: each distinct group of rows (one node's content of one type), once, with the
///   fingerprint the diff compares; `group_row` lists its rows.
/// - `coverage.group_id`: what a snapshot captured for a node and type points at a group.
/// - `resource_content`: each distinct configuration-item content (everything but capture time,
///   state id and source file), once; `resource_item` is the per-snapshot part. An
///   `AWS::SSM::ManagedInstanceInventory` item keeps only a skeleton of its configuration: its
///   rows are the record, and readers put them back.
///
/// `inventory_entry` and `resource` become views with their old columns, so SQL written against
/// earlier versions (and the `v_*` views) keeps working. Existing snapshots are converted in the
/// migration's one transaction; their stored configuration text is kept as it was.
enum HistoryMigration {
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
            row_count INTEGER NOT NULL
        );
        CREATE TABLE group_row (
            group_id INTEGER NOT NULL,
            row_id INTEGER NOT NULL,
            copy INTEGER NOT NULL,
            PRIMARY KEY (group_id, row_id, copy)
        ) WITHOUT ROWID;
        ALTER TABLE coverage ADD COLUMN group_id INTEGER;
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
            resource_type TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            content_id INTEGER NOT NULL,
            capture_time TEXT,
            capture_time_text TEXT,
            configuration_state_id TEXT,
            source_file_id INTEGER,
            PRIMARY KEY (snapshot_id, resource_type, resource_id)
        ) WITHOUT ROWID;
        """

    static let views = """
        CREATE VIEW inventory_entry AS
        SELECT c.snapshot_id, c.node_id, c.type_name, r.identity_key, r.map_key, r.attributes, r.content_hash
        FROM coverage c JOIN group_row m ON m.group_id = c.group_id JOIN row_content r ON r.id = m.row_id;

        CREATE VIEW resource AS
        SELECT i.snapshot_id, i.resource_type, i.resource_id, c.account_id, c.region, c.availability_zone, c.resource_name,
            c.arn, c.status, i.capture_time, i.capture_time_text, i.configuration_state_id, c.resource_creation_time,
            c.version, c.configuration, c.supplementary_configuration, c.tags, c.relationships, c.payload_included,
            c.content_in_inventory, c.s3_location, i.source_file_id, c.selected_properties, c.inventory_skeleton
        FROM resource_item i JOIN resource_content c ON c.id = i.content_id;
        """

    static func run(_ db: Database) throws {
        for view in ["v_snapshots", "v_nodes", "v_inventory", "v_resources"] { try db.execute(sql: "DROP VIEW IF EXISTS \(view)") }
        try db.execute(sql: tables)
        let content = ContentStore(db: db)

        // Rows: every coverage entry's rows become (or find) one group.
        let keys = try Row.fetchAll(
            db, sql: "SELECT snapshot_id, node_id, type_name FROM coverage ORDER BY snapshot_id, node_id, type_name")
        for key in keys {
            let snapshotId: Int64 = key[0]
            let nodeId: String = key[1]
            let typeName: String = key[2]
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
            try db.cachedStatement(
                sql: "UPDATE coverage SET group_id = ?, content_fingerprint = NULL WHERE snapshot_id = ? AND node_id = ? AND type_name = ?"
            ).execute(arguments: [groupId, snapshotId, nodeId, typeName])
        }

        // Configuration items: the stable part once, the per-snapshot part per snapshot.
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM resource")
        while let row = try cursor.next() {
            let id = try content.itemContent(
                ContentStore.ItemContent(
                    accountId: row["account_id"], region: row["region"], availabilityZone: row["availability_zone"],
                    resourceName: row["resource_name"], arn: row["arn"], status: row["status"],
                    resourceCreationTime: row["resource_creation_time"], version: row["version"],
                    configuration: row["configuration"], supplementaryConfiguration: row["supplementary_configuration"],
                    tags: row["tags"], relationships: row["relationships"], payloadIncluded: row["payload_included"],
                    contentInInventory: row["content_in_inventory"], inventorySkeleton: nil, s3Location: row["s3_location"],
                    selectedProperties: row["selected_properties"]))
            try db.cachedStatement(
                sql: """
                    INSERT INTO resource_item (snapshot_id, resource_type, resource_id, content_id, capture_time, capture_time_text,
                        configuration_state_id, source_file_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                row["snapshot_id"], row["resource_type"], row["resource_id"], id, row["capture_time"], row["capture_time_text"],
                row["configuration_state_id"], row["source_file_id"],
            ])
        }
        try db.execute(sql: "DROP TABLE inventory_entry")
        try db.execute(sql: "DROP TABLE resource")
        try db.execute(sql: views)
        try db.execute(sql: StoreViews.sql)
    }
}
