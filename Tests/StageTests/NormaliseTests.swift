import Foundation
import InventoryModel
import Testing

/// The Model stage's normalisation: Content shapes to rows, canonical text and hashes, identity
/// keys, built-in types, Config inventory content, and the snapshot plan.
@Suite struct NormaliseTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    // MARK: ContentRows

    @Test func a_list_of_objects_is_one_row_each() throws {
        let (rows, skipped) = ContentRows.rows(of: try parse(#"[{"Name": "a", "Version": "1"}, {"Name": "b"}, 7]"#))
        #expect(rows == [InventoryRow(attributes: ["Name": "a", "Version": "1"]), InventoryRow(attributes: ["Name": "b"])])
        #expect(skipped == 1)
    }

    @Test func a_single_flat_object_is_one_row_and_an_empty_one_none() throws {
        #expect(
            ContentRows.rows(of: try parse(#"{"Rack": "R1", "Unit": 7}"#)).rows == [InventoryRow(attributes: ["Rack": "R1", "Unit": "7"])])
        #expect(ContentRows.rows(of: try parse("{}")).rows.isEmpty)
        #expect(ContentRows.rows(of: try parse("[]")).rows.isEmpty)
        #expect(ContentRows.rows(of: try parse(#""text""#)).skipped == 1)
    }

    @Test func a_map_keyed_by_name_keeps_the_key_and_array_values_become_several_rows() throws {
        let (rows, _) = ContentRows.rows(
            of: try parse(
                #"{"curl": {"Name": "curl", "Version": "8"}, "kernel": [{"Name": "kernel", "Version": "6.1.79"}, {"Name": "kernel", "Version": "6.1.90"}]}"#
            ))
        #expect(rows.count == 3)
        #expect(rows.map(\.mapKey) == ["curl", "kernel", "kernel"])
        #expect(rows.map { $0.attributes["Version"] } == ["8", "6.1.79", "6.1.90"])
    }

    @Test func a_map_of_maps_joins_the_keys_with_slashes() throws {
        // Config's AWS:ComplianceItem: Content.Patch.<patchId> = {…}.
        let (rows, _) = ContentRows.rows(
            of: try parse(
                #"{"Patch": {"KB1": {"Id": "KB1", "Status": "COMPLIANT"}, "KB2": {"Id": "KB2", "Status": "NON_COMPLIANT"}}}"#))
        #expect(rows.map(\.mapKey) == ["Patch/KB1", "Patch/KB2"])
        #expect(rows.map { $0.attributes["Status"] } == ["COMPLIANT", "NON_COMPLIANT"])
    }

    @Test func attributes_keep_scalars_as_text_drop_nulls_and_nest_as_compact_json() throws {
        let object = try #require(
            try parse(#"{"Name": "a", "Size": 1.50, "On": true, "Gone": null, "Tags": {"b": 1, "a": [2]}, "resourceId": "i-1"}"#)
                .objectValue)
        let attributes = ContentRows.attributes(of: object, dropping: ["resourceid"])
        #expect(attributes == ["Name": "a", "Size": "1.50", "On": "true", "Tags": #"{"b":1,"a":[2]}"#])
    }

    // MARK: CanonicalText

    @Test func canonical_text_sorts_keys_by_utf8_bytes_and_escapes_json() {
        let text = CanonicalText.object(["b": "2", "B": "1", "a": "quote \" back \\ tab \t", "é": "x", "Z": "\u{1}"])
        #expect(text == #"{"B":"1","Z":"\u0001","a":"quote \" back \\ tab \t","b":"2","é":"x"}"#)
        #expect(CanonicalText.object([:]) == "{}")
        // Round trip: the text is JSON.
        #expect((try? JSONParser.parse(text))?.objectValue?["a"]?.stringValue == "quote \" back \\ tab \t")
    }

    @Test func the_content_hash_is_sha256_hex_of_the_canonical_text() {
        #expect(CanonicalText.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(CanonicalText.hash(bytes: Array("abc".utf8)) == CanonicalText.hash("abc"))
        let one = CanonicalText.object(["Name": "a", "Version": "1"])
        let other = CanonicalText.object(["Version": "1", "Name": "a"])
        #expect(CanonicalText.hash(one) == CanonicalText.hash(other))
        #expect(CanonicalText.hash(one) != CanonicalText.hash(CanonicalText.object(["Name": "a", "Version": "1.0"])))
    }

    @Test func relationships_are_canonical_whatever_their_order() throws {
        let relationships = try item(
            #"{"resourceType": "T", "resourceId": "r", "relationships": [{"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-1", "relationshipName": "Is contained in Vpc"}, {"resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg-1", "name": "Is associated with "}]}"#
        ).relationships
        let vpc = relationships[0]
        let sg = relationships[1]
        #expect(CanonicalText.relationships([vpc, sg]) == CanonicalText.relationships([sg, vpc]))
        #expect(CanonicalText.relationships([vpc, sg]).hasPrefix(#"[{"name":"Is associated with ","resourceId":"sg-1""#))
        #expect(CanonicalText.relationships([]) == "[]")
    }

    // MARK: IdentityKey and BuiltInTypes

    @Test func identity_keys_use_the_types_identity_attributes_ignoring_case() {
        let names = IdentityKey.attributes(forType: "AWS:Application")
        #expect(names == ["Name", "Architecture", "Publisher"])
        let key = IdentityKey.key(of: ["name": "curl", "ARCHITECTURE": "x86_64", "Version": "8"], attributes: names)
        #expect(key == "curl\u{1F}x86_64\u{1F}")
        #expect(IdentityKey.display(key) == "curl / x86_64")
        #expect(IdentityKey.tieBreakers(forType: "aws:application") == ["Version", "Release", "Epoch"])
        #expect(IdentityKey.value("HotFixId", in: ["HotFixID": "KB1"]) == "KB1")
        #expect(IdentityKey.value("HotFixId", in: ["HotFixId": "exact", "hotfixid": "folded"]) == "exact")
    }

    @Test func custom_types_use_every_attribute_as_identity() {
        #expect(IdentityKey.attributes(forType: "Custom:RackInfo") == nil)
        #expect(IdentityKey.tieBreakers(forType: "Custom:RackInfo") == [])
        let key = IdentityKey.key(of: ["Unit": "7", "Rack": "R1"], attributes: nil)
        #expect(key == "Rack=R1\u{1F}Unit=7")
        #expect(IdentityKey.display(key) == "Rack=R1 / Unit=7")
    }

    @Test func built_in_types_are_found_ignoring_case_and_inferred_from_attribute_names() {
        #expect(BuiltInTypes.info(for: "aws:windowsupdate")?.identity == ["HotFixId"])
        #expect(BuiltInTypes.info(for: "Custom:X") == nil)
        #expect(BuiltInTypes.info(for: "AWS:InstanceInformation")?.identity == [])
        func infer(_ rows: [[String: String]]) -> String? {
            BuiltInTypes.inferTypeName(rows: rows.map { InventoryRow(attributes: $0) })
        }
        #expect(infer([["Name": "curl", "Version": "8", "Architecture": "x86_64"]]) == "AWS:Application")
        #expect(infer([["hotfixid": "KB1", "InstalledBy": "SYSTEM"]]) == "AWS:WindowsUpdate")
        #expect(infer([["Name": "eth0", "MacAddress": "0a:1b", "IPV4": "10.0.0.1"]]) == "AWS:Network")
        #expect(infer([["Key": "Name", "Value": "web"]]) == "AWS:Tag")
        // Attributes of no built-in type, or rows without the identity attribute, infer nothing.
        #expect(infer([["Rack": "R1"]]) == nil)
        #expect(infer([["Version": "8"]]) == nil)
        #expect(infer([]) == nil)
    }

    @Test func prepared_groups_carry_hashes_keys_and_attribute_names() {
        let group = InventoryGroup(
            nodeId: "i-1", typeName: "AWS:Application",
            rows: [
                InventoryRow(attributes: ["Name": "curl", "Architecture": "x86_64"], mapKey: "curl"),
                InventoryRow(attributes: ["Name": "bash", "URL": "u"]),
            ])
        let prepared = group.prepared()
        #expect(prepared.rows.map(\.identityKey) == ["curl\u{1F}x86_64\u{1F}", "bash\u{1F}\u{1F}"])
        #expect(prepared.rows[0].canonical == #"{"Architecture":"x86_64","Name":"curl"}"#)
        #expect(prepared.rows[0].contentHash == CanonicalText.hash(prepared.rows[0].canonical))
        #expect(prepared.rows[0].mapKey == "curl")
        #expect(prepared.attributeNames == ["Name", "Architecture", "URL"])
        #expect(prepared.firstAttributes == nil)
        let info = InventoryGroup(
            nodeId: "i-1", typeName: "AWS:InstanceInformation", rows: [InventoryRow(attributes: ["InstanceStatus": "Active"])])
        #expect(info.prepared().firstAttributes == ["InstanceStatus": "Active"])
    }

    // MARK: Configuration items and ManagedInstanceInventory

    static let miiItem = #"""
        {"configurationItemVersion": "1.3", "awsAccountId": "111122223333", "awsRegion": "ap-northeast-1",
         "configurationItemStatus": "OK", "configurationItemCaptureTime": "2026-11-01T03:00:00Z",
         "resourceType": "AWS::SSM::ManagedInstanceInventory", "resourceId": "i-0c71e5a9d3b28f4e7", "availabilityZone": null,
         "configuration": {
           "AWS:InstanceInformation": {"SchemaVersion": "1.0", "Content": {"i-0c71e5a9d3b28f4e7": {"InstanceStatus": "Active", "ComputerName": "win"}}},
           "AWS:Application": {"SchemaVersion": "1.1", "Content": {
              "Amazon SSM Agent": [{"Name": "Amazon SSM Agent", "Architecture": "i386"}, {"Name": "Amazon SSM Agent", "Architecture": "x86_64"}],
              "秀丸エディタ": {"Name": "秀丸エディタ", "Architecture": "x86_64"}}},
           "AWS:WindowsUpdate": {"SchemaVersion": "1.0", "Content": {"KB1": {"HotFixId": "KB1"}}},
           "NotAType": {"Content": {}}
         },
         "supplementaryConfiguration": {"instanceStatus": "Active", "versioning": "{\"status\": \"Off\"}"}}
        """#

    private func item(_ text: String) throws -> ConfigurationItem {
        try ConfigurationItem(try #require(try parse(text).objectValue))
    }

    @Test func managed_instance_inventory_expands_to_one_group_per_type() throws {
        let item = try item(Self.miiItem)
        #expect(item.managedNodeId == "i-0c71e5a9d3b28f4e7")
        let groups = ManagedInstanceInventory.groups(of: item)
        #expect(groups.map(\.typeName) == ["AWS:InstanceInformation", "AWS:Application", "AWS:WindowsUpdate"])
        #expect(groups.map(\.rows.count) == [1, 3, 1])
        #expect(groups.allSatisfy { $0.captureTime?.iso8601 == "2026-11-01T03:00:00Z" })
        #expect(groups.allSatisfy { $0.accountId == "111122223333" && $0.region == "ap-northeast-1" && $0.nodeId == "i-0c71e5a9d3b28f4e7" })
        #expect(groups[1].schemaVersion == "1.1")
        // JSON-in-string supplementary values are decoded once; plain strings stay as they are.
        #expect(item.supplementaryConfiguration?["instanceStatus"] == .string("Active"))
        #expect(item.supplementaryConfiguration?["versioning"]?.objectValue?["status"] == .string("Off"))
    }

    @Test func deleted_summaries_and_other_resources_expand_to_nothing() throws {
        let deleted = try item(
            #"{"resourceType": "AWS::SSM::ManagedInstanceInventory", "resourceId": "i-1", "configurationItemStatus": "ResourceDeleted", "configuration": null}"#
        )
        #expect(deleted.isDeleted)
        #expect(!deleted.hasConfiguration)
        #expect(ManagedInstanceInventory.groups(of: deleted).isEmpty)
        var summary = try item(Self.miiItem)
        summary.payloadIncluded = false
        #expect(ManagedInstanceInventory.groups(of: summary).isEmpty)
        let ec2 = try item(
            #"{"resourceType": "AWS::EC2::Instance", "resourceId": "i-1", "configuration": {"AWS:Application": {"Content": [{"Name": "a"}]}}}"#
        )
        #expect(ec2.managedNodeId == nil)
        #expect(ManagedInstanceInventory.groups(of: ec2).isEmpty)
        // Compliance items name the node after a slash.
        let compliance = try item(
            #"{"resourceType": "AWS::SSM::PatchCompliance", "resourceId": "AWS::SSM::ManagedInstanceInventory/mi-0f2a6b9c8d1e3a574"}"#)
        #expect(compliance.managedNodeId == "mi-0f2a6b9c8d1e3a574")
    }

    @Test func api_and_s3_spellings_read_as_the_same_item() throws {
        let api = try item(
            #"{"version": "1.3", "accountId": "1", "arn": "a", "configurationStateId": "5", "resourceType": "T", "resourceId": "r", "relationships": [{"resourceId": "x", "relationshipName": "Is attached to "}], "configuration": "{\"k\": [1, 2]}", "tags": {"a": "b"}}"#
        )
        let s3 = try item(
            #"{"configurationItemVersion": "1.3", "awsAccountId": "1", "ARN": "a", "configurationStateId": 5, "resourceType": "T", "resourceId": "r", "relationships": [{"resourceId": "x", "name": "Is attached to "}], "configuration": {"k": [1, 2]}, "tags": [{"key": "a", "value": "b"}]}"#
        )
        #expect(api.version == s3.version)
        #expect(api.accountId == s3.accountId)
        #expect(api.arn == s3.arn)
        #expect(api.configurationStateId == s3.configurationStateId)
        #expect(api.relationships == s3.relationships)
        #expect(api.configuration == s3.configuration)
        #expect(api.tags == s3.tags)
        #expect(throws: CaptureShapeError.self) { try self.item(#"{"resourceId": "r"}"#) }
    }

    // MARK: SnapshotBuilder

    private func group(
        _ seq: Int, node: String = "i-1", type: String = "AWS:Application", time: String?, rows: [[String: String]],
        file: Int = 0, format: CaptureFormat = .ssmListInventoryEntries, page: String? = nil,
        item: (String, Int)? = nil
    ) -> SnapshotBuilder.GroupMeta {
        let prepared = InventoryGroup(
            nodeId: node, typeName: type, captureTime: time.flatMap(Timestamp.parse), rows: rows.map { InventoryRow(attributes: $0) }
        ).prepared()
        return SnapshotBuilder.GroupMeta(
            seq: seq, group: prepared, fileIndex: file, format: format, pageGroup: page, item: item.map { (key: $0.0, serial: $0.1) })
    }

    @Test func the_newest_capture_of_a_node_and_type_wins() {
        var builder = SnapshotBuilder()
        builder.noteGroup(group(1, time: "2026-11-15T03:00:00Z", rows: [["Name": "new"]], file: 0))
        builder.noteGroup(group(2, time: "2026-11-01T03:00:00Z", rows: [["Name": "old"], ["Name": "older"]], file: 1))
        builder.noteGroup(group(3, type: "AWS:Network", time: "2026-11-01T03:00:00Z", rows: [["Name": "eth0"]], file: 1))
        let plan = builder.plan()
        #expect(plan.coverage.map(\.typeName) == ["AWS:Application", "AWS:Network"])
        #expect(plan.coverage[0].groupSeqs == [1])
        #expect(plan.coverage[0].rowCount == 1)
        #expect(plan.losingGroups == [2])
        #expect(plan.rowCount == 2)
        #expect(plan.takenAt?.iso8601 == "2026-11-15T03:00:00Z")
        #expect(plan.typeAttributes["AWS:Application"] == ["Name"])
    }

    @Test func pages_of_one_capture_are_joined_and_identical_copies_counted_once() {
        var builder = SnapshotBuilder()
        builder.noteGroup(group(1, time: "2026-11-01T03:00:00Z", rows: [["Name": "a"], ["Name": "b"]], file: 0, page: "p"))
        builder.noteGroup(group(2, time: "2026-11-01T03:00:00Z", rows: [["Name": "c"]], file: 1, page: "p"))
        builder.noteGroup(group(3, time: "2026-11-01T03:00:00Z", rows: [["Name": "c"]], file: 2, page: "p"))
        let plan = builder.plan()
        #expect(plan.coverage.count == 1)
        #expect(plan.coverage[0].groupSeqs == [1, 2])
        #expect(plan.coverage[0].rowCount == 3)
        #expect(plan.coverage[0].fingerprint == nil)
        #expect(plan.coverage[0].fileIndex == 0)
        #expect(plan.losingGroups == [3])
    }

    @Test func a_capture_whose_every_page_carries_a_token_is_incomplete() {
        func noted(_ tokens: [String?]) -> SnapshotBuilder.Plan {
            var builder = SnapshotBuilder()
            for (index, token) in tokens.enumerated() {
                var capture = DecodedCapture(format: .ssmListInventoryEntries)
                capture.pageGroup = "ssm-list-inventory-entries:i-1:AWS:Application"
                capture.nextToken = token
                builder.noteFile(capture, fileIndex: index, displayPath: "page\(index + 1).json")
                builder.noteGroup(
                    group(
                        index, time: "2026-11-01T03:00:00Z", rows: [["Name": "r\(index)"]], file: index,
                        page: "ssm-list-inventory-entries:i-1:AWS:Application"))
            }
            return builder.plan()
        }
        let incomplete = noted(["t1", "t2"])
        #expect(!incomplete.complete)
        #expect(incomplete.incompleteCaptures == ["ssm-list-inventory-entries:i-1:AWS:Application"])
        #expect(incomplete.coverage.first?.complete == false)
        #expect(incomplete.diagnostics.first?.file == "page1.json, page2.json")
        #expect(incomplete.diagnostics.first?.message.contains("capture INCOMPLETE") == true)
        let complete = noted(["t1", nil])
        #expect(complete.complete)
        #expect(complete.coverage.first?.complete == true)
        #expect(complete.coverage.first?.rowCount == 2)
    }

    @Test func the_newest_item_of_a_resource_wins_whatever_the_file_order() throws {
        func meta(_ status: String, _ time: String, _ stateId: String, serial: Int) throws -> SnapshotBuilder.ItemMeta {
            SnapshotBuilder.ItemMeta(
                try item(
                    #"{"resourceType": "AWS::SSM::ManagedInstanceInventory", "resourceId": "i-1", "configurationItemStatus": "\#(status)", "configurationItemCaptureTime": "\#(time)", "configurationStateId": \#(stateId), "configuration": {"AWS:Application": {"Content": [{"Name": "a"}]}}}"#
                ),
                serial: serial)
        }
        var builder = SnapshotBuilder()
        // History files list newest first: the first item noted stays the newest.
        #expect(builder.noteItem(try meta("ResourceDeleted", "2026-11-08T00:00:00Z", "3", serial: 1)))
        #expect(!builder.noteItem(try meta("OK", "2026-11-01T00:00:00Z", "2", serial: 2)))
        // Same capture time: the larger state id is newer.
        #expect(builder.noteItem(try meta("ResourceDeleted", "2026-11-08T00:00:00Z", "4", serial: 3)))
        builder.noteGroup(
            group(
                1, time: "2026-11-01T00:00:00Z", rows: [["Name": "a"]], format: .configItem,
                item: ("AWS::SSM::ManagedInstanceInventory\u{0}i-1", 2)))
        let plan = builder.plan()
        #expect(plan.resourceCount == 1)
        #expect(plan.losingGroups == [1])
        #expect(plan.coverage.isEmpty)
        #expect(plan.nodes.map(\.nodeId) == ["i-1"])
        #expect(plan.nodes.first?.status == "ResourceDeleted")
        #expect(plan.takenAt?.iso8601 == "2026-11-08T00:00:00Z")
    }

    @Test func node_facts_come_from_instance_information_and_observations() {
        var builder = SnapshotBuilder()
        var capture = DecodedCapture(format: .ssmDescribeInstanceInformation)
        var observation = NodeObservation(nodeId: "i-1")
        observation.pingStatus = "Online"
        observation.computerName = "from-describe"
        observation.accountId = "111122223333"
        capture.nodes = [observation]
        builder.noteFile(capture, fileIndex: 0, displayPath: "describe.json")
        builder.noteGroup(
            group(
                1, type: "AWS:InstanceInformation", time: "2026-11-01T03:00:00Z",
                rows: [["ComputerName": "web-1", "PlatformName": "Amazon Linux", "InstanceStatus": "Active", "IpAddress": "10.0.0.1"]],
                file: 1))
        let node = builder.plan().nodes.first
        #expect(node?.computerName == "web-1")
        #expect(node?.platformName == "Amazon Linux")
        #expect(node?.status == "Active")
        #expect(node?.ipAddress == "10.0.0.1")
        #expect(node?.pingStatus == "Online")
        #expect(node?.accountId == "111122223333")
        #expect(node?.lastCaptureTime == "2026-11-01T03:00:00Z")
        #expect(ManagedNode.isGone("Terminated") && ManagedNode.isGone("resourcedeleted") && !ManagedNode.isGone("Stopped"))
    }
}
