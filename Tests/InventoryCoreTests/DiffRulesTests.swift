import Foundation
import InventoryCore
import Testing

// The Config half of the diff (issue 13): lists are sets unless order means something, identity
// rules per resource type, documents decoded before comparing, partial items, one fact one line,
// compliance noise, and input that is not a capture. Every test ingests real-shaped files through
// `Ingestor` into an `InventoryStore` and diffs with `SnapshotDiff`.

/// Files written to a scratch directory, ingested as snapshots and diffed.
private final class DiffHarness {
    let directory: URL
    let store: InventoryStore
    private var snapshots: [SnapshotInfo] = []

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("diff-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try InventoryStore(path: directory.appendingPathComponent("store.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }

    /// Ingests `paths` as the next snapshot.
    @discardableResult
    func ingest(_ paths: [String], label: String? = nil) throws -> IngestResult {
        let result = try Ingestor(options: IngestOptions(label: label), toolVersion: "test").run(paths: paths, store: store)
        snapshots.append(result.snapshot)
        return result
    }

    /// The diff of the last two snapshots.
    func diff(_ options: DiffOptions = DiffOptions()) throws -> DiffResult {
        try #require(snapshots.count >= 2)
        return try SnapshotDiff(store: store, options: options).run(
            base: snapshots[snapshots.count - 2], target: snapshots[snapshots.count - 1])
    }

    /// Ingests the fixture pair `Fixtures/config-rules/<name>.{base,target}.json` and diffs it.
    func fixturePair(_ name: String, reversed: Bool = false) throws -> DiffResult {
        let base = Fixture.path("config-rules/\(name).base.json")
        let target = Fixture.path("config-rules/\(name).target.json")
        try ingest([reversed ? target : base])
        try ingest([reversed ? base : target])
        return try diff()
    }

    /// Ingests two documents (file texts) and diffs them.
    func pair(_ base: String, _ target: String, name: String = "item.json") throws -> DiffResult {
        try ingest([try write("base/" + name, base)])
        try ingest([try write("target/" + name, target)])
        return try diff()
    }
}

private enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static func text(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }
}

/// A Config S3 history file holding `items` (JSON object texts).
private func history(_ items: String...) -> String {
    #"{"fileVersion":"1.0","configurationItems":["# + items.joined(separator: ",") + "]}"
}

/// One configuration item in the S3 spelling.
private func configItem(
    type: String, id: String, configuration: String, tags: String = "{}", relationships: String = "[]",
    supplementary: String = "{}", capture: String = "2026-11-01T03:00:00.000Z"
) -> String {
    """
    {"configurationItemVersion":"1.3","configurationItemCaptureTime":"\(capture)","configurationStateId":1,
     "awsAccountId":"111122223333","configurationItemStatus":"OK","resourceType":"\(type)","resourceId":"\(id)",
     "awsRegion":"us-east-1","availabilityZone":"Not Applicable","tags":\(tags),"relationships":\(relationships),
     "configuration":\(configuration),"supplementaryConfiguration":\(supplementary)}
    """
}

private func fields(_ result: DiffResult) -> [Change.Field] { result.changes.flatMap(\.fields) }

// MARK: - 1. Lists are sets unless order means something

@Suite struct ListsAreSetsTests {
    /// puppetlabs-aws #38 / inspec #3602 / cloud-custodian #1221: rules and ranges come back in
    /// any order; one CIDR was added to the HTTPS rule.
    @Test func reordered_security_group_with_one_added_cidr_is_one_field() throws {
        let result = try DiffHarness().fixturePair("sg-reorder-one-cidr")
        let all = fields(result)
        #expect(result.changes.count == 1)
        #expect(all.count == 1, "\(all.map(\.name))")
        let field = try #require(all.first)
        #expect(field.name == "configuration.ipPermissions[tcp 443].ipRanges")
        #expect(field.element == .added)
        #expect(field.before == nil)
        #expect(field.after == "192.0.2.0/24")
        #expect(field.note == "also in configuration.ipPermissions[tcp 443].ipv4Ranges")
        // Never the mis-statement a positional comparison made.
        #expect(!all.contains { $0.before == "10.30.0.0/16" && $0.after == "192.0.2.0/24" })
    }

    @Test func a_replaced_cidr_is_removed_and_added_not_changed_into_another() throws {
        let base = try Fixture.text("config-rules/sg-reorder-one-cidr.base.json")
        let target = base.replacingOccurrences(of: "\"10.40.0.0/16\"", with: "\"198.51.100.0/24\"")
        let all = fields(try DiffHarness().pair(base, target))
        #expect(all.count == 2, "\(all.map { "\($0.name) \($0.element.map(\.rawValue) ?? "") \($0.before ?? "") \($0.after ?? "")" })")
        #expect(
            all.contains {
                $0.name == "configuration.ipPermissions[tcp 443].ipRanges" && $0.element == .removed && $0.before == "10.40.0.0/16"
            })
        #expect(
            all.contains {
                $0.name == "configuration.ipPermissions[tcp 443].ipRanges" && $0.element == .added && $0.after == "198.51.100.0/24"
            })
        #expect(!all.contains { $0.before == "10.40.0.0/16" && $0.after == "198.51.100.0/24" })
    }

    @Test func a_changed_port_range_is_a_rule_removed_and_a_rule_added() throws {
        let base = try Fixture.text("config-rules/sg-reorder-one-cidr.base.json")
        let target = base.replacingOccurrences(of: "\"toPort\": 8100", with: "\"toPort\": 8200")
        let all = fields(try DiffHarness().pair(base, target))
        #expect(Set(all.map(\.name)) == ["configuration.ipPermissions[tcp 8000-8100]", "configuration.ipPermissions[tcp 8000-8200]"])
        #expect(all.first { $0.name.hasSuffix("8100]") }?.element == .removed)
        #expect(all.first { $0.name.hasSuffix("8200]") }?.element == .added)
    }

    @Test func a_range_description_change_is_reported_at_the_range() throws {
        let base = try Fixture.text("config-rules/sg-reorder-one-cidr.base.json")
        let target = base.replacingOccurrences(of: "\"partner VPN\"", with: "\"partner VPN (Osaka)\"")
        let all = fields(try DiffHarness().pair(base, target))
        #expect(all.count == 1)
        #expect(all.first?.name == "configuration.ipPermissions[tcp 443].ipv4Ranges[cidrIp=172.16.0.0/12].description")
        #expect(all.first?.before == "partner VPN")
        #expect(all.first?.after == "partner VPN (Osaka)")
    }

    /// Lists with no rule and no natural key: identical elements match wherever they stand; one
    /// element whose pairing is clear is one element changed; a second copy is an element added.
    /// AWS leaves empty lists out of some outputs: absent and `[]` hold the same facts.
    @Test func an_absent_list_is_an_empty_list() throws {
        func item(_ extra: String) -> String {
            history(
                configItem(
                    type: "AWS::EC2::Volume", id: "vol-0d1e2f3a4b5c6d7e8", configuration: #"{"volumeId":"vol-0d1e2f3a4b5c6d7e8"\#(extra)}"#)
            )
        }
        #expect(try DiffHarness().pair(item(""), item(#","attachments":[]"#)).changes.isEmpty)
        let all = fields(
            try DiffHarness().pair(item(""), item(#","attachments":[{"instanceId":"i-0a3f9c27e81b4d5c6","device":"/dev/sdf"}]"#)))
        #expect(all.count == 1)
        #expect(all.first?.element == .added && all.first?.name == "configuration.attachments")
    }

    @Test func unkeyed_object_lists_are_multisets_with_clear_pairings() throws {
        func item(_ hooks: String) -> String {
            history(configItem(type: "AWS::Custom::Pipeline", id: "pipeline-1", configuration: #"{"hooks":[\#(hooks)]}"#))
        }
        let a = #"{"stage":"build","script":"make","timeout":300,"image":"builder:1"}"#
        let b = #"{"stage":"test","script":"make check","timeout":600,"image":"builder:1"}"#
        let c = #"{"stage":"deploy","script":"./deploy.sh","timeout":900,"image":"deployer:4"}"#
        let reordered = try DiffHarness().pair(item([a, b, c].joined(separator: ",")), item([c, a, b].joined(separator: ",")))
        #expect(reordered.changes.isEmpty)

        let b2 = b.replacingOccurrences(of: "600", with: "1200")
        let changed = fields(try DiffHarness().pair(item([a, b, c].joined(separator: ",")), item([c, b2, a].joined(separator: ","))))
        #expect(changed.count == 1)
        #expect(changed.first?.name.hasPrefix("configuration.hooks[") == true)
        #expect(changed.first?.name.hasSuffix("].timeout") == true)
        #expect(changed.first?.before == "600" && changed.first?.after == "1200")

        let doubled = fields(try DiffHarness().pair(item([a, b].joined(separator: ",")), item([b, a, b].joined(separator: ","))))
        #expect(doubled.count == 1)
        #expect(doubled.first?.element == .added && doubled.first?.name == "configuration.hooks")
    }

    /// Order means something for the lists the rules say so: Lambda layers apply in order.
    @Test func ordered_lists_still_report_a_reordering() throws {
        let base = try Fixture.text("config-rules/reorder-corpus.json")
        let document = try JSONParser.parse(base)
        var items = try #require(document.objectValue?["configurationItems"]?.arrayValue)
        let index = try #require(items.firstIndex { $0.objectValue?["resourceType"]?.stringValue == "AWS::Lambda::Function" })
        let function = try #require(items[index].objectValue)
        let configuration = try #require(function["configuration"]?.objectValue)
        let layers = try #require(configuration["layers"]?.arrayValue)
        items = [replacing(function, path: ["configuration", "layers"], with: .array(layers.reversed()))]
        let target = JSONValue.object(JSONObject([("fileVersion", .string("1.0")), ("configurationItems", .array(items))])).compactJSON()
        let baseOnly = JSONValue.object(
            JSONObject([("fileVersion", .string("1.0")), ("configurationItems", .array([.object(function)]))])
        ).compactJSON()
        let result = try DiffHarness().pair(baseOnly, target)
        #expect(fields(result).contains { $0.name.hasPrefix("configuration.layers[0]") })
    }
}

private func replacing(_ object: JSONObject, path: [String], with value: JSONValue) -> JSONValue {
    guard let first = path.first else { return value }
    var members = object.members
    for index in members.indices where members[index].key == first {
        members[index].value = replacing(members[index].value.objectValue ?? JSONObject(), path: Array(path.dropFirst()), with: value)
    }
    return .object(JSONObject(members: members))
}

// MARK: - 2. Identity rules as data

@Suite struct IdentityRulesTests {
    @Test func the_table_names_the_keys_the_issue_asks_for() {
        func keys(_ type: String, _ shape: String) -> [String]? {
            if case .keyed(let keys)? = DiffRules.rule(resourceType: type, shape: shape)?.identity { return keys }
            return nil
        }
        #expect(keys("AWS::EC2::SecurityGroup", "configuration.ipPermissions") == ["ipProtocol", "fromPort", "toPort"])
        #expect(keys("AWS::EC2::SecurityGroup", "configuration.ipPermissionsEgress") == ["ipProtocol", "fromPort", "toPort"])
        #expect(keys("AWS::IAM::Role", "configuration.rolePolicyList") == ["policyName"])
        #expect(keys("AWS::IAM::User", "configuration.attachedManagedPolicies") == ["policyArn"])
        #expect(keys("AWS::IAM::Policy", "configuration.policyVersionList") == ["versionId"])
        #expect(keys("AWS::EC2::Instance", "configuration.blockDeviceMappings") == ["deviceName"])
        #expect(keys("AWS::EC2::Instance", "configuration.networkInterfaces") == ["networkInterfaceId"])
        #expect(keys("AWS::S3::Bucket", "supplementaryConfiguration.BucketPolicy.policyText.Statement") == ["Sid"])
        #expect(DiffRules.rule(resourceType: "AWS::EC2::Instance", shape: "configuration.tags")?.identity == .tagMap)
        #expect(DiffRules.rule(resourceType: "AWS::Lambda::Function", shape: "configuration.layers")?.identity == .ordered)
        #expect(DiffRules.rule(resourceType: "AWS::EC2::Instance", shape: "configuration.layers") == nil)
        #expect(
            DiffRules.helpLines.contains {
                $0.hasPrefix("AWS::EC2::SecurityGroup configuration.ipPermissions: by ipProtocol + fromPort + toPort")
            })
    }

    /// flanksource/config-db #126, #604: inline policies matched by position.
    @Test func iam_role_policies_by_name_and_arn_with_readable_statements() throws {
        let result = try DiffHarness().fixturePair("iam-role")
        let all = fields(result)
        #expect(all.count == 3, "\(all.map(\.name))")
        #expect(
            all.contains {
                $0.name == "configuration.attachedManagedPolicies[policyArn=arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy]"
                    && $0.element == .removed
            })
        let statement = try #require(all.first { $0.name.hasSuffix("Statement[Sid=WriteReports]") })
        #expect(statement.name == "configuration.rolePolicyList[policyName=read-assets].policyDocument.Statement[Sid=WriteReports]")
        #expect(statement.element == .added)
        #expect(statement.after?.contains(#""Action":["s3:PutObject"]"#) == true)
        let action = try #require(all.first { $0.name.hasSuffix(".Action") })
        #expect(action.name == "configuration.rolePolicyList[policyName=ship-logs].policyDocument.Statement[Effect=Allow].Action")
        #expect(action.element == .added && action.after == "logs:CreateLogGroup")
        // The re-encoded trust policy (other spacing, key order, one statement as an object, the
        // action as a list) is the same policy; nothing is percent-encoded.
        #expect(!all.contains { $0.name.contains("assumeRolePolicyDocument") })
        #expect(!all.contains { ($0.before ?? "").contains("%7B") || ($0.after ?? "").contains("%22") })
    }

    @Test func iam_policy_versions_by_id() throws {
        let all = fields(try DiffHarness().fixturePair("iam-policy"))
        #expect(
            Set(all.map(\.name)) == [
                "configuration.defaultVersionId", "configuration.policyVersionList[versionId=v2].isDefaultVersion",
                "configuration.policyVersionList[versionId=v1]", "configuration.policyVersionList[versionId=v3]",
            ])
        #expect(all.first { $0.name.hasSuffix("v1]") }?.element == .removed)
        let added = try #require(all.first { $0.name.hasSuffix("v3]") })
        #expect(added.element == .added)
        #expect(added.after?.contains(#""logs:CreateLogGroup""#) == true, "the version's document is decoded")
    }

    @Test func ec2_block_devices_and_interfaces_by_their_ids() throws {
        let base = try Fixture.text("config-rules/ec2-one-fact.base.json")
        let target = base.replacingOccurrences(of: "\"deleteOnTermination\": true", with: "\"deleteOnTermination\": false")
            .replacingOccurrences(of: "\"status\": \"in-use\"", with: "\"status\": \"available\"")
        let all = fields(try DiffHarness().pair(base, target))
        #expect(
            Set(all.map(\.name)) == [
                "configuration.blockDeviceMappings[deviceName=/dev/xvda].ebs.deleteOnTermination",
                "configuration.networkInterfaces[networkInterfaceId=eni-0a7c3e9f1b5d2c846].status",
            ])
    }
}

// MARK: - 3. Decode before comparing

@Suite struct DecodeBeforeComparingTests {
    @Test func a_bucket_policy_change_is_reported_at_the_statement() throws {
        let all = fields(try DiffHarness().fixturePair("s3-bucket-policy"))
        #expect(all.count == 1)
        let field = try #require(all.first)
        #expect(field.name == "supplementaryConfiguration.BucketPolicy.policyText.Statement[Sid=CloudFrontRead].Principal.AWS")
        #expect(field.element == .added)
        #expect(field.after == "arn:aws:iam::111122223333:role/app-server")
    }

    /// SNS/SQS `Policy` and KMS key policies: JSON inside a string, URL-encoded or not, with
    /// statements without `Sid` compared as a set.
    @Test func json_and_url_encoded_json_in_strings_compare_as_documents() throws {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app-server"},"Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"*"}]}"#
        func key(_ text: String) -> String {
            let configuration = JSONValue.object(
                JSONObject([("keyId", .string("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")), ("keyPolicy", .string(text))]))
            return history(
                configItem(type: "AWS::KMS::Key", id: "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", configuration: configuration.compactJSON()))
        }
        // Statements reordered, re-spaced, then form-URL-encoded: the same policy.
        let reordered =
            #"{ "Statement" : [ {"Resource":"*","Action":["kms:GenerateDataKey","kms:Decrypt"],"Principal":{"AWS":["arn:aws:iam::111122223333:role/app-server"]},"Effect":"Allow"}, {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"} ], "Version" : "2012-10-17" }"#
        let formEncoded = try #require(
            reordered.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: " ")))
        )
        .replacingOccurrences(of: " ", with: "+")
        #expect(try DiffHarness().pair(key(policy), key(reordered)).changes.isEmpty)
        #expect(try DiffHarness().pair(key(policy), key(formEncoded)).changes.isEmpty)

        let widened = policy.replacingOccurrences(
            of: #"["kms:Decrypt","kms:GenerateDataKey"]"#, with: #"["kms:Decrypt","kms:GenerateDataKey","kms:ReEncrypt*"]"#)
        let all = fields(try DiffHarness().pair(key(policy), key(widened)))
        #expect(all.count == 1)
        #expect(all.first?.name == "configuration.keyPolicy.Statement[Effect=Allow].Action")
        #expect(all.first?.element == .added && all.first?.after == "kms:ReEncrypt*")
    }

    @Test func a_string_that_only_looks_like_a_document_stays_a_string() throws {
        func item(_ value: String) -> String {
            history(
                configItem(type: "AWS::SSM::Parameter", id: "/app/banner", configuration: #"{"name":"/app/banner","value":"\#(value)"}"#))
        }
        let all = fields(try DiffHarness().pair(item("[maintenance] at 02:00"), item("%7Bnot json")))
        #expect(all.count == 1)
        #expect(all.first?.before == "[maintenance] at 02:00" && all.first?.after == "%7Bnot json")
    }
}

// MARK: - 4. Partial items

@Suite struct PartialItemsTests {
    @Test func a_select_result_is_compared_only_on_what_it_carries() throws {
        let result = try DiffHarness().fixturePair("partial-select")
        #expect(result.changes.count == 2)
        let instance = try #require(result.changes.first { $0.typeName == "AWS::EC2::Instance" })
        #expect(instance.change == .changed)
        #expect(instance.fields.map(\.name) == ["configuration.instanceType"])
        #expect(instance.note?.hasPrefix("target is an advanced-query (select) result carrying only") == true)
        let group = try #require(result.changes.first { $0.typeName == "AWS::EC2::SecurityGroup" })
        #expect(group.change == .notCaptured, "the group's properties are unknown in the target, not removed")
        #expect(group.fields.isEmpty)
        #expect(result.summary.removed == 0 && result.summary.realChanges == 1)
    }

    @Test func a_select_base_against_a_whole_target_is_newly_captured_not_added() throws {
        let result = try DiffHarness().fixturePair("partial-select", reversed: true)
        let group = try #require(result.changes.first { $0.typeName == "AWS::EC2::SecurityGroup" })
        #expect(group.change == .newlyCaptured)
        #expect(group.note?.hasPrefix("base is an advanced-query (select) result") == true)
        let instance = try #require(result.changes.first { $0.typeName == "AWS::EC2::Instance" })
        #expect(instance.fields.map(\.name) == ["configuration.instanceType"])
        #expect(instance.fields.first?.before == "t3.large")
    }

    /// Without `QueryInfo`, a result carries what it holds: its leaves.
    @Test func a_select_file_without_query_info_carries_its_own_leaves() throws {
        let harness = try DiffHarness()
        try harness.ingest([Fixture.path("config-rules/partial-select.base.json")])
        let bare =
            #"{"Results":["{\"resourceId\":\"i-0a3f9c27e81b4d5c6\",\"resourceType\":\"AWS::EC2::Instance\",\"configuration\":{\"instanceType\":\"t3.medium\",\"state\":{\"name\":\"stopped\"}}}"]}"#
        try harness.ingest([try harness.write("select.json", bare)])
        let result = try harness.diff()
        let instance = try #require(result.changes.first { $0.typeName == "AWS::EC2::Instance" })
        #expect(instance.fields.map(\.name) == ["configuration.state.name"])
        let stored = try harness.store.resources(snapshotId: 2).first
        #expect(stored?.selectedProperties == ["resourceId", "resourceType", "configuration.instanceType", "configuration.state.name"])
    }
}

// MARK: - 5. One fact, one line

@Suite struct OneFactOneLineTests {
    @Test func a_tag_and_an_association_recorded_in_several_places_are_reported_once() throws {
        let result = try DiffHarness().fixturePair("ec2-one-fact")
        let all = fields(result)
        #expect(all.count == 3, "\(all.map(\.name))")
        let group = try #require(all.first { $0.name == "configuration.securityGroups[groupId=sg-07a3e5c1b9d2f4860]" })
        #expect(group.element == .added)
        #expect(group.note == "also in configuration.networkInterfaces[networkInterfaceId=eni-0a7c3e9f1b5d2c846].groups, relationships")
        let tag = try #require(all.first { $0.name == "tags.CostCenter" })
        #expect(tag.before == "cc-1042" && tag.after == "cc-2077" && tag.note == "also in configuration.tags")
        let volume = try #require(all.first { $0.name == "configuration.blockDeviceMappings[deviceName=/dev/sdf]" })
        #expect(volume.element == .added && volume.note == "also in relationships")
    }

    /// batch-get items carry no top-level tags: the tag inside the configuration is then the only place.
    @Test func a_tag_recorded_only_in_the_configuration_is_still_reported() throws {
        func item(_ cost: String) -> String {
            history(
                configItem(
                    type: "AWS::EC2::Volume", id: "vol-0d1e2f3a4b5c6d7e8",
                    configuration: #"{"volumeId":"vol-0d1e2f3a4b5c6d7e8","size":100,"tags":[{"key":"CostCenter","value":"\#(cost)"}]}"#))
        }
        let all = fields(try DiffHarness().pair(item("cc-1042"), item("cc-2077")))
        #expect(all.map(\.name) == ["configuration.tags.CostCenter"])
    }

    /// A group removed from one interface but kept on the instance is a different fact per place.
    @Test func different_facts_about_one_resource_are_not_merged() throws {
        let base = try Fixture.text("config-rules/ec2-one-fact.target.json")
        var document = try #require(try JSONParser.parse(base).objectValue)
        var items = try #require(document["configurationItems"]?.arrayValue)
        var instance = try #require(items.first?.objectValue)
        let interfaces = try #require(instance["configuration"]?.objectValue?["networkInterfaces"]?.arrayValue)
        var interface = try #require(interfaces.first?.objectValue)
        interface.members = interface.members.map { member in
            guard member.key == "groups" else { return member }
            return .init(
                key: "groups",
                value: .array(member.value.arrayValue?.filter { $0.objectValue?["groupId"]?.stringValue != "sg-07a3e5c1b9d2f4860" } ?? []))
        }
        instance = try #require(
            replacing(instance, path: ["configuration", "networkInterfaces"], with: .array([.object(interface)])).objectValue)
        items[0] = .object(instance)
        document.members = document.members.map { $0.key == "configurationItems" ? .init(key: $0.key, value: .array(items)) : $0 }
        let all = fields(try DiffHarness().pair(base, JSONValue.object(document).compactJSON()))
        #expect(all.count == 1)
        #expect(
            all.first?.name
                == "configuration.networkInterfaces[networkInterfaceId=eni-0a7c3e9f1b5d2c846].groups[groupId=sg-07a3e5c1b9d2f4860]")
        #expect(all.first?.element == .removed && all.first?.note == nil)
    }
}

// MARK: - 6. Compliance scan noise

@Suite struct ComplianceNoiseTests {
    private func complianceRow(_ id: String, status: String, execution: String, time: String, type: String = "Command") -> String {
        #"{"resourceId":"i-0a3f9c27e81b4d5c6","captureTime":"\#(time)","schemaVersion":"1.0","ComplianceType":"Patch","ExecutionId":"\#(execution)","ExecutionType":"\#(type)","ExecutionTime":"\#(time)","Id":"\#(id)","Title":"\#(id) update","Status":"\#(status)","Severity":"Important","DocumentName":"AWS-RunPatchBaseline","DocumentVersion":"1","PatchBaselineId":"pb-0c10e65780EXAMPLE","PatchState":"Installed"}"#
    }

    private func patchSummary(snapshot: String, start: String, execution: String, installed: String) -> String {
        #"{"resourceId":"i-0a3f9c27e81b4d5c6","captureTime":"\#(start)","schemaVersion":"1.0","PatchGroup":"prod","BaselineId":"pb-0c10e65780EXAMPLE","SnapshotId":"\#(snapshot)","ExecutionId":"\#(execution)","OperationType":"Scan","OperationStartTime":"\#(start)","OperationEndTime":"\#(start)","InstalledCount":"\#(installed)","MissingCount":"0","FailedCount":"0","RebootOption":"NoReboot"}"#
    }

    private func ingestScan(_ harness: DiffHarness, _ folder: String, items: [String], summary: String) throws {
        let tail = "accountid=111122223333/region=us-east-1/resourcetype=ManagedInstanceInventory/i-0a3f9c27e81b4d5c6.json"
        let a = try harness.write("\(folder)/AWS:ComplianceItem/\(tail)", items.joined(separator: "\n") + "\n")
        let b = try harness.write("\(folder)/AWS:PatchSummary/\(tail)", summary + "\n")
        try harness.ingest([a, b])
    }

    @Test func a_new_scan_that_changed_nothing_is_no_change() throws {
        let harness = try DiffHarness()
        try ingestScan(
            harness, "scan1",
            items: [
                complianceRow(
                    "KB5068787", status: "COMPLIANT", execution: "7e3a1c2b-0000-4000-8000-000000000001", time: "2026-11-01T02:00:00Z"),
                complianceRow(
                    "KB5066835", status: "COMPLIANT", execution: "7e3a1c2b-0000-4000-8000-000000000001", time: "2026-11-01T02:00:00Z"),
            ],
            summary: patchSummary(
                snapshot: "0a1b2c3d-0000-4000-8000-000000000001", start: "2026-11-01T02:00:00Z",
                execution: "7e3a1c2b-0000-4000-8000-000000000001", installed: "41"))
        try ingestScan(
            harness, "scan2",
            items: [
                complianceRow(
                    "KB5066835", status: "COMPLIANT", execution: "9f8e7d6c-0000-4000-8000-000000000002", time: "2026-11-15T02:00:00Z",
                    type: "Scheduled"),
                complianceRow(
                    "KB5068787", status: "COMPLIANT", execution: "9f8e7d6c-0000-4000-8000-000000000002", time: "2026-11-15T02:00:00Z",
                    type: "Scheduled"),
            ],
            summary: patchSummary(
                snapshot: "4e5f6a7b-0000-4000-8000-000000000002", start: "2026-11-15T02:00:00Z",
                execution: "9f8e7d6c-0000-4000-8000-000000000002", installed: "41"))
        let result = try harness.diff()
        #expect(result.changes.isEmpty, "\(result.changes.map { "\($0.typeName) \($0.fields.map(\.name))" })")
        // --include-noise shows what was ignored.
        #expect(try harness.diff(DiffOptions(includeNoise: true)).changes.count == 3)
    }

    @Test func a_real_compliance_change_is_still_reported() throws {
        let harness = try DiffHarness()
        try ingestScan(
            harness, "scan1",
            items: [
                complianceRow("KB5068787", status: "NON_COMPLIANT", execution: "e1", time: "2026-11-01T02:00:00Z")
            ], summary: patchSummary(snapshot: "s1", start: "2026-11-01T02:00:00Z", execution: "e1", installed: "41"))
        try ingestScan(
            harness, "scan2",
            items: [
                complianceRow("KB5068787", status: "COMPLIANT", execution: "e2", time: "2026-11-15T02:00:00Z")
            ], summary: patchSummary(snapshot: "s2", start: "2026-11-15T02:00:00Z", execution: "e2", installed: "42"))
        let result = try harness.diff()
        #expect(
            Set(result.changes.flatMap { change in change.fields.map { "\(change.typeName).\($0.name)" } })
                == ["AWS:ComplianceItem.Status", "AWS:PatchSummary.InstalledCount"])
    }
}

// MARK: - Reordering is never a change (property)

/// SplitMix64: a small seeded generator, so a failing permutation can be replayed.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ReorderingPropertyTests {
    /// Every list of the item shuffled (except where a rule says order matters), object members
    /// shuffled, and documents inside strings shuffled and re-encoded the way they came.
    private func permute(_ value: JSONValue, type: String, shape: String, using rng: inout SeededGenerator) -> JSONValue {
        switch value {
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("%7B"), let plain = text.removingPercentEncoding, let inner = try? JSONParser.parse(plain) {
                let shuffled = permute(inner, type: type, shape: shape, using: &rng).compactJSON()
                return .string(shuffled.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? shuffled)
            }
            if trimmed.hasPrefix("{"), let inner = try? JSONParser.parse(text) {
                return .string(permute(inner, type: type, shape: shape, using: &rng).compactJSON())
            }
            return value
        case .array(let elements):
            var out = elements.map { permute($0, type: type, shape: shape + "[]", using: &rng) }
            if DiffRules.rule(resourceType: type, shape: shape)?.identity != .ordered { out.shuffle(using: &rng) }
            return .array(out)
        case .object(let object):
            var members = object.members.map {
                JSONObject.Member(key: $0.key, value: permute($0.value, type: type, shape: shape + "." + $0.key, using: &rng))
            }
            members.shuffle(using: &rng)
            return .object(JSONObject(members: members))
        default:
            return value
        }
    }

    private func permutedCorpus(seed: UInt64) throws -> (String, Int) {
        let document = try JSONParser.parse(try Fixture.text("config-rules/reorder-corpus.json"))
        let items = try #require(document.objectValue?["configurationItems"]?.arrayValue)
        var rng = SeededGenerator(state: seed)
        var lists = 0
        func count(_ value: JSONValue) {
            switch value {
            case .array(let elements):
                if elements.count > 1 { lists += 1 }
                for element in elements { count(element) }
            case .object(let object):
                for member in object.members { count(member.value) }
            default: break
            }
        }
        let permuted = items.map { item -> JSONValue in
            guard let object = item.objectValue, let type = object["resourceType"]?.stringValue else { return item }
            count(item)
            let members = object.members.map {
                JSONObject.Member(key: $0.key, value: permute($0.value, type: type, shape: $0.key, using: &rng))
            }
            return .object(JSONObject(members: members))
        }
        let out = JSONValue.object(
            JSONObject([("fileVersion", .string("1.0")), ("configurationItems", .array(permuted.shuffled(using: &rng)))]))
        return (out.compactJSON(), lists)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func random_permutations_of_every_list_are_no_change(seed: UInt64) throws {
        let (permuted, lists) = try permutedCorpus(seed: seed)
        #expect(lists >= 15, "the corpus has many lists to shuffle: \(lists)")
        #expect(permuted != (try Fixture.text("config-rules/reorder-corpus.json")))
        let harness = try DiffHarness()
        try harness.ingest([Fixture.path("config-rules/reorder-corpus.json")])
        try harness.ingest([try harness.write("permuted.json", permuted)])
        let result = try harness.diff()
        #expect(result.changes.isEmpty, "seed \(seed): \(result.changes.map { "\($0.resourceId) \($0.fields.map(\.name))" })")
    }

    /// The same shuffles without the rules (plain positional comparison) would report a flood:
    /// the property test is not vacuous.
    @Test func the_permutations_really_reorder() throws {
        let (permuted, _) = try permutedCorpus(seed: 1)
        let original = try JSONParser.parse(try Fixture.text("config-rules/reorder-corpus.json"))
        let shuffled = try JSONParser.parse(permuted)
        func positional(_ a: JSONValue, _ b: JSONValue) -> Int {
            switch (a, b) {
            case (.array(let x), .array(let y)): return zip(x, y).map { positional($0, $1) }.reduce(0, +) + abs(x.count - y.count)
            case (.object(let x), .object(let y)):
                return x.members.map { member in y[member.key].map { positional(member.value, $0) } ?? 1 }.reduce(0, +)
            default: return a == b ? 0 : 1
            }
        }
        let byId: (JSONValue) -> [String: JSONValue] = { document in
            Dictionary(
                uniqueKeysWithValues: (document.objectValue?["configurationItems"]?.arrayValue ?? []).compactMap { item in
                    item.objectValue?["resourceId"]?.stringValue.map { ($0, item) }
                })
        }
        let before = byId(original)
        let after = byId(shuffled)
        let differences = before.map { id, item in after[id].map { positional(item, $0) } ?? 0 }.reduce(0, +)
        #expect(differences > 50, "positional differences: \(differences)")
    }
}

// MARK: - 8. Input that is not a capture

@Suite struct NotACaptureTests {
    private func refusal(_ name: String, _ data: Data) throws -> String {
        let harness = try DiffHarness()
        let path = try harness.write(name, data)
        do {
            try harness.ingest([path])
        } catch {
            return "\(error)"
        }
        Issue.record("\(name) was ingested")
        return ""
    }

    @Test func csv_xml_yaml_parquet_and_zip_are_named() throws {
        let csv = try refusal(
            "export.csv", Data("resourceid,capturetime,name,version\ni-0a3f9c27e81b4d5c6,2026-11-01T00:00:00Z,bash,5.2\n".utf8))
        #expect(csv.contains("export.csv: refused: a CSV file (header: resourceid, capturetime, name, version)"))
        #expect(!csv.contains("malformed JSON"))
        let quoted = try refusal("athena", Data("\"instanceid\",\"name\",\"version\"\n\"i-0a3f9c27e81b4d5c6\",\"bash\",\"5.2\"\n".utf8))
        #expect(quoted.contains("a CSV file (header: instanceid, name, version)"))
        let xml = try refusal("report.json", Data("<?xml version=\"1.0\"?>\n<inventory/>\n".utf8))
        #expect(xml.contains("report.json: refused: an XML document"))
        let yaml = try refusal("template", Data("# stack\nAWSTemplateFormatVersion: '2010-09-09'\nResources:\n".utf8))
        #expect(yaml.contains("refused: a YAML document"))
        let yamlDocument = try refusal("config.yml", Data("---\nrules:\n  - name: x\n".utf8))
        #expect(yamlDocument.contains("refused: a YAML document"))
        let parquet = try refusal(
            "part-00000.snappy.parquet", Data([0x50, 0x41, 0x52, 0x31, 0x15, 0x04, 0x15, 0x10] + Array(repeating: 0, count: 16)))
        #expect(parquet.contains("refused: a Parquet file"))
        let zip = try refusal("captures.zip", Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00] + Array(repeating: 0, count: 22)))
        #expect(zip.contains("refused: a zip archive"))
        for message in [csv, quoted, xml, yaml, yamlDocument, parquet, zip] {
            #expect(!message.contains("\n"), "one line: \(message)")
        }
    }

    @Test func json_still_reads_and_broken_json_is_still_malformed_json() throws {
        let broken = try refusal("broken.json", Data(#"{"Entities": [ {"Id": "i-0abc"#.utf8))
        #expect(broken.contains("malformed JSON"))
    }

    @Test func a_walk_reports_what_it_skipped() throws {
        let harness = try DiffHarness()
        let folder = harness.directory.appendingPathComponent("captures").path
        try harness.write("captures/config.json", try Fixture.text("config-rules/iam-policy.base.json"))
        try harness.write("captures/athena/results.csv", "resourceid,name\n")
        try harness.write("captures/notes.md", "# notes\n")
        try harness.write("captures/.DS_Store", "x")
        let result = try harness.ingest([folder])
        #expect(result.snapshot.resourceCount == 1)
        let summary = result.warnings.map(\.description).filter { $0.contains(": warning: skipped") }
        #expect(summary == ["\(folder): warning: skipped 3 files not named like captures (1 .csv, 1 .md, 1 hidden); --verbose lists them"])
        let notes = result.warnings.map(\.description).filter { $0.contains(": note: skipped: ") }
        #expect(notes.count == 3)
        #expect(
            notes.contains(
                "\(folder)/athena/results.csv: note: skipped: .csv is not a capture file name (name it on the command line to read it anyway)"
            ))
    }

    @Test func a_folder_of_only_skipped_files_says_so() throws {
        let harness = try DiffHarness()
        try harness.write("exports/a.csv", "resourceid,name\n")
        do {
            try harness.ingest([harness.directory.appendingPathComponent("exports").path])
            Issue.record("nothing should be ingested")
        } catch {
            #expect("\(error)".contains("skipped 1 file not named like captures (1 .csv)"))
            #expect(!"\(error)".contains("\n"))
        }
    }
}

// MARK: - 7. Version direction

@Suite struct VersionDirectionTests {
    /// A get-inventory capture of one node: its platform (AWS:InstanceInformation, left out when
    /// `platform` is nil) and one AWS:Application row.
    private func capture(platform: (name: String, type: String)?, app: [String: String], time: String) throws -> String {
        var data: [String: Any] = [
            "AWS:Application": ["TypeName": "AWS:Application", "SchemaVersion": "1.1", "CaptureTime": time, "Content": [app]]
        ]
        if let platform {
            data["AWS:InstanceInformation"] = [
                "TypeName": "AWS:InstanceInformation", "SchemaVersion": "1.0", "CaptureTime": time,
                "Content": [
                    [
                        "InstanceId": "i-0a3f9c27e81b4d5c6", "PlatformName": platform.name, "PlatformType": platform.type,
                        "InstanceStatus": "Active", "ComputerName": "web-01",
                    ]
                ],
            ]
        }
        let document: [String: Any] = ["Entities": [["Id": "i-0a3f9c27e81b4d5c6", "Data": data]]]
        return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
    }

    private func direction(
        _ platform: (name: String, type: String)?, _ before: [String: String], _ after: [String: String]
    ) throws -> (Change.VersionChange?, DiffResult) {
        let harness = try DiffHarness()
        let base = try capture(platform: platform, app: before, time: "2026-11-01T00:00:00Z")
        let target = try capture(platform: platform, app: after, time: "2026-11-15T00:00:00Z")
        let result = try harness.pair(base, target, name: "get-inventory.json")
        let change = try #require(result.changes.first { $0.typeName == "AWS:Application" })
        #expect(change.change == .changed)
        return (change.versionChange, result)
    }

    private func app(_ version: String, release: String? = nil, name: String = "openssl-libs") -> [String: String] {
        var row = ["Name": name, "Architecture": "x86_64", "Publisher": "Amazon Linux", "Version": version]
        if let release { row["Release"] = release }
        return row
    }

    @Test func rpm_release_moves_up_and_down() throws {
        let amazon = (name: "Amazon Linux", type: "Linux")
        #expect(try direction(amazon, app("3.0.8", release: "1.amzn2023.0.14"), app("3.0.8", release: "2.amzn2023.0.1")).0 == .upgrade)
        #expect(try direction(amazon, app("3.0.8", release: "2.amzn2023.0.1"), app("3.0.8", release: "1.amzn2023.0.14")).0 == .downgrade)
        // rpm's tilde: a pre-release sorts before the release.
        #expect(try direction((name: "Rocky Linux", type: "Linux"), app("9.4~rc1"), app("9.4")).0 == .upgrade)
    }

    @Test func dpkg_ordering_on_ubuntu() throws {
        let ubuntu = (name: "Ubuntu", type: "Linux")
        // Numbers, not text: 3.10 is after 3.2.
        #expect(try direction(ubuntu, app("2.34-0ubuntu3.2", name: "libc6"), app("2.34-0ubuntu3.10", name: "libc6")).0 == .upgrade)
        // An epoch outranks everything after it.
        #expect(try direction(ubuntu, app("1:7.2.0-1", name: "vim"), app("8.2.0-1", name: "vim")).0 == .downgrade)
    }

    /// The issue's example: on Windows `9.17.80 → 7.22.84` is a downgrade; dotted numbers, not text.
    @Test func dotted_numbers_on_windows_and_macos() throws {
        let windows = (name: "Microsoft Windows Server 2022 Datacenter", type: "Windows")
        #expect(try direction(windows, app("9.17.80", name: "7-Zip"), app("7.22.84", name: "7-Zip")).0 == .downgrade)
        #expect(try direction(windows, app("10.0.17763.9", name: "Edge"), app("10.0.17763.10", name: "Edge")).0 == .upgrade)
        #expect(try direction((name: "macOS", type: "MacOS"), app("14.2.1", name: "Safari"), app("14.10", name: "Safari")).0 == .upgrade)
    }

    @Test func no_direction_without_a_known_platform_or_when_versions_order_the_same() throws {
        let (unknown, _) = try direction(nil, app("3.0.8", release: "1"), app("3.0.8", release: "2"))
        #expect(unknown == nil)
        let (same, result) = try direction((name: "Amazon Linux", type: "Linux"), app("1.0", release: "1"), app("1.00", release: "1"))
        #expect(same == nil)
        #expect(result.changes.first?.fields.map(\.name) == ["Version"])
    }

    @Test func json_and_text_carry_the_direction() throws {
        let (_, result) = try direction((name: "Amazon Linux", type: "Linux"), app("3.0.8", release: "1"), app("3.0.9", release: "1"))
        let json = String(decoding: try JSONEncoder().encode(result.changes), as: UTF8.self)
        #expect(json.contains(#""versionChange":"upgrade""#))
        #expect(DiffTextRenderer(color: false).render(result).contains("openssl-libs / x86_64 / Amazon Linux  ↑ upgrade"))
    }
}
