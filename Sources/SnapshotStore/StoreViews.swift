/// The views people query with sqlite3, DuckDB or Datasette (docs/SCHEMA.md). Their names and
/// columns are a promise: a later migration that changes a table re-creates the views with the
/// same columns (drop, then create again).
enum StoreViews {
    static let sql = """
        CREATE VIEW v_snapshots AS
        SELECT id AS snapshot_id, label, taken_at, ingested_at, complete, node_count, entry_count, resource_count,
            file_count, warning_count, tool_version
        FROM snapshot;

        CREATE VIEW v_nodes AS
        SELECT n.snapshot_id, s.label AS snapshot_label, s.taken_at AS snapshot_taken_at, n.node_id AS resource_id,
            n.account_id, n.region, n.computer_name,
            (SELECT json_extract(r.tags, '$.Name') FROM resource r
                WHERE r.snapshot_id = n.snapshot_id AND r.resource_type = 'AWS::EC2::Instance' AND r.resource_id = n.node_id
                    AND json_valid(r.tags)) AS name_tag,
            n.platform_type, n.platform_name, n.platform_version, n.agent_version, n.ip_address, n.status,
            n.ping_status, n.last_ping_time, n.resource_type, n.last_capture_time
        FROM managed_node n JOIN snapshot s ON s.id = n.snapshot_id;

        CREATE VIEW v_inventory AS
        SELECT e.snapshot_id, e.node_id AS resource_id, n.account_id, n.region, n.computer_name, e.type_name,
            json_extract(e.attributes, '$.Name') AS name, json_extract(e.attributes, '$.Version') AS version,
            e.attributes, c.capture_time
        FROM inventory_entry e
        LEFT JOIN managed_node n ON n.snapshot_id = e.snapshot_id AND n.node_id = e.node_id
        LEFT JOIN coverage c ON c.snapshot_id = e.snapshot_id AND c.node_id = e.node_id AND c.type_name = e.type_name;

        CREATE VIEW v_resources AS
        SELECT snapshot_id, resource_type, resource_id, account_id, region, availability_zone, resource_name, arn,
            status, capture_time, configuration_state_id, resource_creation_time,
            CASE WHEN json_valid(tags) THEN json_extract(tags, '$.Name') END AS name_tag,
            configuration, supplementary_configuration, tags, relationships, payload_included
        FROM resource;
        """
}
