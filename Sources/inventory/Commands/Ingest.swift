import ArgumentParser
import Foundation
import InventoryCore

extension InventoryCommand {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read capture files into a new snapshot.",
            discussion: """
                Each PATH is a file, a directory (walked recursively; .json, .jsonl, .ndjson, .gz and extension-less files) or - for standard input. Formats are recognised by content: get-inventory, list-inventory-entries, Resource Data Sync JSON lines, custom inventory files, put-inventory items, describe-instance-information, Config history, snapshot and batch/select output, Config notifications (SNS, SQS, EventBridge, rule events), gzip or not. One ingest is one snapshot, stored in one transaction; identical input is recognised and stores nothing.

                Examples:
                  inventory ingest --label 2026-11-15 captures/2026-11-15/
                  aws ssm get-inventory | inventory ingest -
                  inventory ingest --keep-going --json s3-download/
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "A unique name for the snapshot.")
        var label: String?

        @Flag(help: "Print the result as JSON on stdout.")
        var json = false

        @Flag(help: "Store the good files and list the bad ones instead of storing nothing.")
        var keepGoing = false

        @Option(help: ArgumentHelp("Managed node id for files that do not name one (custom inventory files, put-inventory items).", valueName: "id"))
        var nodeId: String?

        @Option(help: ArgumentHelp("Inventory type for Resource Data Sync rows whose path names none (e.g. AWS:Application).", valueName: "type"))
        var typeName: String?

        @Flag(help: "Replace invalid UTF-8 with U+FFFD and warn, instead of refusing the file.")
        var repairUtf8 = false

        @Flag(name: .shortAndLong, help: "Also print notes (encodings read, types inferred).")
        var verbose = false

        @Argument(help: "Capture files, directories, or - for standard input.", completion: .file())
        var paths: [String]

        func run() throws {
            let store = try store.open()
            let options = IngestOptions(
                label: label, keepGoing: keepGoing, nodeIdOverride: nodeId, typeNameOverride: typeName,
                repairInvalidUTF8: repairUtf8)
            let ingestor = Ingestor(options: options, toolVersion: InventoryVersion.current)
            let result = try withExitCodes { try ingestor.run(paths: paths, store: store) }
            for warning in result.warnings where verbose || !warning.contains(": note: ") {
                Console.error(warning.contains(": warning: ") ? warning : "warning: \(warning)")
            }
            if json {
                try JSONOutput.print(result)
                return
            }
            let snapshot = result.snapshot
            let name = snapshot.label.map { "\(snapshot.id) (\($0))" } ?? "\(snapshot.id)"
            if result.status == "unchanged" {
                Console.out("input unchanged: identical to snapshot \(name); nothing stored")
                return
            }
            let files = result.files
            let refused = files.filter { $0.status == "refused" }.count
            let failed = files.filter { $0.status == "failed" }.count
            var line = "snapshot \(name) taken \(snapshot.takenAt ?? "at an unknown time"): \(snapshot.nodeCount) nodes, "
                + "\(snapshot.entryCount) inventory rows, \(snapshot.resourceCount) Config resources from \(files.count) files"
            if refused > 0 { line += ", \(refused) refused" }
            if failed > 0 { line += ", \(failed) failed" }
            if !snapshot.complete { line += " [INCOMPLETE]" }
            Console.out(line)
        }
    }
}
