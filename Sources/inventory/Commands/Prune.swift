import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Prune: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.prune.abstract, discussion: CommandHelp.prune.discussion)

        @OptionGroup var store: StoreOptions

        @Option(help: "Keep the newest N snapshots.")
        var keep: Int?
        @Option(help: ArgumentHelp("Remove snapshots taken more than this long ago: Nd, Nw, Nm (30 days) or Ny.", valueName: "age"))
        var olderThan: String?
        @Flag(help: "Also remove labelled snapshots.")
        var includeLabelled = false
        @Flag(help: "Only list what would be removed.")
        var dryRun = false
        @OptionGroup var output: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func validate() throws {
            try output.allow([.text, .json])
            if keep == nil && olderThan == nil { throw ValidationError("give --keep N, --older-than AGE, or both") }
            if let keep, keep < 1 { throw ValidationError("--keep must be at least 1") }
            if let olderThan, RetentionAge.seconds(olderThan) == nil {
                throw ValidationError("--older-than takes a number and a unit: 90d, 12w, 6m or 1y")
            }
        }

        func run(in context: CommandContext) throws {
            let inventory = try store.open(context)
            let cutoff = olderThan.flatMap(RetentionAge.seconds).map { context.environment.now().addingTimeInterval(-$0) }
            let result = try context.core { () throws(InventoryError) in
                try inventory.prune(keep: keep, olderThan: cutoff, includeLabelled: includeLabelled, dryRun: dryRun)
            }
            if output.resolved == .json { return try context.json(result) }
            context.out(result.summaryLine(dryRun: dryRun))
        }
    }
}
