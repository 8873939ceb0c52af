import Foundation
import InventoryCore
import Testing

/// `export --format dataset` read back by a real query engine (DuckDB from PyPI): every table
/// with Hive partitioning, row counts equal to the store's, changes equal to `diff`'s.
@Suite struct DatasetTests {
    let scratch: Scratch
    init() throws { scratch = try Scratch() }

    /// DuckDB's Python module, or nil (the tests then say why they did not run).
    static let python: String? = {
        for candidate in ["python3", "/usr/bin/python3"] {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            probe.arguments = [candidate, "-c", "import duckdb"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            if (try? probe.run()) != nil {
                probe.waitUntilExit()
                if probe.terminationStatus == 0 { return candidate }
            }
        }
        return nil
    }()

    func query(_ directory: String) throws -> [String: Any] {
        guard let python = Self.python else { throw TestFailure("no python3 with duckdb") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = Paths.repo.appendingPathComponent("Tests/inventoryTests/Dataset/query.py").path
        process.arguments = [python, script, directory]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try json(String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: python != nil, "DuckDB is not installed (scripts/setup installs it with pip)"))
    func duckdb_reads_every_table_and_counts_match_the_store_and_the_diff() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        let directory = scratch.path("dataset")
        let export = try Binary.run(["export", "--db", scratch.db, "--format", "dataset", "--all", "--output", directory])
        #expect(export.status == 0, "\(export.stderr)")
        let read = try query(directory)
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        let rows = read["rows"] as? [String: Int] ?? [:]
        let snapshots = try store.snapshots()
        #expect(rows["inventory"] == snapshots.reduce(0) { $0 + $1.entryCount })
        #expect(rows["nodes"] == snapshots.reduce(0) { $0 + $1.nodeCount })
        #expect(rows["resources"] == snapshots.reduce(0) { $0 + $1.resourceCount })
        let diff = try diffJSON(scratch.db, ["1", "2"])
        #expect(rows["changes"] == diff.changes.count)
        let expected = diff.changes.map { change in
            ["change", "resourceId", "typeName", "key"].map { (change[$0] as? String) ?? "" }.joined(separator: "|")
        }.sorted()
        #expect(read["changes"] as? [String] == expected)
        let partitions = read["partitions"] as? [String] ?? []
        #expect(partitions.contains("2026-11-15/111122223333/ap-northeast-1"), "\(partitions)")
    }

    @Test func exporting_again_rewrites_the_same_files_and_keeps_unchanged_ones() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        let directory = scratch.path("dataset")
        #expect(try Binary.run(["export", "--db", scratch.db, "--format", "dataset", "--all", "--output", directory]).status == 0)
        let files = try listing(directory)
        let stamps = try files.map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
        let bytes = files.map { FileManager.default.contents(atPath: $0) }
        #expect(files.count == 19)
        #expect(files.allSatisfy { $0.hasSuffix(".json.gz") && !$0.contains(".tmp-") })
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try Binary.run(["export", "--db", scratch.db, "--format", "dataset", "--all", "--output", directory]).status == 0)
        #expect(try listing(directory) == files, "no duplicates, same names")
        #expect(files.map { FileManager.default.contents(atPath: $0) } == bytes, "same bytes")
        let again = try files.map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
        #expect(again == stamps, "identical files are left alone, so a sync uploads nothing")
        // One snapshot only: its files, nothing else.
        let one = scratch.path("one")
        #expect(try Binary.run(["export", "--db", scratch.db, "--format", "dataset", "--snapshot", "1", "--output", one]).status == 0)
        #expect(try listing(one).allSatisfy { $0.hasSuffix("snapshot-1.json.gz") })
        #expect(try listing(one).contains { $0.contains("/changes/") } == false, "the first snapshot has nothing to compare")
    }

    @Test func dataset_options_are_checked() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        let mixed = try Binary.run(["export", "--db", scratch.db, "--all", "--output", scratch.path("x.xlsx")])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("--since and --all go with --format dataset"))
        let both = try Binary.run([
            "export", "--db", scratch.db, "--format", "dataset", "--all", "--since", "1", "--output", scratch.path("d"),
        ])
        #expect(both.status == 2)
        let unknown = try Binary.run([
            "export", "--db", scratch.db, "--format", "dataset", "--since", "nope", "--output", scratch.path("d"),
        ])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown snapshot 'nope'"))
    }

    private func listing(_ directory: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".gz") || $0.contains(".tmp-") }
            .map { directory + "/" + $0 }.sorted()
    }
}
