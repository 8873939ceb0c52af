import Foundation
import Testing
import XlsxInspection

/// Issue 13 through the real binary: the rules are listed by `diff --help`, the JSON contract
/// gains `element` and `note` on fields, and files that are not captures are named in one line.
@Suite struct DiffRulesCLITests {
    @Test func diff_help_lists_the_identity_rules() throws {
        let help = try Binary.run(["diff", "--help"])
        #expect(help.status == 0)
        let text = help.stdout.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(text.contains("AWS::EC2::SecurityGroup configuration.ipPermissions: by ipProtocol + fromPort + toPort"))
        #expect(text.contains("AWS::IAM::Role configuration.rolePolicyList: by policyName"))
        #expect(text.contains("AWS:ComplianceItem.ExecutionId"))
    }

    @Test func json_fields_carry_element_and_note_and_text_reads_as_a_sentence() throws {
        let scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("config-rules/sg-reorder-one-cidr.base.json")])
        try ingest(scratch.db, [Paths.fixture("config-rules/sg-reorder-one-cidr.target.json")])
        let (status, changes, summary) = try diffJSON(scratch.db)
        #expect(status == 1)
        #expect(summary["changed"] == 1)
        let fields = try #require(changes.first?["fields"] as? [[String: Any]])
        #expect(fields.count == 1)
        #expect(fields.first?["element"] as? String == "added")
        #expect(fields.first?["note"] as? String == "also in configuration.ipPermissions[tcp 443].ipv4Ranges")
        #expect(fields.first?["before"] == nil || fields.first?["before"] is NSNull)
        let text = try Binary.run(["diff", "--db", scratch.db])
        #expect(
            text.stdout.contains(
                "configuration.ipPermissions[tcp 443].ipRanges: added 192.0.2.0/24  (also in configuration.ipPermissions[tcp 443].ipv4Ranges)"
            ))
    }

    @Test func a_csv_named_on_the_command_line_is_refused_in_one_line() throws {
        let scratch = try Scratch()
        let csv = try scratch.write("athena-results.csv", "resourceid,capturetime,name,version\ni-0abc,2026-11-01T00:00:00Z,bash,5.2\n")
        let result = try Binary.run(["ingest", "--db", scratch.db, csv])
        #expect(result.status == 2)
        let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(message.split(separator: "\n").count == 1, "\(message)")
        #expect(message.contains("athena-results.csv: refused: a CSV file (header: resourceid, capturetime, name, version)"))
        #expect(!message.contains("malformed JSON"))
    }

    @Test func skipped_files_in_a_walked_folder_are_reported_and_listed_with_verbose() throws {
        let scratch = try Scratch()
        _ = try scratch.write(
            "captures/config.json", try String(contentsOfFile: Paths.fixture("config-rules/iam-role.base.json"), encoding: .utf8))
        _ = try scratch.write("captures/export.csv", "resourceid,name\ni-0abc,bash\n")
        let folder = scratch.path("captures")
        let quiet = try Binary.run(["ingest", "--db", scratch.db, folder])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.contains("\(folder): warning: skipped 1 file not named like captures (1 .csv); --verbose lists them"))
        #expect(!quiet.stderr.contains("export.csv: note"))
        let verbose = try Binary.run(["ingest", "--db", scratch.path("other.sqlite"), "--verbose", folder])
        #expect(verbose.stderr.contains("\(folder)/export.csv: note: skipped: .csv is not a capture file name"))
    }

    /// The fleet's openssl-libs on Amazon Linux moved from release 1.amzn2023.0.14 to 2.amzn2023.0.1.
    @Test func the_changes_sheet_has_a_version_change_column() throws {
        let scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        let output = scratch.path("fleet.xlsx")
        let result = try Binary.run(["export", "--db", scratch.db, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let changes = try #require(try XlsxInspector.inspect(output).sheets["Changes"])
        let header = changes.rows()[1] ?? [:]
        let direction = try #require(header.first { $0.value == "Version change" }?.key, "a Version change column: \(header)")
        let name = try #require(header.first { $0.value == "Name" }?.key, "a Name column: \(header)")
        let rows = changes.rows().values
        #expect(rows.contains { $0[name] == "openssl-libs" && $0[direction] == "upgrade" })
        #expect(!rows.contains { $0["A"] == "added" && $0[direction] != nil && $0[direction] != "" })
    }
}
