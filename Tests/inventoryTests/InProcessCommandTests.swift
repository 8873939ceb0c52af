import Foundation
import Testing
import XlsxInspection

@testable import inventory

/// Commands run in-process (`InProcess.run`): stdout, stderr and exit codes without spawning the
/// binary, with the store named through the context's own `INVENTORY_DB` and a fixed clock.
@Suite struct InProcessCommandTests {
    let scratch: Scratch
    /// The context environment every run here gets: the store only through `INVENTORY_DB`.
    let variables: [String: String]

    init() throws {
        scratch = try Scratch()
        variables = ["INVENTORY_DB": scratch.db, "SOURCE_DATE_EPOCH": "1796083200"]
    }

    private func run(_ arguments: [String]) -> InProcess.Result {
        InProcess.run(arguments, variables: variables, now: InProcess.now)
    }

    /// Ingests the fleet fixture's two points in time as t1 and t2.
    private func ingestFleet() throws {
        for label in ["t1", "t2"] {
            let result = run(["ingest", "--label", label, Paths.fixture("fleet/\(label)")])
            try #require(result.status == 0, "ingest \(label): \(result.stderr)")
        }
    }

    @Test func ingestPrintsOneSummaryLine() throws {
        let result = run(["ingest", "--label", "t1", Paths.fixture("fleet/t1")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("snapshot 1 (t1) taken 20"))
        #expect(result.stdout.contains(" nodes, ") && result.stdout.contains(" Config resources from "))
        #expect(result.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1)
        #expect(FileManager.default.fileExists(atPath: scratch.db))
    }

    @Test func ingestJSONNamesTheSnapshot() throws {
        let result = run(["ingest", "--format", "json", "--label", "t1", Paths.fixture("fleet/t1")])
        #expect(result.status == 0)
        let document = try json(result.stdout)
        let snapshot = try #require(document["snapshot"] as? [String: Any])
        #expect(snapshot["id"] as? Int == 1)
        #expect(snapshot["label"] as? String == "t1")
    }

    @Test func reingestingIdenticalInputStoresNothing() throws {
        try ingestFleet()
        let result = run(["ingest", Paths.fixture("fleet/t2")])
        #expect(result.status == 0)
        #expect(result.stdout == "input unchanged: identical to snapshot 2 (t2); nothing stored\n")
    }

    @Test func snapshotsAsTextAndJSON() throws {
        let none = run(["snapshots"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("error: store: \(scratch.db): no store here"))
        try ingestFleet()
        let text = run(["snapshots"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("LABEL") == true)
        #expect(lines[1].hasPrefix("1 ") && lines[1].contains(" t1 "))
        #expect(lines[2].hasPrefix("2 ") && lines[2].contains(" t2 "))
        let listed = run(["snapshots", "--format", "json"])
        let snapshots = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(snapshots.map { $0["label"] as? String } == ["t1", "t2"])
    }

    @Test func diffWithChangesExits1WithTheSummary() throws {
        try ingestFleet()
        let result = run(["diff", "--format", "json", "t1", "t2"])
        #expect(result.status == 1)
        let summary = try #require(try json(result.stdout)["summary"] as? [String: Any])
        #expect(summary["added"] as? Int == 15)
        #expect(summary["removed"] as? Int == 2)
        #expect(summary["changed"] as? Int == 2)
        #expect(summary["statusChanged"] as? Int == 2)
        #expect(summary["notCaptured"] as? Int == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test func diffTextHasNoColourUnderNoColor() throws {
        try ingestFleet()
        let result = run(["diff", "--color", "auto"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("configuration.instanceType: t3.medium → t3.large"))
        #expect(!result.stdout.contains("\u{1B}["))
        let coloured = run(["diff", "--color", "always"])
        #expect(coloured.stdout.contains("\u{1B}["))
    }

    @Test func diffOfASnapshotWithItselfExits0() throws {
        try ingestFleet()
        let result = run(["diff", "t2", "t2"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("no changes"))
    }

    @Test func unknownSnapshotExits2() throws {
        try ingestFleet()
        let result = run(["diff", "nope", "latest"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: unknown snapshot 'nope'"))
        #expect(result.stdout.isEmpty)
        let export = run(["export", "--snapshot", "missing", "--output", scratch.path("x.xlsx")])
        #expect(export.status == 2)
        #expect(export.stderr.contains("error: unknown snapshot 'missing'"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("x.xlsx")))
    }

    @Test func diffWritesAMarkdownSummary() throws {
        try ingestFleet()
        let markdown = scratch.path("summary.md")
        #expect(run(["diff", "--summary-markdown", markdown, "t1", "t2"]).status == 1)
        let text = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(text.contains("15"))
        #expect(text.hasPrefix("#") || text.hasPrefix("|") || text.hasPrefix("**"))
    }

    @Test func exportWritesAWorkbook() throws {
        try ingestFleet()
        let output = scratch.path("fleet.xlsx")
        let result = run(["export", "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("wrote \(output): "))
        #expect(result.stdout.contains("(snapshot 2, changes against 1)"))
        let workbook = try XlsxInspector.inspect(output)
        #expect(workbook.sheetNames.first == "Dashboard")
        #expect(workbook.sheetNames.contains("Changes"))
        // The temporary file was renamed, not left beside the workbook.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func exportIsByteIdenticalUnderSourceDateEpoch() throws {
        try ingestFleet()
        #expect(run(["export", "--output", scratch.path("a.xlsx")]).status == 0)
        #expect(run(["export", "--output", scratch.path("b.xlsx")]).status == 0)
        #expect(
            try Data(contentsOf: scratch.url.appendingPathComponent("a.xlsx"))
                == Data(contentsOf: scratch.url.appendingPathComponent("b.xlsx")))
    }

    @Test func reportWritesADatedWorkbookAndAMarkdownSummary() throws {
        #expect(run(["ingest", "--label", "t1", Paths.fixture("fleet/t1")]).status == 0)
        let out = scratch.path("out")
        let markdown = scratch.path("step-summary.md")
        let result = run(["report", "--output", out, "--summary-markdown", markdown, Paths.fixture("fleet/t2")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("report: snapshot 2, "))
        #expect(result.stdout.contains("changes against snapshot 1 (15 added, 2 removed, 2 changed, 2 status, 0 not captured)"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.count == 1)
        let name = try #require(files.first)
        #expect(name.hasPrefix("inventory-") && name.hasSuffix("Z.xlsx") && name.count == "inventory-20261129T030000Z.xlsx".count)
        #expect(try !String(contentsOfFile: markdown, encoding: .utf8).isEmpty)
        let again = run(["report", "--output", out, "--fail-on-changes", Paths.fixture("fleet/t2")])
        #expect(again.status == 0)
        #expect(again.stdout.contains("(input unchanged: nothing new)"))
    }

    @Test func reportFailOnChangesExits1() throws {
        #expect(run(["ingest", Paths.fixture("fleet/t1")]).status == 0)
        let result = run(["report", "--output", scratch.path("r.xlsx"), "--fail-on-changes", Paths.fixture("fleet/t2")])
        #expect(result.status == 1)
        #expect(FileManager.default.fileExists(atPath: scratch.path("r.xlsx")))
    }

    @Test func pruneDryRunListsAndKeeps() throws {
        try ingestFleet()
        let dryRun = run(["prune", "--keep", "1", "--include-labelled", "--dry-run"])
        #expect(dryRun.status == 0)
        #expect(dryRun.stdout == "would remove 1 snapshot (1); 1 would be kept\n")
        #expect(run(["snapshots", "--format", "json"]).stdout.components(separatedBy: "\"id\"").count == 3)
        let labelled = run(["prune", "--keep", "1"])
        // Nothing removed because of a label: it says so, and how to remove it anyway.
        #expect(labelled.stdout == "nothing to prune; 2 snapshots kept; 1 labelled snapshot kept (t1); --include-labelled removes it\n")
    }

    @Test func pruneOlderThanUsesTheContextClock() throws {
        try ingestFleet()
        // Snapshots are taken in 2026-11; ten years later they are all older than 1y.
        let later = InProcess.now.addingTimeInterval(10 * 365 * 86_400)
        let result = InProcess.run(["prune", "--older-than", "1y", "--include-labelled", "--dry-run"], variables: variables, now: later)
        #expect(result.stdout == "would remove 1 snapshot (1); 1 would be kept\n")
        let now = run(["prune", "--older-than", "1y", "--include-labelled", "--dry-run"])
        #expect(now.stdout == "nothing to prune; 2 snapshots kept\n")
    }

    @Test func strictFailsOnAWarningAndStoresNothing() throws {
        let file = Paths.fixture("broken/invalid-utf8.datasync.jsonl")
        let lenient = InProcess.run(["ingest", "--repair-utf8", "--db", scratch.path("lenient.sqlite"), file], now: InProcess.now)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("warning"))
        let strict = run(["ingest", "--strict", "--repair-utf8", file])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("error: --strict: 1 warning; nothing stored"))
        #expect(strict.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.db))
    }

    @Test func quietHidesWarnings() throws {
        let file = Paths.fixture("broken/invalid-utf8.datasync.jsonl")
        let quiet = run(["ingest", "-q", "--repair-utf8", file])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty)
    }

    @Test func inventoryDBComesFromTheContextNotTheProcess() throws {
        let other = scratch.path("other.sqlite")
        let result = InProcess.run(["ingest", Paths.fixture("fleet/t1")], variables: ["INVENTORY_DB": other], now: InProcess.now)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(!FileManager.default.fileExists(atPath: scratch.db))
        // --db still wins over the variable.
        let explicit = scratch.path("explicit.sqlite")
        let listed = InProcess.run(["snapshots", "--db", explicit], variables: ["INVENTORY_DB": other])
        #expect(listed.status == 2)
        #expect(listed.stderr.contains("error: store: \(explicit): no store here"))
        #expect(ProcessInfo.processInfo.environment["INVENTORY_DB"] != other)
    }

    @Test func helpGoesToStdoutWithExit0() {
        let result = run(["prune", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: inventory prune"))
        #expect(result.stderr.isEmpty)
    }

    @Test func validationErrorsExit2WithUsage() {
        let result = run(["prune"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("give --keep N, --older-than AGE, or both"))
        #expect(result.stderr.contains("Usage: inventory prune"))
    }

    @Test func aMissingPathExits2NamingIt() {
        let missing = scratch.path("no-such-capture.json")
        let result = run(["ingest", missing])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: ") && result.stderr.contains(missing))
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "a failed first ingest left a store")
    }
}
