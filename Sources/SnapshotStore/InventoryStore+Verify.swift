import GRDB
import InventoryModel

extension InventoryStore {
    /// What `inventory verify` found.
    public struct Verification: Sendable, Codable {
        /// The schema version the store is at (the number of applied migrations, `v1`, `v2`, …).
        public var schemaVersion: String
        /// The newest schema version this build writes.
        public var currentSchemaVersion: String
        /// `PRAGMA integrity_check` (or `quick_check`) lines other than `ok`.
        public var integrityProblems: [String]
        /// `PRAGMA foreign_key_check` rows as `table rowid → parent`.
        public var foreignKeyProblems: [String]
        /// True when nothing was found.
        public var isSound: Bool { integrityProblems.isEmpty && foreignKeyProblems.isEmpty }
    }

    /// The schema version this build writes (`v` and the number of migrations).
    public static var currentSchemaVersion: String { "v\(schemaVersion)" }

    /// Checks the whole file (`integrity_check`, or the faster `quick_check` when `quick`) and
    /// the foreign keys, and reads the schema version.
    /// - Throws: `.storeBusy` / `.store` when the checks cannot run at all.
    public func verify(quick: Bool = false) throws(InventoryError) -> Verification {
        try read { db in
            let pragma = quick ? "quick_check" : "integrity_check"
            let integrity = try String.fetchAll(db, sql: "PRAGMA \(pragma)").filter { $0 != "ok" }
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row -> String in
                let table: String = row[0] ?? "?"
                let rowid: Int64? = row[1]
                let parent: String = row[2] ?? "?"
                return "\(table) row \(rowid.map(String.init) ?? "?") points at a missing \(parent)"
            }
            let applied = try StoreSchema.migrator.appliedIdentifiers(db)
            return Verification(
                schemaVersion: "v\(applied.count)", currentSchemaVersion: Self.currentSchemaVersion,
                integrityProblems: integrity, foreignKeyProblems: foreignKeys)
        }
    }
}
