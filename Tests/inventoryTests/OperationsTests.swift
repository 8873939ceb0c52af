import Foundation
import Testing
import XlsxInspection

/// Cron, CI and terminal behaviour: report, prune, Markdown summaries, concurrent processes and
/// a SIGKILL in the middle of an ingest.
@Suite struct OperationsTests {
    let scratch: Scratch

    init() throws { scratch = try Scratch() }

    private func snapshotCount(_ db: String) throws -> Int {
        let listed = try Binary.run(["snapshots", "--db", db, "--json"])
        return (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])?.count ?? -1
    }

    @Test func report_twice_gives_two_dated_workbooks_and_the_second_has_changes() throws {
        let out = scratch.path("reports")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let first = try Binary.run(["report", "--db", scratch.db, "--output", out, Paths.fixture("fleet/t1")])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.split(separator: "\n").count == 1, "one summary line")
        let markdown = scratch.path("summary.md")
        let second = try Binary.run([
            "report", "--db", scratch.db, "--output", out, "--summary-markdown", markdown, Paths.fixture("fleet/t2"),
        ])
        #expect(second.status == 0, "changes are not failures")
        #expect(second.stdout.contains("21 changes against snapshot 1"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["inventory-20261101T024805Z.xlsx", "inventory-20261115T025136Z.xlsx"])
        let older = try XlsxInspector.inspect(out + "/" + files[0])
        let newer = try XlsxInspector.inspect(out + "/" + files[1])
        #expect(!older.sheetNames.contains("Changes"))
        #expect(newer.sheetNames.contains("Changes"))
        let summary = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(summary.contains("| 15 | 2 | 2 | 0 | 0 | 2 | 0 |"))
        #expect(summary.contains("configuration.instanceType: t3.medium → t3.large"))
        let rerun = try Binary.run(["report", "--db", scratch.db, "--output", out, "--fail-on-changes", Paths.fixture("fleet/t2")])
        #expect(rerun.status == 0, "identical input brings no new changes")
        #expect(rerun.stdout.contains("input unchanged"))
        let gateDb = scratch.path("gate.sqlite")
        let fresh = scratch.path("fresh-reports")
        #expect(try Binary.run(["report", "--db", gateDb, "--output", fresh, "--fail-on-changes", Paths.fixture("fleet/t1")]).status == 0)
        #expect(FileManager.default.fileExists(atPath: fresh), "a missing output directory is created")
        let gate = try Binary.run(["report", "--db", gateDb, "--output", fresh, "--fail-on-changes", Paths.fixture("fleet/t2")])
        #expect(gate.status == 1, "new changes fail the gate")
    }

    @Test func prune_keeps_the_newest_and_labelled_snapshots() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")], extra: ["--label", "keep-me"])
        try ingest(scratch.db, [Paths.fixture("encodings/list-inventory-entries_utf8-bom.json")])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        let dry = try Binary.run(["prune", "--db", scratch.db, "--keep", "1", "--dry-run"])
        #expect(dry.stdout.contains("would remove 1 snapshot (2)"))
        #expect(dry.stdout.contains("1 labelled snapshot kept (keep-me); --include-labelled removes it"), "\(dry.stdout)")
        #expect(try snapshotCount(scratch.db) == 3)
        #expect(try Binary.run(["prune", "--db", scratch.db, "--keep", "1"]).status == 0)
        #expect(try snapshotCount(scratch.db) == 2, "the labelled one stays")
        #expect(try Binary.run(["prune", "--db", scratch.db, "--keep", "1", "--include-labelled"]).status == 0)
        #expect(try snapshotCount(scratch.db) == 1)
        #expect(try Binary.run(["prune", "--db", scratch.db]).status == 2, "usage errors exit 2")
    }

    @Test func a_second_process_waits_for_the_first_and_a_held_store_fails_as_busy() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        let slow = Process()
        slow.executableURL = Binary.url
        slow.arguments = ["ingest", "--db", scratch.db, "--pause-before-commit", "2", Paths.fixture("fleet/t2")]
        slow.standardOutput = FileHandle.nullDevice
        slow.standardError = FileHandle.nullDevice
        try slow.run()
        Thread.sleep(forTimeInterval: 0.7)
        let impatient = try Binary.run([
            "ingest", "--db", scratch.db, "--busy-timeout", "0.2", Paths.fixture("encodings/list-inventory-entries_utf8-bom.json"),
        ])
        #expect(impatient.status == 2)
        #expect(impatient.stderr.contains("store is busy"))
        let patient = try Binary.run([
            "ingest", "--db", scratch.db, "--busy-timeout", "30", Paths.fixture("encodings/list-inventory-entries_utf8-bom.json"),
        ])
        #expect(patient.status == 0, "\(patient.stderr)")
        slow.waitUntilExit()
        #expect(slow.terminationStatus == 0)
        #expect(try snapshotCount(scratch.db) == 3)
        let check = try Binary.run(["diff", "--db", scratch.db, "1", "2"])
        #expect(check.status == 1)
    }

    @Test func sigkill_mid_ingest_leaves_the_store_as_it_was() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.db))
        let victim = Process()
        victim.executableURL = Binary.url
        victim.arguments = ["ingest", "--db", scratch.db, "--pause-before-commit", "10", Paths.fixture("fleet/t2")]
        victim.standardOutput = FileHandle.nullDevice
        victim.standardError = FileHandle.nullDevice
        try victim.run()
        // Wait until the transaction is open (its rollback journal exists), then kill.
        let journal = scratch.db + "-journal"
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: journal) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: journal), "the ingest reached its transaction")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.db)) == before, "main file byte for byte as before")
        #expect(try snapshotCount(scratch.db) == 1)
        // The next writer rolls the hot journal back and carries on.
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        #expect(try snapshotCount(scratch.db) == 2)
        let integrity = try Binary.run(["diff", "--db", scratch.db])
        #expect(integrity.status == 1)
    }

    @Test(.enabled(if: Paths.hasShared)) func machine_output_only_on_stdout_and_help_has_examples() throws {
        let result = try Binary.run(["ingest", "--db", scratch.db, "--json", Paths.case("BH-01.get-inventory.truncated.json")])
        #expect(result.status == 0)
        #expect(try json(result.stdout)["status"] as? String == "created")
        #expect(result.stderr.contains("INCOMPLETE"))
        let quiet = try Binary.run([
            "ingest", "--db", scratch.path("q.sqlite"), "--quiet", Paths.case("BH-01.get-inventory.truncated.json"),
        ])
        #expect(quiet.stderr.isEmpty)
        #expect(try Binary.run(["--version"]).stdout.hasPrefix("inventory 0.2.0 (store v4; libxlsxwriter "))
        for command in ["ingest", "snapshots", "diff", "export", "report", "prune"] {
            let help = try Binary.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"), "\(command) --help has examples")
        }
    }
}
