import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Nodes: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.nodes.abstract, discussion: CommandHelp.nodes.discussion)

        @OptionGroup var store: StoreOptions

        @Option(help: "Snapshot: id, label, latest, latest~N or a date.")
        var snapshot = "latest"
        @OptionGroup var scope: ScopeOptions

        @Option(help: "Only nodes with this instance or ping status (Active, Terminated, Online, …).")
        var status: String?
        @Option(help: ArgumentHelp("Only this platform type (Linux, Windows) or name (Ubuntu, 'Amazon Linux*').", valueName: "platform"))
        var platform: String?
        @Option(help: ArgumentHelp("Only nodes not captured within this many days before the snapshot.", valueName: "days"))
        var stale: Int?
        @OptionGroup var output: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func validate() throws {
            if let stale, stale < 0 { throw ValidationError("--stale takes 0 or more days") }
        }

        func run(in context: CommandContext) throws {
            var query = NodeListing.Query()
            (query.snapshot, query.scope, query.status, query.platform, query.staleDays) = (snapshot, scope.scope, status, platform, stale)
            _ = try context.ask(store, output.resolved) { inventory throws(InventoryError) in
                try NodeListing.run(store: inventory, query: query)
            }
        }
    }
}
