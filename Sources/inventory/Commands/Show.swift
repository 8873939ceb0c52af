import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Show: ContextCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one node: its facts, every captured type with its rows, its Config items.",
            discussion: """
                NODE is a node id or a computer name; a unique prefix of either will do (an ambiguous one lists the candidates, exit 2).

                Examples:
                  inventory show i-0a3f9c27e81b4d5c6
                  inventory show ip-10-20-1-37 --snapshot before --format json
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: "Node id or computer name (a unique prefix of either).")
        var node: String

        @Option(help: "Snapshot: id, label, latest, latest~N or a date.")
        var snapshot = "latest"

        @OptionGroup var output: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func run(in context: CommandContext) throws {
            _ = try context.ask(store, output.resolved) { inventory throws(InventoryError) in try NodeShow.run(store: inventory, node: node, snapshot: snapshot) }
        }
    }
}
