import Foundation
import InventoryCore
import Testing

@testable import inventory

/// Issue 17: what a person reads on the terminal (and what cron's log file gets).
@Suite struct TerminalTests {
    let scratch: Scratch
    init() throws { scratch = try Scratch() }

    private let newNode = "i-0e6d2f8a4b7c1d903"

    // MARK: 1. Summaries before floods

    @Test func a_new_node_is_one_line_and_verbose_lists_its_rows() throws {
        TerminalRun.fleet(scratch.db)
        let text = TerminalRun().run(["diff", "--db", scratch.db])
        #expect(text.status == 1)
        let json = try inventoryTests.json(TerminalRun().run(["diff", "--db", scratch.db, "--format", "json"]).stdout)
        let changes = (json["changes"] as? [[String: Any]] ?? []).filter { $0["resourceId"] as? String == newNode }
        let rows = changes.filter { !($0["typeName"] as? String ?? "").contains("::") }
        let types = Set(rows.compactMap { $0["typeName"] as? String }).count
        let resources = changes.count - rows.count
        #expect(rows.count > 1, "JSON keeps every row of the new node")
        let line = text.stdout.split(separator: "\n").filter { $0.contains(newNode) }
        #expect(line.count == 1)
        #expect(line.first?.hasPrefix("+ 111122223333 us-east-1 \(newNode) api-graviton-01 (") == true, "\(line)")
        let resourceText = resources == 1 ? "1 Config resource" : "\(resources) Config resources"
        #expect(line.first?.hasSuffix("new node: \(rows.count) rows in \(types) types, \(resourceText)") == true, "\(line)")
        #expect(!text.stdout.contains("amazon-ssm-agent"))

        let verbose = TerminalRun().run(["diff", "--db", scratch.db, "-v"])
        #expect(verbose.stdout.contains("amazon-ssm-agent"))
        #expect(!verbose.stdout.contains("new node:"))
        #expect(verbose.stdout.split(separator: "\n").count > text.stdout.split(separator: "\n").count + rows.count - 1)
    }

    @Test func a_node_that_went_away_is_one_line() {
        TerminalRun.fleet(scratch.db)
        // Backwards: the node that appeared at t2 is absent from t1.
        let text = TerminalRun().run(["diff", "--db", scratch.db, "2", "1"])
        let lines = text.stdout.split(separator: "\n").filter { $0.contains(newNode) }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("? 111122223333 us-east-1 \(newNode)") == true, "\(lines)")
        #expect(lines.first?.contains("not in the target snapshot:") == true)
        #expect(lines.first?.hasSuffix("not captured") == true)
    }

    @Test func types_a_known_node_reports_for_the_first_time_are_one_line() {
        let base = "fleet/t1/cli/accountid=111122223333/region=us-east-1/get-inventory_AWS-InstanceInformation.json"
        #expect(TerminalRun().run(["ingest", "--db", scratch.db, Paths.fixture(base)]).status == 0)
        let target = TerminalRun().run(["ingest", "--db", scratch.db, Paths.fixture("fleet/t2/cli"), Paths.fixture("fleet/t2/datasync")])
        #expect(target.status == 0)
        let text = TerminalRun().run(["diff", "--db", scratch.db]).stdout
        let lines = text.split(separator: "\n").filter { $0.contains("i-04d8e1b7c2a96f310") || $0.contains("captured for the first time") }
        #expect(
            lines == [
                "* 111122223333 us-east-1 i-04d8e1b7c2a96f310 (ip-10-20-2-118) captured for the first time: AWS:Application, AWS:Network"
            ], "\(text)")
        let verbose = TerminalRun().run(["diff", "--db", scratch.db, "-v"]).stdout
        #expect(verbose.contains("  * AWS:Application  captured for the first time\n"))
    }

    // MARK: 2. Names people use

    @Test func node_headers_show_the_name_tag_then_the_computer_name() throws {
        TerminalRun.fleet(scratch.db)
        let text = TerminalRun().run(["diff", "--db", scratch.db]).stdout
        #expect(text.contains("\n111122223333 us-east-1 i-0a3f9c27e81b4d5c6 web-al2023-01 (ip-10-20-1-37.ec2.internal)\n"), "\(text)")
        #expect(text.contains("\n111122223333 ap-northeast-1 i-0c71e5a9d3b28f4e7 jp-office-win01 (EC2AMAZ-4QJ8N2B.WORKGROUP)\n"))
        // Without a Name tag (here: the instance's Config item left out), the computer name alone.
        let other = try Scratch()
        for folder in ["t1", "t2"] {
            let result = TerminalRun().run([
                "ingest", "--db", other.db, Paths.fixture("fleet/\(folder)/cli"), Paths.fixture("fleet/\(folder)/datasync"),
            ])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let plain = TerminalRun().run(["diff", "--db", other.db]).stdout
        #expect(plain.contains("\n111122223333 us-east-1 i-04d8e1b7c2a96f310 (ip-10-20-2-118)\n"), "\(plain)")
    }

    // MARK: 3. Columns by display width

    @Test func snapshots_columns_line_up_with_japanese_labels() {
        let first = TerminalRun().run(["ingest", "--db", scratch.db, "--label", "棚卸し一回目", Paths.fixture("fleet/t1")])
        #expect(first.status == 0, "\(first.stderr)")
        TerminalRun().run(["ingest", "--db", scratch.db, "--label", "t2", Paths.fixture("fleet/t2")])
        let lines = TerminalRun().run(["snapshots", "--db", scratch.db]).stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // The TAKEN AT column starts at the same display column on every line.
        let starts = lines.map { line -> Int in
            let range = line.range(of: "TAKEN AT") ?? line.range(of: "2026-11-")!
            return DisplayWidth.of(String(line[..<range.lowerBound]))
        }
        #expect(Set(starts).count == 1, "\(lines)")
    }

    @Test func display_width_counts_wide_and_zero_width_characters() {
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.prefix("日本語abc", width: 5) == "日本")
        #expect(DisplayWidth.prefix("ab日本", width: 4) == "ab日")
    }

    // MARK: 4. Order explained

    @Test func a_backfilled_capture_says_where_it_slots_in_and_diff_names_its_pair() {
        TerminalRun().run(["ingest", "--db", scratch.db, Paths.fixture("fleet/t2")])
        let older = TerminalRun().run(["ingest", "--db", scratch.db, Paths.fixture("fleet/t1")])
        #expect(older.status == 0)
        #expect(
            older.stdout.hasSuffix("\nsnapshot 2, taken 2026-11-01, sorts before #1 (taken 2026-11-15); latest is still #1\n"),
            "\(older.stdout)")
        let diff = TerminalRun().run(["diff", "--db", scratch.db]).stdout.split(separator: "\n").map(String.init)
        #expect(diff.first?.hasPrefix("diff #2 (2026-11-01") == true, "\(diff.first ?? "")")
        #expect(diff.dropFirst().first == "comparing the latest snapshot by capture time (#1) with the one captured before it (#2)")
        // Named snapshots need no explanation.
        let named = TerminalRun().run(["diff", "--db", scratch.db, "2", "1"]).stdout
        #expect(!named.contains("comparing"))
    }

    // MARK: 5. Reruns say what is new

    @Test func report_markdown_on_unchanged_input_says_no_new_changes() throws {
        let summary = scratch.path("summary.md")
        for folder in ["fleet/t1", "fleet/t2", "fleet/t2"] {
            let result = TerminalRun().run([
                "report", "--db", scratch.db, "--output", scratch.path("out.xlsx"), "--summary-markdown", summary, Paths.fixture(folder),
            ])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.hasSuffix("Input unchanged: no new changes since snapshot 2.\n\nWorkbook: `\(scratch.path("out.xlsx"))`\n"), "\(text)")
        #expect(text.components(separatedBy: "Inventory changes").count == 2, "the table is written once")
    }

    // MARK: 6. Logs for cron

    @Test func warnings_are_timestamped_off_a_terminal_plain_on_one_and_json_when_asked() throws {
        TerminalRun.fleet(scratch.db)
        let export = ["export", "--db", scratch.db, "--rows-per-sheet", "10", "--output", scratch.path("x.xlsx")]
        let logged = TerminalRun().run(export)
        #expect(logged.status == 0)
        let lines = logged.stderr.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty)
        for line in lines { #expect(line.hasPrefix("2026-12-01T09:30:00Z warning: "), "\(line)") }
        let terminal = TerminalRun(stderrIsTerminal: true).run(export + ["--quiet"])
        #expect(terminal.stderr.isEmpty)
        let json = TerminalRun().run(export + ["--log-format", "json"])
        let objects = try json.stderr.split(separator: "\n").map { try inventoryTests.json(String($0)) }
        #expect(objects.count == lines.count)
        for object in objects {
            #expect(object["time"] as? String == "2026-12-01T09:30:00Z")
            #expect(object["level"] as? String == "warning")
            #expect((object["message"] as? String)?.hasPrefix("warning: ") == true)
        }
    }

    @Test func report_prints_the_warnings_export_prints() {
        TerminalRun.fleet(scratch.db)
        let export = TerminalRun().run(["export", "--db", scratch.db, "--rows-per-sheet", "10", "--output", scratch.path("x.xlsx")])
        let report = TerminalRun().run([
            "report", "--db", scratch.db, "--rows-per-sheet", "10", "--output", scratch.path("r.xlsx"), Paths.fixture("fleet/t2"),
        ])
        #expect(report.status == 0)
        #expect(!export.stderr.isEmpty)
        #expect(report.stderr == export.stderr)
    }

    // MARK: 7. Help that copies

    @Test(arguments: ["ingest", "snapshots", "diff", "export", "report", "prune", "nodes", "show", "find", "history"])
    func help_examples_never_wrap_mid_command(command: String) throws {
        let help = TerminalRun().run([command, "--help"])
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "Examples:" })
        var previous = ""
        for line in lines[(start + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { break }
            let startsCommand = trimmed.hasPrefix("inventory ") || trimmed == "inventory" || trimmed.hasPrefix("aws ")
            #expect(startsCommand || previous.hasSuffix("\\"), "\(command) --help: a wrapped example line: \(line)")
            #expect(line.count <= 80)
            previous = line
        }
    }

    @Test func a_mistyped_command_gets_a_suggestion() {
        let result = TerminalRun().run(["dif"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: unknown command 'dif'; did you mean 'diff'?\n")
        #expect(TerminalRun().run(["zzzzzz"]).stderr.hasPrefix("error: unknown command 'zzzzzz'; commands: ingest, snapshots"))
    }

    @Test func bare_inventory_prints_the_overview_and_exits_2() {
        let result = TerminalRun().run([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("SUBCOMMANDS:"))
        #expect(result.stderr.contains("diff"))
    }

    @Test func errors_are_lower_case_and_io_errors_print_no_usage() {
        let usage = TerminalRun().run(["diff", "--db", scratch.db, "--bogus"])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("error: "), "\(usage.stderr)")
        #expect(!usage.stderr.contains("Error:"))
        TerminalRun.fleet(scratch.db)
        let missing = scratch.path("no/such/dir/out.xlsx")
        let io = TerminalRun().run(["export", "--db", scratch.db, "--output", missing])
        #expect(io.status == 2)
        #expect(io.stderr == "2026-12-01T09:30:00Z error: the output directory \(scratch.path("no/such/dir")) does not exist\n")
        let onTerminal = TerminalRun(stderrIsTerminal: true).run(["export", "--db", scratch.db, "--output", missing])
        #expect(onTerminal.stderr == "error: the output directory \(scratch.path("no/such/dir")) does not exist\n")
        let json = TerminalRun().run(["export", "--db", scratch.db, "--output", missing, "--log-format", "json"])
        #expect(json.stderr.hasPrefix("{\"time\":\"2026-12-01T09:30:00Z\",\"level\":\"error\",\"message\":\"error: the output directory "))
        let report = TerminalRun().run(["report", "--db", scratch.db, "--output", missing, Paths.fixture("fleet/t1")])
        #expect(report.status == 2)
        #expect(!report.stderr.contains("USAGE"))
        #expect(report.stderr.split(separator: "\n").count == 1)
    }

    // MARK: 8. Version

    @Test func version_names_the_store_schema_and_the_libraries_it_runs_with() throws {
        let result = TerminalRun().run(["--version"])
        #expect(result.status == 0)
        let sqlite = InventoryStore.sqliteVersion()
        #expect(sqlite.split(separator: ".").count >= 3 && sqlite.first?.isNumber == true)
        #expect(LinkedLibraries.libxlsxwriter.first?.isNumber == true)
        #expect(
            result.stdout
                == "inventory 0.2.0 (store \(InventoryStore.currentSchemaVersion); libxlsxwriter \(LinkedLibraries.libxlsxwriter); SQLite \(sqlite))\n"
        )
    }

    // MARK: 9. Progress

    @Test func export_shows_progress_on_a_terminal_only() {
        TerminalRun.fleet(scratch.db)
        let terminal = TerminalRun(stderrIsTerminal: true).run(["export", "--db", scratch.db, "--output", scratch.path("t.xlsx")])
        #expect(terminal.status == 0)
        #expect(terminal.stderr.contains("export: "), "\(terminal.stderr)")
        #expect(terminal.stderr.contains(" rows written ("))
        #expect(terminal.stderr.hasSuffix("\r\u{1B}[2K"))
        let file = TerminalRun().run(["export", "--db", scratch.db, "--output", scratch.path("f.xlsx")])
        #expect(file.status == 0)
        #expect(file.stderr.isEmpty, "nothing but warnings and errors off a terminal: \(file.stderr)")
        let ingest = TerminalRun().run(["ingest", "--db", scratch.path("other.sqlite"), Paths.fixture("fleet/t1")])
        #expect(ingest.stderr.isEmpty)
    }
}
