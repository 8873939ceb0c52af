import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct History: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.history.abstract, discussion: CommandHelp.history.discussion)

        @OptionGroup var store: StoreOptions
        @OptionGroup var scope: ScopeOptions

        @Option(help: ArgumentHelp("Rows whose Name matches (* and ?).", valueName: "pattern"))
        var name: String?
        @Option(help: ArgumentHelp("First snapshot of the walk (default: the oldest).", valueName: "ref"))
        var since: String?
        @Option(help: ArgumentHelp("Last snapshot of the walk (default: latest).", valueName: "ref"))
        var until: String?
        @OptionGroup var output: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func run(in context: CommandContext) throws {
            var query = InventoryCore.History.Query()
            (query.scope, query.name, query.since, query.until) = (scope.scope, name, since, until)
            let answer = try context.ask(store, output.resolved) { inventory throws(InventoryError) in
                try InventoryCore.History.run(store: inventory, query: query)
            }
            if !answer.events.isEmpty { throw ExitCode(1) }
        }
    }
}
