import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Find: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.find.abstract, discussion: CommandHelp.find.discussion)

        @OptionGroup var store: StoreOptions

        @Option(help: "Snapshot: id, label, latest, latest~N or a date.")
        var snapshot = "latest"
        @OptionGroup var scope: ScopeOptions

        @Option(help: ArgumentHelp("Rows whose Name matches (* and ?).", valueName: "pattern"))
        var name: String?
        @Option(help: ArgumentHelp("Rows whose version orders before V.", valueName: "V"))
        var versionBelow: String?
        @Option(help: ArgumentHelp("Rows whose version is V or later.", valueName: "V"))
        var versionAtLeast: String?
        @Option(
            name: .customLong("where"),
            help: ArgumentHelp("Rows whose attribute matches (repeatable; all must hold).", valueName: "ATTR=VALUE"))
        var conditions: [String] = []
        @OptionGroup var output: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func run(in context: CommandContext) throws {
            var query = RowFind.Query()
            (query.snapshot, query.scope, query.name, query.conditions) = (snapshot, scope.scope, name, conditions)
            (query.versionBelow, query.versionAtLeast) = (versionBelow, versionAtLeast)
            let answer = try context.ask(store, output.resolved) { inventory throws(InventoryError) in
                try RowFind.run(store: inventory, query: query)
            }
            if answer.matches.isEmpty { throw ExitCode(1) }
        }
    }
}
