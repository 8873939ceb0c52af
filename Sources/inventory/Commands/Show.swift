import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Show: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.show.abstract, discussion: CommandHelp.show.discussion)

        @OptionGroup var store: StoreOptions

        @Argument(help: "Node id or computer name (a unique prefix of either).")
        var node: String
        @Option(help: "Snapshot: id, label, latest, latest~N or a date.")
        var snapshot = "latest"
        @OptionGroup var output: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func run(in context: CommandContext) throws {
            _ = try context.ask(store, output.resolved) { inventory throws(InventoryError) in
                try NodeShow.run(store: inventory, node: node, snapshot: snapshot)
            }
        }
    }
}
