import Foundation
import Testing
import XlsxInspection

/// The fixture fleet (Fixtures/fleet/SCENARIO.md) end to end through the commands (in-process): ingest two
/// points in time, diff, export, read the workbook back.
@Suite struct FleetScenarioTests {
    let scratch: Scratch

    init() throws {
        scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("fleet/t1")], extra: ["--label", "t1"])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")], extra: ["--label", "t2"])
    }

    private func expected() throws -> [[String: Any]] {
        let data = try Data(contentsOf: Paths.fixtures.appendingPathComponent("fleet/expected-changes.json"))
        let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return document?["changes"] as? [[String: Any]] ?? []
    }

    @Test func counts_match_the_scenario() throws {
        let data = try Data(contentsOf: Paths.fixtures.appendingPathComponent("fleet/expected-counts.json"))
        let counts = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] ?? [:]
        let listed = InProcess.run(["snapshots", "--db", scratch.db, "--json"])
        let snapshots = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(snapshots.count == 2)
        for (index, name) in ["t1", "t2"].enumerated() {
            #expect(snapshots[index]["label"] as? String == name)
            #expect(snapshots[index]["nodeCount"] as? Int == counts[name]?["nodes"] as? Int)
            #expect(snapshots[index]["entryCount"] as? Int == counts[name]?["inventoryRowsTotal"] as? Int)
            #expect(snapshots[index]["resourceCount"] as? Int == counts[name]?["configResourcesTotal"] as? Int)
        }
    }

    /// The scripted real changes, all of them and nothing else (none of the scripted non-changes).
    @Test func diff_reports_exactly_the_scripted_changes() throws {
        let (status, changes, summary) = try diffJSON(scratch.db, ["t1", "t2"])
        #expect(status == 1)
        let wanted = try expected()
        #expect(changes.count == wanted.count, "got \(changes.map { "\($0["change"]!) \($0["resourceId"]!) \($0["key"]!)" })")
        var unmatched = changes
        for expectation in wanted {
            let kind = expectation["change"] as? String
            let resource = expectation["resourceId"] as? String
            let type = expectation["typeName"] as? String
            let keyValues = (expectation["keyFields"] as? [String: String]).map { Array($0.values) } ?? []
            let index = unmatched.firstIndex { change in
                guard change["change"] as? String == kind, change["resourceId"] as? String == resource,
                    change["typeName"] as? String == type
                else { return false }
                let parts = Set((change["key"] as? String ?? "").components(separatedBy: " / "))
                return keyValues.allSatisfy { parts.contains($0) || type == "AWS:InstanceInformation" }
            }
            guard let index else {
                Issue.record("missing expected change: \(kind ?? "") \(resource ?? "") \(type ?? "") \(keyValues)")
                continue
            }
            let fields = (unmatched[index]["fields"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            for field in (expectation["fields"] as? [[String: Any]] ?? []).compactMap({ $0["name"] as? String }) {
                #expect(
                    fields.contains { $0 == field || $0.hasPrefix(field + "[") || $0.hasPrefix(field + ".") },
                    "\(resource ?? "") \(type ?? ""): field \(field) not reported; got \(fields)")
            }
            unmatched.remove(at: index)
        }
        #expect(unmatched.isEmpty, "unexpected changes: \(unmatched)")
        #expect(summary["added"] == 15)
        #expect(summary["removed"] == 2)
        #expect(summary["changed"] == 2)
        #expect(summary["statusChanged"] == 2)
        #expect(summary["notCaptured"] == 0)
    }

    @Test func json_output_follows_the_contract() throws {
        let result = InProcess.run(["diff", "--db", scratch.db, "--format", "json"])
        let document = try json(result.stdout)
        let summary = try #require(document["summary"] as? [String: Any])
        for key in ["added", "removed", "changed", "notCaptured"] { #expect(summary[key] is Int, "summary.\(key)") }
        let changes = try #require(document["changes"] as? [[String: Any]])
        for change in changes {
            for key in ["change", "accountId", "region", "resourceId", "typeName", "key"] {
                #expect(change[key] is String, "changes[].\(key) in \(change)")
            }
            let fields = try #require(change["fields"] as? [[String: Any]])
            for field in fields { #expect(field["name"] is String) }
        }
        let kernel = changes.first { ($0["key"] as? String ?? "").hasPrefix("openssl-libs / x86_64") }
        let release = (kernel?["fields"] as? [[String: Any]])?.first { $0["name"] as? String == "Release" }
        #expect(release?["before"] as? String == "1.amzn2023.0.14")
        #expect(release?["after"] as? String == "2.amzn2023.0.1")
    }

    @Test func a_snapshot_diffed_with_itself_reports_nothing() throws {
        let result = InProcess.run(["diff", "--db", scratch.db, "t2", "t2"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("no changes"))
        let reverse = InProcess.run(["diff", "--db", scratch.db, "latest", "latest"])
        #expect(reverse.status == 0)
    }

    @Test func reingesting_identical_input_stores_nothing() throws {
        let result = InProcess.run(["ingest", "--db", scratch.db, Paths.fixture("fleet/t2")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("identical to snapshot 2"))
        let listed = InProcess.run(["snapshots", "--db", scratch.db, "--json"])
        let snapshots = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(snapshots?.count == 2)
    }

    @Test func references_resolve_and_unknown_ones_exit_2() throws {
        #expect(InProcess.run(["diff", "--db", scratch.db, "latest~1", "latest"]).status == 1)
        #expect(InProcess.run(["diff", "--db", scratch.db, "1", "2"]).status == 1)
        #expect(InProcess.run(["diff", "--db", scratch.db, "2026-11-05", "2026-11-30"]).status == 1)
        let unknown = InProcess.run(["diff", "--db", scratch.db, "nope", "latest"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown snapshot 'nope'"))
        #expect(InProcess.run(["diff", "--db", scratch.db, "latest~5"]).status == 2)
        #expect(InProcess.run(["diff", "--db", scratch.db, "2020-01-01"]).status == 2)
    }

    @Test func filters_narrow_the_diff() throws {
        let (_, changes, _) = try diffJSON(scratch.db, ["t1", "t2"], extra: ["--type", "AWS:WindowsUpdate"])
        #expect(changes.count == 1)
        #expect(changes.first?["key"] as? String == "KB5068787")
        let (status, none, _) = try diffJSON(scratch.db, ["t1", "t2"], extra: ["--node", "i-0c71e5a9d3b28f4e7", "--type", "AWS:Network"])
        #expect(status == 0)
        #expect(none.isEmpty)
        let (_, tokyo, _) = try diffJSON(scratch.db, ["t1", "t2"], extra: ["--region", "ap-northeast-1"])
        #expect(tokyo.count == 1)
    }

    @Test func csv_and_text_outputs() throws {
        let csv = InProcess.run(["diff", "--db", scratch.db, "--format", "csv"])
        #expect(csv.status == 1)
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "change,accountId,region,resourceId,computerName,typeName,key,field,before,after,note")
        #expect(
            lines.contains {
                $0.hasPrefix("changed,111122223333,us-east-1,i-0a3f9c27e81b4d5c6,")
                    && $0.contains("configuration.instanceType,t3.medium,t3.large")
            })
        let text = InProcess.run(["diff", "--db", scratch.db])
        #expect(text.stdout.contains("~ AWS::EC2::Instance"))
        #expect(text.stdout.contains("configuration.instanceType: t3.medium → t3.large"))
        #expect(text.stdout.contains("15 added, 2 removed, 2 changed, 2 status changes"))
        #expect(!text.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        let coloured = InProcess.run(["diff", "--db", scratch.db, "--color", "always"])
        #expect(coloured.stdout.contains("\u{1B}[32m"))
    }

    /// The workbook read back as zip + XML: sheets, rows equal to the store's counts, header.
    @Test func export_rows_equal_store_counts() throws {
        let output = scratch.path("fleet.xlsx")
        let result = InProcess.run(["export", "--db", scratch.db, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = try XlsxInspector.inspect(output)
        #expect(Array(workbook.sheetNames.prefix(3)) == ["Dashboard", "Nodes", "Changes"])
        #expect(workbook.sheetNames.last == "Chart data", "the hidden chart data comes last")
        #expect(workbook.sheetNames.dropLast().last == "About")
        #expect(workbook.sheetNames.contains("AWS_Application"))
        #expect(workbook.sheetNames.contains("AWS_EC2_Instance"))
        let counts: [String: Int] = [
            "AWS_Application": 73, "AWS_AWSComponent": 4, "AWS_InstanceInformation": 6, "AWS_Network": 7,
            "AWS_WindowsUpdate": 6, "AWS_EC2_Instance": 5, "AWS_EC2_SecurityGroup": 2,
        ]
        for (sheet, rows) in counts {
            let data = try #require(workbook.sheets[sheet])
            #expect(data.rowCount - 1 == rows, "\(sheet)")
            #expect(data.pane?.ySplit == "1", "\(sheet) header frozen")
            #expect(data.autoFilter != nil, "\(sheet) autofilter")
            #expect(data.formulaCount == 0)
        }
        let summary = try #require(workbook.sheets["Nodes"])
        #expect(summary.cells["C1"]?.text == "Node ID")
        let nodeIds = summary.rows().filter { $0.key > 1 }.compactMap { $0.value["C"] }.filter { $0.hasPrefix("i-") || $0.hasPrefix("mi-") }
        #expect(nodeIds.count == 6)
        #expect(workbook.parts.contains { $0.hasPrefix("xl/charts/chart") }, "the dashboard has charts")
        let apps = try #require(workbook.sheets["AWS_Application"])
        let names = Set(apps.rows().values.compactMap { $0["E"] })
        #expect(names.contains("秀丸エディタ"))
        let changes = try #require(workbook.sheets["Changes"])
        let header = changes.rows()[1] ?? [:]
        func column(_ title: String) -> String { header.first { $0.value == title }?.key ?? "?" }
        #expect(
            changes.rows().values.contains {
                $0["A"] == "changed" && $0[column("Field or path")] == "configuration.instanceType" && $0[column("Before")] == "t3.medium"
            })
    }

    /// The dashboard says when the workbook was generated, so repeatable exports fix that time
    /// with SOURCE_DATE_EPOCH (the reproducible-builds convention).
    @Test func exporting_twice_is_byte_identical() throws {
        let first = scratch.path("a.xlsx")
        let second = scratch.path("b.xlsx")
        let fixed = ["SOURCE_DATE_EPOCH": "1763000000"]
        #expect(InProcess.run(["export", "--db", scratch.db, "--output", first], variables: fixed).status == 0)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(InProcess.run(["export", "--db", scratch.db, "--output", second], variables: fixed).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        let epoch = scratch.path("c.xlsx")
        #expect(
            InProcess.run(["export", "--db", scratch.db, "--output", epoch], variables: ["SOURCE_DATE_EPOCH": "1700000000"]).status == 0)
        let core = try XlsxInspector.part(epoch, "docProps/core.xml")
        #expect(core.contains("2023-11-14T22:13:20Z"))
    }

    @Test func csv_export_writes_one_rfc4180_file_per_sheet() throws {
        let directory = scratch.path("csv")
        let result = InProcess.run(["export", "--db", scratch.db, "--format", "csv", "--bom", "--output", directory])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files.contains("Nodes.csv"))
        #expect(!files.contains("Dashboard.csv") && !files.contains("Chart data.csv"), "CSV holds the tables only")
        #expect(files.contains("AWS_Application.csv"))
        #expect(!files.contains { $0.hasPrefix(".") }, "no temporary files left")
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/AWS_Application.csv"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let records = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(records.count == 74, "header + 73 rows")
        #expect(text.contains("秀丸エディタ"))
    }
}
