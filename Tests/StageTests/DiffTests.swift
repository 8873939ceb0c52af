import Foundation
import InventoryCore
import Testing

/// The Diff stage through its public API: tiny captures ingested into an in-memory store, then
/// `SnapshotDiff` (which runs the row matcher per node and type, and the configuration
/// comparison per resource), noise rules and filters.
@Suite struct DiffTests {
    static let n1 = "i-0a3f9c27e81b4d5c6"
    static let n2 = "i-04d8e1b7c2a96f310"
    static let where1 = "accountid=111122223333/region=us-east-1"

    /// Two snapshots from two sets of files (relative path → content), and their diff.
    struct Pair {
        let dir: TempDir
        let store: InventoryStore
        let base: SnapshotInfo
        let target: SnapshotInfo

        init(base: [String: String], target: [String: String]) throws {
            let dir = try TempDir()
            let store = try memoryStore()
            func snapshot(_ name: String, _ files: [String: String]) throws -> SnapshotInfo {
                for (relative, text) in files { try dir.write("\(name)/\(relative)", text) }
                return try ingest(store, [dir.path(name)]).snapshot
            }
            self.base = try snapshot("base", base)
            self.target = try snapshot("target", target)
            self.dir = dir
            self.store = store
        }

        func diff(_ options: DiffOptions = DiffOptions()) throws -> DiffResult {
            try SnapshotDiff(store: store, options: options).run(base: base, target: target)
        }
    }

    static let t1 = "2026-11-01T03:00:00Z"
    static let t2 = "2026-11-15T03:00:00Z"

    /// One node's rows of one type at T1 and at T2.
    func rows(
        _ before: [[String: String]], _ after: [[String: String]], type: String = "AWS:Application", node: String = n1
    ) throws -> DiffResult {
        try Pair(
            base: ["\(Self.where1)/entries.json": listEntries(node: node, type: type, captureTime: Self.t1, rows: before)],
            target: ["\(Self.where1)/entries.json": listEntries(node: node, type: type, captureTime: Self.t2, rows: after)]
        ).diff()
    }

    static func app(
        _ name: String, _ version: String, arch: String = "x86_64", publisher: String = "Amazon Linux",
        extra: [String: String] = [:]
    ) -> [String: String] {
        ["Name": name, "Version": version, "Architecture": arch, "Publisher": publisher].merging(extra) { _, new in new }
    }

    // MARK: Row matching

    @Test func identical_rows_in_another_order_are_no_change() throws {
        let result = try rows([Self.app("bash", "5.2"), Self.app("curl", "8.5")], [Self.app("curl", "8.5"), Self.app("bash", "5.2")])
        #expect(result.changes.isEmpty)
        #expect(!result.hasChanges)
        #expect(result.summary == ChangeSummary())
    }

    @Test func a_row_listed_twice_then_once_is_a_multiplicity_change() throws {
        let result = try rows([Self.app("bash", "5.2"), Self.app("bash", "5.2")], [Self.app("bash", "5.2")])
        #expect(result.changes.count == 1)
        let change = try #require(result.changes.first)
        #expect(change.change == .multiplicity)
        #expect(change.fields == [Change.Field(name: "count", before: "2", after: "1")])
        #expect(change.key == "bash / x86_64 / Amazon Linux / 5.2")
        #expect(result.summary.multiplicity == 1)
    }

    @Test func rows_with_the_same_identity_are_changed_with_their_fields() throws {
        let result = try rows(
            [Self.app("openssl-libs", "3.0.8", extra: ["Release": "1.amzn2023.0.14", "InstalledTime": "2026-05-21T04:37:55Z"])],
            [Self.app("openssl-libs", "3.0.8", extra: ["Release": "2.amzn2023.0.1", "InstalledTime": "2026-11-10T22:01:12Z"])])
        #expect(result.changes.map(\.change) == [.changed])
        let change = try #require(result.changes.first)
        #expect(change.key == "openssl-libs / x86_64 / Amazon Linux")
        #expect(
            change.fields == [
                Change.Field(name: "InstalledTime", before: "2026-05-21T04:37:55Z", after: "2026-11-10T22:01:12Z"),
                Change.Field(name: "Release", before: "1.amzn2023.0.14", after: "2.amzn2023.0.1"),
            ])
        #expect(change.accountId == "111122223333")
        #expect(change.region == "us-east-1")
        #expect(change.resourceId == Self.n1)
        #expect(change.typeName == "AWS:Application")
    }

    @Test func a_repeated_name_brings_version_into_the_key_so_kernels_are_added_and_removed() throws {
        let result = try rows(
            [Self.app("kernel", "6.1.79"), Self.app("kernel", "6.1.82")],
            [Self.app("kernel", "6.1.82"), Self.app("kernel", "6.1.90")])
        // Sorted by key: the old kernel first.
        #expect(result.changes.map(\.change) == [.removed, .added])
        #expect(result.changes.map(\.key) == ["kernel / x86_64 / Amazon Linux / 6.1.79", "kernel / x86_64 / Amazon Linux / 6.1.90"])
    }

    @Test func a_single_row_per_name_changes_version_in_place() throws {
        let result = try rows([Self.app("kernel", "6.1.79")], [Self.app("kernel", "6.1.90")])
        #expect(result.changes.map(\.change) == [.changed])
        #expect(result.changes.first?.fields == [Change.Field(name: "Version", before: "6.1.79", after: "6.1.90")])
    }

    @Test func another_architecture_is_another_row() throws {
        let result = try rows(
            [Self.app("Amazon SSM Agent", "3.3", arch: "i386"), Self.app("Amazon SSM Agent", "3.3", arch: "x86_64")],
            [Self.app("Amazon SSM Agent", "3.3", arch: "x86_64")])
        #expect(result.changes.map(\.change) == [.removed])
        #expect(result.changes.first?.key == "Amazon SSM Agent / i386 / Amazon Linux / 3.3")
    }

    @Test func attribute_names_match_ignoring_case() throws {
        let result = try rows(
            [["HotFixID": "KB5065306", "InstalledBy": "NT AUTHORITY\\SYSTEM"]],
            [["HotFixId": "KB5065306", "InstalledBy": "NT AUTHORITY\\SYSTEM"]], type: "AWS:WindowsUpdate")
        #expect(result.changes.isEmpty)
        let changed = try rows(
            [["HotFixID": "KB1", "InstalledBy": "a"]], [["HotFixId": "KB1", "InstalledBy": "b"]], type: "AWS:WindowsUpdate")
        #expect(changed.changes.map(\.change) == [.changed])
        #expect(changed.changes.first?.key == "KB1")
        // The target's spelling is shown.
        #expect(changed.changes.first?.fields.map(\.name) == ["InstalledBy"])
    }

    @Test func attributes_reported_for_the_first_time_are_attributes_added() throws {
        let before = [Self.app("bash", "5.2")]
        let after = [Self.app("bash", "5.2", extra: ["URL": "https://www.gnu.org/software/bash"])]
        let result = try rows(before, after)
        #expect(result.changes.map(\.change) == [.attributesAdded])
        #expect(result.changes.first?.fields == [Change.Field(name: "URL", before: nil, after: "https://www.gnu.org/software/bash")])
        #expect(result.hasChanges)

        let pair = try Pair(
            base: ["e.json": listEntries(node: Self.n1, captureTime: Self.t1, rows: before)],
            target: ["e.json": listEntries(node: Self.n1, captureTime: Self.t2, rows: after)])
        #expect(try pair.diff(DiffOptions(ignoreNewAttributes: true)).changes.isEmpty)
    }

    @Test func an_attribute_that_disappears_is_a_change_to_absent() throws {
        let result = try rows([Self.app("bash", "5.2", extra: ["URL": "u"])], [Self.app("bash", "5.2")])
        #expect(result.changes.map(\.change) == [.changed])
        #expect(result.changes.first?.fields == [Change.Field(name: "URL", before: "u", after: nil)])
    }

    @Test func custom_types_are_keyed_by_every_attribute() throws {
        let result = try rows([["Rack": "R1", "Unit": "7"]], [["Rack": "R1", "Unit": "8"]], type: "Custom:RackInfo")
        #expect(result.changes.map(\.change) == [.removed, .added])
        // Attribute names as spelled in the capture, not folded.
        #expect(result.changes.map(\.key) == ["Rack=R1 / Unit=7", "Rack=R1 / Unit=8"])
    }

    @Test func an_added_row_installed_before_the_base_snapshot_is_annotated() throws {
        let result = try rows(
            [Self.app("bash", "5.2")],
            [
                Self.app("bash", "5.2"), Self.app("vim", "9.0", extra: ["InstalledTime": "2026-10-01T00:00:00Z"]),
                Self.app("git", "2.4", extra: ["InstalledTime": "2026-11-10T00:00:00Z"]),
            ])
        #expect(result.changes.map(\.change) == [.added, .added])
        let notes = Dictionary(uniqueKeysWithValues: result.changes.map { ($0.key, $0.note) })
        #expect(
            notes["vim / x86_64 / Amazon Linux / 9.0"]
                == .some("installed 2026-10-01T00:00:00Z, before the base snapshot: likely newly reported, not newly installed"))
        #expect(notes["git / x86_64 / Amazon Linux / 2.4"] == .some(nil))
    }

    // MARK: Scope: not captured, newly captured, status

    static func info(_ node: String, status: String, time: String, name: String = "host") -> String {
        listEntries(
            node: node, type: "AWS:InstanceInformation", captureTime: time,
            rows: [["InstanceId": node, "InstanceStatus": status, "ComputerName": name]])
    }

    @Test func a_type_missing_from_the_target_is_not_captured_not_removed() throws {
        let pair = try Pair(
            base: [
                "\(Self.where1)/app.json": listEntries(node: Self.n1, captureTime: Self.t1, rows: [Self.app("bash", "5.2")]),
                "\(Self.where1)/net.json": listEntries(node: Self.n1, type: "AWS:Network", captureTime: Self.t1, rows: [["Name": "eth0"]]),
            ],
            target: ["\(Self.where1)/app.json": listEntries(node: Self.n1, captureTime: Self.t2, rows: [Self.app("bash", "5.2")])])
        let result = try pair.diff()
        #expect(result.changes.map(\.change) == [.notCaptured])
        #expect(result.changes.first?.typeName == "AWS:Network")
        #expect(result.changes.first?.note == nil)
        #expect(!result.hasChanges)
        #expect(result.summary.notCaptured == 1)
    }

    @Test func a_node_missing_from_the_target_is_not_captured_with_a_note() throws {
        let pair = try Pair(
            base: [
                "a.json": listEntries(node: Self.n1, captureTime: Self.t1, rows: [Self.app("bash", "5.2")]),
                "b.json": listEntries(node: Self.n2, captureTime: Self.t1, rows: [Self.app("zsh", "5.9")]),
            ],
            target: ["a.json": listEntries(node: Self.n1, captureTime: Self.t2, rows: [Self.app("bash", "5.2")])])
        let result = try pair.diff()
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.change == .notCaptured)
        #expect(result.changes.first?.resourceId == Self.n2)
        #expect(result.changes.first?.note == "node not in the target snapshot")
    }

    @Test func a_type_captured_for_a_known_node_for_the_first_time_is_newly_captured() throws {
        let pair = try Pair(
            base: ["i.json": Self.info(Self.n1, status: "Active", time: Self.t1)],
            target: [
                "i.json": Self.info(Self.n1, status: "Active", time: Self.t2),
                "a.json": listEntries(node: Self.n1, captureTime: Self.t2, rows: [Self.app("bash", "5.2"), Self.app("curl", "8.5")]),
            ])
        let result = try pair.diff()
        #expect(result.changes.map(\.change) == [.newlyCaptured])
        #expect(result.changes.first?.note == "2 rows; the base snapshot did not capture this type")
        #expect(result.changes.first?.computerName == "host")
        #expect(!result.hasChanges)
    }

    @Test func every_row_of_a_new_node_is_added_without_install_notes() throws {
        let pair = try Pair(
            base: ["a.json": listEntries(node: Self.n1, captureTime: Self.t1, rows: [Self.app("bash", "5.2")])],
            target: [
                "a.json": listEntries(node: Self.n1, captureTime: Self.t2, rows: [Self.app("bash", "5.2")]),
                "b.json": listEntries(
                    node: Self.n2, captureTime: Self.t2,
                    rows: [Self.app("zsh", "5.9", extra: ["InstalledTime": "2020-01-01T00:00:00Z"]), Self.app("vim", "9")]),
            ])
        let result = try pair.diff()
        #expect(result.changes.map(\.change) == [.added, .added])
        #expect(result.changes.allSatisfy { $0.resourceId == Self.n2 && $0.note == nil })
        #expect(result.summary.added == 2)
    }

    @Test func a_terminated_node_is_one_status_change_not_row_removals() throws {
        let pair = try Pair(
            base: [
                "i.json": Self.info(Self.n1, status: "Active", time: Self.t1),
                "a.json": listEntries(node: Self.n1, captureTime: Self.t1, rows: [Self.app("bash", "5.2"), Self.app("curl", "8.5")]),
            ],
            target: [
                "i.json": Self.info(Self.n1, status: "Terminated", time: Self.t2),
                "a.json": listEntries(node: Self.n1, captureTime: Self.t2, rows: []),
            ])
        let result = try pair.diff()
        #expect(result.changes.count == 1)
        let change = try #require(result.changes.first)
        #expect(change.change == .statusChanged)
        #expect(change.typeName == "AWS:InstanceInformation")
        #expect(change.key == Self.n1)
        #expect(change.fields == [Change.Field(name: "InstanceStatus", before: "Active", after: "Terminated")])
        #expect(result.summary.statusChanged == 1)
    }

    // MARK: Configuration items

    /// An API-spelling configuration item.
    static func ci(
        _ id: String, type: String = "AWS::EC2::Instance", status: String = "OK", time: String, stateId: String,
        configuration: String? = #"{"instanceType": "t3.medium"}"#, tags: String = "{}", relationships: String = "[]",
        zone: String? = "us-east-1a"
    ) -> String {
        var members = [
            #""version": "1.3""#, #""accountId": "111122223333""#, #""awsRegion": "us-east-1""#,
            #""resourceType": "\#(type)""#, #""resourceId": "\#(id)""#, #""configurationItemStatus": "\#(status)""#,
            #""configurationItemCaptureTime": "\#(time)""#, #""configurationStateId": "\#(stateId)""#,
            #""tags": \#(tags)"#, #""relationships": \#(relationships)"#,
            #""availabilityZone": \#(zone.map { "\"\($0)\"" } ?? "null")"#,
        ]
        if let configuration { members.append(#""configuration": \#(configuration)"#) }
        return "{" + members.joined(separator: ", ") + "}"
    }

    static func history(_ items: String...) -> String { #"{"configurationItems": [\#(items.joined(separator: ", "))]}"# }

    func items(_ before: String, _ after: String, options: DiffOptions = DiffOptions()) throws -> DiffResult {
        try Pair(base: ["h.json": Self.history(before)], target: ["h.json": Self.history(after)]).diff(options)
    }

    @Test func configuration_changes_are_reported_by_path_and_noise_is_left_out() throws {
        let result = try items(
            Self.ci(
                "i-1", time: Self.t1, stateId: "1",
                configuration: #"{"instanceType": "t3.medium", "state": {"code": 16, "name": "running"}}"#),
            Self.ci(
                "i-1", time: Self.t2, stateId: "2",
                configuration: #"{"instanceType": "t3.large", "state": {"code": 16.0, "name": "running"}}"#))
        #expect(result.changes.map(\.change) == [.changed])
        let change = try #require(result.changes.first)
        // configurationStateId and the capture time move forward but are noise; 16 = 16.0.
        #expect(change.fields == [Change.Field(name: "configuration.instanceType", before: "t3.medium", after: "t3.large")])
        #expect(change.key == "i-1")
        #expect(change.typeName == "AWS::EC2::Instance")

        let noisy = try items(
            Self.ci("i-1", time: Self.t1, stateId: "1"), Self.ci("i-1", time: Self.t2, stateId: "2"),
            options: DiffOptions(includeNoise: true))
        #expect(noisy.changes.first?.fields.map(\.name) == ["configurationStateId", "configurationItemCaptureTime"])
    }

    @Test func list_members_are_matched_by_their_natural_key() throws {
        let sg1 = #"{"groupName": "web", "groupId": "sg-1"}"#
        let sg2 = #"{"groupName": "monitoring-agents", "groupId": "sg-2"}"#
        let result = try items(
            Self.ci("i-1", time: Self.t1, stateId: "1", configuration: #"{"securityGroups": [\#(sg1)]}"#),
            Self.ci("i-1", time: Self.t2, stateId: "2", configuration: #"{"securityGroups": [\#(sg2), \#(sg1)]}"#))
        let fields = result.changes.first?.fields ?? []
        #expect(fields.map(\.name) == ["configuration.securityGroups[groupId=sg-2]"])
        #expect(fields.first?.before == nil)
        #expect(fields.first?.after == #"{"groupId":"sg-2","groupName":"monitoring-agents"}"#)
        #expect(fields.first?.element == .added, "an element of a list is reported as added, not as a new list")
    }

    @Test func lists_of_scalars_compare_as_sets() throws {
        let reordered = try items(
            Self.ci("i-1", time: Self.t1, stateId: "1", configuration: #"{"ips": ["10.0.0.1", "10.0.0.2"]}"#),
            Self.ci("i-1", time: Self.t2, stateId: "2", configuration: #"{"ips": ["10.0.0.2", "10.0.0.1"]}"#))
        #expect(reordered.changes.isEmpty)
        let grown = try items(
            Self.ci("i-1", time: Self.t1, stateId: "1", configuration: #"{"ips": ["10.0.0.1"]}"#),
            Self.ci("i-1", time: Self.t2, stateId: "2", configuration: #"{"ips": ["10.0.0.1", "10.0.0.3"]}"#))
        let fields = grown.changes.first?.fields ?? []
        #expect(fields.map(\.name) == ["configuration.ips"])
        #expect(fields.first?.before == nil && fields.first?.after == "10.0.0.3", "only the added element, not both lists")
        #expect(fields.first?.element == .added)
    }

    @Test func relationships_are_a_set_and_tags_a_map() throws {
        let vpc = #"{"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-1", "relationshipName": "Is contained in Vpc"}"#
        let sg =
            #"{"resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg-1", "relationshipName": "Is associated with SecurityGroup"}"#
        let reordered = try items(
            Self.ci("i-1", time: Self.t1, stateId: "1", relationships: "[\(vpc), \(sg)]"),
            Self.ci("i-1", time: Self.t2, stateId: "2", relationships: "[\(sg), \(vpc)]"))
        #expect(reordered.changes.isEmpty)
        let changed = try items(
            Self.ci("i-1", time: Self.t1, stateId: "1", tags: #"{"CostCenter": "cc-1042", "Name": "web"}"#, relationships: "[\(vpc)]"),
            Self.ci(
                "i-1", time: Self.t2, stateId: "2", tags: #"{"Name": "web", "CostCenter": "cc-2077"}"#, relationships: "[\(vpc), \(sg)]"))
        let names = changed.changes.first?.fields.map(\.name) ?? []
        #expect(names == ["tags.CostCenter", "relationships[resourceId=sg-1]"])
        #expect(changed.changes.first?.fields.first == Change.Field(name: "tags.CostCenter", before: "cc-1042", after: "cc-2077"))
    }

    @Test func not_applicable_and_null_zones_are_the_same() throws {
        let result = try items(
            Self.ci("sg-1", type: "AWS::EC2::SecurityGroup", time: Self.t1, stateId: "1", zone: "Not Applicable"),
            Self.ci("sg-1", type: "AWS::EC2::SecurityGroup", time: Self.t2, stateId: "2", zone: nil))
        #expect(result.changes.isEmpty)
        let moved = try items(
            Self.ci("i-1", time: Self.t1, stateId: "1", zone: "us-east-1a"), Self.ci("i-1", time: Self.t2, stateId: "2", zone: "us-east-1b")
        )
        #expect(moved.changes.first?.fields == [Change.Field(name: "availabilityZone", before: "us-east-1a", after: "us-east-1b")])
    }

    @Test func a_deleted_resource_is_a_status_change() throws {
        let result = try items(
            Self.ci("i-1", time: Self.t1, stateId: "1"),
            Self.ci("i-1", status: "ResourceDeleted", time: Self.t2, stateId: "2", configuration: nil))
        #expect(result.changes.map(\.change) == [.statusChanged])
        #expect(result.changes.first?.fields == [Change.Field(name: "configurationItemStatus", before: "OK", after: "ResourceDeleted")])
    }

    @Test func resources_appear_and_go_uncaptured() throws {
        let pair = try Pair(
            base: ["h.json": Self.history(Self.ci("i-1", time: Self.t1, stateId: "1"))],
            target: ["h.json": Self.history(Self.ci("i-2", status: "ResourceDiscovered", time: Self.t2, stateId: "2"))])
        let result = try pair.diff()
        #expect(result.changes.map(\.change) == [.notCaptured, .added])
        #expect(result.changes.map(\.resourceId) == ["i-1", "i-2"])
        #expect(result.summary.realChanges == 1)
    }

    @Test func summaries_are_not_compared_field_by_field() throws {
        let summary =
            #"{"messageType": "OversizedConfigurationItemChangeNotification", "configurationItemSummary": {"resourceType": "AWS::EC2::Instance", "resourceId": "i-1", "configurationItemStatus": "OK", "awsAccountId": "111122223333", "awsRegion": "us-east-1", "availabilityZone": "us-east-1a", "configurationItemCaptureTime": "\#(Self.t2)"}}"#
        let pair = try Pair(
            base: ["h.json": Self.history(Self.ci("i-1", time: Self.t1, stateId: "1", tags: #"{"a": "b"}"#))],
            target: ["n.json": summary])
        // The summary has no tags or configuration: that is not "tags removed".
        #expect(try pair.diff().changes.isEmpty)
    }

    // MARK: Noise rules

    @Test func default_noise_rules_match_fields_of_every_type_ignoring_case() {
        let rules = NoiseRules(includeDefaults: true, extra: [])
        #expect(rules.ignores(typeName: "AWS:Application", field: "capturetime"))
        #expect(rules.ignores(typeName: "AWS::EC2::Instance", field: "configurationStateId"))
        #expect(rules.ignores(typeName: "AWS:InstanceInformation", field: "PingStatus"))
        #expect(!rules.ignores(typeName: "AWS:Application", field: "Version"))
        let none = NoiseRules(includeDefaults: false, extra: [])
        #expect(!none.ignores(typeName: "AWS:Application", field: "CaptureTime"))
        #expect(NoiseRules.defaults.contains("*.ContentHash"))
    }

    @Test func extra_rules_name_a_type_and_a_field_or_a_path_prefix() {
        let rules = NoiseRules(
            includeDefaults: false,
            extra: ["AWS:Application.InstalledTime", "AWS::EC2::Instance.configuration.launchTime", "*.Owner", "Comment"])
        #expect(rules.ignores(typeName: "aws:application", field: "installedtime"))
        #expect(!rules.ignores(typeName: "AWS:AWSComponent", field: "InstalledTime"))
        #expect(rules.ignores(typeName: "AWS::EC2::Instance", field: "configuration.launchTime"))
        #expect(rules.ignores(typeName: "AWS::EC2::Instance", field: "configuration.launchTime.extra"))
        #expect(!rules.ignores(typeName: "AWS::EC2::Instance", field: "configuration.instanceType"))
        #expect(rules.ignores(typeName: "AWS::S3::Bucket", field: "tags.Owner"))
        #expect(rules.ignores(typeName: "Custom:X", field: "Comment"))
    }

    @Test func ignore_and_include_noise_change_what_the_diff_reports() throws {
        let pair = try Pair(
            base: [
                "a.json": listEntries(
                    node: Self.n1, captureTime: Self.t1, rows: [Self.app("bash", "5.2", extra: ["InstalledTime": "2026-01-01T00:00:00Z"])])
            ],
            target: [
                "a.json": listEntries(
                    node: Self.n1, captureTime: Self.t2, rows: [Self.app("bash", "5.2", extra: ["InstalledTime": "2026-11-02T00:00:00Z"])])
            ])
        #expect(try pair.diff().changes.map(\.change) == [.changed])
        #expect(try pair.diff(DiffOptions(ignore: ["AWS:Application.InstalledTime"])).changes.isEmpty)
        #expect(try pair.diff(DiffOptions(ignore: ["AWS:Network.InstalledTime"])).changes.count == 1)
    }

    // MARK: Filters and ordering

    func twoRegions() throws -> Pair {
        try Pair(
            base: [
                "\(Self.where1)/a.json": listEntries(node: Self.n1, captureTime: Self.t1, rows: [Self.app("bash", "5.2")]),
                "accountid=444455556666/region=eu-west-1/b.json": listEntries(
                    node: Self.n2, captureTime: Self.t1, rows: [Self.app("zsh", "5.8")]),
                "accountid=444455556666/region=eu-west-1/n.json": listEntries(
                    node: Self.n2, type: "AWS:Network", captureTime: Self.t1, rows: [["Name": "eth0", "IPV4": "10.0.0.1"]]),
            ],
            target: [
                "\(Self.where1)/a.json": listEntries(node: Self.n1, captureTime: Self.t2, rows: [Self.app("bash", "5.3")]),
                "accountid=444455556666/region=eu-west-1/b.json": listEntries(
                    node: Self.n2, captureTime: Self.t2, rows: [Self.app("zsh", "5.9")]),
                "accountid=444455556666/region=eu-west-1/n.json": listEntries(
                    node: Self.n2, type: "AWS:Network", captureTime: Self.t2, rows: [["Name": "eth0", "IPV4": "10.0.0.2"]]),
            ])
    }

    @Test func changes_are_sorted_by_account_region_node_type_and_key() throws {
        let result = try twoRegions().diff()
        #expect(result.changes.map(\.resourceId) == [Self.n1, Self.n2, Self.n2])
        #expect(result.changes.map(\.typeName) == ["AWS:Application", "AWS:Application", "AWS:Network"])
        #expect(result.changes.map(\.accountId) == ["111122223333", "444455556666", "444455556666"])
        #expect(result.summary.changed == 3)
    }

    @Test func filters_narrow_by_type_node_account_and_region() throws {
        let pair = try twoRegions()
        #expect(try pair.diff(DiffOptions(types: ["aws:network"])).changes.map(\.typeName) == ["AWS:Network"])
        #expect(try pair.diff(DiffOptions(nodes: [Self.n1])).changes.map(\.resourceId) == [Self.n1])
        #expect(try pair.diff(DiffOptions(accounts: ["444455556666"])).changes.count == 2)
        #expect(try pair.diff(DiffOptions(regions: ["us-east-1"])).changes.count == 1)
        #expect(try pair.diff(DiffOptions(types: ["AWS:Application"], regions: ["eu-west-1"])).changes.map(\.resourceId) == [Self.n2])
        let none = try pair.diff(DiffOptions(accounts: ["000000000000"]))
        #expect(none.changes.isEmpty && !none.hasChanges)
    }

    @Test func a_snapshot_compared_with_itself_has_no_changes() throws {
        let pair = try twoRegions()
        let result = try SnapshotDiff(store: pair.store).run(base: pair.target, target: pair.target)
        #expect(result.changes.isEmpty)
        #expect(result.base == result.target)
    }

    @Test func the_summary_counts_kinds_and_only_real_changes_make_has_changes() {
        func change(_ kind: Change.Kind) -> Change {
            Change(change: kind, accountId: nil, region: nil, resourceId: "i-1", typeName: "T", key: "")
        }
        let gained = ChangeSummary([change(.notCaptured), change(.newlyCaptured), change(.newlyCaptured)])
        #expect(gained.notCaptured == 1 && gained.newlyCaptured == 2)
        #expect(gained.realChanges == 0)
        let real = ChangeSummary(Change.Kind.allCases.map(change))
        #expect(real.realChanges == 6)
        #expect(real.added == 1 && real.removed == 1 && real.changed == 1 && real.attributesAdded == 1)
        #expect(real.multiplicity == 1 && real.statusChanged == 1)
    }
}
