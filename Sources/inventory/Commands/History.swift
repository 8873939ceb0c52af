import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct History: ContextCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every change of the matching rows across the stored snapshots, oldest first.",
            discussion: """
                Each consecutive pair of snapshots is compared as diff compares it; each change is listed in the snapshot where it was first seen (label and capture time), with its kind and before → after.

                Exit codes: 0 no change, 1 changes listed, 2 trouble.

                Examples:
                  inventory history --node ip-10-20-1-37.ec2.internal --name 'openssl*'
                  inventory history --type AWS:Application --since 2026-11-01 --format csv \\
                      > timeline.csv
                """)

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
