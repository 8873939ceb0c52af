import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Snapshots: ContextCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandHelp.snapshots.abstract, discussion: CommandHelp.snapshots.discussion)

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func validate() throws { try output.allow([.text, .json]) }

        func run(in context: CommandContext) throws {
            let inventory = try store.open(context, readOnly: true)
            let snapshots = try context.core { () throws(InventoryError) in try inventory.snapshots() }
            if output.resolved == .json { return try context.json(snapshots) }
            if snapshots.isEmpty { return context.out("no snapshots in \(inventory.path)") }
            context.out(SnapshotTable.text(snapshots))
        }
    }
}
