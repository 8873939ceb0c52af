import Foundation
import InventoryCore
import Testing
import XlsxInspection

/// The field cases in ../shared/cases (CASES.md), each expected behaviour as a test through the
/// real binary. Skipped when ../shared is absent.
@Suite(.enabled(if: Paths.hasShared, "../shared/cases is absent")) struct FieldCaseTests {
    let scratch: Scratch

    init() throws { scratch = try Scratch() }

    private func entries(_ db: String, snapshot: Int64 = 1, type: String? = nil) throws -> [StoredEntry] {
        let store = try InventoryStore(path: db, readOnly: true)
        var rows: [StoredEntry] = []
        try store.forEachEntry(snapshotId: snapshot, typeName: type) { rows.append($0) }
        return rows
    }

    private func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test func bh01_pages_merge_and_a_trailing_token_marks_the_capture_incomplete() throws {
        let pages = try ingest(scratch.db, (1...3).map { Paths.case("BH-01.get-inventory.page\($0).json") })
        let snapshot = try #require(pages["snapshot"] as? [String: Any])
        #expect(snapshot["nodeCount"] as? Int == 3)
        #expect(snapshot["complete"] as? Bool == true)
        let entries = try ingest(scratch.db, [1, 2].map { Paths.case("BH-01.list-inventory-entries.page\($0).json") })
        #expect((entries["snapshot"] as? [String: Any])?["entryCount"] as? Int == 5)
        let truncated = try Binary.run(["ingest", "--db", scratch.db, "--json", Paths.case("BH-01.get-inventory.truncated.json")])
        #expect(truncated.status == 0)
        #expect(truncated.stderr.contains("INCOMPLETE"))
        #expect((try json(truncated.stdout)["snapshot"] as? [String: Any])?["complete"] as? Bool == false)
        // The nodes missing from the incomplete capture are not removed.
        let (_, changes, summary) = try diffJSON(scratch.db, ["1", "3"])
        #expect(summary["removed"] == 0)
        #expect(changes.allSatisfy { $0["change"] as? String != "removed" })
    }

    @Test func bh03_not_captured_is_not_empty() throws {
        try ingest(scratch.db, [Paths.case("BH-03.snap1.list-inventory-entries.json")])
        try ingest(scratch.db, [Paths.case("BH-03.snap2.get-inventory.json")])
        try ingest(scratch.db, [Paths.case("BH-03.snap3.list-inventory-entries-empty.json")])
        let (status12, changes12, summary12) = try diffJSON(scratch.db, ["1", "2"])
        #expect(status12 == 0)
        #expect(summary12["removed"] == 0)
        #expect(summary12["notCaptured"] == 1)
        #expect(changes12.contains { $0["change"] as? String == "notCaptured" && $0["typeName"] as? String == "AWS:Application" })
        let (status13, changes13, summary13) = try diffJSON(scratch.db, ["1", "3"])
        #expect(status13 == 1)
        #expect(summary13["removed"] == 2)
        #expect(changes13.filter { $0["change"] as? String == "removed" }.count == 2)
    }

    @Test func bh04_terminated_node_is_one_status_change_and_hybrid_ids_are_accepted() throws {
        try ingest(scratch.db, [Paths.case("BH-04.previous.get-inventory.json")])
        try ingest(scratch.db, [Paths.case("BH-04.get-inventory.json")])
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        let nodes = try store.nodes(snapshotId: 2)
        #expect(nodes.count == 5)
        #expect(nodes.map(\.status).compactMap { $0 }.sorted() == ["Active", "Active", "ConnectionLost", "Terminated"])
        #expect(nodes.contains { $0.nodeId == "mi-0abc0000000000034" && $0.resourceType == "ManagedInstance" })
        let (_, changes, summary) = try diffJSON(scratch.db)
        let terminated = changes.filter { $0["resourceId"] as? String == "i-0abc000000000032" }
        #expect(terminated.count == 1)
        #expect(terminated.first?["change"] as? String == "statusChanged")
        let fields = terminated.first?["fields"] as? [[String: Any]] ?? []
        #expect(fields.count == 1)
        #expect(fields.first?["before"] as? String == "Active")
        #expect(fields.first?["after"] as? String == "Terminated")
        #expect(summary["removed"] == 0)
        #expect(summary["changed"] == 0)
    }

    @Test func bh05_content_as_map_array_or_single_object() throws {
        try ingest(scratch.db, [Paths.case("BH-05.mii-notification.json")])
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        let coverage = try store.coverage(snapshotId: 1)
        #expect(
            Dictionary(uniqueKeysWithValues: coverage.map { ($0.typeName, $0.entryCount) })
                == ["AWS:Application": 1, "AWS:InstanceInformation": 1, "AWS:Network": 1, "Custom:RackInformation": 1])
        let info = try entries(scratch.db, type: "AWS:InstanceInformation")
        #expect(info.first?.mapKey == "i-0abc000000000041", "the map key is kept")
        let custom = try Binary.run([
            "ingest", "--db", scratch.db, "--json", "--node-id", "i-0abc000000000042",
            Paths.case("BH-05.custom-inventory-single.json"), Paths.case("BH-05.custom-inventory-array.json"),
        ])
        #expect(custom.status == 0)
        let rows = try entries(scratch.db, snapshot: 2)
        #expect(rows.filter { $0.typeName == "Custom:RackInformation" }.count == 1)
        #expect(rows.filter { $0.typeName == "Custom:PuppetModuleInfo" }.count == 2)
    }

    @Test func bh06_same_name_several_times_is_a_multiset() throws {
        try ingest(scratch.db, [Paths.case("BH-06.resource-data-sync.AWS-Application.jsonl")])
        try ingest(scratch.db, [Paths.case("BH-06.resource-data-sync.AWS-Application.next.jsonl")])
        #expect(try entries(scratch.db).count == 6, "identical rows are kept, not collapsed")
        let (_, changes, summary) = try diffJSON(scratch.db)
        let kernels = changes.filter { ($0["key"] as? String ?? "").hasPrefix("kernel /") }
        #expect(kernels.count == 2)
        #expect(kernels.contains { $0["change"] as? String == "removed" && ($0["key"] as? String ?? "").contains("6.1.79") })
        #expect(kernels.contains { $0["change"] as? String == "added" && ($0["key"] as? String ?? "").contains("6.1.90") })
        #expect(!changes.contains { ($0["key"] as? String ?? "").contains("6.1.82") })
        #expect(summary["changed"] == 0, "no bogus version change")
        let multiplicity = changes.filter { $0["change"] as? String == "multiplicity" }
        #expect(multiplicity.count == 1)
        #expect((multiplicity.first?["key"] as? String ?? "").hasPrefix("Example Monitoring Agent"))
        let count = (multiplicity.first?["fields"] as? [[String: Any]])?.first
        #expect(count?["before"] as? String == "2")
        #expect(count?["after"] as? String == "1")
        #expect(
            !changes.contains { ($0["key"] as? String ?? "").hasPrefix("Example Config Service") }, "32/64-bit builds are separate rows")
    }

    @Test func bh07_backslashes_survive_and_raw_newlines_are_refused_with_a_position() throws {
        try ingest(scratch.db, [Paths.case("BH-07.windows-update.good.json")])
        let rows = try entries(scratch.db)
        #expect(rows.contains { $0.attributes["InstalledBy"] == "NT AUTHORITY\\SYSTEM" })
        #expect(rows.contains { $0.attributes["InstalledBy"] == "C:\\new\\tmp\\x41" })
        let output = scratch.path("bh07.xlsx")
        #expect(try Binary.run(["export", "--db", scratch.db, "--output", output]).status == 0)
        let sheet = try #require(try XlsxInspector.inspect(output).sheets["AWS_WindowsUpdate"])
        #expect(sheet.rows().values.contains { $0.values.contains("NT AUTHORITY\\SYSTEM") })
        #expect(sheet.rows().values.contains { $0.values.contains("C:\\new\\tmp\\x41") })

        let before = bytes(scratch.db)
        let bad = try Binary.run(["ingest", "--db", scratch.db, Paths.case("BH-07.windows-update.bad-raw-newline.json")])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("BH-07.windows-update.bad-raw-newline.json:11:35:"))
        #expect(bytes(scratch.db) == before, "a failed ingest leaves the store byte for byte as it was")
    }

    @Test func bh08_control_characters_kept_in_the_store_and_safe_in_the_workbook() throws {
        try ingest(scratch.db, [Paths.case("BH-08.control-chars.jsonl")])
        let stored = try entries(scratch.db).flatMap { $0.attributes.values }
        #expect(stored.contains { $0.contains("\u{14}") })
        #expect(stored.contains("before\u{0}after"))
        #expect(stored.contains { $0.unicodeScalars.contains { $0.value == 0 } }, "NUL kept exactly in SQLite")
        let output = scratch.path("bh08.xlsx")
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = try XlsxInspector.inspect(output)  // every XML part parses
        let texts = workbook.sheets["AWS_Application"]?.rows().values.flatMap { $0.values } ?? []
        #expect(texts.contains { $0.contains("\u{14}") })
        #expect(!texts.contains { $0.unicodeScalars.contains { [0, 0xFFFE, 0xFFFF].contains($0.value) } })
        let warnings = try json(result.stdout)["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("replaced with U+FFFD") })
    }

    @Test func bh10_invalid_utf8_is_refused_with_file_and_line_or_repaired_on_request() throws {
        try ingest(scratch.db, [Paths.case("BH-10.valid-unicode.jsonl")])
        let names = try entries(scratch.db).compactMap { $0.attributes["Name"] }
        let output = scratch.path("bh10.xlsx")
        #expect(try Binary.run(["export", "--db", scratch.db, "--output", output]).status == 0)
        let texts = Set(try XlsxInspector.inspect(output).sheets["AWS_Application"]?.rows().values.flatMap { $0.values } ?? [])
        for name in names { #expect(texts.contains(name), "\(name) round-trips") }

        let bad = try Binary.run(["ingest", "--db", scratch.db, Paths.case("BH-10.invalid-utf8.jsonl")])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("BH-10.invalid-utf8.jsonl:1:"))
        #expect(bad.stderr.contains("0xFC"))
        let repaired = try Binary.run(["ingest", "--db", scratch.db, "--repair-utf8", "--json", Paths.case("BH-10.invalid-utf8.jsonl")])
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(repaired.stderr.contains("invalid-utf8.jsonl:1: warning"))
        #expect(repaired.stderr.contains("invalid-utf8.jsonl:3: warning"))
        #expect(try entries(scratch.db, snapshot: 2).count == 3)
    }

    @Test func bh13_bh14_api_and_s3_spellings_normalise_to_the_same_rows() throws {
        try ingest(scratch.db, [Paths.case("BH-13.get-resource-config-history.api.json")])
        try ingest(scratch.db, [Paths.case("BH-13.ConfigHistory.s3.json")])
        try ingest(scratch.db, [Paths.case("BH-14.change-notification.json")])
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        let api = try store.resources(snapshotId: 1)
        let s3 = try store.resources(snapshotId: 2)
        let notification = try store.resources(snapshotId: 3)
        #expect(api.first?.supplementaryConfiguration == #"{"exampleSetting":{"mfaDelete":null,"status":"Off"},"instanceStatus":"Active"}"#)
        #expect(s3.first?.supplementaryConfiguration == api.first?.supplementaryConfiguration)
        for other in [s3, notification] {
            #expect(other.first?.accountId == api.first?.accountId)
            #expect(other.first?.arn == api.first?.arn)
            #expect(other.first?.region == api.first?.region)
        }
        #expect(
            try entries(scratch.db, snapshot: 1).map(\.contentHash).sorted() == entries(scratch.db, snapshot: 2).map(\.contentHash).sorted()
        )
        let (status, changes, _) = try diffJSON(scratch.db, ["1", "2"])
        #expect(status == 0, "API vs S3 spelling is no change: \(changes)")
        let (status23, changes23, _) = try diffJSON(scratch.db, ["2", "3"])
        #expect(status23 == 0, "notification spelling is no change either: \(changes23)")
    }

    @Test func bh15_deleted_and_not_recorded_items_are_status_only() throws {
        let base = try scratch.write(
            "base/mii.json",
            """
            {"configurationItems":[{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2024-05-01T12:00:00Z",
            "configurationItemStatus":"OK","resourceType":"AWS::SSM::ManagedInstanceInventory","resourceId":"i-0abc000000000131",
            "awsRegion":"us-east-1","configuration":"{\\"AWS:Application\\":{\\"SchemaVersion\\":\\"1.1\\",\\"Content\\":{\\"curl\\":{\\"Name\\":\\"curl\\",\\"Version\\":\\"8.5.0\\"}}}}"}]}
            """)
        try ingest(scratch.db, [base])
        try ingest(scratch.db, [Paths.case("BH-15.history-with-deletion.json")])
        let (_, changes, summary) = try diffJSON(scratch.db)
        #expect(summary["removed"] == 0, "a deleted node is not every row removed")
        #expect(
            changes.filter { $0["resourceId"] as? String == "i-0abc000000000131" }.map { $0["change"] as? String }
                .allSatisfy { $0 == "statusChanged" })
        #expect(changes.contains { $0["change"] as? String == "statusChanged" })
        let result = try Binary.run(["ingest", "--db", scratch.db, "--json", Paths.case("BH-15.snapshot-not-recorded.json")])
        #expect(result.status == 0)
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        let statuses = try store.resources(snapshotId: 3).map(\.status)
        #expect(statuses.contains("ResourceNotRecorded"))
        #expect(statuses.contains("ResourceDeletedNotRecorded"))
    }

    @Test func bh16_oversized_notification_is_a_summary_not_an_empty_configuration() throws {
        let result = try Binary.run(["ingest", "--db", scratch.db, "--json", Paths.case("BH-16.oversized-notification.json")])
        #expect(result.status == 0)
        #expect(result.stderr.contains("full item is in S3"))
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        let resource = try #require(try store.resources(snapshotId: 1).first)
        #expect(resource.payloadIncluded == false)
        #expect(resource.configuration == nil)
        #expect(resource.s3Location?.hasSuffix(".json.gz") == true)
        #expect(try store.coverage(snapshotId: 1).isEmpty, "no inventory type is claimed as captured")
    }

    @Test func bh18_select_results_are_decoded_and_inventory_rows_are_status_only() throws {
        let result = try ingest(scratch.db, [Paths.case("BH-18.select-resource-config.json")])
        #expect((result["snapshot"] as? [String: Any])?["resourceCount"] as? Int == 3)
        #expect((result["snapshot"] as? [String: Any])?["complete"] as? Bool == true, "an empty NextToken ends paging")
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        #expect(try store.coverage(snapshotId: 1).isEmpty)
        let ec2 = try store.resources(snapshotId: 1, resourceType: "AWS::EC2::Instance")
        #expect(ec2.first?.configuration?.contains(#""instanceType":"t3.micro""#) == true)
        #expect(try store.nodes(snapshotId: 1).first { $0.nodeId == "i-0abc000000000162" }?.status == "Terminated")
    }

    @Test func bh19_schema_drift_is_kept_apart_and_old_installs_are_annotated() throws {
        try ingest(scratch.db, [Paths.case("BH-19.snap1.jsonl")])
        try ingest(scratch.db, [Paths.case("BH-19.snap2.jsonl")])
        let (_, changes, summary) = try diffJSON(scratch.db)
        #expect(summary["attributesAdded"] == 1)
        #expect(summary["changed"] == 0)
        #expect(summary["added"] == 1)
        let drift = try #require(changes.first { $0["change"] as? String == "attributesAdded" })
        #expect((drift["key"] as? String ?? "").hasPrefix("example-backup-client"))
        let added = try #require(changes.first { $0["change"] as? String == "added" })
        #expect((added["note"] as? String ?? "").contains("before the base snapshot"))
        #expect(!changes.contains { ($0["key"] as? String ?? "").hasPrefix("zlib") })
        let (_, quiet, _) = try diffJSON(scratch.db, extra: ["--ignore-new-attributes"])
        #expect(!quiet.contains { $0["change"] as? String == "attributesAdded" })
    }

    @Test func bh23_long_cells_are_cut_with_a_marker_and_kept_whole_in_the_store() throws {
        try ingest(scratch.db, [Paths.case("BH-23.long-configuration.api.json")])
        try ingest(scratch.db, [Paths.case("BH-23.boundary-strings.jsonl")])
        let output = scratch.path("bh23.xlsx")
        let result = try Binary.run(["export", "--db", scratch.db, "--snapshot", "1", "--no-changes", "--output", output, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        let full = try #require(try store.resources(snapshotId: 1).first?.configuration)
        #expect(full.utf16.count > 32_767)
        let workbook = try XlsxInspector.inspect(output)
        let cells = workbook.sheets.values.flatMap { $0.cells.values.compactMap(\.text) }
        let cut = try #require(cells.first { $0.contains("…[truncated,") })
        #expect(cut.utf16.count <= 32_767)
        #expect(cut.hasSuffix("chars total]"))

        let boundary = scratch.path("bh23b.xlsx")
        #expect(try Binary.run(["export", "--db", scratch.db, "--no-changes", "--output", boundary]).status == 0)
        let texts = try XlsxInspector.inspect(boundary).sheets["AWS_Application"]?.cells.values.compactMap(\.text) ?? []
        #expect(texts.allSatisfy { $0.utf16.count <= 32_767 })
        #expect(texts.contains(String(repeating: "b", count: 32_767)), "exactly the limit fits")
        #expect(texts.contains { $0.hasPrefix("ccc") && $0.contains("…[truncated, 32768 chars total]") })
        for text in texts where text.contains("…[truncated") {
            #expect(!text.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
        }
    }

    @Test func bh24_formula_lookalikes_stay_text() throws {
        try ingest(scratch.db, [Paths.case("BH-24.formula-lookalikes.jsonl")])
        let names = try entries(scratch.db).compactMap { $0.attributes["Name"] }
        let output = scratch.path("bh24.xlsx")
        #expect(try Binary.run(["export", "--db", scratch.db, "--output", output]).status == 0)
        let sheet = try #require(try XlsxInspector.inspect(output).sheets["AWS_Application"])
        #expect(sheet.formulaCount == 0)
        let cells = sheet.cells.values
        for name in names {
            #expect(cells.contains { $0.text == name && ($0.type == "inlineStr" || $0.type == "s") }, "\(name) is a string cell")
        }
    }
}
