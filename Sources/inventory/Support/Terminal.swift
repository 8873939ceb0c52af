import Foundation
import InventoryCore
import Logging

/// One self-overwriting progress line on stderr (ingest: files, records, MB/s; export: sheets and
/// rows), for terminals only.
final class ProgressLine: @unchecked Sendable {
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()
    private let write: (String) -> Void

    init(write: @escaping (String) -> Void) { self.write = write }

    func update(_ progress: IngestProgress) {
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let megabytes = Double(progress.bytesDone) / 1_048_576
        draw(String(
            format: "ingest: %d/%d files, %d records, %.1f MB (%.1f MB/s)", progress.filesDone,
            progress.filesTotal, progress.records, megabytes, megabytes / seconds), force: progress.filesDone == progress.filesTotal)
    }

    func update(_ progress: ExportProgress) {
        draw("export: \(progress.sheetsDone) sheets, \(progress.rowsWritten) rows written (\(progress.currentSheet))", force: false)
    }

    private func draw(_ text: String, force: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || force else { return }
        lastDraw = now
        write("\r\u{1B}[2K" + text)
    }

    /// Clears the line once (later calls do nothing), before results go to stdout.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if lastDraw != .distantFuture { write("\r\u{1B}[2K") }
        lastDraw = .distantFuture
    }
}

/// Left-aligned plain-text columns for terminal listings, measured by display width (wide
/// characters count two columns); no trailing blanks.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index >= widths.count { widths.append(0) }
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - DisplayWidth.of(cell))
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}

extension Logger {
    /// An ingest's findings: warnings and errors at warning level, notes only when verbose.
    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            if diagnostic.severity == .note {
                info("\(diagnostic)")
            } else {
                warning("\(diagnostic)")
            }
        }
    }
}
