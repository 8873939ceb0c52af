import Foundation
import InventoryCore
import Testing
import XlsxInspection

/// Excel's limits and the workbook's contract through the real binary: sheet names (BH-21), rows
/// continued on a second sheet (BH-27), failed writes that leave nothing behind (BH-28), the
/// Japanese labels, and cell types.
@Suite struct WorkbookLimitTests {
    let scratch: Scratch

    init() throws { scratch = try Scratch() }

    static let node = "i-0123456789abcdef0"

    // MARK: Sheet names (BH-21)

    /// Whether `name` is a sheet name Excel accepts, or why not.
    static func problem(_ name: String) -> String? {
        if name.utf16.isEmpty || name.utf16.count > 31 { return "length \(name.utf16.count)" }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) { return "contains \(bad)" }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "apostrophe at an end" }
        if name.lowercased() == "history" { return "reserved name History" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { return "control character" }
        return nil
    }

    static func checkNames(_ names: [String], _ context: String) {
        for name in names {
            #expect(problem(name) == nil, "\(context): sheet name \(name.debugDescription): \(problem(name) ?? "")")
        }
        var seen: [String: String] = [:]
        for name in names {
            if let other = seen[name.lowercased()] {
                Issue.record("\(context): sheet names \(other.debugDescription) and \(name.debugDescription) clash ignoring case")
            }
            seen[name.lowercased()] = name
        }
    }

    static func typeNames() throws -> [String] {
        let data = try Data(contentsOf: Paths.cases.appendingPathComponent("BH-21.type-names.json"))
        let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return document?["typeNames"] as? [String] ?? []
    }

    /// The About sheet's "Original name → Sheet" table.
    static func aboutMapping(_ workbook: XlsxInspector.Workbook, about: String = "About", original: String = "Original name")
        -> [String: String]
    {
        guard let sheet = workbook.sheets[about] else { return [:] }
        let rows = sheet.rows()
        guard let start = rows.filter({ $0.value["A"] == original }).keys.min() else { return [:] }
        var mapping: [String: String] = [:]
        var row = start + 1
        while let cells = rows[row], let sheetName = cells["B"], !sheetName.isEmpty {
            mapping[cells["A"] ?? ""] = sheetName
            row += 1
        }
        return mapping
    }

    @Test(.enabled(if: Paths.hasShared, "../shared/cases is absent"))
    func bh21_every_type_name_gets_a_valid_unique_sheet_listed_in_about() throws {
        let names = try Self.typeNames().filter { $0.hasPrefix("Custom:") || $0.hasPrefix("AWS:") }
        try #require(names.count >= 10)
        let items: [[String: Any]] = names.map {
            ["TypeName": $0, "SchemaVersion": "1.0", "CaptureTime": "2026-11-01T00:00:00Z", "Content": [["a": "1"]]]
        }
        let input = scratch.path("put-inventory-items.json")
        try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: input))
        let result = try Binary.run(["ingest", "--db", scratch.db, "--json", "--node-id", Self.node, input])
        #expect(result.status == 0, "\(result.stderr)")
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        #expect(Set(try store.typeNames(snapshotId: 1)) == Set(names), "every type stored under its own name")

        let output = scratch.path("bh21.xlsx")
        let export = try Binary.run(["export", "--db", scratch.db, "--output", output])
        #expect(export.status == 0, "\(export.stderr)")
        let workbook = try XlsxInspector.inspect(output)
        Self.checkNames(workbook.sheetNames, "BH-21 workbook")
        let mapping = Self.aboutMapping(workbook)
        for name in names {
            let sheet = mapping[name]
            #expect(sheet != nil, "About maps \(name.debugDescription) to a sheet")
            if let sheet {
                #expect(workbook.sheetNames.contains(sheet), "\(name) → \(sheet) is a sheet of the workbook")
                #expect(workbook.sheets[sheet]?.rowCount == 2, "\(sheet): header + 1 row")
            }
        }
        #expect(Set(mapping.values).count == mapping.count, "no two types share a sheet")
        // Excel would repair a workbook.xml with a raw '&' or '<' in a name.
        let xml = try XlsxInspector.part(output, "xl/workbook.xml")
        #expect(xml.contains("Custom_Ops &amp; Audit &lt;prod&gt;"))
        #expect(mapping["Custom:History"].map { $0.lowercased() != "history" } == true)
        #expect(mapping["AWS:Application"] == "AWS_Application")
    }

    /// The names put-inventory cannot carry (empty, a lone apostrophe, `History`), straight to the namer.
    @Test func sheet_namer_handles_names_put_inventory_cannot_carry() throws {
        var namer = SheetNamer()
        let summary = namer.reserve("Summary")
        let about = namer.reserve("About")
        let tricky = [
            "", "'", "''", "' '", "History", "history", "HISTORY", " ", "\t", "Summary", "SUMMARY", "about", "AWS:Application",
            "AWS_Application", "aws_application", "Custom:'quoted'", "'Custom:x'", "a\u{0}b", "x\u{FFFE}y",
            String(repeating: "x", count: 31),
            String(repeating: "x", count: 32), String(repeating: "X", count: 40), String(repeating: "🚀", count: 16),
            "Custom:" + String(repeating: "🚀", count: 13), String(repeating: "'", count: 40), "[]:*?/\\", "Unnamed", "unnamed",
            "Custom:History", "History (2)", String(repeating: "a", count: 30) + "'", "'" + String(repeating: "b", count: 35),
            "AWS::EC2::Instance", "AWS_EC2_Instance",
        ]
        var given: [String] = [summary, about]
        for name in tricky { given.append(namer.name(for: name)) }
        Self.checkNames(given, "SheetNamer")
        #expect(summary == "Summary")
        #expect(about == "About")
        #expect(namer.mapping.count == tricky.count)
        #expect(namer.mapping.map(\.original) == tricky)
        // Surrogate pairs are never split by the 31-unit cut.
        for name in given { #expect(String(decoding: Array(name.utf16), as: UTF16.self) == name) }
        // Stable: the same names in the same order give the same sheet names.
        var again = SheetNamer()
        _ = again.reserve("Summary")
        _ = again.reserve("About")
        #expect(tricky.map { again.name(for: $0) } == Array(given.dropFirst(2)))
    }

    // MARK: Rows continued on further sheets (BH-27, with a small cap)

    static func applicationEntries(_ count: Int, node: String = node, extra: [String: String] = [:]) -> String {
        let entries = (0..<count).map { index -> [String: String] in
            var entry = [
                "Name": String(format: "pkg-%04d", index), "Version": "1.\(index)", "Architecture": "x86_64",
                "Publisher": "Example", "InstalledTime": "2026-05-21T04:37:55Z",
            ]
            for (key, value) in extra { entry[key] = value }
            return entry
        }
        let document: [String: Any] = [
            "TypeName": "AWS:Application", "InstanceId": node, "SchemaVersion": "1.1", "CaptureTime": "2026-11-01T02:48:05Z",
            "Entries": entries,
        ]
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func bh27_rows_over_the_cap_continue_on_numbered_sheets_with_the_header() throws {
        let input = try scratch.write("apps.json", Self.applicationEntries(25))
        try ingest(scratch.db, [input])
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        let stored = try store.entryCount(snapshotId: 1, typeName: "AWS:Application")
        #expect(stored == 25)
        let output = scratch.path("capped.xlsx")
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output, "--rows-per-sheet", "10", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = try XlsxInspector.inspect(output)
        let parts = ["AWS_Application", "AWS_Application (2)", "AWS_Application (3)"]
        for name in parts { #expect(workbook.sheetNames.contains(name), "\(name) in \(workbook.sheetNames)") }
        #expect(!workbook.sheetNames.contains("AWS_Application (4)"))
        let sheets = parts.compactMap { workbook.sheets[$0] }
        try #require(sheets.count == 3)
        let header = sheets[0].rows()[1]
        #expect(header?.values.contains("Node ID") == true)
        for (index, sheet) in sheets.enumerated() {
            #expect(sheet.rows()[1] == header, "\(parts[index]) repeats the header")
            #expect(sheet.pane?.ySplit == "1", "\(parts[index]) header frozen")
        }
        let dataRows = sheets.map { $0.rowCount - 1 }
        #expect(dataRows == [10, 10, 5])
        #expect(dataRows.reduce(0, +) == stored)
        // Every package exactly once across the three sheets.
        let nameColumn = try #require(header?.first { $0.value == "Name" }?.key)
        let names = sheets.flatMap { sheet in sheet.rows().filter { $0.key > 1 }.compactMap { $0.value[nameColumn] } }
        #expect(names.sorted() == (0..<25).map { String(format: "pkg-%04d", $0) })
        let document = try json(result.stdout)
        let warnings = document["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("AWS_Application (2)") || $0.contains("continued") })
        // The sheet names (with the continuation suffix) stay valid.
        Self.checkNames(workbook.sheetNames, "capped workbook")
    }

    @Test func rows_per_sheet_must_be_positive() throws {
        let input = try scratch.write("apps.json", Self.applicationEntries(3))
        try ingest(scratch.db, [input])
        let output = scratch.path("zero.xlsx")
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output, "--rows-per-sheet", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("rows-per-sheet"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    // MARK: Failed writes (BH-28)

    private func storeWithData() throws {
        let input = try scratch.write("apps.json", Self.applicationEntries(5))
        try ingest(scratch.db, [input])
    }

    private func leftovers(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp") || $0.hasPrefix(".") }
    }

    @Test func bh28_missing_output_directory_exits_2_and_creates_nothing() throws {
        try storeWithData()
        let missing = scratch.path("no-such-dir")
        let output = missing + "/report.xlsx"
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-dir"), "the message names the directory: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func bh28_unusable_tmpdir_exits_2_and_leaves_the_previous_file_alone() throws {
        try storeWithData()
        let output = scratch.path("report.xlsx")
        let previous = Data("previous workbook, not to be touched".utf8)
        try previous.write(to: URL(fileURLWithPath: output))
        let before = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
        for tmpdir in ["/nonexistent", scratch.path("apps.json")] {
            let result = try Binary.run(["export", "--db", scratch.db, "--output", output, "--tmpdir", tmpdir])
            #expect(result.status == 2, "--tmpdir \(tmpdir): exit \(result.status)")
            #expect(!result.stderr.isEmpty)
            #expect(result.stderr.contains(tmpdir), "the message names the tmpdir: \(result.stderr)")
            #expect(FileManager.default.contents(atPath: output) == previous, "the previous file is untouched")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == before,
                "no temporary file left beside the target")
        }
        #expect(try leftovers(in: scratch.url.path).isEmpty)
        // A good tmpdir works and replaces the file.
        let tmp = scratch.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let good = try Binary.run(["export", "--db", scratch.db, "--output", output, "--tmpdir", tmp])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(FileManager.default.contents(atPath: output) != previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "libxlsxwriter's temporary files are gone")
        #expect(try leftovers(in: scratch.url.path).isEmpty)
        _ = try XlsxInspector.inspect(output)
    }

    @Test func bh28_output_path_that_is_a_directory_exits_2() throws {
        try storeWithData()
        let output = scratch.path("folder.xlsx")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: output + "/inside.txt"))
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output])
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(FileManager.default.contents(atPath: output + "/inside.txt") == Data("keep".utf8))
        let left = try leftovers(in: scratch.url.path)
        #expect(left.isEmpty, "no temporary file left: \(left)")
    }

    @Test func export_of_an_unknown_snapshot_or_missing_store_exits_2_without_a_file() throws {
        let output = scratch.path("none.xlsx")
        let missing = try Binary.run(["export", "--db", scratch.path("absent.sqlite"), "--output", output])
        #expect(missing.status == 2)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("absent.sqlite")), "a read-only command creates no store")
        try storeWithData()
        let unknown = try Binary.run(["export", "--db", scratch.db, "--output", output, "--snapshot", "99"])
        #expect(unknown.status == 2)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try leftovers(in: scratch.url.path).isEmpty)
    }

    // MARK: Japanese

    @Test func lang_ja_gives_japanese_sheet_names_and_headers() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")], extra: ["--label", "t1"])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")], extra: ["--label", "t2"])
        let output = scratch.path("ja.xlsx")
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output, "--lang", "ja"])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = try XlsxInspector.inspect(output)
        #expect(workbook.sheetNames.first == "ダッシュボード")
        #expect(Array(workbook.sheetNames.prefix(3)) == ["ダッシュボード", "ノード", "変更"])
        #expect(workbook.sheetNames.contains("情報"))
        #expect(
            !workbook.sheetNames.contains("Nodes") && !workbook.sheetNames.contains("About") && !workbook.sheetNames.contains("Dashboard"))
        #expect(workbook.sheetNames.contains("AWS_Application"), "type sheets keep their names")
        Self.checkNames(workbook.sheetNames, "ja workbook")
        let nodes = try #require(workbook.sheets["ノード"])
        let header = nodes.rows()[1] ?? [:]
        #expect(header["A"] == "アカウントID")
        #expect(header["B"] == "リージョン")
        #expect(header["C"] == "ノードID")
        #expect(header["D"] == "コンピューター名")
        #expect(header.values.contains("最終収集日時 (UTC)"))
        #expect(header.values.contains("インベントリ行数"))
        #expect(header.values.contains("変更数"))
        let dashboard = try #require(workbook.sheets["ダッシュボード"])
        #expect(dashboard.rows().values.contains { $0.values.contains("ステータス別ノード数") || $0.values.contains("ノード") })
        let changes = try #require(workbook.sheets["変更"])
        let changeHeader = changes.rows()[1] ?? [:]
        #expect(changeHeader["A"] == "種類")
        for label in ["フィールド／パス", "変更前", "変更後", "名前 (Name)", "バージョン (Version)"] {
            #expect(changeHeader.values.contains(label), "\(label) in \(changeHeader)")
        }
        let kinds = Set(changes.rows().filter { $0.key > 1 }.compactMap { $0.value["A"] })
        #expect(kinds.isSubset(of: ["追加", "削除", "変更", "属性追加", "重複数変更", "ステータス変更", "未収集", "初回収集"]), "\(kinds)")
        #expect(kinds.contains("追加") && kinds.contains("変更") && kinds.contains("ステータス変更"))
        let apps = try #require(workbook.sheets["AWS_Application"])
        let appHeader = apps.rows()[1] ?? [:]
        #expect(appHeader["A"] == "アカウントID")
        #expect(appHeader.values.contains("収集日時 (UTC)"))
        #expect(appHeader.values.contains("名前 (Name)"), "built-in attributes get Japanese names with AWS's kept")
        let about = try #require(workbook.sheets["情報"])
        #expect(about.rows()[1]?["A"] == "項目")
        #expect(!Self.aboutMapping(workbook, about: "情報", original: "元の名前").isEmpty, "the names table is there, in Japanese")
        // Data values are never translated.
        #expect(apps.rows().values.contains { $0.values.contains("秀丸エディタ") })
    }

    // MARK: Cell types

    static func column(_ sheet: XlsxInspector.Sheet, header: String) -> String? {
        sheet.rows()[1]?.first { $0.value == header }?.key
    }

    static func cells(_ sheet: XlsxInspector.Sheet, column: String) -> [(row: Int, cell: XlsxInspector.Cell)] {
        sheet.cells.compactMap { reference, cell in
            let letters = String(reference.prefix { $0.isLetter })
            guard letters == column, let row = Int(reference.dropFirst(letters.count)), row > 1 else { return nil }
            return (row, cell)
        }.sorted { $0.row < $1.row }
    }

    static func isDateFormat(_ format: String?) -> Bool {
        guard let format = format?.lowercased() else { return false }
        if format.hasPrefix("builtin:") { return ["builtin:14", "builtin:15", "builtin:16", "builtin:17", "builtin:22"].contains(format) }
        return format.contains("yy") || format.contains("hh") || format.contains("mm")
    }

    @Test func fleet_export_has_dates_numbers_and_text_where_they_belong() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")], extra: ["--label", "t1"])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")], extra: ["--label", "t2"])
        let output = scratch.path("types.xlsx")
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = try XlsxInspector.inspect(output)

        let summary = try #require(workbook.sheets["Nodes"])
        let lastCapture = try #require(Self.column(summary, header: "Last capture (UTC)"))
        let captures = Self.cells(summary, column: lastCapture).filter { $0.cell.raw != nil }
        #expect(captures.count >= 5)
        for (row, cell) in captures {
            #expect(cell.type == "n", "Summary \(lastCapture)\(row) is a number, not \(cell.type) \(cell.raw ?? "")")
            #expect(Self.isDateFormat(cell.numberFormat), "Summary \(lastCapture)\(row) has a date format: \(cell.numberFormat ?? "none")")
            if let value = cell.raw.flatMap(Double.init) { #expect((46_000...47_000).contains(value), "a 2026 date serial: \(value)") }
        }
        for header in ["AWS:Application", "Inventory rows", "Changes (count)"] {
            let column = try #require(Self.column(summary, header: header), "\(header) column")
            let values = Self.cells(summary, column: column).filter { $0.cell.raw != nil }
            #expect(!values.isEmpty)
            for (row, cell) in values {
                #expect(cell.type == "n", "Summary \(header) row \(row) is a number: \(cell.type) \(cell.raw ?? "")")
            }
        }
        let accounts = Self.cells(summary, column: "A").filter {
            ($0.cell.text ?? "").allSatisfy(\.isNumber) && $0.cell.text?.isEmpty == false
        }
        #expect(Set(accounts.compactMap { $0.cell.text }).isSuperset(of: ["111122223333"]))
        for (row, cell) in accounts {
            #expect(cell.type == "s" || cell.type == "inlineStr", "Summary A\(row) account id stays text: \(cell.type)")
        }
        // Platform versions (22.04, 2023, 2) on the node rows stay text.
        let nodeRows = Set(summary.rows().filter { ($0.value["C"] ?? "").hasPrefix("i-") || ($0.value["C"] ?? "").hasPrefix("mi-") }.keys)
        #expect(nodeRows.count == 6)
        let versions = (Self.column(summary, header: "Platform version").map { Self.cells(summary, column: $0) } ?? [])
            .filter { nodeRows.contains($0.row) }
        #expect(versions.contains { $0.cell.text == "22.04" } && versions.contains { $0.cell.text == "2023" })
        for (row, cell) in versions where cell.raw != nil {
            #expect(cell.type == "s" || cell.type == "inlineStr", "Summary platform version row \(row) stays text: \(cell.raw ?? "")")
        }

        // Inventory sheets: capture time a date, every attribute text.
        for name in ["AWS_Application", "AWS_Network", "AWS_InstanceInformation"] {
            let sheet = try #require(workbook.sheets[name], "\(name)")
            let capture = try #require(Self.column(sheet, header: "Capture time (UTC)"), "\(name) Capture time")
            let times = Self.cells(sheet, column: capture)
            #expect(!times.isEmpty)
            for (row, cell) in times {
                #expect(
                    cell.type == "n" && Self.isDateFormat(cell.numberFormat),
                    "\(name) \(capture)\(row): \(cell.type) \(cell.numberFormat ?? "none") \(cell.raw ?? "")")
            }
            let account = try #require(Self.column(sheet, header: "Account ID"))
            for (row, cell) in Self.cells(sheet, column: account) where cell.raw != nil {
                #expect(cell.type != "n", "\(name) \(account)\(row) account id stays text")
            }
        }
        let apps = try #require(workbook.sheets["AWS_Application"])
        if let version = Self.column(apps, header: "Version") {
            for (row, cell) in Self.cells(apps, column: version) where cell.raw != nil {
                #expect(cell.type == "s" || cell.type == "inlineStr", "AWS_Application Version row \(row) stays text: \(cell.raw ?? "")")
            }
        }
        // Config sheets: account ids (111122223333, 444455556666) text, capture times dates.
        var configAccounts: Set<String> = []
        for name in workbook.sheetNames where name.hasPrefix("AWS_EC2_") || name.hasPrefix("AWS_SSM_") {
            let sheet = try #require(workbook.sheets[name])
            let accounts = Self.cells(sheet, column: try #require(Self.column(sheet, header: "Account ID"), "\(name) Account ID"))
            for (row, cell) in accounts {
                configAccounts.insert(cell.text ?? "")
                #expect(cell.type == "s" || cell.type == "inlineStr", "\(name) account row \(row): \(cell.type)")
            }
            let times = Self.cells(sheet, column: try #require(Self.column(sheet, header: "Capture time (UTC)"), "\(name) Capture time"))
            #expect(!times.isEmpty)
            for (row, cell) in times {
                #expect(cell.type == "n" && Self.isDateFormat(cell.numberFormat), "\(name) capture time row \(row): \(cell.type)")
            }
        }
        #expect(configAccounts.isSuperset(of: ["111122223333", "444455556666"]), "\(configAccounts)")
        // About: record counts and sizes are numbers.
        let about = try #require(workbook.sheets["About"])
        let fileHeader = try #require(about.rows().first { $0.value["A"] == "Path" }?.key)
        let firstFile = try #require(about.rows()[fileHeader + 1])
        #expect(firstFile["D"].flatMap(Int.init) != nil)
        #expect(about.cells["D\(fileHeader + 1)"]?.type == "n")
        #expect(about.cells["E\(fileHeader + 1)"]?.type == "n")
    }

    /// Excel holds dates from 1900-01-01 to 9999-12-31. A capture or install time outside that
    /// (Go's zero time 0001-01-01, Windows FILETIME's 1601-01-01) must not make the whole export
    /// fail: the cell keeps the original text, the rest of the workbook is written.
    @Test func times_outside_excels_date_range_do_not_fail_the_export() throws {
        let odd = ["0001-01-01T00:00:00Z", "1601-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "10000-01-01T00:00:00Z"]
        let apps = try scratch.write(
            "apps.json",
            """
            {"TypeName":"AWS:Application","InstanceId":"\(Self.node)","SchemaVersion":"1.1","CaptureTime":"2026-11-01T00:00:00Z",
             "Entries":[\(odd.enumerated().map { #"{"Name":"app-\#($0.offset)","InstalledTime":"\#($0.element)"}"# }.joined(separator: ","))]}
            """)
        try ingest(scratch.db, [apps])
        let output = scratch.path("dates.xlsx")
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output])
        #expect(result.status == 0, "an install time outside Excel's range fails the export: \(result.stderr)")
        if result.status == 0 {
            let sheet = try #require(try XlsxInspector.inspect(output).sheets["AWS_Application"])
            let column = try #require(Self.column(sheet, header: "InstalledTime (UTC)"))
            let texts = Self.cells(sheet, column: column).map { $0.cell }
            for value in ["0001-01-01T00:00:00Z", "1601-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "10000-01-01T00:00:00Z"] {
                #expect(texts.contains { $0.text == value && ($0.type == "s" || $0.type == "inlineStr") }, "\(value) kept as text")
            }
            #expect(texts.contains { $0.type == "n" && Self.isDateFormat($0.numberFormat) }, "9999-12-31 is still a date")
        }

        // The capture time itself (Summary "Last capture", every row's "Capture time").
        let zero = try scratch.write(
            "zero.json",
            """
            {"TypeName":"AWS:Network","InstanceId":"\(Self.node)","SchemaVersion":"1.0","CaptureTime":"0001-01-01T00:00:00Z",
             "Entries":[{"Name":"eth0","IPV4":"10.0.0.1"}]}
            """)
        try ingest(scratch.db, [zero])
        let second = scratch.path("zero.xlsx")
        let again = try Binary.run(["export", "--db", scratch.db, "--output", second])
        #expect(again.status == 0, "a capture time of 0001-01-01 fails the export: \(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: second) || again.status == 0)
    }

    /// A snapshot whose capture time is the Unix epoch (a `captureTime` of `0` or
    /// `1970-01-01T00:00:00Z`) still exports: libxlsxwriter reads a creation time of 0 as "now"
    /// and refuses it, so the document time must come from elsewhere.
    @Test func a_snapshot_taken_at_the_epoch_still_exports() throws {
        for captureTime in ["0", "1970-01-01T00:00:00Z"] {
            let scratch = try Scratch()
            let directory = "datasync/AWS_Network/accountid=111122223333/region=us-east-1/resourcetype=ManagedInstanceInventory"
            let file = try scratch.write(
                "\(directory)/i-0a3f9c27e81b4d5c6.json",
                """
                {"resourceId":"i-0a3f9c27e81b4d5c6","resourceType":"ManagedInstanceInventory","captureTime":"\(captureTime)","schemaVersion":"1.0","Name":"eth0","IPV4":"10.0.0.1"}
                """)
            let ingested = try ingest(scratch.db, [file])
            let takenAt = (ingested["snapshot"] as? [String: Any])?["takenAt"] as? String
            let output = scratch.path("epoch.xlsx")
            let result = try Binary.run(["export", "--db", scratch.db, "--output", output])
            #expect(result.status == 0, "captureTime \(captureTime) (snapshot taken \(takenAt ?? "?")): \(result.stderr)")
        }
    }

    @Test func numeric_looking_values_stay_text_and_install_times_are_dates() throws {
        let input = try scratch.write(
            "apps.json", Self.applicationEntries(3, extra: ["Release": "1.10", "PackageId": "007", "URL": "1e5"]))
        let versions = try scratch.write(
            "more.json",
            """
            {"TypeName":"Custom:Numbers","InstanceId":"i-0123456789abcdef1","SchemaVersion":"1.0","CaptureTime":"2026-11-01T00:00:00Z",
             "Entries":[{"Version":"1.10","Account":"111122223333","Zip":"00123","Big":"12345678901234567890","Neg":"-5","Plus":"+1","At":"@x"}]}
            """)
        try ingest(scratch.db, [input, versions])
        let output = scratch.path("text.xlsx")
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = try XlsxInspector.inspect(output)
        let apps = try #require(workbook.sheets["AWS_Application"])
        for header in ["Release", "PackageId", "URL", "Version"] {
            let column = try #require(Self.column(apps, header: header), "\(header)")
            for (row, cell) in Self.cells(apps, column: column) {
                #expect(cell.type == "s" || cell.type == "inlineStr", "\(header) row \(row) is text: \(cell.type) \(cell.raw ?? "")")
            }
        }
        #expect(Self.cells(apps, column: try #require(Self.column(apps, header: "Release"))).allSatisfy { $0.cell.text == "1.10" })
        if let installed = Self.column(apps, header: "InstalledTime (UTC)") {
            for (row, cell) in Self.cells(apps, column: installed) {
                #expect(
                    cell.type == "n" && Self.isDateFormat(cell.numberFormat), "InstalledTime row \(row): \(cell.type) \(cell.raw ?? "")")
            }
        }
        let custom = try #require(workbook.sheets["Custom_Numbers"])
        let expected = [
            "Version": "1.10", "Account": "111122223333", "Zip": "00123", "Big": "12345678901234567890", "Neg": "-5",
            "Plus": "+1", "At": "@x",
        ]
        for (header, value) in expected {
            let column = try #require(Self.column(custom, header: header), "\(header)")
            let cell = try #require(Self.cells(custom, column: column).first?.cell)
            #expect(cell.text == value && (cell.type == "s" || cell.type == "inlineStr"), "\(header): \(cell.type) \(cell.raw ?? "")")
            #expect(!cell.formula)
        }
    }
}
