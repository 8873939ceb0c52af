import ArgumentParser
import Foundation
import InventoryCore

extension InventoryCommand {
    struct Ingest: ContextCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read capture files into a new snapshot.",
            discussion: """
                Each PATH is a file, a directory (walked recursively; .json, .jsonl, .ndjson, .gz and extension-less files) or - for standard input. Formats are recognised by content: get-inventory, list-inventory-entries, Resource Data Sync JSON lines, custom inventory files, put-inventory items, describe-instance-information, Config history, snapshot and batch/select output, Config notifications (SNS, SQS, EventBridge, rule events), gzip or not. One ingest is one snapshot, stored in one transaction; identical input is recognised and stores nothing.

                Examples:
                  inventory ingest --label 2026-11-15 captures/2026-11-15/
                  aws ssm get-inventory | inventory ingest -
                  inventory ingest --keep-going --format json s3-download/
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var input: InputOptions
        @OptionGroup var output: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func validate() throws { try output.allow([.text, .json]) }

        func run(in context: CommandContext) throws {
            let logger = context.logger(logging)
            let storeExisted = FileManager.default.fileExists(atPath: store.path(context))
            let inventory = try store.open(context)
            var ingestor = input.ingestor(context)
            let progress = logging.progress(context)
            if let progress { ingestor.progress = { progress.update($0) } }
            let result: IngestResult
            do {
                result = try context.core { () throws(InventoryError) in try ingestor.run(paths: input.paths, store: inventory) }
            } catch {
                progress?.finish()
                store.removeIfCreatedEmpty(context, existedBefore: storeExisted)
                throw error
            }
            progress?.finish()
            logger.report(result.warnings)
            if output.resolved == .json { return try context.json(result) }
            context.out(result.summaryLine)
            if let placement = try context.core({ () throws(InventoryError) in try result.placement(in: inventory) }) { context.out(placement) }
        }
    }
}
