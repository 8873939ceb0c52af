import ArgumentParser
import InventoryCore

/// `--type`, `--node`, `--account`, `--region` of `nodes`, `find` and `history` (a value no
/// snapshot involved holds is an error naming the closest known ones).
struct ScopeOptions: ParsableArguments {
    @Option(name: .customLong("type"), help: ArgumentHelp("Only this inventory type (repeatable).", valueName: "type"))
    var types: [String] = []
    @Option(name: .customLong("node"), help: ArgumentHelp("Only this node, by id or computer name (repeatable).", valueName: "node"))
    var nodes: [String] = []
    @Option(name: .customLong("account"), help: ArgumentHelp("Only this account (repeatable).", valueName: "id"))
    var accounts: [String] = []
    @Option(name: .customLong("region"), help: ArgumentHelp("Only this region (repeatable).", valueName: "name"))
    var regions: [String] = []

    var scope: AskScope { AskScope(types: types, nodes: nodes, accounts: accounts, regions: regions) }
}
