import ArgumentParser
import Foundation
import InventoryCore

extension InventoryCommand {
    struct Ingest: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.ingest.abstract, discussion: CommandHelp.ingest.discussion)

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
            if let placement = try context.core({ () throws(InventoryError) in try result.placement(in: inventory) }) {
                context.out(placement)
            }
        }
    }
}
