import Foundation
import Testing
import XlsxInspection

/// Behaviours a fresh review found wrong, kept as tests: attribute-name case, snapshot
/// references, duplicate detection, type folders, undated snapshots, labels, Japanese headers.
@Suite struct ReviewFixTests {
    let scratch: Scratch

    init() throws { scratch = try Scratch() }

    private func entries(_ type: String, node: String, capture: String, _ rows: [String]) -> String {
        """
        {"TypeName": "\(type)", "InstanceId": "\(node)", "SchemaVersion": "1.0", "CaptureTime": "\(capture)",
         "Entries": [\(rows.joined(separator: ","))]}
        """
    }

    @Test func attribute_names_match_ignoring_case() throws {
        let base = try scratch.write(
            "a.json",
            entries(
                "AWS:WindowsUpdate", node: "i-0abc0000000000001", capture: "2026-11-01T00:00:00Z",
                [#"{"HotFixId": "KB1", "Description": "Update", "InstalledBy": "NT AUTHORITY\\SYSTEM"}"#]))
        let target = try scratch.write(
            "b.json",
            entries(
                "AWS:WindowsUpdate", node: "i-0abc0000000000001", capture: "2026-11-02T00:00:00Z",
                [#"{"HotFixID": "KB1", "Description": "Update", "InstalledBy": "NT AUTHORITY\\SYSTEM"}"#]))
        try ingest(scratch.db, [base])
        try ingest(scratch.db, [target])
        let (status, changes, _) = try diffJSON(scratch.db)
        #expect(status == 0, "HotFixID and HotFixId are the same attribute: \(changes)")
    }

    @Test func references_dates_ids_and_labels() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        // A bare date is the whole day: t2 was taken on 2026-11-15 at 02:51.
        let (status, _, _) = try diffJSON(scratch.db, ["2026-11-01", "2026-11-15"])
        #expect(status == 1)
        let same = try Binary.run(["diff", "--db", scratch.db, "2026-11-15", "latest"])
        #expect(same.status == 0, "2026-11-15 resolves to the latest snapshot")
        let noSuchId = try Binary.run(["diff", "--db", scratch.db, "3", "latest"])
        #expect(noSuchId.status == 2)
        #expect(noSuchId.stderr.contains("no snapshot has id 3"))
        // Identical input with a label: the label is attached, not lost.
        let labelled = try Binary.run(["ingest", "--db", scratch.db, "--label", "baseline", Paths.fixture("fleet/t1")])
        #expect(labelled.status == 0)
        #expect(labelled.stdout.contains("unchanged"))
        #expect(try Binary.run(["diff", "--db", scratch.db, "baseline", "latest"]).status == 1)
    }

    @Test func the_same_bytes_under_two_nodes_are_two_captures() throws {
        let text = #"{"SchemaVersion": "1.0", "TypeName": "Custom:Rack", "Content": {"Location": "R1"}}"#
        let one = try scratch.write("dup/i-0abc0000000000001/rack.json", text)
        let two = try scratch.write("dup/i-0abc0000000000002/rack.json", text)
        let result = try ingest(scratch.db, [one, two])
        #expect((result["snapshot"] as? [String: Any])?["nodeCount"] as? Int == 2)
        let same = try ingest(scratch.path("other.sqlite"), [one, one])
        let files = same["files"] as? [[String: Any]] ?? []
        #expect(files.map { $0["status"] as? String } == ["ingested", "duplicate"])
    }

    @Test func ordinary_folder_names_are_not_inventory_types() throws {
        let line =
            #"{"Name": "zlib", "Version": "1.2.13", "Architecture": "x86_64", "resourceId": "i-0abc0000000000009", "captureTime": "2026-11-01T00:00:00Z"}"#
        let file = try scratch.write(
            "aws-captures/custom-data/sync.jsonl", line + "\n" + line.replacingOccurrences(of: "zlib", with: "bash") + "\n")
        try ingest(scratch.db, [file])
        let listed = try Binary.run(["export", "--db", scratch.db, "--output", scratch.path("x.xlsx")])
        #expect(listed.status == 0)
        let sheets = try XlsxInspector.inspect(scratch.path("x.xlsx")).sheetNames
        #expect(sheets.contains("AWS_Application"), "\(sheets)")
    }

    @Test func an_undated_snapshot_sorts_after_the_dated_ones() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        let undated = try scratch.write(
            "rack/i-0abc0000000000001/rack.json", #"{"SchemaVersion": "1.0", "TypeName": "Custom:Rack", "Content": {"Location": "R1"}}"#)
        try ingest(scratch.db, [undated])
        let listed = try Binary.run(["snapshots", "--db", scratch.db, "--json"])
        let ids = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["id"] as? Int }
        #expect(ids == [1, 2])
    }

    @Test func japanese_headers_keep_the_aws_attribute_names() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        let output = scratch.path("ja.xlsx")
        #expect(try Binary.run(["export", "--db", scratch.db, "--lang", "ja", "--output", output]).status == 0)
        let workbook = try XlsxInspector.inspect(output)
        let header = workbook.sheets["AWS_Application"]?.rows()[1] ?? [:]
        #expect(header.values.contains("ノードID"))
        #expect(header.values.contains("概要 (Summary)"), "the AWS attribute Summary keeps its name: \(header)")
        #expect(header.values.contains("バージョン (Version)"))
        #expect(header.values.contains("インストール日時 (InstalledTime, UTC)"), "\(header)")
    }
}
