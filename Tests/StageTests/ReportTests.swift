import Foundation
import InventoryCore
import Testing
import XlsxInspection
import XlsxWriter

/// The Report stage: sheet names, cell text, display width, CSV, the three diff renderers on a
/// known result, and golden files for the fleet fixture (diff text/JSON/CSV, workbook XML).
///
/// Golden files live in `Tests/StageTests/Golden/`. When output changes on purpose, regenerate
/// them from the real tool output with
///     UPDATE_GOLDEN=1 swift test --filter StageTests.ReportTests
/// then read the `git diff` of the golden files before committing: they must still show exactly
/// the changes `Fixtures/fleet/SCENARIO.md` scripts.
@Suite struct ReportTests {
    // MARK: SheetNamer

    @Test func type_names_become_valid_sheet_names() {
        var namer = SheetNamer()
        #expect(namer.name(for: "AWS:Application") == "AWS_Application")
        #expect(namer.name(for: "AWS::EC2::Instance") == "AWS_EC2_Instance")
        #expect(namer.name(for: "Custom:a[b]*c?/d\\e") == "Custom_a_b__c__d_e")
        #expect(namer.name(for: "Custom:tab\there") == "Custom_tab_here")
        #expect(namer.name(for: "'quoted'") == "quoted")
        #expect(namer.name(for: "   ") == "Unnamed")
        #expect(namer.name(for: "History") == "History_")
    }

    @Test func long_names_are_cut_to_31_units_on_character_boundaries() {
        var namer = SheetNamer()
        let long = namer.name(for: "Custom:" + String(repeating: "abcdefghij", count: 5))
        #expect(long == "Custom_abcdefghijabcdefghijabcd")
        #expect(long.utf16.count == 31)
        let emoji = namer.name(for: "Custom:" + String(repeating: "😀", count: 20))
        #expect(emoji == "Custom_" + String(repeating: "😀", count: 12))
        let japanese = namer.name(for: "Custom:" + String(repeating: "情報", count: 20))
        #expect(japanese.utf16.count == 31)
        #expect(japanese.hasPrefix("Custom_情報"))
    }

    @Test func names_are_unique_ignoring_case_and_suffixes_still_fit() {
        var namer = SheetNamer()
        #expect(namer.name(for: "Custom:Foo") == "Custom_Foo")
        #expect(namer.name(for: "Custom:foo") == "Custom_foo (2)")
        #expect(namer.name(for: "Custom_FOO") == "Custom_FOO (3)")
        #expect(namer.name(for: "Custom:Ä") == "Custom_Ä")
        #expect(namer.name(for: "Custom:ä") == "Custom_ä (2)")
        let long = "Custom:" + String(repeating: "x", count: 40)
        let first = namer.name(for: long)
        let second = namer.name(for: long)
        #expect(first.utf16.count == 31)
        #expect(second == "Custom_" + String(repeating: "x", count: 20) + " (2)")
        #expect(second.utf16.count == 31)
    }

    @Test func reserved_names_are_never_handed_out_and_the_mapping_is_stable() {
        func names() -> (SheetNamer, [String]) {
            var namer = SheetNamer()
            let summary = namer.reserve("Summary")
            let names = [summary] + ["Summary", "AWS:Application", "AWS_Application", "AWS::EC2::Instance"].map { namer.name(for: $0) }
            return (namer, names)
        }
        let (namer, first) = names()
        #expect(first == ["Summary", "Summary (2)", "AWS_Application", "AWS_Application (2)", "AWS_EC2_Instance"])
        // Reserved names are not in the mapping the About sheet lists.
        #expect(namer.mapping.map(\.original) == ["Summary", "AWS:Application", "AWS_Application", "AWS::EC2::Instance"])
        #expect(names().1 == first)
    }

    // MARK: ExcelText

    @Test func ordinary_text_is_written_as_is() {
        var text = ExcelText()
        #expect(text.cell("秀丸エディタ =1+1 _x0041_") == "秀丸エディタ =1+1 _x0041_")
        #expect(text.stats == ExcelText.Stats())
        #expect(text.limit == XlsxLimits.maxCellUTF16)
    }

    @Test func nul_and_non_characters_are_replaced_and_counted() {
        var text = ExcelText()
        #expect(text.cell("a\u{0}b\u{FFFE}c\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(text.cell("\u{0}") == "\u{FFFD}")
        #expect(text.stats.replacedCharacters == 4)
        #expect(text.stats.cellsWithReplacements == 2)
        #expect(text.stats.truncatedCells == 0)
    }

    @Test func carriage_returns_become_line_feeds_without_counting_as_replacements() {
        var text = ExcelText()
        #expect(text.cell("a\r\nb\rc\nd") == "a\nb\nc\nd")
        #expect(text.stats == ExcelText.Stats())
    }

    @Test func long_text_is_cut_with_a_marker_giving_the_full_length() {
        var text = ExcelText(limit: 100)
        let cut = text.cell(String(repeating: "x", count: 250))
        #expect(cut == String(repeating: "x", count: 71) + "…[truncated, 250 chars total]")
        #expect(cut.utf16.count == 100)
        #expect(text.stats.truncatedCells == 1)
        #expect(text.cell(String(repeating: "y", count: 100)) == String(repeating: "y", count: 100))
        #expect(text.stats.truncatedCells == 1)
    }

    @Test func the_cut_never_splits_a_surrogate_pair() {
        var text = ExcelText(limit: 100)
        let cut = text.cell(String(repeating: "😀", count: 100))
        let marker = "…[truncated, 200 chars total]"
        #expect(cut.hasSuffix(marker))
        let kept = cut.dropLast(marker.count)
        #expect(kept.allSatisfy { $0 == "😀" })
        #expect(kept.count == 35)
        #expect(cut.utf16.count <= 100)
    }

    @Test func escaped_lookalikes_count_towards_the_limit() {
        // Each `_xHHHH_` is written as `_x005F_xHHHH_` (6 more units), so 91 units become 169.
        var text = ExcelText(limit: 100)
        let value = String(repeating: "_x0041_", count: 13)
        #expect(escapedCellTextLength(value) == 169)
        let cut = text.cell(value)
        #expect(cut.hasSuffix("…[truncated, 91 chars total]"))
        #expect(escapedCellTextLength(cut) <= 100)
        #expect(text.stats.truncatedCells == 1)
    }

    @Test func display_width_counts_east_asian_characters_double() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("Amazon SSM Agent") == 16)
        #expect(DisplayWidth.of("秀丸エディタ") == 12)
        #expect(DisplayWidth.of("WinMerge 日本語版") == 17)
        #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4)  // half-width katakana stays narrow
        #expect(DisplayWidth.of("ＡＢ") == 4)  // full-width Latin is wide
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("Müller") == 6)
    }

    // MARK: CSV

    @Test func csv_records_follow_rfc_4180() {
        #expect(CSVWriter.record(["a", "b c", ""]) == "a,b c,\r\n")
        // A raw CR (like ESC or NUL) is written as a visible escape; line breaks stay quoted.
        #expect(
            CSVWriter.record(["x,y", "say \"hi\"", "line\nbreak", "cr\rhere", "esc\u{1B}[2J\u{0}"])
                == "\"x,y\",\"say \"\"hi\"\"\",\"line\nbreak\",cr\\rhere,esc\\x1b[2J\\x00\r\n")
        #expect(CSVWriter.record([]) == "\r\n")
        #expect(CSVWriter.record(["日本語", "Müller"]) == "日本語,Müller\r\n")
    }

    @Test func csv_neutralises_formula_lookalikes_unless_asked_not_to() {
        #expect(CSVWriter.record(["=1+1", "+49", "-x", "@SUM(A1)", "\tTab", "a=b"]) == "'=1+1,'+49,'-x,'@SUM(A1),'\tTab,a=b\r\n")
        #expect(CSVWriter.record(["=HYPERLINK(\"x\",\"y\")"]) == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n")
        #expect(CSVWriter.record(["=1+1", "-x"], neutraliseFormulas: false) == "=1+1,-x\r\n")
    }

    @Test func csv_export_writes_a_bom_only_when_asked() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let file = try dir.write(
            "e.json", listEntries(node: "i-0123456789abcdef0", rows: [["Name": "=cmd", "Publisher": "Müller, Söhne"]]))
        let snapshot = try ingest(store, [file]).snapshot
        let report = WorkbookReport(store: store)
        _ = try report.writeCSV(snapshot: snapshot, diff: nil, directory: dir.path("bom"), byteOrderMark: true)
        _ = try report.writeCSV(snapshot: snapshot, diff: nil, directory: dir.path("plain"), byteOrderMark: false)
        let withBOM = Array(try Data(contentsOf: URL(fileURLWithPath: dir.path("bom/AWS_Application.csv"))))
        let without = Array(try Data(contentsOf: URL(fileURLWithPath: dir.path("plain/AWS_Application.csv"))))
        #expect(withBOM.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(!without.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(Array(withBOM.dropFirst(3)) == without)
        let text = String(decoding: without, as: UTF8.self)
        #expect(text.hasPrefix("Account ID,Region,Node ID,Computer name,"))
        #expect(text.contains(",'=cmd,\"Müller, Söhne\","))
        #expect(text.hasSuffix("\r\n"))
    }

    // MARK: Renderers on a known result

    static let base = SnapshotInfo(
        id: 1, label: "t1", takenAt: Timestamp.parse("2026-11-01T03:00:00Z"), ingestedAt: Timestamp.parse("2026-11-18T11:06:40Z")!,
        fingerprint: "f1",
        complete: true, fileCount: 1, nodeCount: 2, entryCount: 3, resourceCount: 0, warningCount: 0)
    static let target = SnapshotInfo(
        id: 2, takenAt: Timestamp.parse("2026-11-15T03:00:00Z"), ingestedAt: Timestamp.parse("2026-11-18T11:06:40Z")!, fingerprint: "f2",
        complete: true, fileCount: 1, nodeCount: 2, entryCount: 3, resourceCount: 0, warningCount: 0)

    static let known = DiffResult(
        base: base, target: target,
        changes: [
            Change(
                change: .changed, accountId: "111122223333", region: "us-east-1", resourceId: "i-1", typeName: "AWS:Application",
                key: "curl / x86_64",
                fields: [.init(name: "Version", before: "8.5", after: "8.6"), .init(name: "URL", before: nil, after: "a|b")],
                computerName: "web-1"),
            Change(
                change: .added, accountId: "111122223333", region: "us-east-1", resourceId: "i-1", typeName: "AWS:Application",
                key: "vim / x86_64 / 9.0", note: "installed earlier", computerName: "web-1"),
            Change(
                change: .multiplicity, accountId: "111122223333", region: "us-east-1", resourceId: "i-1", typeName: "AWS:Application",
                key: "bash", fields: [.init(name: "count", before: "2", after: "1")], computerName: "web-1"),
            Change(change: .notCaptured, accountId: nil, region: nil, resourceId: "i-2", typeName: "AWS:Network", key: ""),
        ])

    @Test func the_text_renderer_groups_by_node_and_marks_each_kind() {
        let text = DiffTextRenderer(color: false).render(Self.known)
        #expect(
            text == """
                diff #1 t1 (2026-11-01T03:00:00Z) → #2 (2026-11-15T03:00:00Z)

                111122223333 us-east-1 i-1 (web-1)
                  ~ AWS:Application  curl / x86_64
                      Version: 8.5 → 8.6
                      URL: (absent) → a|b
                  + AWS:Application  vim / x86_64 / 9.0
                      note: installed earlier
                  # AWS:Application  bash  listed 2 → 1 times

                (account unknown) (region unknown) i-2
                  ? AWS:Network  not captured in the target snapshot

                1 added, 0 removed, 1 changed, 1 multiplicity, 1 not captured
                """)
        #expect(!text.contains("\u{1B}["))
    }

    @Test func the_text_renderer_colours_only_when_asked_and_shortens_long_values() {
        let long = String(repeating: "v", count: 200)
        let result = DiffResult(
            base: Self.base, target: Self.target,
            changes: [
                Change(
                    change: .changed, accountId: "1", region: "r", resourceId: "i-1", typeName: "T", key: "k",
                    fields: [.init(name: "f", before: "two\nlines", after: long)])
            ])
        let plain = DiffTextRenderer(color: false).render(result)
        #expect(plain.contains("      f: two\\nlines → " + String(repeating: "v", count: 117) + "…"))
        let coloured = DiffTextRenderer(color: true).render(result)
        #expect(coloured.contains("\u{1B}[33m  ~ T  k\u{1B}[0m"))
        #expect(coloured.hasPrefix("\u{1B}[1mdiff #1"))
        let empty = DiffTextRenderer(color: false).render(DiffResult(base: Self.base, target: Self.target, changes: []))
        #expect(empty.hasSuffix("\n\nno changes"))
    }

    @Test func the_csv_renderer_writes_one_record_per_field() {
        let csv = DiffCSVRenderer.render(Self.known)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "change,accountId,region,resourceId,computerName,typeName,key,field,before,after,note")
        #expect(lines[1] == "changed,111122223333,us-east-1,i-1,web-1,AWS:Application,curl / x86_64,Version,8.5,8.6,")
        #expect(lines[2] == "changed,111122223333,us-east-1,i-1,web-1,AWS:Application,curl / x86_64,URL,,a|b,")
        #expect(lines[3] == "added,111122223333,us-east-1,i-1,web-1,AWS:Application,vim / x86_64 / 9.0,,,,installed earlier")
        #expect(lines[4] == "multiplicity,111122223333,us-east-1,i-1,web-1,AWS:Application,bash,count,2,1,")
        #expect(lines[5] == "notCaptured,,,i-2,,AWS:Network,,,,,")
        #expect(lines.count == 7 && lines[6].isEmpty)
    }

    @Test func the_markdown_renderer_counts_lists_and_escapes() {
        let markdown = DiffMarkdownRenderer().render(Self.known, workbook: "out/report.xlsx")
        #expect(markdown.hasPrefix("## Inventory changes: snapshot 1 (t1) → 2\n"))
        #expect(markdown.contains("| 1 | 0 | 1 | 0 | 1 | 0 | 1 |"))
        #expect(markdown.contains("Workbook: `out/report.xlsx`"))
        #expect(
            markdown.contains(
                "| changed | 111122223333 | us-east-1 | i-1 (web-1) | AWS:Application | curl / x86_64 | Version: 8.5 → 8.6; URL: – → a\\|b |"
            ))
        #expect(
            markdown.contains(
                "| added | 111122223333 | us-east-1 | i-1 (web-1) | AWS:Application | vim / x86_64 / 9.0 | installed earlier |"))
        // Not-captured pairs are counted, not listed.
        #expect(!markdown.contains("AWS:Network"))
        let capped = DiffMarkdownRenderer(limit: 1).render(Self.known)
        #expect(capped.contains("… and 2 more (see the workbook or `inventory diff`)."))
        let none = DiffMarkdownRenderer().render(
            DiffResult(base: Self.base, target: Self.target, changes: [Self.known.changes[3]]))
        #expect(none.contains("No changes (1 node/type pairs not captured in the target)."))
    }

    @Test func japanese_labels_translate_the_tools_words_only() {
        #expect(ReportLanguage.ja.text("Summary") == "概要")
        #expect(ReportLanguage.ja.text("not captured") == "未収集")
        #expect(ReportLanguage.ja.text("AWS:Application") == "AWS:Application")
        #expect(ReportLanguage.en.text("Summary") == "Summary")
    }

    // MARK: Workbook cells

    @Test func workbook_cells_keep_lookalikes_formulas_and_nul_as_text() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let file = try dir.write(
            "e.json",
            listEntries(
                node: "i-0123456789abcdef0", type: "Custom:Cells",
                rows: [["A": "lit_x0041_end", "B": "=1+1", "C": "a\u{0}b", "D": "+49 30 1234"]]))
        let snapshot = try ingest(store, [file]).snapshot
        let path = dir.path("cells.xlsx")
        let result = try WorkbookReport(store: store).write(snapshot: snapshot, diff: nil, to: path)
        #expect(result.sheets.map(\.name) == ["Dashboard", "Nodes", "Custom_Cells", "About"])
        #expect(result.exportWarnings.contains("1 characters Excel cannot hold (NUL, U+FFFE, U+FFFF) in 1 cells were replaced with U+FFFD"))
        let workbook = try XlsxInspector.inspect(path)
        let sheet = try #require(workbook.sheets["Custom_Cells"])
        let header = sheet.rows()[1] ?? [:]
        let row = sheet.rows()[2] ?? [:]
        var byName: [String: String] = [:]
        for (column, title) in header { byName[title] = row[column] }
        #expect(byName["A"] == "lit_x0041_end")
        #expect(byName["B"] == "=1+1")
        #expect(byName["C"] == "a\u{FFFD}b")
        #expect(byName["D"] == "+49 30 1234")
        #expect(sheet.formulaCount == 0)
        #expect(sheet.cells.values.allSatisfy { !$0.formula })
    }

    // MARK: Golden files (fleet fixture, t1 → t2)

    @Test func the_fleet_diff_is_what_the_scenario_scripts() throws {
        let result = try Fleet.get().diff
        #expect(result.summary.added == 15)
        #expect(result.summary.removed == 2)
        #expect(result.summary.changed == 2)
        #expect(result.summary.statusChanged == 2)
        #expect(result.summary.attributesAdded == 0 && result.summary.multiplicity == 0)
        // Entry by entry against Fixtures/fleet/expected-changes.json: same kind, node and type,
        // every identifying value in the key, every expected field reported.
        let data = try #require(FileManager.default.contents(atPath: StagePaths.fixture("fleet/expected-changes.json")))
        let expected = try #require(try JSONParser.parse(Array(data)).objectValue?["changes"]?.arrayValue)
        #expect(expected.count == result.changes.count)
        var unmatched = result.changes
        for entry in expected.compactMap(\.objectValue) {
            let kind = entry["change"]?.stringValue
            let node = entry["resourceId"]?.stringValue
            let type = entry["typeName"]?.stringValue
            let keyValues = (entry["keyFields"]?.objectValue?.members ?? []).filter { $0.key != "InstanceId" }
                .compactMap(\.value.stringValue)
            let fieldNames = entry["fields"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue } ?? []
            let index = unmatched.firstIndex { change in
                let keyParts = Set(change.key.components(separatedBy: " / "))
                return change.change.rawValue == kind && change.resourceId == node && change.typeName == type
                    && keyValues.allSatisfy(keyParts.contains)
                    && fieldNames.allSatisfy { name in change.fields.contains { $0.name == name || $0.name.hasPrefix(name + "[") } }
            }
            guard let index else {
                Issue.record("expected change not reported: \(kind ?? "") \(node ?? "") \(type ?? "") \(entry["key"]?.stringValue ?? "")")
                continue
            }
            unmatched.remove(at: index)
        }
        #expect(unmatched.isEmpty, "reported but not scripted: \(unmatched.map { "\($0.change) \($0.resourceId) \($0.key)" })")
    }

    @Test func golden_diff_text() throws {
        let result = try Fleet.get().diff
        try checkGolden("diff.txt", DiffTextRenderer(color: false).render(result) + "\n")
    }

    /// Encoded as `inventory diff --format json` prints it (same encoder settings; the keys are
    /// sorted, so `DiffResult` and the command's `DiffJSON` give the same text).
    @Test func golden_diff_json() throws {
        let result = try Fleet.get().diff
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try checkGolden("diff.json", String(decoding: try encoder.encode(result), as: UTF8.self) + "\n")
    }

    @Test func golden_diff_csv() throws {
        let result = try Fleet.get().diff
        try checkGolden("diff.csv", DiffCSVRenderer.render(result))
    }

    /// The fleet workbook (t2 with changes against t1), written with a fixed creation time.
    func fleetWorkbook(_ dir: TempDir) throws -> String {
        let fleet = try Fleet.get()
        let path = dir.path("fleet.xlsx")
        let options = ExportOptions(created: Date(timeIntervalSince1970: 1_794_711_600))  // 2026-11-15T03:00:00Z
        _ = try WorkbookReport(store: fleet.store, options: options).write(snapshot: fleet.t2, diff: fleet.diff, to: path)
        return path
    }

    /// The workbook's structure and the Summary sheet. Constant-memory workbooks write inline
    /// strings, so there is no `xl/sharedStrings.xml` to compare; the test fails if one appears.
    @Test func golden_workbook_xml() throws {
        let dir = try TempDir()
        let path = try fleetWorkbook(dir)
        try checkGolden("workbook.xml", try XlsxInspector.part(path, "xl/workbook.xml"))
        try checkGolden("sheet1.xml", try XlsxInspector.part(path, "xl/worksheets/sheet1.xml"))
        #expect(throws: XlsxInspector.CommandFailed.self) { try XlsxInspector.part(path, "xl/sharedStrings.xml") }
        // The creation time is the one given, not the clock (core.xml also names the tool
        // version, so it is checked here rather than kept as a golden file).
        let core = try XlsxInspector.part(path, "docProps/core.xml")
        #expect(core.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-15T03:00:00Z</dcterms:created>"#))
        #expect(core.contains("<dc:description>after</dc:description>"))
    }

    @Test func the_fleet_workbook_has_the_sheets_the_readme_shows() throws {
        let dir = try TempDir()
        let workbook = try XlsxInspector.inspect(try fleetWorkbook(dir))
        #expect(
            workbook.sheetNames == [
                "Dashboard", "Nodes", "Changes", "AWS_AWSComponent", "AWS_Application", "AWS_InstanceInformation", "AWS_Network",
                "AWS_WindowsUpdate", "AWS_EC2_Instance", "AWS_EC2_SecurityGroup", "AWS_SSM_ManagedInstanceInventor", "About",
                "Chart data",
            ])
        let nodes = try #require(workbook.sheets["Nodes"])
        // Six nodes under the header; the node table holds nothing else.
        let nodeIds = (2...7).compactMap { nodes.rows()[$0]?["C"] }
        #expect(nodeIds.count == 6)
        #expect(Set(nodeIds).count == 6)
        #expect(nodes.rows()[8] == nil)
    }
}
