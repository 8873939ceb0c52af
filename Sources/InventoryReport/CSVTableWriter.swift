import Foundation
import InventoryDiff
import InventoryModel
import SnapshotStore
import XlsxWriter

/// Writes one report table as an RFC 4180 CSV file named after the sheet it would be
/// (`AWS_Application.csv`), optionally with a UTF-8 byte-order mark for Excel. Text that would
/// run as a formula gets a leading `'`. Each file appears atomically through `AtomicFile`
/// (temporary name, fsync, rename), the same routine the workbook uses; the files of one export
/// are renamed into place together once every table is written (`Pending.commit()`), so an
/// interrupted or failed export leaves the folder as it was, never a mix of old and new files.
final class CSVTableWriter: TableSink {
    struct Target: Sendable {
        var directory: String
        var byteOrderMark: Bool
        /// Finished files waiting for the export's last table.
        var pending = Pending()
    }

    /// Written temporary files of one export, committed together; released uncommitted, each
    /// `AtomicFile` removes its temporary file.
    final class Pending: @unchecked Sendable {
        private var files: [AtomicFile] = []

        func add(_ file: AtomicFile) { files.append(file) }

        /// Renames every finished file into place (after a last check for SIGINT/SIGTERM).
        func commit() throws {
            try Cancellation.check()
            let waiting = files
            files = []
            for file in waiting {
                do throws(AtomicFile.Failure) {
                    try file.commit()
                } catch {
                    throw InventoryError.report(message: "cannot write \(file.path): \(error.detail)")
                }
            }
        }
    }

    private let target: Target
    private let columns: [String]
    private let name: String
    private let zone: ReportTimeZone
    private var handle: FileHandle?
    /// Created with the handle; nil before the first write and after `finish()`.
    private var file: AtomicFile?
    private(set) var sheetNames: [String] = []
    private(set) var rowsPerSheet: [Int] = [0]
    /// CSV has no cell limit; kept for the common interface, never changed.
    let text = ExcelText()
    private var buffer = ""

    init(target: Target, originalName: String, columns: [String], zone: ReportTimeZone = .utc, namer: (String) -> String) {
        self.target = target
        self.columns = columns
        self.zone = zone
        name = namer(originalName)
        sheetNames = [name]
    }

    var finalPath: String { (target.directory as NSString).appendingPathComponent(name + ".csv") }

    private func open() throws -> FileHandle {
        if let handle { return handle }
        let file = AtomicFile(replacing: finalPath)
        guard FileManager.default.createFile(atPath: file.temporaryPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: file.temporaryPath)
        else { throw InventoryError.report(message: "cannot create \(file.temporaryPath)") }
        self.handle = handle
        self.file = file
        if target.byteOrderMark { buffer += "\u{FEFF}" }
        buffer += CSVWriter.record(columns)
        return handle
    }

    func append(_ cells: [ReportCell], format: Format?) throws {
        let handle = try open()
        let fields: [String] = cells.map(field)
        buffer += CSVWriter.record(fields + Array(repeating: "", count: max(0, columns.count - fields.count)))
        rowsPerSheet[0] += 1
        if rowsPerSheet[0] & 1023 == 0 { try Cancellation.check() }
        if buffer.utf8.count > 1 << 20 { try flush(handle) }
    }

    /// A cell as CSV text: date-times in the report's zone (as stored under UTC), links as their value.
    private func field(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let value): return value
        case .number(let value): return String(value)
        case .integer(let value): return String(value)
        case .dateTime(let value): return value.map(zone.shift) ?? ""
        case .blank: return ""
        case .link(let shown, _): return field(shown)
        }
    }

    private func flush(_ handle: FileHandle) throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    func finish() throws {
        let handle = try open()
        try flush(handle)
        try handle.close()
        self.handle = nil
        guard let file else { return }
        self.file = nil
        target.pending.add(file)
    }

    deinit {
        // A table abandoned after an error leaves no temporary file behind.
        file?.discard()
    }
}
