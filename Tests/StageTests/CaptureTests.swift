import Foundation
import InventoryCapture
import InventoryModel
import Testing

/// The Capture stage in process: format detection by content (FORMATS.md §12), refusals with
/// their one-line reasons, encodings, streaming, path hints and error positions.
@Suite struct CaptureTests {
    static let node = "i-0123456789abcdef0"

    // MARK: SSM formats

    @Test func get_inventory_yields_groups_per_entity_and_type() throws {
        let capture = try decode(
            """
            {"Entities": [
              {"Id": "i-0123456789abcdef0", "Data": {
                "AWS:InstanceInformation": {"TypeName": "AWS:InstanceInformation", "SchemaVersion": "1.0",
                  "CaptureTime": "2026-11-01T03:00:00Z", "Content": [{"InstanceId": "i-0123456789abcdef0", "InstanceStatus": "Active"}]},
                "AWS:Application": {"TypeName": "AWS:Application", "SchemaVersion": "1.1",
                  "CaptureTime": "2026-11-01T02:00:00Z", "Content": [{"Name": "a"}, {"Name": "b"}]}}},
              {"Id": "mi-0123456789abcdef0", "Data": {}}
            ]}
            """, path: "cli/accountid=111122223333/region=eu-west-1/get-inventory.json")
        #expect(capture.format == .ssmGetInventory)
        #expect(capture.nodes.map(\.nodeId) == ["i-0123456789abcdef0", "mi-0123456789abcdef0"])
        #expect(capture.nodes.first?.accountId == "111122223333")
        #expect(capture.groups.map(\.typeName) == ["AWS:InstanceInformation", "AWS:Application"])
        #expect(capture.groups.map(\.rows.count) == [1, 2])
        #expect(capture.groups[1].captureTime?.iso8601 == "2026-11-01T02:00:00Z")
        #expect(capture.groups.allSatisfy { $0.region == "eu-west-1" })
        #expect(capture.pageGroup == "ssm-get-inventory")
        #expect(capture.nextToken == nil)
    }

    @Test func aggregated_get_inventory_is_refused_with_its_reason() {
        let error = decodeError(
            #"{"Entities": [{"Data": {"AWS:Application": {"Content": [{"Count": "7", "PlatformType": "windows"}]}}}]}"#)
        let reason = refusalReason(error)
        #expect(reason == "aggregated get-inventory output (--aggregators): counts per group, not per-node inventory")
        #expect(error?.description == "capture.json: refused: \(reason ?? "")")
    }

    @Test func list_inventory_entries_is_one_page_of_one_node_and_type() throws {
        let capture = try decode(
            listEntries(node: Self.node, rows: [["Name": "curl", "Version": "8.5.0"]], nextToken: "AAEA"))
        #expect(capture.format == .ssmListInventoryEntries)
        #expect(capture.groups.count == 1)
        #expect(capture.groups[0].nodeId == Self.node)
        #expect(capture.groups[0].typeName == "AWS:Application")
        #expect(capture.groups[0].rows == [InventoryRow(attributes: ["Name": "curl", "Version": "8.5.0"])])
        #expect(capture.nextToken == "AAEA")
        #expect(capture.pageGroup == "ssm-list-inventory-entries:\(Self.node):AWS:Application")
    }

    @Test func an_empty_next_token_ends_paging_like_an_absent_one() throws {
        let capture = try decode(listEntries(node: Self.node, rows: [], nextToken: ""))
        #expect(capture.nextToken == nil)
        #expect(capture.groups.first?.rows.isEmpty == true)
    }

    @Test func resource_data_sync_lines_take_account_region_and_type_from_the_key() throws {
        let path =
            "sync/AWS%3AApplication/accountid=111122223333/region=ca-central-1/resourcetype=ManagedInstanceInventory/\(Self.node).json"
        let capture = try decode(
            """
            {"Name": "bash", "Version": "5.2", "resourceId": "\(Self.node)", "captureTime": "2026-11-01T03:00:00Z", "schemaVersion": "1.1"}
            {"Name": "curl", "Version": "8.5.0", "resourceId": "\(Self.node)", "captureTime": "2026-11-01T03:00:00Z", "schemaVersion": "1.1"}
            """, path: path)
        #expect(capture.format == .ssmResourceDataSync)
        let group = try #require(capture.groups.first)
        #expect(capture.groups.count == 1)
        #expect(group.typeName == "AWS:Application")
        #expect(group.accountId == "111122223333")
        #expect(group.region == "ca-central-1")
        #expect(group.schemaVersion == "1.1")
        // The metadata keys are not attributes of the rows.
        #expect(group.rows.map(\.attributes) == [["Name": "bash", "Version": "5.2"], ["Name": "curl", "Version": "8.5.0"]])
    }

    @Test func a_data_sync_row_without_resource_id_takes_the_node_from_the_file_name() throws {
        let path = "AWS:InstanceInformation/accountid=1/region=r/resourcetype=ManagedInstanceInventory/\(Self.node).json"
        let capture = try decode(#"{"InstanceStatus": "Active", "captureTime": "2026-11-01T03:00:00Z"}"#, path: path)
        #expect(capture.groups.map(\.nodeId) == [Self.node])
        #expect(capture.groups.first?.typeName == "AWS:InstanceInformation")
    }

    @Test func an_empty_data_sync_object_is_captured_and_empty() throws {
        let path = "AWS_Application/accountid=1/region=r/resourcetype=ManagedInstanceInventory/\(Self.node).json"
        // An empty file is a failed delivery, not a node without items.
        #expect(throws: InventoryError.self) { try decode("", path: path) }
        let capture = try decode("{}", path: path)
        #expect(capture.format == .ssmResourceDataSync)
        #expect(capture.groups.count == 1)
        #expect(capture.groups.first?.nodeId == Self.node)
        #expect(capture.groups.first?.rows.isEmpty == true)
    }

    @Test func data_sync_rows_without_a_type_folder_get_an_inferred_type_or_a_clear_error() throws {
        let inferred = try decode(
            """
            {"resourceId": "\(Self.node)", "HotFixId": "KB1", "InstalledBy": "SYSTEM"}
            {"resourceId": "\(Self.node)", "HotFixId": "KB2", "InstalledBy": "SYSTEM"}
            """, path: "rows.jsonl")
        #expect(inferred.groups.first?.typeName == "AWS:WindowsUpdate")
        #expect(inferred.diagnostics.contains { $0.severity == .note && $0.message.contains("inferred AWS:WindowsUpdate") })

        let error = decodeError(
            """
            {"resourceId": "\(Self.node)", "Rack": "R1"}
            {"resourceId": "\(Self.node)", "Rack": "R2"}
            """, path: "rows.jsonl")
        guard case .invalidCapture(_, _, let message)? = error else {
            Issue.record("expected invalidCapture, got \(String(describing: error))")
            return
        }
        #expect(message.contains("--type-name"))
    }

    @Test func several_json_documents_that_are_not_data_sync_rows_are_unrecognised() {
        let error = decodeError("{\"a\": 1}\n{\"b\": 2}\n")
        guard case .unrecognisedFormat(_, let detail)? = error else {
            Issue.record("expected unrecognisedFormat, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("not Resource Data Sync rows"))
    }

    @Test func custom_inventory_content_may_be_an_object_or_an_array() throws {
        let single = try decode(
            #"{"SchemaVersion": "1.0", "TypeName": "Custom:RackInfo", "Content": {"Rack": "R1", "Unit": "7"}}"#,
            nodeId: Self.node)
        #expect(single.format == .ssmCustomInventoryFile)
        #expect(single.groups.first?.rows.map(\.attributes) == [["Rack": "R1", "Unit": "7"]])
        #expect(single.groups.first?.nodeId == Self.node)

        let many = try decode(
            #"{"SchemaVersion": "1.0", "TypeName": "Custom:Disks", "Content": [{"Id": "a"}, {"Id": "b"}]}"#,
            path: "/var/lib/amazon/ssm/\(Self.node)/inventory/custom/disks.json")
        #expect(many.groups.first?.rows.count == 2)
        #expect(many.groups.first?.nodeId == Self.node)
    }

    @Test func a_custom_inventory_file_without_a_node_asks_for_node_id() {
        let error = decodeError(#"{"SchemaVersion": "1.0", "TypeName": "Custom:RackInfo", "Content": {"Rack": "R1"}}"#)
        guard case .invalidCapture(_, let path, let message)? = error else {
            Issue.record("expected invalidCapture, got \(String(describing: error))")
            return
        }
        #expect(path == "$")
        #expect(message.contains("--node-id"))
    }

    @Test func put_inventory_items_as_an_array_or_a_request_document() throws {
        let item =
            #"{"TypeName": "Custom:RackInfo", "SchemaVersion": "1.0", "CaptureTime": "2026-11-01T03:00:00Z", "Content": [{"Rack": "R1"}]}"#
        let array = try decode("[\(item)]", nodeId: Self.node)
        #expect(array.format == .ssmPutInventoryItems)
        #expect(array.groups.map(\.typeName) == ["Custom:RackInfo"])

        let request = try decode(#"{"InstanceId": "mi-0123456789abcdef0", "Items": [\#(item)]}"#)
        #expect(request.format == .ssmPutInventoryItems)
        #expect(request.groups.map(\.nodeId) == ["mi-0123456789abcdef0"])
    }

    @Test func describe_instance_information_gives_node_facts_with_utc_ping_times() throws {
        let capture = try decode(
            #"{"InstanceInformationList": [{"InstanceId": "i-0123456789abcdef0", "PingStatus": "Online", "LastPingDateTime": 1582221233.421, "PlatformType": "Linux", "IPAddress": "10.0.0.5", "ComputerName": "web-1", "ResourceType": "EC2Instance"}]}"#
        )
        #expect(capture.format == .ssmDescribeInstanceInformation)
        let node = try #require(capture.nodes.first)
        #expect(node.pingStatus == "Online")
        #expect(node.lastPingTime == "2020-02-20T17:53:53.421Z")
        #expect(node.ipAddress == "10.0.0.5")
        #expect(node.computerName == "web-1")
        #expect(capture.groups.isEmpty)
    }

    @Test func documents_without_node_data_are_refused_with_one_line_reasons() {
        let cases: [(String, String)] = [
            (
                #"{"Schemas": [{"TypeName": "AWS:Application", "Attributes": []}]}"#,
                "get-inventory-schema output lists type schemas, not node inventory"
            ),
            (
                #"{"ResourceDataSyncItems": []}"#,
                "list-resource-data-sync output describes sync configurations, not node inventory"
            ),
            (
                #"{"resourceIdentifiers": [{"resourceType": "AWS::EC2::Instance", "resourceId": "i-1"}]}"#,
                "list-discovered-resources output lists resource ids only, no configuration"
            ),
            (
                #"{"detail-type": "Inventory Resource State Change", "source": "aws.ssm", "detail": {}}"#,
                "EventBridge 'Inventory Resource State Change' event from Systems Manager carries no inventory rows"
            ),
            (
                #"{"messageType": "ConfigurationSnapshotDeliveryCompleted", "s3Bucket": "b"}"#,
                "ConfigurationSnapshotDeliveryCompleted is a delivery or compliance notice, not configuration data"
            ),
            (
                #"{"Results": ["{\"COUNT(*)\": 3}"], "QueryInfo": {}}"#,
                "select-resource-config results carry no resourceType/resourceId pairs (select both to store them)"
            ),
        ]
        for (text, reason) in cases {
            let error = decodeError(text)
            #expect(refusalReason(error) == reason, "for \(text)")
            #expect(error.map { !$0.description.contains("\n") } == true, "a refusal is one line")
        }
    }

    // MARK: Config formats

    static let apiItem = #"""
        {"version": "1.3", "accountId": "111122223333", "configurationItemCaptureTime": 1414708529.9219999,
         "configurationItemStatus": "OK", "configurationStateId": "1414708529921", "configurationItemMD5Hash": "",
         "arn": "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", "resourceType": "AWS::EC2::Instance",
         "resourceId": "i-0123456789abcdef0", "awsRegion": "us-east-1", "availabilityZone": "us-east-1a",
         "tags": {"Name": "web"}, "relationships": [{"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-1", "relationshipName": "Is contained in Vpc"}],
         "configuration": "{\"instanceType\": \"t3.micro\", \"state\": {\"code\": 16, \"name\": \"running\"}}",
         "supplementaryConfiguration": {}}
        """#

    @Test func resource_config_history_decodes_the_api_spelling_and_embedded_configuration() throws {
        let capture = try decode(#"{"configurationItems": [\#(Self.apiItem)], "nextToken": "abc"}"#)
        #expect(capture.format == .configResourceHistory)
        #expect(capture.nextToken == "abc")
        let item = try #require(capture.configurationItems.first)
        #expect(item.accountId == "111122223333")
        #expect(item.arn == "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0")
        // 1414708529.9219999 is Python's spelling of …529.922: rounded, not cut.
        #expect(item.captureTime?.iso8601 == "2014-10-30T22:35:29.922Z")
        #expect(item.relationships.first?.name == "Is contained in Vpc")
        // compact() keeps the configuration as canonical text, keys sorted.
        #expect(item.configurationText == #"{"instanceType":"t3.micro","state":{"code":16,"name":"running"}}"#)
    }

    @Test func s3_delivery_files_are_recognised_by_file_version_and_use_the_s3_spelling() throws {
        let capture = try decode(
            #"""
            {"fileVersion": "1.0", "configSnapshotId": "x", "configurationItems": [
              {"configurationItemVersion": "1.3", "awsAccountId": "111122223333", "configurationStateId": 1762000000000,
               "configurationItemStatus": "OK", "resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg-1", "ARN": "arn:x",
               "awsRegion": "us-east-1", "availabilityZone": "Not Applicable", "configurationItemCaptureTime": "2026-11-01T03:00:00Z",
               "relationships": [{"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-1", "name": "Is contained in Vpc"}],
               "configuration": {"groupId": "sg-1"}, "tags": {}}]}
            """#)
        #expect(capture.format == .configDeliveryFile)
        let item = try #require(capture.configurationItems.first)
        #expect(item.version == "1.3")
        #expect(item.accountId == "111122223333")
        #expect(item.arn == "arn:x")
        #expect(item.configurationStateId == "1762000000000")
        #expect(item.relationships.first?.name == "Is contained in Vpc")
    }

    @Test func batch_get_and_aggregate_shapes_are_recognised() throws {
        let lower = try decode(
            #"{"baseConfigurationItems": [\#(Self.apiItem)], "unprocessedResourceKeys": [{"resourceType": "AWS::EC2::Instance", "resourceId": "i-2"}]}"#
        )
        #expect(lower.format == .configBatchGet)
        #expect(lower.diagnostics.contains { $0.message.contains("1 resource keys were not processed") })
        let upper = try decode(#"{"BaseConfigurationItems": [\#(Self.apiItem)]}"#)
        #expect(upper.format == .configBatchGet)
        let aggregate = try decode(#"{"ConfigurationItem": \#(Self.apiItem)}"#)
        #expect(aggregate.format == .configAggregateItem)
        #expect(aggregate.configurationItems.count == 1)
    }

    @Test func select_results_are_decoded_and_inventory_results_are_summaries() throws {
        let capture = try decode(
            #"{"Results": ["{\"resourceType\": \"AWS::SSM::ManagedInstanceInventory\", \"resourceId\": \"i-0123456789abcdef0\"}", "{\"resourceType\": \"AWS::EC2::Instance\", \"resourceId\": \"i-0123456789abcdef0\"}", "{\"COUNT(*)\": 1}"], "QueryInfo": {"SelectFields": []}}"#
        )
        #expect(capture.format == .configSelect)
        #expect(capture.configurationItems.map(\.payloadIncluded) == [false, true])
        #expect(capture.diagnostics.contains { $0.message.contains("1 results without resourceType and resourceId skipped") })
    }

    @Test func notification_envelopes_are_unwrapped_to_the_item() throws {
        let body = #"{"messageType": "ConfigurationItemChangeNotification", "configurationItem": \#(Self.apiItem)}"#
        let message = try decode(body)
        #expect(message.format == .configNotification)
        #expect(message.configurationItems.map(\.resourceId) == ["i-0123456789abcdef0"])

        // SNS: Message is a JSON string.
        let sns = try decode(jsonText(["Type": "Notification", "MessageId": "m", "Message": body]))
        #expect(sns.format == .configNotification)
        #expect(sns.configurationItems.count == 1)

        // SQS: the envelope as the Body string of a received message.
        let sqs = try decode(jsonText(["Body": jsonText(["Type": "Notification", "Message": body])]))
        #expect(sqs.configurationItems.count == 1)
    }

    @Test func eventbridge_and_rule_events_fill_account_and_region_from_the_envelope() throws {
        let ciWithoutAccount = #"{"resourceType": "AWS::EC2::Instance", "resourceId": "i-1", "configuration": {"a": 1}}"#
        let detail = #"{"messageType": "ConfigurationItemChangeNotification", "configurationItem": \#(ciWithoutAccount)}"#
        let event = try decode(
            #"{"version": "0", "detail-type": "Config Configuration Item Change", "source": "aws.config", "account": "999988887777", "region": "eu-central-1", "detail": \#(detail)}"#
        )
        #expect(event.format == .configEventBridge)
        #expect(event.configurationItems.first?.accountId == "999988887777")
        #expect(event.configurationItems.first?.region == "eu-central-1")

        let rule = try decode(jsonText(["invokingEvent": detail, "ruleParameters": "{}", "accountId": "444455556666"]))
        #expect(rule.format == .configRuleEvent)
        #expect(rule.configurationItems.first?.accountId == "444455556666")
    }

    @Test func an_oversized_notification_is_a_summary_pointing_at_s3() throws {
        let capture = try decode(
            #"{"messageType": "OversizedConfigurationItemChangeNotification", "configurationItemSummary": {"resourceType": "AWS::SSM::ManagedInstanceInventory", "resourceId": "i-0123456789abcdef0", "configurationItemStatus": "OK"}, "s3DeliverySummary": {"s3BucketLocation": "bucket/key.json.gz"}}"#
        )
        let item = try #require(capture.configurationItems.first)
        #expect(item.payloadIncluded == false)
        #expect(item.s3Location == "bucket/key.json.gz")
        #expect(capture.diagnostics.contains { $0.message.contains("only the summary is stored") })
    }

    @Test func bare_items_alone_or_in_an_array_are_configuration_items() throws {
        let single = try decode(Self.apiItem)
        #expect(single.format == .configItem)
        let list = try decode(
            "[\(Self.apiItem), \(Self.apiItem.replacingOccurrences(of: "i-0123456789abcdef0", with: "i-0fedcba9876543210"))]")
        #expect(list.format == .configItem)
        #expect(list.configurationItems.count == 2)
    }

    @Test func an_item_without_resource_id_names_the_json_path() {
        let error = decodeError(#"{"configurationItems": [{"resourceType": "AWS::EC2::Instance"}]}"#)
        guard case .invalidCapture(_, let path, let message)? = error else {
            Issue.record("expected invalidCapture, got \(String(describing: error))")
            return
        }
        #expect(path == "$.configurationItems[0].resourceId")
        #expect(message == "configuration item has no resourceId")
    }

    // MARK: Unrecognised input

    @Test func unrecognised_documents_say_what_they_are_and_list_the_known_formats() {
        let cases: [(String, String)] = [
            ("{}", "an empty JSON object"),
            ("[]", "an empty JSON array"),
            ("[1, 2, 3]", "a JSON array of numbers"),
            ("\"text\"", "the document is a JSON string, not an object"),
            (#"{"Foo": 1, "Bar": 2}"#, "top-level keys: Foo, Bar"),
            ("  \n", "the file is empty"),
        ]
        for (text, detail) in cases {
            let error = decodeError(text)
            guard case .unrecognisedFormat(let file, let found)? = error else {
                Issue.record("expected unrecognisedFormat for \(text), got \(String(describing: error))")
                continue
            }
            #expect(file == "capture.json")
            #expect(found == detail)
            #expect(error?.description.hasSuffix("known formats: \(CaptureFormat.knownFormatsSummary)") == true)
        }
    }

    // MARK: Samples and fixtures

    /// One case of `Fixtures/acceptance/expectations.json`: the outcome `inventory ingest` must
    /// have for a public sample, checked here on the decoder alone.
    struct SampleCase: Sendable, CustomTestStringConvertible {
        var file: String
        var format: String?
        var refusal: [String]
        var nodeId: String?
        var testDescription: String { file + (nodeId == nil ? "" : " --node-id") }
    }

    static let sampleCases: [SampleCase] = {
        guard let data = FileManager.default.contents(atPath: StagePaths.fixture("acceptance/expectations.json")),
            let top = try? JSONParser.parse(Array(data)).objectValue,
            let group = top["groups"]?.arrayValue?.first(where: { $0.objectValue?["base"]?.stringValue == "shared" })
        else { return [] }
        return (group.objectValue?["cases"]?.arrayValue ?? []).compactMap { value -> SampleCase? in
            guard let object = value.objectValue, let file = object["file"]?.stringValue else { return nil }
            let args = object["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let nodeId = args.firstIndex(of: "--node-id").map { args[$0 + 1] }
            return SampleCase(
                file: file, format: object["formats"]?.arrayValue?.first?.stringValue,
                refusal: object["stderr"]?.arrayValue?.compactMap(\.stringValue) ?? [], nodeId: nodeId)
        }
    }()

    @Test(.enabled(if: StagePaths.hasSamples, "../shared/samples/public is absent"))
    func every_public_sample_is_detected_as_the_acceptance_table_says() throws {
        #expect(Self.sampleCases.count >= 30)
        for sample in Self.sampleCases {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: StagePaths.sample(sample.file))))
            if let format = sample.format {
                let capture = try decode(bytes: bytes, path: sample.file, nodeId: sample.nodeId)
                #expect(capture.format.rawValue == format, "\(sample.file)")
            } else {
                let error = decodeError(bytes: bytes, path: sample.file, nodeId: sample.nodeId)
                let text = error?.description ?? ""
                for expected in sample.refusal {
                    #expect(text.contains(expected), "\(sample.file): \(text)")
                }
            }
        }
    }

    @Test func format_raw_values_are_the_stored_spellings() {
        #expect(CaptureFormat(rawValue: "ssm-resource-data-sync") == .ssmResourceDataSync)
        #expect(Set(CaptureFormat.allCases.map(\.rawValue)).count == CaptureFormat.allCases.count)
    }

    @Test func fleet_files_are_detected_as_their_formats() throws {
        let expected: [(String, CaptureFormat)] = [
            ("fleet/t1/cli/accountid=111122223333/region=us-east-1/get-inventory_AWS-InstanceInformation.json", .ssmGetInventory),
            (
                "fleet/t1/cli/accountid=111122223333/region=us-east-1/list-inventory-entries_i-04d8e1b7c2a96f310_AWS-Network.json",
                .ssmListInventoryEntries
            ),
            (
                "fleet/t1/datasync/AWS_Network/accountid=111122223333/region=us-east-1/resourcetype=ManagedInstanceInventory/i-09b4c3e2d1f0a8765.json",
                .ssmResourceDataSync
            ),
            ("fleet/t2/config-history/get-resource-config-history_AWS-EC2-Instance_i-09b4c3e2d1f0a8765.json", .configResourceHistory),
            (
                "fleet/t1/config/AWSLogs/444455556666/Config/us-east-1/2026/11/1/ConfigSnapshot/444455556666_Config_us-east-1_ConfigSnapshot_20261101T030000Z_a7b5e58e-a8de-5883-9c0b-f2d30cdeeff9.json.gz",
                .configDeliveryFile
            ),
        ]
        for (relative, format) in expected {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: StagePaths.fixture(relative))))
            // The display path keeps the key segments (data sync needs them to be read as JSON lines).
            let capture = try decode(bytes: bytes, path: relative)
            #expect(capture.format == format, "\(relative)")
        }
    }

    @Test func broken_fixtures_fail_with_the_documented_errors() throws {
        func error(_ name: String) throws -> InventoryError? {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: StagePaths.fixture("broken/\(name)"))))
            return decodeError(bytes: bytes, path: name)
        }
        guard case .malformedJSON(_, 17, _, let truncated)? = try error("truncated.get-inventory.json") else {
            Issue.record("truncated file: expected malformedJSON at line 17")
            return
        }
        #expect(truncated.contains("unexpected end of input"))
        guard case .malformedJSON(_, 9, 42, _)? = try error("raw-newline.list-inventory-entries.json") else {
            Issue.record("raw newline: expected malformedJSON at 9:42")
            return
        }
        guard case .invalidCapture(_, "$.Entities", let entities)? = try error("get-inventory-entities-string.json") else {
            Issue.record("Entities string: expected invalidCapture at $.Entities")
            return
        }
        #expect(entities == "expected an array, found string")
        guard case .invalidCapture(_, "$.configurationItems[0]", _)? = try error("config-items-numbers.json") else {
            Issue.record("config items numbers: expected invalidCapture at $.configurationItems[0]")
            return
        }
        guard case .undecodableInput(let file, let gzip)? = try error("corrupt-after-header.json.gz") else {
            Issue.record("corrupt gzip: expected undecodableInput")
            return
        }
        #expect(file == "corrupt-after-header.json.gz")
        #expect(gzip.contains("gzip") || gzip.contains("inflate") || gzip.contains("stored block"))
        guard case .unrecognisedFormat(_, "the file is empty")? = try error("empty.json") else {
            Issue.record("empty file: expected unrecognisedFormat")
            return
        }
    }

    // MARK: Encodings

    static let tinyEntries = listEntries(node: "i-0123456789abcdef0", rows: [["Name": "秀丸エディタ", "Publisher": "Müller & Söhne"]])

    @Test func gzip_is_sniffed_from_the_magic_bytes_not_the_name() throws {
        let plain = try decode(Self.tinyEntries)
        let zipped = try decode(bytes: storedGzip(Array(Self.tinyEntries.utf8)), path: "entries.json")
        #expect(zipped.format == plain.format)
        #expect(zipped.groups.map(\.rows) == plain.groups.map(\.rows))
    }

    @Test func a_utf8_bom_is_dropped_and_noted() throws {
        let capture = try decode(bytes: [0xEF, 0xBB, 0xBF] + Array(Self.tinyEntries.utf8))
        #expect(capture.groups.first?.rows.first?.attributes["Name"] == "秀丸エディタ")
        #expect(capture.diagnostics.contains { $0.severity == .note && $0.message == "read as utf-8-bom" })
        // No key starts with U+FEFF.
        #expect(capture.groups.first?.rows.first?.attributes.keys.allSatisfy { !$0.hasPrefix("\u{FEFF}") } == true)
    }

    @Test func utf16_with_or_without_bom_reads_as_the_same_rows() throws {
        let plain = try decode(Self.tinyEntries)
        for (bytes, encoding) in [
            (utf16(Self.tinyEntries), "utf-16le-bom"),
            (utf16(Self.tinyEntries, bigEndian: true), "utf-16be-bom"),
            (utf16(Self.tinyEntries, bom: false), "utf-16le"),
        ] {
            let capture = try decode(bytes: bytes)
            #expect(capture.groups.map(\.rows) == plain.groups.map(\.rows), "\(encoding)")
            #expect(capture.diagnostics.contains { $0.message == "read as \(encoding)" }, "\(encoding)")
        }
    }

    @Test func windows_encoded_fixtures_round_trip_japanese_and_umlauts() throws {
        let utf16 = Array(
            try Data(contentsOf: URL(fileURLWithPath: StagePaths.fixture("encodings/list-inventory-entries_utf16le-bom.json"))))
        let names = try decode(bytes: utf16).groups.flatMap(\.rows).compactMap { $0.attributes["Name"] }
        #expect(names.contains("秀丸エディタ"))
        #expect(names.count == 5)
        let utf8 = Array(try Data(contentsOf: URL(fileURLWithPath: StagePaths.fixture("encodings/list-inventory-entries_utf8-bom.json"))))
        let publishers = try decode(bytes: utf8).groups.flatMap(\.rows).compactMap { $0.attributes["Publisher"] }
        #expect(publishers.contains("Müller & Söhne GmbH"))
        #expect(publishers.allSatisfy { !$0.contains("\r") })
    }

    @Test func invalid_utf8_is_refused_with_line_and_column_or_repaired_with_a_warning() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: StagePaths.fixture("broken/invalid-utf8.datasync.jsonl"))))
        let error = decodeError(bytes: bytes, path: "invalid-utf8.datasync.jsonl")
        guard case .malformedJSON(let file, 2, 98, let message)? = error else {
            Issue.record("expected malformedJSON at 2:98, got \(String(describing: error))")
            return
        }
        #expect(file == "invalid-utf8.datasync.jsonl")
        #expect(message.lowercased().contains("utf-8"))
        #expect(error?.description.hasPrefix("invalid-utf8.datasync.jsonl:2:98: malformed JSON") == true)

        let repaired = try decode(bytes: bytes, path: "invalid-utf8.datasync.jsonl", typeName: "AWS:Application", repair: true)
        #expect(repaired.groups.flatMap(\.rows).count == 3)
        #expect(repaired.groups.flatMap(\.rows).contains { $0.attributes.values.contains { $0.contains("M\u{FFFD}ller") } })
        #expect(repaired.diagnostics.contains { $0.line == 2 && $0.message == "1 invalid UTF-8 sequence(s) replaced with U+FFFD" })
    }

    // MARK: Errors carry line and column

    @Test func malformed_json_reports_line_and_column() {
        let error = decodeError("{\n  \"Entities\": [\n    {\"Id\": \"i-1\",, }\n  ]\n}\n", path: "bad.json")
        guard case .malformedJSON(let file, let line, let column, _)? = error else {
            Issue.record("expected malformedJSON, got \(String(describing: error))")
            return
        }
        #expect(file == "bad.json")
        #expect(line == 3)
        #expect(column == 18)
        #expect(error?.description.hasPrefix("bad.json:3:18: malformed JSON: ") == true)
    }

    @Test func an_error_in_a_json_lines_file_names_its_line() {
        let path = "AWS:Application/accountid=1/region=r/resourcetype=ManagedInstanceInventory/\(Self.node).json"
        let error = decodeError("{\"Name\": \"a\"}\n{\"Name\": \"b\"}\n{\"Name\": tru}\n", path: path)
        guard case .malformedJSON(_, let line, let column, _)? = error else {
            Issue.record("expected malformedJSON, got \(String(describing: error))")
            return
        }
        #expect(line == 3)
        #expect(column == 10)
    }

    // MARK: Streaming

    static let fleetSnapshot = StagePaths.fixture(
        "fleet/t1/config/AWSLogs/111122223333/Config/us-east-1/2026/11/1/ConfigSnapshot/111122223333_Config_us-east-1_ConfigSnapshot_20261101T030000Z_d1553bef-41da-5b20-b4c7-7da9179b7871.json.gz"
    )

    @Test func streaming_a_config_file_gives_the_same_items_as_reading_it_whole() throws {
        let decoder = CaptureDecoder(context: CaptureContext(displayPath: Self.fleetSnapshot))
        var streamedItems: [ConfigurationItem] = []
        let streamed = try #require(try decoder.decodeFile(path: Self.fleetSnapshot) { streamedItems.append($0) })
        let whole = try decoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: Self.fleetSnapshot))))
        #expect(streamed.format == whole.format)
        #expect(streamed.streamedItems == whole.configurationItems.count)
        #expect(streamed.recordCount == whole.recordCount)
        #expect(streamed.configurationItems.isEmpty)
        #expect(streamedItems.count == 5)
        #expect(streamedItems.map(\.resourceId) == whole.configurationItems.map(\.resourceId))
        #expect(streamedItems.map(\.configurationText) == whole.configurationItems.map(\.configurationText))
        #expect(streamedItems.map(\.relationships) == whole.configurationItems.map(\.relationships))
        #expect(streamedItems.map(\.accountId) == whole.configurationItems.map(\.accountId))
        #expect(streamed.diagnostics.contains { $0.message == "read as gzip, streamed" })
    }

    @Test func streaming_declines_documents_that_are_not_config_item_lists() throws {
        let dir = try TempDir()
        let path = try dir.write("entries.json", Self.tinyEntries)
        let decoder = CaptureDecoder(context: CaptureContext(displayPath: path))
        var count = 0
        let result = try decoder.decodeFile(path: path) { _ in count += 1 }
        #expect(result == nil)
        #expect(count == 0)
    }

    @Test func streamed_errors_carry_the_line_and_column_in_the_file() throws {
        let dir = try TempDir()
        let text =
            "{\"fileVersion\": \"1.0\",\n \"configurationItems\": [\n  {\"resourceType\": \"AWS::EC2::Instance\", \"resourceId\": \"i-1\"},\n  {\"resourceType\": \"AWS::EC2::Instance\", \"resourceId\": x}\n ]}\n"
        let path = try dir.write("snapshot.json", text)
        let decoder = CaptureDecoder(context: CaptureContext(displayPath: "snapshot.json"))
        do {
            _ = try decoder.decodeFile(path: path) { _ in }
            Issue.record("expected an error")
        } catch {
            guard case .malformedJSON(let file, let line, let column, _) = error else {
                Issue.record("expected malformedJSON, got \(error)")
                return
            }
            #expect(file == "snapshot.json")
            #expect(line == 4)
            #expect(column == 56)
            // Reading the file whole reports the same place.
            let whole = decodeError(text, path: "snapshot.json")
            if case .malformedJSON(_, let wholeLine, let wholeColumn, _)? = whole {
                #expect(wholeLine == line && wholeColumn == column)
            }
        }
    }

    @Test func streamed_positions_count_characters_across_chunks() throws {
        // Items past the first 1 MiB chunk, non-ASCII text and escaped quotes before the error:
        // the streamed scan must report the same line and column as reading the file whole.
        let dir = try TempDir()
        let item = #"{"resourceType": "AWS::EC2::Instance", "resourceId": "i-1", "tags": {"Näme": "wört \"[{\" ✓"}}"#
        let items = Array(repeating: item, count: 12_000).joined(separator: ",\n  ")
        let text =
            "{\"fileVersion\": \"1.0\", \"configurationItems\": [\n  \(items), {\"resourceType\": \"é\", \"resourceId\": x}\n ]}\n"
        let path = try dir.write("big.json", text)
        let decoder = CaptureDecoder(context: CaptureContext(displayPath: "big.json"))
        var count = 0
        do {
            _ = try decoder.decodeFile(path: path) { _ in count += 1 }
            Issue.record("expected an error")
        } catch {
            guard case .malformedJSON(_, let line, let column, _) = error,
                case .malformedJSON(_, let wholeLine, let wholeColumn, _)? = decodeError(text, path: "big.json")
            else {
                Issue.record("expected malformedJSON, got \(error)")
                return
            }
            #expect(count == 12_000)
            #expect(line == 12_001)
            #expect(line == wholeLine && column == wholeColumn)
        }
    }

    @Test func concurrent_decoding_gives_the_same_items_and_errors() throws {
        let decoder = CaptureDecoder(context: CaptureContext(displayPath: Self.fleetSnapshot))
        var plain: [ConfigurationItem] = []
        let expected = try #require(try decoder.decodeFile(path: Self.fleetSnapshot) { plain.append($0) })
        var items: [ConfigurationItem] = []
        let streamed = try #require(
            try decoder.decodeFileConcurrently(path: Self.fleetSnapshot, queueLimit: 2) { items.append($0) })
        #expect(streamed.recordCount == expected.recordCount)
        #expect(streamed.diagnostics.map(\.message) == expected.diagnostics.map(\.message))
        #expect(items.map(\.resourceId) == plain.map(\.resourceId))
        #expect(items.map(\.inventorySkeleton) == plain.map(\.inventorySkeleton))
        #expect(items.map { $0.inventoryGroups.map(\.fingerprint) } == plain.map { $0.inventoryGroups.map(\.fingerprint) })

        // The storing side's error wins and stops the decoding.
        var seen = 0
        do {
            _ = try decoder.decodeFileConcurrently(path: Self.fleetSnapshot, queueLimit: 1) { _ throws(InventoryError) in
                seen += 1
                if seen == 2 { throw .store(message: "disk full") }
            }
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("disk full"))
            #expect(seen == 2)
        }

        // A decoding error arrives after the items before it, with its place in the file.
        let dir = try TempDir()
        let text =
            "{\"fileVersion\": \"1.0\",\n \"configurationItems\": [\n  {\"resourceType\": \"AWS::EC2::Instance\", \"resourceId\": \"i-1\"},\n  {\"resourceType\": \"AWS::EC2::Instance\", \"resourceId\": x}\n ]}\n"
        let path = try dir.write("snapshot.json", text)
        let small = CaptureDecoder(context: CaptureContext(displayPath: "snapshot.json"))
        var before = 0
        do {
            _ = try small.decodeFileConcurrently(path: path) { _ in before += 1 }
            Issue.record("expected an error")
        } catch {
            guard case .malformedJSON(_, let line, let column, _) = error else {
                Issue.record("expected malformedJSON, got \(error)")
                return
            }
            #expect(before == 1)
            #expect(line == 4 && column == 56)
        }
    }

    // MARK: Path hints

    @Test func path_hints_read_a_resource_data_sync_key() {
        let hints = PathHints(
            path:
                "bucket/prefix/d=2026-11-01/AWS:Application/accountid=123456789012/region=ca-central-1/resourcetype=ManagedInstanceInventory/i-001188b4e152aecaf.json"
        )
        #expect(hints.accountId == "123456789012")
        #expect(hints.region == "ca-central-1")
        #expect(hints.typeName == "AWS:Application")
        #expect(hints.nodeId == "i-001188b4e152aecaf")
        #expect(hints.isDataSyncKey)
    }

    @Test func path_hints_accept_every_spelling_of_the_type_folder() {
        #expect(PathHints.typeName(fromFolder: "AWS:Application") == "AWS:Application")
        #expect(PathHints.typeName(fromFolder: "AWS%3AApplication") == "AWS:Application")
        #expect(PathHints.typeName(fromFolder: "AWS%3aNetwork") == "AWS:Network")
        #expect(PathHints.typeName(fromFolder: "AWS_WindowsUpdate") == "AWS:WindowsUpdate")
        #expect(PathHints.typeName(fromFolder: "AWS-InstanceInformation") == "AWS:InstanceInformation")
        #expect(PathHints.typeName(fromFolder: "Custom:RackInfo") == "Custom:RackInfo")
        #expect(PathHints.typeName(fromFolder: "Custom_RackInfo") == "Custom:RackInfo")
        // Ordinary folder names are not types.
        #expect(PathHints.typeName(fromFolder: "aws-captures") == nil)
        #expect(PathHints.typeName(fromFolder: "AWS-captures") == nil)
        #expect(PathHints.typeName(fromFolder: "Custom-data") == nil)
        #expect(PathHints.typeName(fromFolder: "AWSLogs") == nil)
    }

    @Test func path_hints_read_config_keys_and_cli_folders() {
        let config = PathHints(
            path:
                "org/AWSLogs/111122223333/Config/ap-northeast-1/2026/11/1/ConfigSnapshot/111122223333_Config_ap-northeast-1_ConfigSnapshot_x.json.gz"
        )
        #expect(config.accountId == "111122223333")
        #expect(config.region == "ap-northeast-1")
        #expect(config.isDataSyncKey == false)

        // accountid=/region= without resourcetype= only supply account and region.
        let cli = PathHints(
            path: "cli/accountid=111122223333/region=us-east-1/list-inventory-entries_i-04d8e1b7c2a96f310_AWS-Application_page1.json")
        #expect(cli.accountId == "111122223333")
        #expect(cli.region == "us-east-1")
        #expect(cli.isDataSyncKey == false)
        #expect(cli.typeName == nil)
        #expect(cli.nodeId == nil)

        let plain = PathHints(path: "/home/me/captures/get-inventory.json")
        #expect(plain.accountId == nil && plain.region == nil && plain.typeName == nil && plain.nodeId == nil)
    }

    @Test func node_ids_are_found_in_paths_and_validated() {
        #expect(NodeId.isValid("i-0123abcd"))
        #expect(NodeId.isValid("i-0123456789abcdef0"))
        #expect(NodeId.isValid("mi-0123456789abcdef0"))
        #expect(!NodeId.isValid("mi-0123abcd"))
        #expect(!NodeId.isValid("i-0123456789abcdefg"))
        #expect(!NodeId.isValid("sg-0123abcd"))
        #expect(NodeId.find(inPath: "/var/lib/amazon/ssm/mi-0123456789abcdef0/inventory/custom/rack.json") == "mi-0123456789abcdef0")
        #expect(NodeId.find(inPath: "x/i-0a3f9c27e81b4d5c6.json.gz") == "i-0a3f9c27e81b4d5c6")
        #expect(NodeId.find(inPath: "x/y/z.json") == nil)
    }
}
