import GRDB
import InventoryModel

extension InventoryStore {
    /// The schema version this build writes: the number of migrations it knows (`v1` today).
    public static var schemaVersion: Int { StoreSchema.migrator.migrations.count }

    /// The version of the SQLite library this process runs with (`SELECT sqlite_version()`), or
    /// `unknown` when an in-memory database cannot be opened.
    public static func sqliteVersion() -> String {
        do {
            let queue = try DatabaseQueue()
            return try queue.read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") } ?? "unknown"
        } catch {
            return "unknown"
        }
    }
}
