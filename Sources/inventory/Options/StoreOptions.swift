import ArgumentParser
import Foundation
import InventoryCore

/// `--db`: the store file; defaults to `$INVENTORY_DB`, then `./inventory.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).", valueName: "file"),
        completion: .file(extensions: ["sqlite"]))
    var db: String?

    @Option(
        help: ArgumentHelp("Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).", valueName: "seconds"))
    var busyTimeout: Double?

    var timeout: Double {
        if let busyTimeout { return busyTimeout }
        if let env = ProcessInfo.processInfo.environment["INVENTORY_BUSY_TIMEOUT"], let value = Double(env) { return value }
        return 30
    }

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["INVENTORY_DB"], !env.isEmpty { return env }
        return "inventory.sqlite"
    }

    func open(readOnly: Bool = false) throws -> InventoryStore {
        try withExitCodes { try InventoryStore(path: path, busyTimeout: timeout, readOnly: readOnly) }
    }

    /// A failed first ingest must not leave an empty store behind: remove the file this run created.
    func removeIfCreatedEmpty(existedBefore: Bool) {
        guard !existedBefore, path != ":memory:" else { return }
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
