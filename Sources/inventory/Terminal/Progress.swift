import Foundation
import InventoryCore

/// One self-overwriting progress line on stderr (files, rows, MB/s), for terminals only.
final class ProgressLine: @unchecked Sendable {
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    func update(_ progress: IngestProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || progress.filesDone == progress.filesTotal else { return }
        lastDraw = now
        let seconds = max(now.timeIntervalSince(start), 0.001)
        let megabytes = Double(progress.bytesDone) / 1_048_576
        let line = String(
            format: "\r\u{1B}[2Kingest: %d/%d files, %d records, %.1f MB (%.1f MB/s)", progress.filesDone,
            progress.filesTotal, progress.records, megabytes, megabytes / seconds)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
