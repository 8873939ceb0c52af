import Foundation
import InventoryReport

/// One self-overwriting progress line on stderr (ingest: files, records, MB/s; export: sheets and
/// rows), for terminals only.
public final class ProgressLine: @unchecked Sendable {
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()
    private let write: (String) -> Void

    /// A line drawn through `write` (the command context's stderr).
    public init(write: @escaping (String) -> Void) { self.write = write }

    /// Ingest: files, records, MB and MB/s.
    public func update(_ progress: IngestProgress) {
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let megabytes = Double(progress.bytesDone) / 1_048_576
        draw(
            String(
                format: "ingest: %d/%d files, %d records, %.1f MB (%.1f MB/s)", progress.filesDone,
                progress.filesTotal, progress.records, megabytes, megabytes / seconds), force: progress.filesDone == progress.filesTotal)
    }

    /// Export: sheets and rows written.
    public func update(_ progress: ExportProgress) {
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
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if lastDraw != .distantFuture { write("\r\u{1B}[2K") }
        lastDraw = .distantFuture
    }
}
