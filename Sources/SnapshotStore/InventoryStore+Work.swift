import GRDB
import GRDBSQLite
import InventoryModel

extension InventoryStore {
    /// Pages SQLite fetched on this store's connection since it opened (page-cache hits plus
    /// misses, `SQLITE_DBSTATUS_CACHE_HIT` + `_MISS`): the work a workflow did in the database,
    /// independent of the machine's speed. Tests use it to check that work grows linearly.
    package func pageAccesses() throws(InventoryError) -> Int {
        try read { db in
            var hits: Int32 = 0
            var misses: Int32 = 0
            var high: Int32 = 0
            sqlite3_db_status(db.sqliteConnection, SQLITE_DBSTATUS_CACHE_HIT, &hits, &high, 0)
            sqlite3_db_status(db.sqliteConnection, SQLITE_DBSTATUS_CACHE_MISS, &misses, &high, 0)
            return Int(hits) + Int(misses)
        }
    }

    /// How much the content addressing saves: distinct stored rows and groups against the rows
    /// and coverage entries the snapshots hold between them (schema v4 and later).
    package func contentCounts() throws(InventoryError) -> (distinctRows: Int, snapshotRows: Int, distinctGroups: Int, coverage: Int) {
        try read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM row_content), (SELECT COALESCE(SUM(entry_count), 0) FROM coverage),
                        (SELECT COUNT(*) FROM row_group), (SELECT COUNT(*) FROM coverage)
                    """)
            return (row?[0] ?? 0, row?[1] ?? 0, row?[2] ?? 0, row?[3] ?? 0)
        }
    }

    /// Distinct stored item content (schema v4 and later).
    package func itemContentCount() throws(InventoryError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM resource_content") ?? 0 }
    }
}
