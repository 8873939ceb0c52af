import Foundation
import InventoryModel
import Logging

/// Writes each log message as one stderr line in the run's style; the level decides whether it is
/// written (and names it in JSON).
public struct LineLogHandler: LogHandler {
    public var write: @Sendable (String) -> Void
    public var style: LogLine = .plain
    public var now: @Sendable () -> Date = { Date() }
    public var logLevel: Logger.Level = .warning
    public var metadata: Logger.Metadata = [:]

    /// A handler writing through `write` in `style`, times from `now`.
    public init(write: @escaping @Sendable (String) -> Void, style: LogLine, now: @escaping @Sendable () -> Date) {
        self.write = write
        self.style = style
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(style.format(TerminalText.escapedLines("\(event.message)"), level: event.level.rawValue, time: now()) + "\n")
    }
}
