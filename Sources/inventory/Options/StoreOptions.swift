import ArgumentParser
import Foundation
import InventoryCore

/// `--db`: the store file; defaults to `$INVENTORY_DB`, then `./inventory.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).", valueName: "file"),
        completion: .file(extensions: ["sqlite"]))
    var db: String?

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["INVENTORY_DB"], !env.isEmpty { return env }
        return "inventory.sqlite"
    }

    func open(readOnly: Bool = false) throws -> InventoryStore {
        try withExitCodes { try InventoryStore(path: path, readOnly: readOnly) }
    }
}
