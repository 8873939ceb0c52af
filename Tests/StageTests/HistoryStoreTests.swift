import Foundation
import GRDB
import InventoryCore
import Testing

/// Schema v4's content addressing through the store's API: identical rows and groups are stored
/// once across nodes and snapshots, prune collects what nothing references, and inventory items
/// read back with their configuration rebuilt from the rows.
@Suite struct HistoryStoreTests {
    static let packages = (0..<50).map { ["Name": "package-\($0)", "Version": "1.\($0)", "Architecture": "x86_64"] }

    func day(_ dir: TempDir, _ name: String, time: String, nodes: Int, extra: [String: [[String: String]]] = [:]) throws -> [String] {
        try (0..<nodes).map { index in
            let node = String(format: "i-%017d", index)
            return try dir.write(
                "\(name)/\(node).json", listEntries(node: node, captureTime: time, rows: Self.packages + (extra[node] ?? [])))
        }
    }

    @Test func identical_groups_across_nodes_and_days_are_stored_once() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        try ingest(store, try day(dir, "d0", time: "2026-11-01T03:00:00Z", nodes: 20))
        let first = try store.contentCounts()
        #expect(first.snapshotRows == 20 * 50)
        #expect(first.distinctRows == 50, "twenty nodes with the same packages share the rows")
        #expect(first.distinctGroups == 1)

        // The next day: new capture times everywhere, one node with one more package.
        let changed = String(format: "i-%017d", 7)
        let next = try ingest(
            store, try day(dir, "d1", time: "2026-11-02T03:00:00Z", nodes: 20, extra: [changed: [["Name": "new-tool", "Version": "2"]]]))
        let second = try store.contentCounts()
        #expect(second.snapshotRows == 2 * 20 * 50 + 1)
        #expect(second.distinctRows == 51)
        #expect(second.distinctGroups == 2)
        // Read back exactly as written.
        let rows = try storedEntries(store, next.snapshot, node: changed)
        #expect(rows.count == 51)
        #expect(rows.contains { $0.attributes["Name"] == "new-tool" })
        #expect(try storedEntries(store, next.snapshot).count == 20 * 50 + 1)
        #expect(try store.coverage(snapshotId: next.snapshot.id).allSatisfy { $0.contentFingerprint != nil })
    }

    @Test func duplicate_rows_in_one_group_are_kept_as_copies() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let twice = [["Name": "curl", "Version": "8"], ["Name": "curl", "Version": "8"], ["Name": "bash", "Version": "5"]]
        let file = try dir.write("a.json", listEntries(node: "i-1", rows: twice))
        let snapshot = try ingest(store, [file]).snapshot
        #expect(try storedEntries(store, snapshot).map { $0.attributes["Name"] ?? "" }.sorted() == ["bash", "curl", "curl"])
        #expect(try store.entryCount(snapshotId: snapshot.id, typeName: "AWS:Application") == 3)
    }

    @Test func prune_removes_rows_and_groups_no_snapshot_references() throws {
        let dir = try TempDir()
        let path = dir.path("store.sqlite")
        let store = try InventoryStore(path: path)
        for (index, time) in ["2026-11-01T03:00:00Z", "2026-11-02T03:00:00Z", "2026-11-03T03:00:00Z"].enumerated() {
            let extra = [String(format: "i-%017d", 0): [["Name": "day-\(index)", "Version": "1"]]]
            try ingest(store, try day(dir, "d\(index)", time: time, nodes: 5, extra: extra))
        }
        #expect(try store.contentCounts().distinctRows == 53)
        #expect(try store.contentCounts().distinctGroups == 4)
        let result = try store.prune(keep: 1, olderThan: nil, includeLabelled: false, dryRun: false)
        #expect(result.removed.count == 2)
        let after = try store.contentCounts()
        #expect(after.distinctRows == 51, "the rows only the pruned days held are gone")
        #expect(after.distinctGroups == 2)
        #expect(after.snapshotRows == 5 * 50 + 1)
        #expect(try store.verify().isSound)
    }

    @Test func an_inventory_item_reads_back_with_its_configuration_rebuilt_from_the_rows() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let configuration: [String: Any] = [
            "AWS:Application": [
                "SchemaVersion": "1.1", "CaptureTime": "2026-11-01T02:59:00Z",
                "Content": [["Name": "curl", "Version": "8.5.0"], ["Name": "bash", "Version": "5.2"]],
            ],
            "AWS:InstanceInformation": [
                "SchemaVersion": "1.0", "Content": ["i-1": ["InstanceId": "i-1", "PlatformType": "Linux"]],
            ],
        ]
        let item: [String: Any] = [
            "version": "1.3", "accountId": "111122223333", "configurationItemCaptureTime": "2026-11-01T03:00:00Z",
            "configurationItemStatus": "OK", "configurationStateId": "1", "resourceType": "AWS::SSM::ManagedInstanceInventory",
            "resourceId": "i-1", "awsRegion": "us-east-1", "tags": [:], "relationships": [], "configuration": configuration,
        ]
        let data = try JSONSerialization.data(withJSONObject: ["configurationItems": [item]])
        let file = try dir.write("snapshot.json", String(decoding: data, as: UTF8.self))
        let snapshot = try ingest(store, [file]).snapshot
        let resource = try #require(try store.resources(snapshotId: snapshot.id).first)
        #expect(resource.contentInInventory)
        let text = try #require(resource.configuration)
        let rebuilt = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
        // Content lists are sets: they come back ordered by identity key, not in capture order.
        var expected = configuration
        expected["AWS:Application"] = [
            "SchemaVersion": "1.1", "CaptureTime": "2026-11-01T02:59:00Z",
            "Content": [["Name": "bash", "Version": "5.2"], ["Name": "curl", "Version": "8.5.0"]],
        ]
        #expect(rebuilt == expected as NSDictionary)
        // Without the inventory configuration (the diff's view), nothing is rebuilt.
        #expect(try store.resources(snapshotId: snapshot.id, inventoryConfiguration: false).first?.configuration == nil)
    }

    @Test func a_file_abandoned_part_way_leaves_no_stale_resource_keys_behind() throws {
        // The first file is streamed and fails after its first item (kept going); the second
        // file's new resource must not take the abandoned item's key, nor its item replace it.
        func item(_ id: String, _ name: String) -> [String: Any] {
            [
                "version": "1.3", "accountId": "111122223333", "configurationItemCaptureTime": "2026-11-01T03:00:00Z",
                "configurationItemStatus": "OK", "configurationStateId": "1", "resourceType": "AWS::EC2::Instance",
                "resourceId": id, "awsRegion": "us-east-1", "resourceName": name, "tags": [:], "relationships": [],
                "configuration": ["instanceId": id],
            ]
        }
        let dir = try TempDir()
        let broken = jsonText(["configurationItems": [item("i-a", "A"), item("i-b", "B")]])
        let first = try dir.write("a.json", String(broken.dropLast(30)))
        let second = try dir.write("b.json", jsonText(["configurationItems": [item("i-c", "C"), item("i-a", "A")]]))
        let store = try memoryStore()
        var options = IngestOptions(label: nil, keepGoing: true)
        options.streamThreshold = 0
        let result = try Ingestor(options: options, toolVersion: "test", now: { fixedIngestTime }).run(
            paths: [first, second], store: store)
        #expect(result.files.contains { $0.status == .failed })
        let items = try store.resources(snapshotId: result.snapshot.id)
        #expect(items.map { "\($0.resourceId)=\($0.resourceName ?? "")" } == ["i-a=A", "i-c=C"])
        #expect(try store.verify().isSound)
    }

    @Test func capture_times_before_1970_read_back_as_iso8601_whatever_their_spelling() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let times = ["1969-07-20T20:17:40.000Z", "1969-12-31T23:59:59.5Z", "1969-07-20T20:17:40Z", "2026-11-01T03:00:00.000Z"]
        let files = try times.enumerated().map { index, time in
            try dir.write("n\(index).json", listEntries(node: "i-\(index)", captureTime: time, rows: [["Name": "curl", "Version": "8"]]))
        }
        let snapshot = try ingest(store, files).snapshot
        let coverage = try store.coverage(snapshotId: snapshot.id)
        #expect(
            coverage.map { $0.captureTime ?? "" }
                == ["1969-07-20T20:17:40Z", "1969-12-31T23:59:59.500Z", "1969-07-20T20:17:40Z", "2026-11-01T03:00:00Z"])
    }

    /// `coverage(snapshotId:)` and `nodes(snapshotId:)` read the v4 tables and spell times in Swift;
    /// the views people query spell them in SQL. Both must say the same.
    @Test func the_store_reads_times_as_its_views_spell_them() throws {
        let dir = try TempDir()
        let path = dir.path("store.sqlite")
        let store = try InventoryStore(path: path)
        let times = [
            "1969-12-31T23:59:59.5Z", "2026-11-01T03:00:00.000Z", "2026-11-01T03:00:00.25+01:00", "0001-01-01T00:00:00Z", "1700000000",
        ]
        let files = try times.enumerated().map { index, time in
            try dir.write("n\(index).json", listEntries(node: "i-\(index)", captureTime: time, rows: [["Name": "curl", "Version": "8"]]))
        }
        let snapshot = try ingest(store, files).snapshot
        let (coverage, nodes) = try DatabaseQueue(path: path).read { db in
            (
                try Row.fetchAll(
                    db, sql: "SELECT node_id, capture_time FROM coverage WHERE snapshot_id = ? ORDER BY node_id", arguments: [snapshot.id]
                )
                .map { [$0[0], $0[1]] as [String?] },
                try Row.fetchAll(
                    db, sql: "SELECT node_id, last_capture_time FROM managed_node WHERE snapshot_id = ? ORDER BY node_id",
                    arguments: [snapshot.id]
                )
                .map { [$0[0], $0[1]] as [String?] }
            )
        }
        #expect(try store.coverage(snapshotId: snapshot.id).map { [$0.nodeId, $0.captureTime] } == coverage)
        #expect(try store.nodes(snapshotId: snapshot.id).map { [$0.nodeId, $0.lastCaptureTime] } == nodes)
        #expect(coverage.count == times.count)
    }

    @Test func inventory_items_read_back_with_their_own_configuration() throws {
        // Compliance items: nested maps, numbers and an id with the `…/i-…` prefix Config gives them.
        let compliance: [String: Any] = [
            "AWS:ComplianceItem": [
                "SchemaVersion": "1.0",
                "Content": ["Patch": ["curl.x86_64": ["Status": "COMPLIANT", "Id": "curl.x86_64", "Count": 2]]],
            ]
        ]
        let application: [String: Any] = [
            "AWS:Application": [
                "SchemaVersion": "1.1", "CaptureTime": "2026-11-01T02:59:00Z", "Content": [["Name": "curl", "Version": "8.5.0"]],
            ]
        ]
        func item(_ type: String, _ id: String, _ configuration: [String: Any]) -> [String: Any] {
            [
                "version": "1.3", "accountId": "111122223333", "configurationItemCaptureTime": "2026-11-01T03:00:00Z",
                "configurationItemStatus": "OK", "configurationStateId": "1", "resourceType": type, "resourceId": id,
                "awsRegion": "us-east-1", "tags": [:], "relationships": [], "configuration": configuration,
            ]
        }
        let dir = try TempDir()
        let file = try dir.write(
            "snapshot.json",
            jsonText([
                "configurationItems": [
                    item("AWS::SSM::PatchCompliance", "AWS::SSM::ManagedInstanceInventory/i-1", compliance),
                    item("AWS::SSM::ManagedInstanceInventory", "AWS::SSM::ManagedInstanceInventory/i-2", application),
                ]
            ]))
        let store = try memoryStore()
        let snapshot = try ingest(store, [file]).snapshot
        let resources = try store.resources(snapshotId: snapshot.id)
        #expect(resources.count == 2)
        for (resource, expected) in zip(resources, [application, compliance]) {
            let text = try #require(resource.configuration)
            let read = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
            #expect(read == expected as NSDictionary, "\(resource.resourceType)")
        }
    }

    @Test func item_content_only_replaced_versions_held_is_not_kept() throws {
        func item(_ state: String, _ time: String, _ size: String) -> [String: Any] {
            [
                "version": "1.3", "accountId": "111122223333", "configurationItemCaptureTime": time,
                "configurationItemStatus": "OK", "configurationStateId": state, "resourceType": "AWS::EC2::Instance",
                "resourceId": "i-a", "awsRegion": "us-east-1", "tags": [:], "relationships": [],
                "configuration": ["instanceId": "i-a", "instanceType": size],
            ]
        }
        let dir = try TempDir()
        let versions = [
            item("1", "2026-11-01T00:00:00Z", "t3.micro"), item("2", "2026-11-02T00:00:00Z", "t3.small"),
            item("3", "2026-11-03T00:00:00Z", "t3.large"),
        ]
        let file = try dir.write("history.json", jsonText(["configurationItems": versions]))
        let store = try memoryStore()
        let snapshot = try ingest(store, [file]).snapshot
        #expect(try store.resources(snapshotId: snapshot.id).map { $0.configurationStateId } == ["3"])
        #expect(try store.itemContentCount() == 1, "the two older versions' content is not kept")
    }

    @Test func rows_under_swapped_map_keys_are_different_groups() throws {
        func item(_ id: String, _ first: String, _ second: String) -> [String: Any] {
            [
                "version": "1.3", "accountId": "111122223333", "configurationItemCaptureTime": "2026-11-01T03:00:00Z",
                "configurationItemStatus": "OK", "configurationStateId": "1", "resourceType": "AWS::SSM::ManagedInstanceInventory",
                "resourceId": id, "awsRegion": "us-east-1", "tags": [:], "relationships": [],
                "configuration": [
                    "Custom:Disk": ["SchemaVersion": "1.0", "Content": ["disk0": ["Size": first], "disk1": ["Size": second]]]
                ],
            ]
        }
        let dir = try TempDir()
        let file = try dir.write("snapshot.json", jsonText(["configurationItems": [item("i-1", "10", "20"), item("i-2", "20", "10")]]))
        let store = try memoryStore()
        let snapshot = try ingest(store, [file]).snapshot
        for (id, expected) in [("i-1", ["disk0=10", "disk1=20"]), ("i-2", ["disk0=20", "disk1=10"])] {
            let rows = try storedEntries(store, snapshot, node: id)
            #expect(rows.map { "\($0.mapKey ?? "")=\($0.attributes["Size"] ?? "")" }.sorted() == expected, "\(id)")
        }
    }

    @Test func an_inventory_item_whose_rows_lost_to_a_newer_capture_keeps_its_own_configuration() throws {
        let configuration: [String: Any] = [
            "AWS:Application": [
                "SchemaVersion": "1.1", "CaptureTime": "2026-11-01T02:00:00Z", "Content": [["Name": "curl", "Version": "8"]],
            ]
        ]
        let item: [String: Any] = [
            "version": "1.3", "accountId": "111122223333", "configurationItemCaptureTime": "2026-11-01T03:00:00Z",
            "configurationItemStatus": "OK", "configurationStateId": "1", "resourceType": "AWS::SSM::ManagedInstanceInventory",
            "resourceId": "i-1", "awsRegion": "us-east-1", "tags": [:], "relationships": [], "configuration": configuration,
        ]
        let dir = try TempDir()
        let snapshotFile = try dir.write("snapshot.json", jsonText(["configurationItems": [item]]))
        let newer = try dir.write(
            "i-1.json", listEntries(node: "i-1", captureTime: "2026-11-01T05:00:00Z", rows: [["Name": "curl", "Version": "9"]]))
        let store = try memoryStore()
        let snapshot = try ingest(store, [snapshotFile, newer]).snapshot
        #expect(try storedEntries(store, snapshot).map { $0.attributes["Version"] ?? "" } == ["9"], "the newer capture wins")
        let text = try #require(try store.resources(snapshotId: snapshot.id).first?.configuration)
        let read = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
        #expect(read == configuration as NSDictionary, "the item's own content, not the rows that won")
    }

    /// A Config snapshot of inventory items captured at `time`, each node with `packages`, written
    /// as text so member order is the same every time (as AWS writes it).
    func itemsFile(_ dir: TempDir, _ name: String, time: String, packages: [String: [[String: String]]]) throws -> String {
        func row(_ attributes: [String: String]) -> String {
            "{" + attributes.keys.sorted().map { "\"\($0)\":\"\(attributes[$0] ?? "")\"" }.joined(separator: ",") + "}"
        }
        let items = packages.keys.sorted().map { node in
            """
            {"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"\(time)","configurationItemStatus":"OK",
             "configurationStateId":"1","resourceType":"AWS::SSM::ManagedInstanceInventory","resourceId":"\(node)",
             "awsRegion":"us-east-1","tags":{},"relationships":[],"configuration":{
               "AWS:Application":{"SchemaVersion":"1.1","CaptureTime":"\(time)","Content":[\((packages[node] ?? []).map(row).joined(separator: ","))]},
               "AWS:InstanceInformation":{"SchemaVersion":"1.0","CaptureTime":"\(time)",
                 "Content":{"\(node)":{"InstanceId":"\(node)","PlatformType":"Linux","ComputerName":"\(node)"}}}}}
            """
        }
        return try dir.write(name, "{\"configurationItems\":[" + items.joined(separator: ",") + "]}")
    }

    @Test func unchanged_content_is_taken_by_reference_before_rows_are_built() throws {
        let dir = try TempDir()
        let path = dir.path("store.sqlite")
        let base = [["Name": "curl", "Version": "8"], ["Name": "bash", "Version": "5"]]
        let day0: [String: [[String: String]]] = [
            "i-1": base, "i-2": base + [["Name": "vim", "Version": "9"]], "i-3": [["Name": "zsh", "Version": "5"]],
        ]
        try ingest(try InventoryStore(path: path), [try itemsFile(dir, "d0.json", time: "2026-11-01T03:00:00Z", packages: day0)])

        // Point i-2's Application content at i-3's group: if the next ingest takes known content by
        // reference (without building rows), i-2 comes back with i-3's rows.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            let group: (String) throws -> Int64 = { node in
                try Int64.fetchOne(
                    db, sql: "SELECT group_id FROM coverage WHERE snapshot_id = 1 AND node_id = ? AND type_name = 'AWS:Application'",
                    arguments: [node]) ?? -1
            }
            let aliases = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM group_alias") ?? 0
            #expect(aliases == 3, "one alias per Application group; InstanceInformation is always built")
            try db.execute(sql: "UPDATE group_alias SET group_id = ? WHERE group_id = ?", arguments: [try group("i-3"), try group("i-2")])
        }
        try queue.close()

        let day1 = day0.merging(["i-1": base + [["Name": "git", "Version": "2"]]]) { $1 }
        let store = try InventoryStore(path: path)
        let next = try ingest(store, [try itemsFile(dir, "d1.json", time: "2026-11-02T03:00:00Z", packages: day1)]).snapshot
        let names = { (node: String) in
            try storedEntries(store, next, type: "AWS:Application", node: node).map { $0.attributes["Name"] ?? "" }.sorted()
        }
        #expect(try names("i-2") == ["zsh"], "known content was taken by reference")
        #expect(try names("i-1") == ["bash", "curl", "git"], "changed content was built")
        #expect(try names("i-3") == ["zsh"])
        // Capture times come from this capture, not from the known group's.
        #expect(try store.coverage(snapshotId: next.id).allSatisfy { $0.captureTime == "2026-11-02T03:00:00Z" })
    }

    @Test func only_content_rows_give_back_exactly_keeps_a_skeleton() {
        func lossless(_ json: String) -> Bool {
            guard let value = try? JSONParser.parse(Array(json.utf8)) else { return false }
            return ContentRows.isLosslessShape(value)
        }
        #expect(lossless(#"[{"Name":"a","Version":"1"},{"Name":"b"}]"#))
        #expect(lossless(#"[]"#))
        #expect(lossless(#"{"a":{"Name":"a"},"k":[{"Name":"k","Version":"1"},{"Name":"k","Version":"2"}]}"#))
        #expect(!lossless(#"{}"#), "an empty map comes back as an empty list")
        #expect(!lossless(#"[{"Size":10}]"#), "numbers come back as strings")
        #expect(!lossless(#"[{"Name":null}]"#), "nulls are dropped")
        #expect(!lossless(#"{"k":[{"Name":"k"}]}"#), "a one-element list comes back as its element")
        #expect(!lossless(#"{"Name":"a"}"#), "a single object comes back as a list")
        #expect(!lossless(#"{"p":{"q":{"Name":"a"}}}"#), "nested maps come back flattened")
        #expect(!lossless(#"[{"Name":"a","Name":"b"}]"#), "a repeated key keeps one value")
    }
}
