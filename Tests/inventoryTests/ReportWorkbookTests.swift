import Foundation
import Testing
import XlsxInspection

/// The Report stage's workbook (issue 14) through the real binary, read back as zip + XML: the
/// dashboard first with the diff's figures and charts, the node table and its links, page setup on
/// every sheet, time zones, Japanese labels, filterable changes, CSV and filter checks.
@Suite struct ReportWorkbookTests {
    let scratch: Scratch
    /// A fixed "generated at", so two exports differ only by what a test changes.
    static let fixedTime = ["SOURCE_DATE_EPOCH": "1763000000"]

    init() throws {
        scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("fleet/t1")], extra: ["--label", "t1"])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")], extra: ["--label", "t2"])
    }

    private func export(_ name: String, _ extra: [String] = []) throws -> (path: String, workbook: XlsxInspector.Workbook) {
        let output = scratch.path(name)
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output] + extra, environment: Self.fixedTime)
        #expect(result.status == 0, "export \(extra): \(result.stderr)")
        return (output, try XlsxInspector.inspect(output))
    }

    /// Column A label → column B cell of a sheet (the dashboard's title block and figures).
    static func labelled(_ sheet: XlsxInspector.Sheet) -> [String: XlsxInspector.Cell] {
        var values: [String: XlsxInspector.Cell] = [:]
        for (row, cells) in sheet.rows() {
            guard let label = cells["A"], let cell = sheet.cells["B\(row)"] else { continue }
            values[label.trimmingCharacters(in: .whitespaces)] = cell
        }
        return values
    }

    static func column(_ sheet: XlsxInspector.Sheet, _ header: String) -> String? {
        sheet.rows()[1]?.first { $0.value == header }?.key
    }

    /// Excel serial (days since 1899-12-30) of an ISO time.
    static func serial(_ iso: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: iso) else { return nil }
        return date.timeIntervalSince1970 / 86_400 + 25_569
    }

    // MARK: Dashboard

    @Test func dashboard_is_first_and_its_figures_equal_the_diff_summary() throws {
        let (_, workbook) = try export("dashboard.xlsx")
        #expect(workbook.sheetNames.first == "Dashboard")
        let dashboard = try #require(workbook.sheets["Dashboard"])
        let values = Self.labelled(dashboard)
        let diff = try Binary.run(["diff", "--db", scratch.db, "--format", "json"])
        let document = try json(diff.stdout)
        let summary = try #require(document["summary"] as? [String: Int])
        let words = [
            "added": "added", "removed": "removed", "changed": "changed", "attributesAdded": "attributes added",
            "multiplicity": "multiplicity", "statusChanged": "status changed", "notCaptured": "not captured",
            "newlyCaptured": "newly captured",
        ]
        for (key, label) in words {
            #expect(values[label]?.raw.flatMap(Int.init) == summary[key], "dashboard \(label) = summary.\(key) \(summary[key] ?? -1)")
        }
        let real = ["added", "removed", "changed", "attributesAdded", "multiplicity", "statusChanged"].reduce(0) { $0 + (summary[$1] ?? 0) }
        #expect(values["Changes"]?.raw.flatMap(Int.init) == real)
        // Nodes with real changes, counted from the diff's own changes.
        let changes = try #require(document["changes"] as? [[String: Any]])
        let target = try #require(document["target"] as? [String: Any])
        let base = try #require(document["base"] as? [String: Any])
        let nodeIds = Set(
            (try XlsxInspector.inspect(scratch.path("dashboard.xlsx")).sheets["Nodes"]?.rows() ?? [:])
                .filter { $0.key > 1 }.compactMap { $0.value["C"] })
        let changedNodes = Set(
            changes.filter { !["notCaptured", "newlyCaptured"].contains($0["change"] as? String ?? "") }
                .compactMap { $0["resourceId"] as? String }
        ).intersection(nodeIds)
        #expect(values["Nodes with changes"]?.raw.flatMap(Int.init) == changedNodes.count)
        #expect(values["Nodes"]?.raw.flatMap(Int.init) == target["nodeCount"] as? Int)
        #expect(values["Active"]?.raw.flatMap(Int.init) == 5)
        #expect(values["Terminated"]?.raw.flatMap(Int.init) == 1)
        #expect(values["Stale captures (not captured within 7 days)"]?.raw == "0")
        // Title block: snapshots, capture times, zone, tool.
        #expect(values["Snapshot"]?.text == "#2 t2")
        #expect(values["Compared with"]?.text == "#1 t1")
        let taken = try #require(Self.serial(target["takenAt"] as? String ?? ""))
        let baseTaken = try #require(Self.serial(base["takenAt"] as? String ?? ""))
        #expect(abs((values["Captured at (UTC)"]?.raw.flatMap(Double.init) ?? 0) - taken) < 1e-6)
        #expect(abs((values["Base captured at (UTC)"]?.raw.flatMap(Double.init) ?? 0) - baseTaken) < 1e-6)
        let generated: Double = 1_763_000_000.0 / 86_400.0 + 25_569.0
        let shown: Double = values["Generated at (UTC)"]?.raw.flatMap(Double.init) ?? 0
        #expect(abs(shown - generated) < 1e-6)
        #expect(values["Time zone"]?.text == "UTC")
        #expect(values["Tool version"]?.text?.hasPrefix("inventory ") == true)
        #expect(values["Inventory rows"]?.raw.flatMap(Int.init) == target["entryCount"] as? Int)
    }

    @Test func dashboard_holds_the_charts_and_their_data_is_hidden() throws {
        let (path, workbook) = try export("charts.xlsx")
        let dashboard = try #require(workbook.sheets["Dashboard"])
        #expect(dashboard.charts.count >= 3, "charts on the dashboard: \(dashboard.charts)")
        #expect(dashboard.charts.count == 5)
        for name in workbook.sheetNames where name != "Dashboard" {
            #expect(workbook.sheets[name]?.charts.isEmpty == true, "\(name) has no chart")
        }
        #expect(workbook.sheets["Chart data"]?.state == "hidden")
        for chart in dashboard.charts {
            let xml = try XlsxInspector.part(path, chart)
            #expect(xml.contains("'Chart data'!$"), "\(chart) plots the hidden chart data")
        }
        let titles = try dashboard.charts.map { try XlsxInspector.part(path, $0) }.joined()
        for title in ["Changes by kind", "Changes by type", "Most changed nodes", "Nodes per platform", "Agent versions"] {
            #expect(titles.contains(title), "\(title)")
        }
        // Charts sit right of the title block and figures (columns A:B), never on them.
        let drawing = try XlsxInspector.part(path, "xl/drawings/drawing1.xml")
        let columns = drawing.components(separatedBy: "<xdr:from><xdr:col>").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(columns.count == 5 && columns.allSatisfy { $0 >= 3 }, "chart anchors \(columns)")
        #expect(dashboard.cells.keys.allSatisfy { $0.hasPrefix("A") || $0.hasPrefix("B") }, "figures stay in A:B")
    }

    // MARK: Nodes

    @Test func node_table_filters_exactly_the_nodes_and_freezes_the_node_id() throws {
        let (_, workbook) = try export("nodes.xlsx")
        let nodes = try #require(workbook.sheets["Nodes"])
        let rows = nodes.rows()
        #expect(rows.keys.max() == 7, "header + 6 nodes, nothing below")
        let lastColumn = try #require(rows[1]?.keys.max { ($0.count, $0) < ($1.count, $1) })
        #expect(nodes.autoFilter == "A1:\(lastColumn)7")
        #expect(nodes.pane?.xSplit == "3" && nodes.pane?.ySplit == "1", "header and Account/Region/Node ID frozen")
        for name in ["AWS_Application", "Changes"] {
            #expect(workbook.sheets[name]?.pane.map { Int($0.xSplit) ?? 0 >= 3 } == true, "\(name) freezes through the Node ID")
        }
    }

    @Test func node_links_land_on_each_nodes_first_row() throws {
        let (_, workbook) = try export("links.xlsx")
        let nodes = try #require(workbook.sheets["Nodes"])
        let rows = nodes.rows()
        #expect(nodes.links.count >= 15, "links: \(nodes.links.count)")
        for (reference, location) in nodes.links {
            let row = Int(reference.drop { $0.isLetter }) ?? 0
            let node = try #require(rows[row]?["C"])
            let parts = location.split(separator: "!")
            try #require(parts.count == 2)
            let sheetName = parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            let targetRow = Int(parts[1].drop { $0.isLetter }) ?? 0
            let target = try #require(workbook.sheets[sheetName], "\(location)")
            let nodeColumn = try #require(Self.column(target, "Node ID"), "\(sheetName) has a Node ID column")
            #expect(target.rows()[targetRow]?[nodeColumn] == node, "\(reference) → \(location) lands on \(node)")
            #expect(target.rows()[targetRow - 1]?[nodeColumn] != node, "\(reference) → \(location) is \(node)'s first row")
            // The linked cell shows the count, as a number.
            #expect(nodes.cells[reference]?.type == "n")
        }
    }

    @Test func columns_empty_on_every_row_are_left_out() throws {
        let (_, workbook) = try export("columns.xlsx")
        for name in workbook.sheetNames where !["Dashboard", "About", "Chart data"].contains(name) {
            let sheet = try #require(workbook.sheets[name])
            let rows = sheet.rows()
            guard rows.count > 1 else { continue }
            for column in rows[1]?.keys.sorted() ?? [] {
                let used = rows.contains { $0.key > 1 && !($0.value[column] ?? "").isEmpty }
                #expect(used, "\(name) column \(column) (\(rows[1]?[column] ?? "")) is empty on every row")
            }
        }
        #expect(Self.column(try #require(workbook.sheets["Nodes"]), "Ping status") == nil, "no node has a ping status here")
    }

    // MARK: Printing

    @Test(arguments: [("a4", "9"), ("letter", "1")])
    func every_sheet_prints_landscape_one_page_wide_with_titles_and_footer(paper: String, code: String) throws {
        let (_, workbook) = try export("print-\(paper).xlsx", paper == "a4" ? [] : ["--paper", paper])
        for (index, name) in workbook.sheetNames.enumerated() {
            let sheet = try #require(workbook.sheets[name])
            #expect(sheet.pageSetup["orientation"] == "landscape", "\(name): \(sheet.pageSetup)")
            #expect(sheet.pageSetup["paperSize"] == code, "\(name): \(sheet.pageSetup)")
            #expect(sheet.fitToPage && (sheet.pageSetup["fitToWidth"] ?? "1") == "1", "\(name) fits one page wide")
            let titles = workbook.definedNames.filter { $0.name == "_xlnm.Print_Titles" && $0.localSheetId == "\(index)" }
            #expect(titles.count == 1 && titles.first?.value.hasSuffix("!$1:$1") == true, "\(name) repeats its first row")
            let footer = sheet.footer ?? ""
            for code in ["&A", "&P", "&N", "#2 t2"] { #expect(footer.contains(code), "\(name) footer \(footer) has \(code)") }
        }
    }

    /// The demo printed through LibreOffice takes at most two pages a sheet (skipped without LibreOffice).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice"), "LibreOffice is not installed"))
    func demo_prints_in_at_most_two_pages_a_sheet() throws {
        let (path, _) = try export("demo.xlsx")
        let process = Process()
        process.executableURL = Paths.repo.appendingPathComponent("scripts/check-print")
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("Dashboard") && !text.contains("FAIL"), "\(text)")
    }

    // MARK: Time zones

    /// Every date-time cell of every sheet, as (sheet!cell, serial).
    static func dateCells(_ workbook: XlsxInspector.Workbook) -> [String: Double] {
        var found: [String: Double] = [:]
        for (name, sheet) in workbook.sheets {
            for (reference, cell) in sheet.cells where cell.type == "n" && WorkbookLimitTests.isDateFormat(cell.numberFormat) {
                if let value = cell.raw.flatMap(Double.init) { found["\(name)!\(reference)"] = value }
            }
        }
        return found
    }

    @Test(arguments: ["Asia/Tokyo", "+05:30", "America/New_York"])
    func timezone_moves_every_date_time_by_the_zones_offset(zone: String) throws {
        let (_, utc) = try export("utc.xlsx")
        let (_, shifted) = try export("zone.xlsx", ["--timezone", zone])
        let before = Self.dateCells(utc)
        let after = Self.dateCells(shifted)
        #expect(before.count >= 100, "date cells: \(before.count)")
        #expect(Set(before.keys) == Set(after.keys), "the same cells are dates")
        let named = TimeZone(identifier: zone)
        for (reference, value) in before {
            let instant = Date(timeIntervalSince1970: (value - 25_569) * 86_400)
            let offset = named.map { Double($0.secondsFromGMT(for: instant)) } ?? 5.5 * 3600
            let moved = try #require(after[reference])
            #expect(abs((moved - value) * 86_400 - offset) < 0.01, "\(reference): \(value) → \(moved), expected \(offset) s")
        }
        // Headers and the title block name the zone.
        let label = zone == "+05:30" ? "UTC+05:30" : zone
        let nodes = try #require(shifted.sheets["Nodes"])
        #expect(Self.column(nodes, "Last capture (\(label))") != nil)
        #expect(Self.column(try #require(shifted.sheets["AWS_Application"]), "Capture time (\(label))") != nil)
        let values = Self.labelled(try #require(shifted.sheets["Dashboard"]))
        #expect(values["Time zone"]?.text?.hasPrefix(label) == true, "\(values["Time zone"]?.text ?? "")")
        #expect(values["Captured at (\(label))"] != nil)
    }

    @Test func timezone_moves_text_and_csv_output_and_defaults_from_the_environment() throws {
        let text = try Binary.run(["diff", "--db", scratch.db, "--timezone", "Asia/Tokyo"])
        #expect(text.stdout.contains("(2026-11-15T11:51:36+09:00)"), "\(text.stdout.prefix(200))")
        #expect(text.stdout.contains("InstalledTime: 2026-05-21T13:37:55+09:00 → 2026-11-11T07:01:12+09:00"))
        let csv = try Binary.run(["diff", "--db", scratch.db, "--format", "csv"], environment: ["INVENTORY_TIMEZONE": "+09:00"])
        #expect(csv.stdout.contains("2026-11-11T07:01:12+09:00"))
        let utc = try Binary.run(["diff", "--db", scratch.db, "--format", "csv"])
        #expect(utc.stdout.contains("2026-11-10T22:01:12Z"))
        let directory = scratch.path("csv-tokyo")
        let export = try Binary.run(["export", "--db", scratch.db, "--format", "csv", "--timezone", "Asia/Tokyo", "--output", directory])
        #expect(export.status == 0, "\(export.stderr)")
        let nodes = try String(contentsOfFile: directory + "/Nodes.csv", encoding: .utf8)
        #expect(nodes.contains("Last capture (Asia/Tokyo)") && nodes.contains("+09:00"))
    }

    @Test func an_unknown_timezone_exits_2_naming_the_closest_zone() throws {
        for command in [["export", "--output", scratch.path("x.xlsx")], ["diff"]] {
            let result = try Binary.run([command[0], "--db", scratch.db] + command.dropFirst() + ["--timezone", "Asia/Tokio"])
            #expect(result.status == 2, "\(command[0]): \(result.status)")
            #expect(result.stderr.contains("unknown time zone 'Asia/Tokio'") && result.stderr.contains("Asia/Tokyo"), "\(result.stderr)")
        }
        let environment = try Binary.run(["diff", "--db", scratch.db], environment: ["INVENTORY_TIMEZONE": "Mars/Olympus"])
        #expect(environment.status == 2 && environment.stderr.contains("INVENTORY_TIMEZONE"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("x.xlsx")))
    }

    // MARK: Japanese

    /// The About sheet's fixed English texts: item labels, table headers, file statuses.
    static func aboutLabels(_ sheet: XlsxInspector.Sheet) -> Set<String> {
        let rows = sheet.rows()
        var labels = Set<String>()
        var afterBlank = true
        for row in (rows.keys.min() ?? 1)...(rows.keys.max() ?? 1) {
            guard let cells = rows[row], !cells.isEmpty else {
                afterBlank = true
                continue
            }
            if afterBlank || row < 12 {
                // Header rows (after a blank) and the item rows at the top: every cell of a header,
                // the label of an item.
                if afterBlank {
                    labels.formUnion(cells.values.filter { !$0.isEmpty && Int($0) == nil })
                } else if let label = cells["A"] {
                    labels.insert(label)
                }
            }
            afterBlank = false
        }
        return labels
    }

    @Test func lang_ja_leaves_no_english_fixed_label_on_about() throws {
        let (_, english) = try export("en.xlsx")
        let (_, japanese) = try export("ja.xlsx", ["--lang", "ja"])
        let labels = Self.aboutLabels(try #require(english.sheets["About"])).subtracting(["SHA-256"])
        #expect(
            labels.isSuperset(of: ["Item", "Value", "Tool", "Snapshot", "Complete", "Compared with", "Counts", "Path", "Original name"]),
            "\(labels.sorted())")
        let about = try #require(japanese.sheets["情報"])
        let texts = Set(about.cells.values.compactMap(\.text))
        let left = labels.intersection(texts)
        #expect(left.isEmpty, "English labels on the Japanese About: \(left.sorted())")
        for value in ["yes", "ingested"] { #expect(!texts.contains(value), "\(value)") }
        // Every item label at the top is Japanese.
        for row in 2...8 {
            let label = about.rows()[row]?["A"] ?? ""
            #expect(label.unicodeScalars.contains { $0.value > 0x2E80 }, "row \(row) label \(label)")
        }
        // Dashboard and kinds too.
        let dashboard = Set(try #require(japanese.sheets["ダッシュボード"]).cells.values.compactMap(\.text))
        for english in ["Nodes", "Changes", "added", "status changed", "Time zone", "Snapshot"] {
            #expect(!dashboard.contains(english) && !dashboard.contains("  " + english), "\(english)")
        }
        #expect(dashboard.contains("タイムゾーン") && dashboard.contains("  ステータス変更"))
    }

    @Test func lang_ja_csv_starts_with_a_bom_unless_told_not_to() throws {
        let withBOM = scratch.path("ja-csv")
        #expect(try Binary.run(["export", "--db", scratch.db, "--format", "csv", "--lang", "ja", "--output", withBOM]).status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: withBOM + "/ノード.csv"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let without = scratch.path("ja-csv-nobom")
        #expect(
            try Binary.run(["export", "--db", scratch.db, "--format", "csv", "--lang", "ja", "--no-bom", "--output", without]).status == 0)
        #expect(try !Data(contentsOf: URL(fileURLWithPath: without + "/ノード.csv")).starts(with: [0xEF, 0xBB, 0xBF]))
        let english = scratch.path("en-csv")
        #expect(try Binary.run(["export", "--db", scratch.db, "--format", "csv", "--output", english]).status == 0)
        #expect(try !Data(contentsOf: URL(fileURLWithPath: english + "/Nodes.csv")).starts(with: [0xEF, 0xBB, 0xBF]))
    }

    // MARK: Changes

    @Test func changes_sheet_has_identity_columns_and_kinds_in_words() throws {
        let (_, workbook) = try export("changes.xlsx")
        let changes = try #require(workbook.sheets["Changes"])
        let header = changes.rows()[1] ?? [:]
        for title in [
            "Kind", "Node ID", "Type", "Resource ID", "Name", "Version", "Architecture", "Publisher", "HotFixId",
            "Field or path", "Before", "After",
        ] {
            #expect(header.values.contains(title), "\(title) in \(header.values.sorted())")
        }
        func value(_ row: [String: String], _ title: String) -> String? { Self.column(changes, title).flatMap { row[$0] } }
        let rows = changes.rows().filter { $0.key > 1 }.map(\.value)
        let kernel = rows.first { row in
            value(row, "Node ID") == "i-0a3f9c27e81b4d5c6" && value(row, "Kind") == "added" && value(row, "Name") == "kernel"
        }
        #expect(kernel.flatMap { value($0, "Version") } == "6.1.90")
        #expect(kernel.flatMap { value($0, "Architecture") } == "x86_64")
        #expect(kernel.flatMap { value($0, "Publisher") } == "Amazon Linux")
        #expect(rows.contains { value($0, "HotFixId") == "KB5068787" })
        #expect(
            rows.contains {
                value($0, "Resource ID") == "i-0a3f9c27e81b4d5c6" && value($0, "Field or path") == "configuration.instanceType"
            })
        let kinds = Set(rows.compactMap { value($0, "Kind") })
        #expect(kinds.contains("status changed"))
        #expect(kinds.allSatisfy { $0 == $0.lowercased() }, "kinds in words: \(kinds)")
    }

    @Test func json_added_and_removed_changes_carry_attributes_and_computer_name() throws {
        let (_, changes, _) = try diffJSON(scratch.db)
        let telnet = try #require(changes.first { ($0["key"] as? String ?? "").hasPrefix("telnet") })
        #expect(telnet["change"] as? String == "removed")
        #expect(telnet["computerName"] as? String == "ip-10-20-2-118")
        let attributes = try #require(telnet["attributes"] as? [String: String])
        #expect(attributes["Name"] == "telnet" && attributes["Version"] == "0.17-44build1", "\(attributes)")
        let added = changes.filter { $0["change"] as? String == "added" && !($0["typeName"] as? String ?? "").contains("::") }
        #expect(!added.isEmpty && added.allSatisfy { ($0["attributes"] as? [String: String])?.isEmpty == false })
        // The existing contract stays: every change still has its fields.
        for change in changes { #expect(change["fields"] is [Any] && change["key"] is String) }
    }

    // MARK: CSV and filters

    @Test func diff_csv_takes_a_bom_and_export_csv_refuses_workbook_paths() throws {
        let csv = try Binary.run(["diff", "--db", scratch.db, "--format", "csv", "--bom"])
        #expect(csv.stdoutData.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try !Binary.run(["diff", "--db", scratch.db, "--format", "csv"]).stdoutData.starts(with: [0xEF, 0xBB, 0xBF]))
        for name in ["out.xlsx", "OUT.XLS"] {
            let output = scratch.path(name)
            let result = try Binary.run(["export", "--db", scratch.db, "--format", "csv", "--output", output])
            #expect(result.status == 2, "\(name): \(result.status)")
            #expect(result.stderr.contains("--format csv"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output), "no directory named \(name)")
        }
    }

    @Test func unknown_filter_values_exit_2_naming_the_closest_known_ones() throws {
        let cases: [([String], String)] = [
            (["--type", "AWS:Aplication"], "AWS:Application"), (["--node", "i-0a3f9c27e81b4d5c7"], "i-0a3f9c27e81b4d5c6"),
            (["--account", "111122223334"], "111122223333"), (["--region", "us-east-2"], "us-east-1"),
        ]
        for (arguments, closest) in cases {
            let result = try Binary.run(["diff", "--db", scratch.db] + arguments)
            #expect(result.status == 2, "\(arguments): exit \(result.status)")
            #expect(result.stderr.contains(arguments[1]) && result.stderr.contains(closest), "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("no changes"))
        }
        // A node by computer name is the same as by id.
        let (_, byName, _) = try diffJSON(scratch.db, extra: ["--node", "ip-10-20-2-118"])
        let (_, byId, _) = try diffJSON(scratch.db, extra: ["--node", "i-04d8e1b7c2a96f310"])
        #expect(!byId.isEmpty && byName.count == byId.count)
    }
}
