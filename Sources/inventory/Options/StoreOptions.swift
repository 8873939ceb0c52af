import ArgumentParser
import Foundation
import InventoryCore

/// `--db` and `--busy-timeout`: which store, and how long to wait for another process holding it.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).", valueName: "file"),
        completion: .file(extensions: ["sqlite"]))
    var db: String?
    @Option(
        help: ArgumentHelp(
            "Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).",
            valueName: "seconds"))
    var busyTimeout: Double?

    func validate() throws {
        if let db, db.isEmpty { throw ValidationError("--db names no file") }
        // SQLite takes milliseconds as a 32-bit int; a day is more than any run waits.
        if let busyTimeout, !(0...86_400).contains(busyTimeout) {
            throw ValidationError("--busy-timeout takes seconds from 0 to 86400")
        }
    }

    func path(_ context: CommandContext) -> String { context.environment.storePath(db) }

    func open(_ context: CommandContext, readOnly: Bool = false) throws -> InventoryStore {
        try context.core { () throws(InventoryError) in
            let timeout = try context.environment.busyTimeout(busyTimeout)
            return try InventoryStore(path: path(context), busyTimeout: timeout, readOnly: readOnly)
        }
    }

    /// A failed first ingest must not leave an empty store behind: remove the file this run created.
    func removeIfCreatedEmpty(_ context: CommandContext, existedBefore: Bool) {
        let path = path(context)
        guard !existedBefore, path != ":memory:" else { return }
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
