import Foundation
import Testing

/// The documented views (docs/SCHEMA.md), read by the `sqlite3` command-line shell rather than by
/// our own code: every example query of the document runs, and the answers are the fleet's.
@Suite struct SchemaViewsTests {
    /// A store holding the fixture fleet as `before` (T1) and `after` (T2).
    static func fleetStore(_ scratch: Scratch) throws -> String {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")], extra: ["--label", "before"])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")], extra: ["--label", "after"])
        return scratch.db
    }

    /// Runs `sql` with `sqlite3 -readonly -json` and returns the rows.
    static func query(_ db: String, _ sql: String) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", "-json", db, sql]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure(
                "sqlite3 exited \(process.terminationStatus) (is the sqlite3 package installed? scripts/setup): \(problem)\n\(sql)")
        }
        if data.isEmpty { return [] }
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }

    /// The ```sql blocks of docs/SCHEMA.md.
    static func documentedQueries() throws -> [String] {
        let text = try String(contentsOf: Paths.repo.appendingPathComponent("docs/SCHEMA.md"), encoding: .utf8)
        var queries: [String] = []
        var current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```sql") {
                current = []
            } else if line.hasPrefix("```"), let block = current {
                queries.append(block.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(String(line))
            }
        }
        return queries
    }

    @Test func every_documented_query_runs_and_answers() throws {
        let scratch = try Scratch()
        let db = try Self.fleetStore(scratch)
        let queries = try Self.documentedQueries()
        #expect(queries.count >= 5)
        for sql in queries {
            let rows = try Self.query(db, sql)
            #expect(!rows.isEmpty, "no rows from:\n\(sql)")
        }
    }

    @Test func views_hold_the_fleet() throws {
        let scratch = try Scratch()
        let db = try Self.fleetStore(scratch)
        let snapshots = try Self.query(db, "SELECT label, node_count, entry_count FROM v_snapshots ORDER BY taken_at")
        #expect(snapshots.map { $0["label"] as? String } == ["before", "after"])
        let latest = "(SELECT snapshot_id FROM v_snapshots WHERE label = 'after')"
        let nodes = try Self.query(db, "SELECT resource_id, name_tag, platform_name FROM v_nodes WHERE snapshot_id = \(latest)")
        #expect(nodes.count == 6)
        #expect(nodes.contains { $0["resource_id"] as? String == "i-0a3f9c27e81b4d5c6" && $0["name_tag"] as? String == "web-al2023-01" })
        let rows = try Self.query(db, "SELECT count(*) AS n FROM v_inventory WHERE snapshot_id = \(latest)")
        #expect(rows.first?["n"] as? Int == 96)
        let openssl = try Self.query(
            db,
            "SELECT resource_id, json_extract(attributes, '$.Release') AS release FROM v_inventory WHERE snapshot_id = \(latest) AND name = 'openssl-libs' AND resource_id = 'i-0a3f9c27e81b4d5c6'"
        )
        #expect(openssl.first?["release"] as? String == "2.amzn2023.0.1")
        let resources = try Self.query(db, "SELECT count(*) AS n FROM v_resources WHERE snapshot_id = \(latest)")
        #expect(resources.first?["n"] as? Int == 9)
        // The pitfall the document warns about: text order puts 3.0.9 after 3.0.15.
        #expect(try Self.query(db, "SELECT '3.0.9' < '3.0.15' AS wrong").first?["wrong"] as? Int == 0)
    }

    @Test func the_documented_openssl_query_finds_the_old_versions() throws {
        let scratch = try Scratch()
        let db = try Self.fleetStore(scratch)
        let sql = try #require(try Self.documentedQueries().first { $0.contains("< 3 * 1000000") })
        let ids = Set(try Self.query(db, sql).compactMap { $0["resource_id"] as? String })
        #expect(ids.contains("i-0a3f9c27e81b4d5c6"))
        #expect(ids.contains("i-0e6d2f8a4b7c1d903"))
    }

    /// The columns docs/SCHEMA.md promises, per view: the first backticked name of each item of the table's last cell.
    static func documentedColumns() throws -> [String: [String]] {
        let text = try String(contentsOf: Paths.repo.appendingPathComponent("docs/SCHEMA.md"), encoding: .utf8)
        var views: [String: [String]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `v_") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            views[name] = cells[2].components(separatedBy: ", ").compactMap { item in
                item.split(separator: "`", omittingEmptySubsequences: false).dropFirst().first.map(String.init)
            }
        }
        return views
    }

    @Test func the_views_have_exactly_the_documented_columns() throws {
        let scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        let documented = try Self.documentedColumns()
        #expect(documented.keys.sorted() == ["v_inventory", "v_nodes", "v_resources", "v_snapshots"])
        for (view, columns) in documented {
            let actual = try Self.query(scratch.db, "SELECT name FROM pragma_table_info('\(view)')").compactMap { $0["name"] as? String }
            #expect(actual == columns, "\(view)")
        }
    }

    /// A store written before the views existed (schema v2) gets them the next time it is written.
    @Test func an_older_store_gets_the_views_on_its_next_ingest() throws {
        let scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        let downgrade =
            "DROP VIEW v_snapshots; DROP VIEW v_nodes; DROP VIEW v_inventory; DROP VIEW v_resources; "
            + "DELETE FROM grdb_migrations WHERE identifier LIKE 'v3:%';"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", scratch.db, downgrade]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(
            try Self.query(scratch.db, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'view' AND name LIKE 'v\\_%' ESCAPE '\\'")
                .first?["n"] as? Int == 0)
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        #expect(try Self.query(scratch.db, "SELECT count(*) AS n FROM v_snapshots").first?["n"] as? Int == 2)
    }
}
