import Foundation
import Testing
import XlsxInspection

/// Three small snapshots written by the test: an rpm node, a dpkg node and a Windows node, whose
/// package versions put string order and version order at odds (3.0.9 vs 3.0.15, epochs, `~`).
struct GeneratedFleet {
    struct Node {
        var id: String
        var computerName: String
        var platformName: String
        var platformType: String
        var platformVersion: String
    }

    static let alpha = Node(
        id: "i-0aaa000000000001", computerName: "alpha.example", platformName: "Amazon Linux", platformType: "Linux",
        platformVersion: "2023")
    static let beta = Node(
        id: "i-0bbb000000000002", computerName: "beta.example", platformName: "Ubuntu", platformType: "Linux", platformVersion: "22.04")
    static let gamma = Node(
        id: "i-0ccc000000000003", computerName: "gamma.example", platformName: "Microsoft Windows Server 2022 Datacenter",
        platformType: "Windows", platformVersion: "10.0.20348")

    /// Application rows per node for snapshot 1, 2 and 3 (index 0, 1, 2).
    static func applications(_ node: Node, snapshot: Int) -> [[String: String]] {
        switch node.id {
        case alpha.id:
            return [
                [
                    "Name": "openssl-libs", "Version": snapshot == 0 ? "3.0.9" : "3.0.15", "Release": "1.amzn2023", "Epoch": "1",
                    "Architecture": "x86_64",
                ],
                ["Name": "pkgtilde", "Version": "2.0~beta", "Release": "1", "Architecture": "x86_64"],
                ["Name": "kernel", "Version": "6.1.9", "Release": "1.amzn2023", "Architecture": "x86_64"],
            ]
        case beta.id:
            return [
                ["Name": "openssl", "Version": snapshot < 2 ? "3.0.2-0ubuntu1.10" : "3.0.2-0ubuntu1.12", "Architecture": "amd64"],
                ["Name": "libfoo", "Version": "1.0~rc1-1", "Architecture": "amd64"],
                ["Name": "epochpkg", "Version": "1:2.0-1", "Architecture": "amd64"],
            ]
        default:
            var rows = [["Name": "OpenSSL", "Version": "3.0.15.1", "Publisher": "OpenSSL Project", "Architecture": "x86_64"]]
            if snapshot == 2 { rows.append(["Name": "curl", "Version": "8.5.0", "Publisher": "curl", "Architecture": "x86_64"]) }
            return rows
        }
    }

    /// Writes snapshot `index` (0, 1, 2) as resource data sync files and returns its folder.
    static func write(_ index: Int, in scratch: Scratch) throws -> String {
        let time = ["2026-10-01T03:00:00Z", "2026-10-08T03:00:00Z", "2026-10-15T03:00:00Z"][index]
        let folder = "gen\(index + 1)"
        for node in [alpha, beta, gamma] {
            let prefix = "accountid=111122223333/region=us-east-1/resourcetype=ManagedInstanceInventory/\(node.id).json"
            let information: [String: String] = [
                "InstanceId": node.id, "ComputerName": node.computerName, "PlatformName": node.platformName,
                "PlatformType": node.platformType, "PlatformVersion": node.platformVersion, "AgentVersion": "3.3.987.0",
                "InstanceStatus": "Active", "ResourceType": "EC2Instance",
            ]
            _ = try scratch.write("\(folder)/AWS%3AInstanceInformation/\(prefix)", line(information, node: node, time: time, schema: "1.0"))
            let rows = applications(node, snapshot: index).map { line($0, node: node, time: time, schema: "1.1") }
            _ = try scratch.write("\(folder)/AWS%3AApplication/\(prefix)", rows.joined())
        }
        return scratch.path(folder)
    }

    static func line(_ attributes: [String: String], node: Node, time: String, schema: String) -> String {
        var row = attributes
        row["resourceId"] = node.id
        row["captureTime"] = time
        row["schemaVersion"] = schema
        let data = try! JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A store with the three snapshots labelled one, two, three.
    static func store(_ scratch: Scratch) throws -> String {
        for (index, label) in ["one", "two", "three"].enumerated() {
            try ingest(scratch.db, [try write(index, in: scratch)], extra: ["--label", label])
        }
        return scratch.db
    }
}

@Suite struct FindTests {
    func keys(_ db: String, _ arguments: [String]) throws -> (status: Int32, rows: Set<String>) {
        let result = InProcess.run(["find", "--db", db, "--format", "json"] + arguments)
        guard result.status != 2 else { throw TestFailure("find \(arguments): \(result.stderr)") }
        let matches = try json(result.stdout)["matches"] as? [[String: Any]] ?? []
        return (
            result.status,
            Set(matches.map { "\($0["computerName"] as? String ?? "?") \(($0["attributes"] as? [String: String])?["Name"] ?? "?")" })
        )
    }

    @Test func version_bounds_use_each_nodes_ordering_not_string_order() throws {
        let scratch = try Scratch()
        let db = try GeneratedFleet.store(scratch)
        // rpm 3.0.9 (epoch 1, bound without one) and dpkg 3.0.2-0ubuntu1.10 are below 3.0.15; Windows 3.0.15.1 is not.
        let below = try keys(db, ["--snapshot", "one", "--name", "openssl*", "--version-below", "3.0.15"])
        #expect(below.status == 0)
        #expect(below.rows == ["alpha.example openssl-libs", "beta.example openssl"])
        // At snapshot two the rpm node has 3.0.15 (epoch 1): at least 3.0.15, not below it.
        #expect(try keys(db, ["--snapshot", "two", "--name", "openssl-libs", "--version-below", "3.0.15"]).status == 1)
        #expect(
            try keys(db, ["--snapshot", "two", "--name", "openssl-libs", "--version-at-least", "3.0.15"]).rows == [
                "alpha.example openssl-libs"
            ])
        // `~` sorts before the release: 1.0~rc1 (dpkg) and 2.0~beta (rpm) are below 1.0 and 2.0.
        #expect(try keys(db, ["--name", "libfoo", "--version-below", "1.0"]).rows == ["beta.example libfoo"])
        #expect(try keys(db, ["--name", "libfoo", "--version-at-least", "1.0"]).status == 1)
        #expect(try keys(db, ["--name", "pkgtilde", "--version-below", "2.0"]).rows == ["alpha.example pkgtilde"])
        // Epochs: an explicit epoch in the bound is compared (1:2.0-1 is below 2:1.0, not below 0:3.0).
        #expect(try keys(db, ["--name", "epochpkg", "--version-below", "2:1.0"]).rows == ["beta.example epochpkg"])
        #expect(try keys(db, ["--name", "epochpkg", "--version-below", "0:3.0"]).status == 1)
        #expect(try keys(db, ["--name", "epochpkg", "--version-below", "3.0"]).rows == ["beta.example epochpkg"])
        #expect(try keys(db, ["--name", "openssl-libs", "--version-below", "2:1.0"]).rows == ["alpha.example openssl-libs"])
    }

    @Test func patterns_conditions_and_node_context() throws {
        let scratch = try Scratch()
        let db = try GeneratedFleet.store(scratch)
        #expect(
            try keys(db, ["--name", "OPEN?SL*"]).rows == ["alpha.example openssl-libs", "beta.example openssl", "gamma.example OpenSSL"])
        #expect(try keys(db, ["--where", "Publisher=curl", "--where", "architecture=x86*"]).rows == ["gamma.example curl"])
        #expect(try keys(db, ["--node", "beta.example", "--type", "aws:application"]).rows.count == 3)
        let text = InProcess.run(["find", "--db", db, "--name", "curl"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("ACCOUNT       REGION     NODE                COMPUTER NAME  TYPE             ROW"))
        #expect(text.stdout.contains("gamma.example"))
        let none = InProcess.run(["find", "--db", db, "--name", "nothing-like-this"])
        #expect(none.status == 1)
        #expect(none.stdout.contains("no rows match"))
        let csv = InProcess.run(["find", "--db", db, "--name", "curl", "--format", "csv"])
        #expect(
            csv.stdout.hasPrefix("account_id,region,node_id,computer_name,name_tag,type_name,key,version,version_scheme,attributes\r\n"))
        #expect(csv.stdout.contains(",dotted,"))
        #expect(InProcess.run(["find", "--db", db, "--where", "novalue"]).status == 2)
        let typo = InProcess.run(["find", "--db", db, "--where", "Publsher=curl"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("--where Publsher: no row of the snapshot has this attribute; closest known: Publisher"))
    }

    @Test func the_binary_exits_0_found_1_none() throws {
        let scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        let found = try Binary.run(["find", "--db", scratch.db, "--name", "openssl*", "--version-below", "3.0.15"])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("i-0a3f9c27e81b4d5c6"))
        #expect(try Binary.run(["find", "--db", scratch.db, "--name", "openssl*", "--version-below", "0.1"]).status == 1)
    }
}

@Suite struct HistoryTests {
    func events(_ db: String, _ arguments: [String]) throws -> (status: Int32, events: [[String: Any]]) {
        let result = InProcess.run(["history", "--db", db, "--format", "json"] + arguments)
        guard result.status != 2 else { throw TestFailure("history \(arguments): \(result.stderr)") }
        return (result.status, try json(result.stdout)["events"] as? [[String: Any]] ?? [])
    }

    @Test func changes_across_three_snapshots_in_the_snapshot_first_seen() throws {
        let scratch = try Scratch()
        let db = try GeneratedFleet.store(scratch)
        let all = try events(db, [])
        #expect(all.status == 1)
        let summary = all.events.map { event in
            "\((event["snapshot"] as? [String: Any])?["label"] as? String ?? "?") \(event["computerName"] as? String ?? "?") \(event["change"] as? String ?? "?") \(event["before"] as? String ?? "") → \(event["after"] as? String ?? "")"
        }
        #expect(
            summary == [
                "two alpha.example changed 1:3.0.9-1.amzn2023 → 1:3.0.15-1.amzn2023",
                "three beta.example changed 3.0.2-0ubuntu1.10 → 3.0.2-0ubuntu1.12",
                "three gamma.example added  → 8.5.0",
            ])
        #expect(all.events.first?["versionChange"] as? String == "upgrade")
        #expect((all.events.first?["snapshot"] as? [String: Any])?["takenAt"] as? String == "2026-10-08T03:00:00Z")
        let openssl = try events(db, ["--node", "alpha.example", "--name", "openssl*"])
        #expect(openssl.events.count == 1)
        #expect(try events(db, ["--type", "AWS:Application", "--node", "gamma.example"]).events.count == 1)
        // A range without changes: exit 0.
        let quiet = InProcess.run(["history", "--db", db, "--since", "two", "--until", "two"])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.contains("no history"))
        let second = try events(db, ["--since", "two"])
        #expect(second.events.count == 2)
        let text = InProcess.run(["history", "--db", db, "--name", "openssl*"])
        #expect(text.stdout.hasPrefix("SNAPSHOT  TAKEN AT"))
        #expect(text.stdout.contains("#2 two    2026-10-08T03:00:00Z"))
        #expect(text.stdout.contains("changed (upgrade)"))
        #expect(text.stdout.contains("1:3.0.9-1.amzn2023 → 1:3.0.15-1.amzn2023"))
        let csv = InProcess.run(["history", "--db", db, "--format", "csv"])
        #expect(csv.stdout.split(separator: "\r\n").count == 4)
    }

    @Test func export_history_adds_the_timeline_sheet() throws {
        let scratch = try Scratch()
        let db = try GeneratedFleet.store(scratch)
        let output = scratch.path("timeline.xlsx")
        let result = try Binary.run(["export", "--db", db, "--history", "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = try XlsxInspector.inspect(output)
        #expect(workbook.sheetNames.contains("Timeline"))
        let sheet = try #require(workbook.sheets["Timeline"])
        #expect(sheet.rowCount == 4)
        #expect(sheet.rows()[2]?.values.contains("#2 two") == true)
        let plain = scratch.path("plain.xlsx")
        #expect(try Binary.run(["export", "--db", db, "--output", plain]).status == 0)
        #expect(try !XlsxInspector.inspect(plain).sheetNames.contains("Timeline"))
    }

    /// The diff reads only the node and type pairs its filters let through (history walks many
    /// pairs); what it reports must be exactly the unfiltered changes, filtered.
    @Test func filtered_diffs_skip_pairs_without_changing_the_answer() throws {
        let scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        let all = try diffJSON(scratch.db).changes
        func keys(_ changes: [[String: Any]]) -> [String] {
            changes.map { "\($0["resourceId"] ?? "") \($0["typeName"] ?? "") \($0["change"] ?? "") \($0["key"] ?? "")" }
        }
        for (option, value, field) in [
            ("--type", "AWS:Application", "typeName"), ("--type", "aws:network", "typeName"),
            ("--node", "i-0a3f9c27e81b4d5c6", "resourceId"), ("--type", "AWS::EC2::Instance", "typeName"),
        ] {
            let filtered = try diffJSON(scratch.db, extra: [option, value]).changes
            let expected = all.filter { ($0[field] as? String)?.caseInsensitiveCompare(value) == .orderedSame }
            #expect(!expected.isEmpty, "\(option) \(value)")
            #expect(keys(filtered) == keys(expected), "\(option) \(value)")
        }
    }

    @Test func the_binary_exits_like_diff() throws {
        let scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("fleet/t1")], extra: ["--label", "before"])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")], extra: ["--label", "after"])
        let changes = try Binary.run(["history", "--db", scratch.db, "--node", "i-0a3f9c27e81b4d5c6", "--name", "openssl*"])
        #expect(changes.status == 1, "\(changes.stderr)")
        #expect(changes.stdout.contains("#2 after"))
        #expect(try Binary.run(["history", "--db", scratch.db, "--until", "before"]).status == 0)
    }
}

@Suite struct NodesAndShowTests {
    static func fleet(_ scratch: Scratch) throws -> String {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")], extra: ["--label", "before"])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")], extra: ["--label", "after"])
        return scratch.db
    }

    @Test func nodes_lists_and_filters() throws {
        let scratch = try Scratch()
        let db = try Self.fleet(scratch)
        let all = InProcess.run(["nodes", "--db", db, "--format", "json"])
        #expect(all.status == 0, "\(all.stderr)")
        let nodes = try json(all.stdout)["nodes"] as? [[String: Any]] ?? []
        #expect(nodes.count == 6)
        #expect(nodes.contains { $0["nodeId"] as? String == "i-0a3f9c27e81b4d5c6" && $0["nameTag"] as? String == "web-al2023-01" })
        let windows = InProcess.run(["nodes", "--db", db, "--platform", "windows"])
        #expect(windows.stdout.split(separator: "\n").count == 2)
        #expect(windows.stdout.contains("i-0c71e5a9d3b28f4e7"))
        let before = InProcess.run(["nodes", "--db", db, "--snapshot", "before", "--account", "444455556666"])
        #expect(before.stdout.contains("mi-0f2a6b9c8d1e3a574"))
        #expect(before.stdout.hasPrefix("ACCOUNT       REGION     NODE"))
        let terminated = InProcess.run(["nodes", "--db", db, "--status", "terminated", "--format", "csv"])
        #expect(terminated.stdout.split(separator: "\r\n").count == 2)
        #expect(terminated.stdout.contains("i-09b4c3e2d1f0a8765"))
        let stale = InProcess.run(["nodes", "--db", db, "--stale", "0", "--format", "json"])
        let staleNodes = try json(stale.stdout)["nodes"] as? [[String: Any]] ?? []
        #expect(!staleNodes.contains { $0["nodeId"] as? String == "i-09b4c3e2d1f0a8765" }, "a gone node is not stale")
        #expect(InProcess.run(["nodes", "--db", db, "--stale", "3650"]).stdout.contains("no nodes match"))
        let binary = try Binary.run(["nodes", "--db", db, "--snapshot", "before", "--format", "csv"])
        #expect(binary.status == 0, "\(binary.stderr)")
        #expect(binary.stdout.split(separator: "\r\n").count == 6)
        #expect(try Binary.run(["nodes", "--db", db, "--stale", "-1"]).status == 2)
    }

    @Test func show_one_node_by_id_name_or_prefix() throws {
        let scratch = try Scratch()
        let db = try Self.fleet(scratch)
        let result = InProcess.run(["show", "--db", db, "ip-10-20-1-37", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        #expect((document["node"] as? [String: Any])?["nodeId"] as? String == "i-0a3f9c27e81b4d5c6")
        let types = (document["types"] as? [[String: Any]] ?? []).compactMap { $0["typeName"] as? String }
        #expect(types == ["AWS:Application", "AWS:InstanceInformation", "AWS:Network"])
        let items = document["configurationItems"] as? [[String: Any]] ?? []
        #expect(items.first?["resourceType"] as? String == "AWS::EC2::Instance")
        let text = InProcess.run(["show", "--db", db, "i-0a3f9c27e81b4d5c6", "--snapshot", "before"])
        #expect(text.stdout.hasPrefix("node i-0a3f9c27e81b4d5c6 in snapshot #1 before"))
        #expect(text.stdout.contains("AWS:Application: 18 rows"))
        #expect(text.stdout.contains("Name tag       web-al2023-01"))
        #expect(text.stdout.contains("AWS::EC2::Instance i-0a3f9c27e81b4d5c6"))
        let csv = InProcess.run(["show", "--db", db, "i-0a3f9c27e81b4d5c6", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("section,type,row,attribute,value\r\n"))
        let ambiguous = InProcess.run(["show", "--db", db, "i-0"])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("matches 5 nodes") && ambiguous.stderr.contains("i-0a3f9c27e81b4d5c6"))
        let unknown = try Binary.run(["show", "--db", db, "i-0a3f9c27e81b4d5c7"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("closest known: i-0a3f9c27e81b4d5c6"))
        #expect(try Binary.run(["show", "--db", db, "web-al2023-01"]).status == 2, "a Name tag is not a computer name")
    }

    @Test func a_control_character_in_data_is_escaped_in_text() throws {
        let scratch = try Scratch()
        let row =
            #"{"Name":"evil\u001b[31mred","Version":"1","resourceId":"i-0ddd000000000004","captureTime":"2026-10-01T03:00:00Z","schemaVersion":"1.1"}"#
        let file = try scratch.write(
            "AWS%3AApplication/accountid=1/region=r/resourcetype=ManagedInstanceInventory/i-0ddd000000000004.json", row + "\n")
        try ingest(scratch.db, [file])
        let result = InProcess.run(["find", "--db", scratch.db, "--name", "evil*"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("evil\\x1b[31mred"))
    }

    @Test(arguments: [
        (["nodes", "--region", "us-east-2"], "--region us-east-2", "us-east-1"),
        (["nodes", "--account", "111122223334"], "--account 111122223334", "111122223333"),
        (["find", "--type", "AWS:Aplication"], "--type AWS:Aplication", "AWS:Application"),
        (["find", "--node", "ip-10-20-1-38.ec2.internal"], "--node ip-10-20-1-38.ec2.internal", "ip-10-20-1-37.ec2.internal"),
        (["history", "--type", "AWS:Netwrk"], "--type AWS:Netwrk", "AWS:Network"),
        (["history", "--node", "i-0a3f9c27e81b4d5c"], "--node i-0a3f9c27e81b4d5c", "i-0a3f9c27e81b4d5c6"),
        (["history", "--region", "ap-northeast-3"], "--region ap-northeast-3", "ap-northeast-1"),
    ])
    func unknown_names_exit_2_naming_the_closest(arguments: [String], names: String, closest: String) throws {
        let scratch = try Scratch()
        let db = try Self.fleet(scratch)
        let result = InProcess.run(arguments + ["--db", db])
        #expect(result.status == 2, "\(arguments): \(result.stdout)")
        #expect(result.stderr.contains(names), "\(result.stderr)")
        #expect(result.stderr.contains(closest), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
