import Foundation
import GRDB
import InventoryModel

/// The SQLite store of snapshots (DESIGN.md "Record model and store"), over GRDB and the
/// system SQLite. One ingest is one transaction: a snapshot is stored whole or not at all.
public final class InventoryStore: Sendable {
    let queue: DatabaseQueue
    /// The store's file path, or `:memory:`.
    public let path: String
    /// Opened for reading only: every write is refused (GRDB toggles `query_only` around its own
    /// reads, so the store itself keeps the promise).
    public let isReadOnly: Bool

    /// Opens (creating if needed) the store at `path` and migrates it.
    /// - Parameter busyTimeout: seconds to wait for another process's write lock before failing
    ///   with `InventoryError.storeBusy`.
    /// - Throws: `InventoryError.store` when the file is not a store, or was written by a newer
    ///   `inventory`.
    ///   A read-only store is still opened with write access when the file allows it, so that a
    ///   rollback journal left by an interrupted writer is rolled back by this very command
    ///   (SQLite needs write access for that); `query_only` keeps it from writing anything else.
    public init(path: String, busyTimeout: TimeInterval = 10, readOnly: Bool = false) throws(InventoryError) {
        self.path = path
        self.isReadOnly = readOnly
        guard !path.isEmpty else {
            throw InventoryError.store(message: "--db names no file (an empty path would be a temporary database that keeps nothing)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        let canWrite =
            path == ":memory:" || !FileManager.default.fileExists(atPath: path)
            || FileManager.default.isWritableFile(atPath: path)
        configuration.readonly = readOnly && !canWrite
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            if readOnly {
                // Roll back a hot journal first: the first read of the file does that.
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
                try db.execute(sql: "PRAGMA query_only = ON")
            }
            // A larger page cache keeps the entry index's pages in memory during a big ingest
            // (the default 2 MB made SQLite re-read them); 64 MB, not unbounded.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            if path == ":memory:" {
                queue = try DatabaseQueue(configuration: configuration)
            } else {
                if readOnly, !FileManager.default.fileExists(atPath: path) {
                    throw InventoryError.store(message: "\(path): no store here (run `inventory ingest` first, or pass --db)")
                }
                queue = try DatabaseQueue(path: path, configuration: configuration)
            }
            try Self.migrate(queue, path: path, readOnly: readOnly)
        } catch let error as InventoryError {
            throw error
        } catch {
            throw Self.map(error, path: path)
        }
    }

    /// Runs the migrations; two processes creating the same new store race here (both see a
    /// migration as missing, one applies it first), so a failed attempt is retried while another
    /// process completes them, and succeeds once the schema is complete.
    /// A store newer than this tool is refused first.
    private static func migrate(_ queue: DatabaseQueue, path: String, readOnly: Bool) throws {
        let migrator = StoreSchema.migrator
        var attempt = 0
        while true {
            do {
                try queue.read { db in
                    if try migrator.hasBeenSuperseded(db) {
                        throw InventoryError.store(message: "\(path) was written by a newer inventory; upgrade the tool")
                    }
                }
                if !readOnly { try migrator.migrate(queue) }
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                // "no such table", "table … already exists", "duplicate column": another process
                // is creating the same store.
                attempt += 1
                if !readOnly, (try? queue.read({ try migrator.hasCompletedMigrations($0) })) == true { return }
                if attempt >= 20 { throw error }
                usleep(50_000)
            }
        }
    }

    package static func map(_ error: any Error, path: String) -> InventoryError {
        if let error = error as? InventoryError { return error }
        if let dbError = error as? DatabaseError {
            switch dbError.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .storeBusy(path: path)
            case .SQLITE_NOTADB:
                return .store(message: "\(path) is not an inventory store (not an SQLite database)")
            case .SQLITE_FULL:
                return .store(message: "\(path): disk full (or the file size limit reached); nothing was changed")
            case .SQLITE_IOERR:
                return .store(message: "\(path): I/O error (\(dbError.message ?? "disk or file system fault")); nothing was changed")
            case .SQLITE_CORRUPT:
                return .store(message: "\(path): the store is damaged (\(dbError.message ?? "corrupt")); run `inventory verify`")
            case .SQLITE_READONLY:
                return .store(message: "\(path): cannot write the store (read-only file or folder)")
            case .SQLITE_CANTOPEN:
                return .store(message: "\(path): cannot open the store (missing folder or no permission)")
            default:
                return .store(message: "\(path): \(dbError.message ?? dbError.description)")
            }
        }
        return .store(message: "\(path): \(error)")
    }

    /// Reads inside `consistently` join its one transaction; others get their own.
    func read<T>(_ body: (Database) throws -> T) throws(InventoryError) -> T {
        do {
            if isInsideConsistentRead { return try queue.unsafeReentrantRead(body) }
            return try queue.read(body)
        } catch {
            throw Self.map(error, path: path)
        }
    }

    private var consistentReadKey: String { "inventory.store.read.\(ObjectIdentifier(self).hashValue)" }

    private var isInsideConsistentRead: Bool { Thread.current.threadDictionary[consistentReadKey] != nil }

    /// Runs `body` inside one read transaction: every read it makes sees the same store, so a
    /// `prune` or `ingest` in another process cannot remove or add data halfway through an
    /// export or a diff (they wait for it, then fail as busy if it outlasts their timeout).
    /// - Throws: `body`'s errors; `.storeBusy` / `.store` from SQLite.
    public func consistently<T>(_ body: () throws(InventoryError) -> T) throws(InventoryError) -> T {
        if isInsideConsistentRead { return try body() }
        var failure: InventoryError?
        var result: T?
        do {
            try queue.read { _ in
                Thread.current.threadDictionary[consistentReadKey] = true
                defer { Thread.current.threadDictionary[consistentReadKey] = nil }
                do { result = try body() } catch { failure = error as? InventoryError ?? .store(message: "\(error)") }
            }
        } catch {
            throw Self.map(error, path: path)
        }
        if let failure { throw failure }
        guard let result else { throw InventoryError.store(message: "\(path): read produced no result") }
        return result
    }

    func write<T>(_ body: (Database) throws -> T) throws(InventoryError) -> T {
        if isReadOnly { throw InventoryError.store(message: "\(path) was opened read-only; this command does not change the store") }
        do { return try queue.write(body) } catch { throw Self.map(error, path: path) }
    }

    // MARK: Snapshots

    private static func snapshot(from row: Row) -> SnapshotInfo {
        SnapshotInfo(
            id: row["id"], label: row["label"], takenAt: (row["taken_at"] as String?).flatMap(Timestamp.parse),
            ingestedAt: Timestamp.parse(row["ingested_at"] as String) ?? Timestamp(epochMilliseconds: 0),
            fingerprint: row["fingerprint"], complete: row["complete"], fileCount: row["file_count"],
            nodeCount: row["node_count"], entryCount: row["entry_count"], resourceCount: row["resource_count"],
            warningCount: row["warning_count"])
    }

    /// All snapshots, oldest first (by capture time, then id; undated ones last).
    public func snapshots() throws(InventoryError) -> [SnapshotInfo] {
        try read { db in
            // Snapshots with no capture time at all sort after the dated ones (by ingest order).
            try Row.fetchAll(db, sql: "SELECT * FROM snapshot ORDER BY taken_at_ms IS NULL, taken_at_ms, id").map(Self.snapshot(from:))
        }
    }

    /// The snapshot whose input had this fingerprint, if stored.
    public func snapshot(fingerprint: String) throws(InventoryError) -> SnapshotInfo? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM snapshot WHERE fingerprint = ?", arguments: [fingerprint])
                .map(Self.snapshot(from:))
        }
    }

    /// Provenance of a snapshot's input files, in ingest order.
    public func sourceFiles(snapshotId: Int64) throws(InventoryError) -> [SourceFileInfo] {
        try read { db in try Self.sourceFiles(db, snapshotId: snapshotId) }
    }

    static func sourceFiles(_ db: Database, snapshotId: Int64) throws -> [SourceFileInfo] {
        try Row.fetchAll(db, sql: "SELECT * FROM source_file WHERE snapshot_id = ? ORDER BY file_index", arguments: [snapshotId])
            .map { row in
                let warningsText: String = row["warnings"]
                let path: String = row["path"]
                let warnings = ((try? JSONParser.parse(Array(warningsText.utf8)))?.arrayValue ?? [])
                    .compactMap { Diagnostic(jsonValue: $0, file: path) }
                let format: String? = row["format"]
                let status: String = row["status"]
                return SourceFileInfo(
                    path: path, format: format.flatMap(CaptureFormat.init(rawValue:)),
                    status: SourceFileStatus(rawValue: status) ?? .failed, sha256: row["sha256"],
                    bytes: row["bytes"], records: row["records"], message: row["message"], warnings: warnings)
            }
    }

    // MARK: Writing

    /// Runs an ingest inside one write transaction: `body` streams files, rows and items through
    /// the writer and finishes the snapshot. Any error rolls everything back.
    /// - Throws: `body`'s `InventoryError`, `.storeBusy`, or `.store` for SQLite failures
    ///   (label already used, disk full, …).
    ///   `ifAlreadyStored` answers instead of `body` when another process stored the same input
    ///   between the caller's check and this transaction (two overlapping identical ingests).
    public func writeSnapshot<T>(
        label: String?, fingerprint: String, ingestedAt: Date, toolVersion: String,
        ifAlreadyStored: (SnapshotInfo) -> T,
        _ body: (SnapshotWriter) throws(InventoryError) -> T
    ) throws(InventoryError) -> T {
        try write { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM snapshot WHERE fingerprint = ?", arguments: [fingerprint]) {
                return ifAlreadyStored(try Self.snapshotInfo(db, id: id))
            }
            let writer = try SnapshotWriter(
                db: db, label: label, fingerprint: fingerprint, ingestedAt: ingestedAt, toolVersion: toolVersion)
            return try body(writer)
        }
    }

    /// Gives an unlabelled snapshot a label (re-ingesting identical input with `--label`).
    /// - Throws: `.store` when another snapshot has the label.
    public func setLabel(_ label: String, snapshotId: Int64) throws(InventoryError) {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM snapshot WHERE label = ? AND id != ?", arguments: [label, snapshotId]) == true {
                throw InventoryError.store(message: "label '\(label)' is already used by another snapshot")
            }
            try db.execute(sql: "UPDATE snapshot SET label = ? WHERE id = ?", arguments: [label, snapshotId])
        }
    }

    static func snapshotInfo(_ db: Database, id: Int64) throws -> SnapshotInfo {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM snapshot WHERE id = ?", arguments: [id]) else {
            throw InventoryError.store(message: "snapshot \(id) vanished during its own ingest")
        }
        return snapshot(from: row)
    }
}
