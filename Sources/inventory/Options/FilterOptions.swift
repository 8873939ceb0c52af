import ArgumentParser
import InventoryCore

/// What a comparison looks at: noise rules and the type, node, account and region filters.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also ignore TYPE.FIELD (repeatable; TYPE may be *).", valueName: "TYPE.FIELD"))
    var ignore: [String] = []
    @Flag(help: "Report the default noise fields too.")
    var includeNoise = false
    @Flag(help: "Leave out rows whose only difference is attributes reported for the first time.")
    var ignoreNewAttributes = false
    @Option(name: .customLong("type"), help: ArgumentHelp("Only this inventory or resource type (repeatable).", valueName: "type"))
    var types: [String] = []
    @Option(
        name: .customLong("node"), help: ArgumentHelp("Only this node (id or computer name) or resource id (repeatable).", valueName: "id"))
    var nodes: [String] = []
    @Option(name: .customLong("account"), help: ArgumentHelp("Only this account (repeatable).", valueName: "id"))
    var accounts: [String] = []
    @Option(name: .customLong("region"), help: ArgumentHelp("Only this region (repeatable).", valueName: "name"))
    var regions: [String] = []

    var diffOptions: DiffOptions {
        DiffOptions(
            ignore: ignore, includeNoise: includeNoise, ignoreNewAttributes: ignoreNewAttributes, types: types,
            nodes: nodes, accounts: accounts, regions: regions)
    }
}
