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

        @OptionGroup(title: "Output") var logging: LoggingOptions

        @Argument(help: "Capture files, directories, or - for standard input.", completion: .file())
        var paths: [String]

        func run() throws {
            _ = logging.bootstrap()
            let storeExisted = FileManager.default.fileExists(atPath: self.store.path)
            let store = try store.open()
            let options = IngestOptions(
                label: label, keepGoing: keepGoing, nodeIdOverride: nodeId, typeNameOverride: typeName,
                repairInvalidUTF8: repairUtf8)
            var ingestor = Ingestor(options: options, toolVersion: InventoryVersion.current)
            let progress = logging.showProgress ? ProgressLine() : nil
            if let progress { ingestor.progress = { progress.update($0) } }
            let result: IngestResult
            do {
                result = try withExitCodes { try ingestor.run(paths: paths, store: store) }
            } catch {
                progress?.finish()
                self.store.removeIfCreatedEmpty(existedBefore: storeExisted)
                throw error
            }
            progress?.finish()
            IngestSummary.printWarnings(result, logging: logging)
            if json {
                try JSONOutput.print(result)
            } else {
                Console.out(IngestSummary.line(result))
            }
        }
    }
}
