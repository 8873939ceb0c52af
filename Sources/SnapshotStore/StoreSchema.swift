import GRDB
import InventoryModel

/// The store's schema, one named migration per shipped change. Never edit a shipped migration;
/// add a new one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: snapshots, provenance, coverage, nodes, inventory entries, resources") { db in
            try db.execute(
                sql: """
                    CREATE TABLE snapshot (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        label TEXT UNIQUE,
                        taken_at TEXT,
                        taken_at_ms INTEGER,
                        ingested_at TEXT NOT NULL,
                        fingerprint TEXT NOT NULL UNIQUE,
                        complete INTEGER NOT NULL,
                        file_count INTEGER NOT NULL,
                        node_count INTEGER NOT NULL,
                        entry_count INTEGER NOT NULL,
                        resource_count INTEGER NOT NULL,
                        warning_count INTEGER NOT NULL,
                        tool_version TEXT NOT NULL
                    );
                    CREATE TABLE source_file (
                        id INTEGER PRIMARY KEY,
                        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                        file_index INTEGER NOT NULL,
                        path TEXT NOT NULL,
                        format TEXT,
                        status TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        bytes INTEGER NOT NULL,
                        records INTEGER NOT NULL,
                        message TEXT,
                        warnings TEXT NOT NULL DEFAULT '[]'
                    );
                    CREATE INDEX source_file_by_snapshot ON source_file(snapshot_id);
                    CREATE TABLE managed_node (
                        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                        node_id TEXT NOT NULL,
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
                        last_ping_time TEXT,
                        resource_type TEXT,
                        last_capture_time TEXT,
                        PRIMARY KEY (snapshot_id, node_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE coverage (
                        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                        node_id TEXT NOT NULL,
                        type_name TEXT NOT NULL,
                        schema_version TEXT,
                        capture_time TEXT,
                        capture_time_text TEXT,
                        capture_time_ms INTEGER,
                        source_file_id INTEGER,
                        complete INTEGER NOT NULL,
                        entry_count INTEGER NOT NULL,
                        content_fingerprint TEXT,
                        PRIMARY KEY (snapshot_id, node_id, type_name)
                    ) WITHOUT ROWID;
                    CREATE TABLE inventory_entry (
                        id INTEGER PRIMARY KEY,
                        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                        node_id TEXT NOT NULL,
                        type_name TEXT NOT NULL,
                        identity_key TEXT NOT NULL,
                        map_key TEXT,
                        attributes TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        group_seq INTEGER
                    );
                    CREATE INDEX inventory_entry_by_node ON inventory_entry(snapshot_id, node_id, type_name);
                    CREATE TABLE type_attribute (
                        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                        type_name TEXT NOT NULL,
                        name TEXT NOT NULL,
                        PRIMARY KEY (snapshot_id, type_name, name)
                    ) WITHOUT ROWID;
                    CREATE TABLE resource (
                        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                        resource_type TEXT NOT NULL,
                        resource_id TEXT NOT NULL,
                        account_id TEXT,
                        region TEXT,
                        availability_zone TEXT,
                        resource_name TEXT,
                        arn TEXT,
                        status TEXT,
                        capture_time TEXT,
                        capture_time_text TEXT,
                        configuration_state_id TEXT,
                        resource_creation_time TEXT,
                        version TEXT,
                        configuration TEXT,
                        supplementary_configuration TEXT,
                        tags TEXT NOT NULL,
                        relationships TEXT NOT NULL,
                        payload_included INTEGER NOT NULL,
                        content_in_inventory INTEGER NOT NULL,
                        s3_location TEXT,
                        source_file_id INTEGER,
                        PRIMARY KEY (snapshot_id, resource_type, resource_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2: resource.selected_properties for partial (advanced-query) items") { db in
            // JSON array of the property paths a select-resource-config result carries; NULL for a
            // whole configuration item. Without it a partial item reads as "every other property removed".
            try db.execute(sql: "ALTER TABLE resource ADD COLUMN selected_properties TEXT")
        }
        migrator.registerMigration("v3: documented views for sqlite3, DuckDB and Datasette (docs/SCHEMA.md)") { db in
            try db.execute(sql: StoreViews.sql)
        }
        migrator.registerMigration("v4: content-addressed history: each distinct row, group and item content stored once") { db in
            try HistoryMigration.run(db)
        }
        return migrator
    }
}
