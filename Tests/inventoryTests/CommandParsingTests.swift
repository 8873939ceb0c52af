import ArgumentParser
import Foundation
import InventoryCore
import Testing

@testable import inventory

/// Parse-only tests: real argv through `InventoryCommand.parseAsRoot`, no process and no store.
/// They pin option names, defaults, shared option groups and validation, which the spawning
/// tests only see through their effects.
@Suite struct CommandParsingTests {
    /// An `.xlsx` path whose folder exists (validation checks the folder, not the file).
    private let workbook = FileManager.default.temporaryDirectory.appendingPathComponent("parse-test.xlsx").path

    /// Parses `arguments` and casts to the expected subcommand.
    private func parse<Command: ParsableCommand>(
        _ arguments: [String], as type: Command.Type, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Command {
        let parsed = try InventoryCommand.parseAsRoot(arguments)
        return try #require(parsed as? Command, "parsed as \(Swift.type(of: parsed))", sourceLocation: sourceLocation)
    }

    /// Expects `arguments` to be refused as a usage error (exit 2 in `main`) whose message contains `text`.
    private func expectRefused(_ arguments: [String], _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let parsed = try InventoryCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed as \(type(of: parsed))", sourceLocation: sourceLocation)
        } catch {
            let message = InventoryCommand.fullMessage(for: error)
            #expect(message.contains(text), "\(message)", sourceLocation: sourceLocation)
            #expect(InventoryCommand.exitCode(for: error) != .success, sourceLocation: sourceLocation)
        }
    }

    // MARK: ingest

    @Test func ingestDefaults() throws {
        let command = try parse(["ingest", "a.json"], as: InventoryCommand.Ingest.self)
        #expect(command.input.paths == ["a.json"])
        #expect(command.store.db == nil)
        #expect(command.store.busyTimeout == nil)
        #expect(command.output.resolved == .text)
        #expect(!command.logging.quiet && !command.logging.verbose)
        #expect(command.input.label == nil && !command.input.keepGoing && !command.input.strict)
        #expect(command.input.nodeId == nil && command.input.typeName == nil && !command.input.repairUtf8)
    }

    @Test func ingestStoreOptions() throws {
        let command = try parse(["ingest", "--db", "fleet.sqlite", "--busy-timeout", "2.5", "-"], as: InventoryCommand.Ingest.self)
        #expect(command.store.db == "fleet.sqlite")
        #expect(command.store.busyTimeout == 2.5)
        #expect(command.input.paths == ["-"])
    }

    @Test(arguments: [
        "", "latest", "latest~2", "42", "2026-11-15", "2026-11-15T03:00:00Z", "two\nlines", String(repeating: "x", count: 201),
    ])
    func labelsThatReadAsReferencesAreRefused(label: String) {
        #expect(throws: (any Error).self) { try InventoryCommand.parseAsRoot(["ingest", "--label", label, "x.json"]) }
    }

    @Test func ingestInputOptions() throws {
        let command = try parse(
            [
                "ingest", "--label", "nightly-15", "--keep-going", "--strict", "--node-id", "i-0abc", "--type-name",
                "AWS:Application", "--repair-utf8", "a", "b",
            ], as: InventoryCommand.Ingest.self)
        #expect(command.input.label == "nightly-15")
        #expect(command.input.keepGoing && command.input.strict && command.input.repairUtf8)
        #expect(command.input.nodeId == "i-0abc")
        #expect(command.input.typeName == "AWS:Application")
        #expect(command.input.paths == ["a", "b"])
    }

    @Test func ingestFormatJSONAndHiddenAlias() throws {
        #expect(try parse(["ingest", "--format", "json", "a"], as: InventoryCommand.Ingest.self).output.resolved == .json)
        let alias = try parse(["ingest", "--json", "a"], as: InventoryCommand.Ingest.self)
        #expect(alias.output.json && alias.output.format == .text && alias.output.resolved == .json)
    }

    @Test func ingestShortLoggingFlags() throws {
        #expect(try parse(["ingest", "-q", "a"], as: InventoryCommand.Ingest.self).logging.quiet)
        #expect(try parse(["ingest", "-v", "a"], as: InventoryCommand.Ingest.self).logging.verbose)
        #expect(try parse(["ingest", "--verbose", "a"], as: InventoryCommand.Ingest.self).logging.verbose)
    }

    @Test func ingestHiddenSeams() throws {
        let command = try parse(
            ["ingest", "--stream-threshold", "0", "--pause-before-commit", "1.5", "a"], as: InventoryCommand.Ingest.self)
        #expect(command.input.streamThreshold == 0)
        #expect(command.input.pauseBeforeCommit == 1.5)
    }

    @Test func ingestRefusesCSV() {
        expectRefused(["ingest", "--format", "csv", "a"], "--format takes text or json here")
    }

    @Test func ingestRefusesQuietWithVerbose() {
        expectRefused(["ingest", "--quiet", "--verbose", "a"], "--quiet and --verbose cannot be used together")
        expectRefused(["ingest", "-q", "-v", "a"], "--quiet and --verbose cannot be used together")
    }

    @Test func ingestNeedsAPath() {
        expectRefused(["ingest"], "Missing expected argument")
    }

    @Test func busyTimeoutRange() throws {
        expectRefused(["ingest", "--busy-timeout", "1e308", "a"], "--busy-timeout takes seconds from 0 to 86400")
        expectRefused(["snapshots", "--busy-timeout=-1"], "--busy-timeout takes seconds from 0 to 86400")
        expectRefused(["snapshots", "--busy-timeout", "soon"], "busy-timeout")
        #expect(try parse(["snapshots", "--busy-timeout", "86400"], as: InventoryCommand.Snapshots.self).store.busyTimeout == 86_400)
        #expect(try parse(["snapshots", "--busy-timeout", "0"], as: InventoryCommand.Snapshots.self).store.busyTimeout == 0)
    }

    @Test func unknownOptionIsRefused() {
        expectRefused(["ingest", "--lable", "x", "a"], "Unknown option '--lable'")
    }

    // MARK: snapshots

    @Test func snapshotsDefaultsAndOptions() throws {
        let plain = try parse(["snapshots"], as: InventoryCommand.Snapshots.self)
        #expect(plain.output.resolved == .text && plain.store.db == nil)
        let json = try parse(["snapshots", "--db", "s.sqlite", "--format", "json", "-q"], as: InventoryCommand.Snapshots.self)
        #expect(json.output.resolved == .json && json.store.db == "s.sqlite" && json.logging.quiet)
        #expect(try parse(["snapshots", "--json"], as: InventoryCommand.Snapshots.self).output.resolved == .json)
    }

    @Test func snapshotsRefusesCSVAndArguments() {
        expectRefused(["snapshots", "--format", "csv"], "--format takes text or json here")
        expectRefused(["snapshots", "--format", "xml"], "xml")
        expectRefused(["snapshots", "t1"], "Unexpected argument 't1'")
    }

    // MARK: diff

    @Test func diffDefaults() throws {
        let command = try parse(["diff"], as: InventoryCommand.Diff.self)
        #expect(command.base == nil && command.target == nil)
        #expect(command.color == .auto && command.output.resolved == .text && command.summaryMarkdown == nil)
        #expect(command.filters.ignore.isEmpty && !command.filters.includeNoise && !command.filters.ignoreNewAttributes)
    }

    @Test func diffReferencesAndFormats() throws {
        let command = try parse(["diff", "t1", "latest~1", "--format", "csv", "--color", "never"], as: InventoryCommand.Diff.self)
        #expect(command.base == "t1" && command.target == "latest~1")
        #expect(command.output.resolved == .csv && command.color == .never)
        #expect(try parse(["diff", "--json", "t1"], as: InventoryCommand.Diff.self).output.resolved == .json)
    }

    @Test func diffFiltersRepeat() throws {
        let command = try parse(
            [
                "diff", "--type", "AWS:Application", "--type", "AWS:Network", "--node", "i-1", "--account", "123",
                "--region", "eu-west-1", "--ignore", "*.Foo", "--ignore", "AWS:Application.Bar", "--include-noise",
                "--ignore-new-attributes",
            ], as: InventoryCommand.Diff.self)
        let options = command.filters.diffOptions
        #expect(options.types == ["AWS:Application", "AWS:Network"])
        #expect(options.nodes == ["i-1"] && options.accounts == ["123"] && options.regions == ["eu-west-1"])
        #expect(options.ignore == ["*.Foo", "AWS:Application.Bar"])
        #expect(options.includeNoise && options.ignoreNewAttributes)
    }

    @Test func diffSummaryAndStore() throws {
        let command = try parse(
            ["diff", "--db", "x.sqlite", "--busy-timeout", "5", "--summary-markdown", "sum.md", "-v"], as: InventoryCommand.Diff.self)
        #expect(command.store.db == "x.sqlite" && command.store.busyTimeout == 5)
        #expect(command.summaryMarkdown == "sum.md" && command.logging.verbose)
    }

    @Test func diffRefusesBadValues() {
        expectRefused(["diff", "--color", "sometimes"], "sometimes")
        expectRefused(["diff", "a", "b", "c"], "Unexpected argument 'c'")
        expectRefused(["diff", "-q", "-v"], "--quiet and --verbose cannot be used together")
    }

    // MARK: export

    @Test func exportDefaults() throws {
        let command = try parse(["export", "--output", workbook], as: InventoryCommand.Export.self)
        #expect(command.output == workbook && command.snapshot == "latest" && command.format == .xlsx)
        #expect(command.base == nil && !command.noChanges && command.bom == nil && !command.json)
        #expect(command.workbook.lang == .en && command.workbook.tmpdir == nil && command.workbook.rowsPerSheet == nil)
    }

    @Test func exportOptions() throws {
        let command = try parse(
            [
                "export", "-o", workbook, "--snapshot", "t1", "--base", "latest~2", "--no-changes", "--lang", "ja",
                "--tmpdir", "/tmp", "--rows-per-sheet", "10", "--json", "--db", "e.sqlite",
            ], as: InventoryCommand.Export.self)
        #expect(command.snapshot == "t1" && command.base == "latest~2" && command.noChanges)
        #expect(command.workbook.lang == .ja && command.workbook.tmpdir == "/tmp" && command.workbook.rowsPerSheet == 10)
        #expect(command.json && command.store.db == "e.sqlite")
    }

    @Test func exportCSVDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parse-csv").path
        let command = try parse(["export", "--format", "csv", "--bom", "--output", directory], as: InventoryCommand.Export.self)
        #expect(command.format == .csv && command.bom == true && command.output == directory)
    }

    /// Output paths are checked when the command runs (an I/O problem, not a usage error: no usage text).
    @Test func exportRefusesNonWorkbookOutput() {
        for (arguments, message) in [
            (["export", "--output", "x.txt"], "--output must name an .xlsx file"),
            (["export", "--output", "/no/such/folder/x.xlsx"], "the output directory /no/such/folder does not exist"),
            (["export", "--format", "csv", "--output", "/no/such/folder/csv"], "does not exist"),
        ] {
            let result = InProcess.run(arguments + ["--db", "/no/such/store.sqlite"])
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!result.stderr.contains("Usage:"))
        }
        expectRefused(["export", "--format", "csv", "--output", "out.xlsx"], "names a workbook")
    }

    @Test func exportNeedsOutputAndValidLang() {
        expectRefused(["export"], "Missing expected argument '--output")
        expectRefused(["export", "--output", workbook, "--lang", "fr"], "fr")
        expectRefused(["export", "--output", workbook, "--format", "json"], "json")
    }

    @Test func rowsPerSheetMustBePositive() {
        expectRefused(["export", "--output", workbook, "--rows-per-sheet", "0"], "--rows-per-sheet must be at least 1")
    }

    // MARK: report

    @Test func reportOptions() throws {
        let command = try parse(
            [
                "report", "--output", workbook, "--fail-on-changes", "--summary-markdown", "s.md", "--label", "nightly",
                "--keep-going", "--strict", "--lang", "ja", "--format", "json", "captures/",
            ], as: InventoryCommand.Report.self)
        #expect(command.output == workbook && command.failOnChanges && command.summaryMarkdown == "s.md")
        #expect(command.input.label == "nightly" && command.input.keepGoing && command.input.strict)
        #expect(command.workbook.lang == .ja && command.format.resolved == .json && command.input.paths == ["captures/"])
    }

    @Test func reportDefaults() throws {
        let command = try parse(["report", "-o", workbook, "a"], as: InventoryCommand.Report.self)
        #expect(!command.failOnChanges && command.summaryMarkdown == nil && command.format.resolved == .text)
        #expect(command.workbook.lang == .en && command.input.label == nil)
    }

    @Test func reportRefusals() {
        // A missing folder whose parent exists would be created (cron's first night), so the parent is missing here.
        let missing = InProcess.run(["report", "--db", "/no/such/store.sqlite", "--output", "/no/such/folder/x.txt", "a"])
        #expect(
            missing.status == 2 && missing.stderr.contains("the parent directory /no/such/folder of /no/such/folder/x.txt does not exist"))
        expectRefused(["report", "--output", workbook, "--format", "csv", "a"], "--format takes text or json here")
        expectRefused(["report", "--output", workbook], "Missing expected argument")
        expectRefused(["report", "--output", workbook, "-q", "-v", "a"], "--quiet and --verbose cannot be used together")
    }

    // MARK: prune

    @Test func pruneKeepAndAge() throws {
        let command = try parse(
            ["prune", "--keep", "3", "--older-than", "90d", "--include-labelled", "--dry-run", "--json"],
            as: InventoryCommand.Prune.self)
        #expect(command.keep == 3 && command.olderThan == "90d")
        #expect(command.includeLabelled && command.dryRun && command.output.resolved == .json)
        let ageOnly = try parse(["prune", "--older-than", "1y"], as: InventoryCommand.Prune.self)
        #expect(ageOnly.keep == nil && !ageOnly.dryRun && !ageOnly.includeLabelled)
    }

    @Test func pruneNeedsARule() {
        expectRefused(["prune"], "give --keep N, --older-than AGE, or both")
        expectRefused(["prune", "--dry-run"], "give --keep N, --older-than AGE, or both")
    }

    @Test func pruneKeepMustBePositive() {
        expectRefused(["prune", "--keep", "0"], "--keep must be at least 1")
        expectRefused(["prune", "--keep", "-2"], "keep")
    }

    @Test func pruneAgeUnits() throws {
        for age in ["0d", "12w", "6m", "1.5y"] {
            #expect(try parse(["prune", "--older-than", age], as: InventoryCommand.Prune.self).olderThan == age)
        }
        for age in ["5x", "d", "90", "-1d", "20000y"] {
            expectRefused(["prune", "--older-than=\(age)"], "--older-than takes a number and a unit: 90d, 12w, 6m or 1y")
        }
    }

    @Test func pruneRefusesCSVAndBothLogLevels() {
        expectRefused(["prune", "--keep", "1", "--format", "csv"], "--format takes text or json here")
        expectRefused(["prune", "--keep", "1", "--quiet", "--verbose"], "--quiet and --verbose cannot be used together")
    }

    // MARK: root

    @Test func unknownSubcommandAndVersion() throws {
        expectRefused(["ingets"], "ingets")
        do {
            _ = try InventoryCommand.parseAsRoot(["--version"])
            Issue.record("--version parsed as a command")
        } catch {
            #expect(InventoryCommand.exitCode(for: error) == .success)
            #expect(InventoryCommand.fullMessage(for: error) == VersionLine.text)
        }
    }

    @Test func helpIsASuccessForEverySubcommand() {
        for name in ["ingest", "snapshots", "diff", "export", "report", "prune"] {
            do {
                // `--help` parses to the parser's own help command, which throws its text when run.
                var parsed = try InventoryCommand.parseAsRoot([name, "--help"])
                #expect(!(parsed is any ContextCommand), "\(name) --help parsed as \(type(of: parsed))")
                try parsed.run()
                Issue.record("\(name) --help ran without a help request")
            } catch {
                #expect(InventoryCommand.exitCode(for: error) == .success)
                #expect(InventoryCommand.fullMessage(for: error).contains("USAGE: inventory \(name)"))
            }
        }
    }
}
