import Foundation
import InventoryCore
import Testing
import XlsxInspection

// Stores written by earlier versions keep diffing and exporting exactly as they did (issue 11 B).
// `Fixtures/stores/v2-fleet.sql` is an `sqlite3 .dump` of a store the v2 schema wrote: the fleet
// fixtures t1, t2 and t2's Data Sync folder alone, ingested from the repository root. Beside it, what
// that code printed for `diff --format json` and the rows of each sheet of `export`.

@Suite struct StoreFixtureTests {
    static let stores = Paths.fixtures.appendingPathComponent("stores")

    /// Loads a dump into a fresh store file (Python's sqlite3, as the workbook inspector uses).
    private func load(_ dump: String, into scratch: Scratch) throws -> String {
        let db = scratch.path("old.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.close()",
            db, Self.stores.appendingPathComponent(dump).path,
        ]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("loading \(dump) failed") }
        return db
    }

    @Test(arguments: [("t1", "t2", "v2-fleet.diff-t1-t2.json"), ("t2", "3", "v2-fleet.diff-t2-3.json")])
    func aV2StoreDiffsAsItDid(base: String, target: String, golden: String) throws {
        let scratch = try Scratch()
        let db = try load("v2-fleet.sql", into: scratch)
        let result = InProcess.run(["diff", "--db", db, base, target, "--format", "json"])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        let expected = try String(contentsOf: Self.stores.appendingPathComponent(golden), encoding: .utf8)
        #expect(result.stdout == expected)
    }

    @Test func aV2StoreExportsAsItDid() throws {
        let scratch = try Scratch()
        let db = try load("v2-fleet.sql", into: scratch)
        let golden =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.stores.appendingPathComponent("v2-fleet.sheet-rows.json"))) as? [String: [String: Int]] ?? [:]
        #expect(golden.count == 2)
        for (snapshot, expected) in golden {
            let output = scratch.path("export-\(snapshot).xlsx")
            let result = InProcess.run(["export", "--db", db, "--snapshot", snapshot, "--output", output])
            #expect(result.status == 0, "\(result.stderr)")
            let workbook = try XlsxInspector.inspect(output)
            var rows: [String: Int] = [:]
            for name in workbook.sheetNames { rows[name] = workbook.sheets[name]?.rowCount ?? 0 }
            #expect(rows == expected, "snapshot \(snapshot)")
        }
        #expect(try InventoryStore(path: db, readOnly: true).verify().isSound)
    }

    /// Schema v4 (content-addressed history) upgrades an older store in place on its first write
    /// use; every snapshot then diffs and exports cell for cell as it did before the upgrade.
    @Test func anOlderStoreUpgradesToTheHistoryLayoutAndReadsTheSame() throws {
        let scratch = try Scratch()
        let db = try load("v2-fleet.sql", into: scratch)
        let snapshots = try InventoryStore(path: db, readOnly: true).snapshots()
        #expect(snapshots.count == 3)
        let fixed = ["SOURCE_DATE_EPOCH": "1767225600"]
        func exportAll(_ tag: String) throws -> [String: [String: String]] {
            var sheets: [String: [String: String]] = [:]
            for snapshot in snapshots {
                let output = scratch.path("\(tag)-\(snapshot.id).xlsx")
                let result = InProcess.run(["export", "--db", db, "--snapshot", "\(snapshot.id)", "--output", output], variables: fixed)
                #expect(result.status == 0, "\(result.stderr)")
                let workbook = try XlsxInspector.inspect(output)
                for (name, sheet) in workbook.sheets {
                    sheets["\(snapshot.id)/\(name)"] = sheet.cells.mapValues { $0.text ?? $0.raw ?? "" }
                }
            }
            return sheets
        }
        let diffBefore = InProcess.run(["diff", "--db", db, "t1", "t2", "--format", "json"])
        let before = try exportAll("before")

        // A write use (verify opens for writing) upgrades it, in one transaction.
        let upgraded = try InventoryStore(path: db)
        let verification = try upgraded.verify()
        #expect(verification.isSound)
        #expect(verification.schemaVersion == InventoryStore.currentSchemaVersion)

        let after = try exportAll("after")
        #expect(before.keys.sorted() == after.keys.sorted())
        for (name, cells) in before {
            let other = after[name] ?? [:]
            let differing = cells.keys.filter { cells[$0] != other[$0] }.sorted()
            #expect(
                differing.isEmpty && cells.count == other.count,
                "\(name): \(differing.prefix(5).map { "\($0) \(cells[$0] ?? "") -> \(other[$0] ?? "")" })")
        }
        let diffAfter = InProcess.run(["diff", "--db", db, "t1", "t2", "--format", "json"])
        #expect(diffAfter.status == diffBefore.status)
        #expect(diffAfter.stdout == diffBefore.stdout)
        // The rows were stored once: fewer distinct rows than the old copies held.
        let counts = try upgraded.contentCounts()
        #expect(counts.distinctRows > 0 && counts.distinctRows < counts.snapshotRows)
    }
}
