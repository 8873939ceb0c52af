import ArgumentParser
import Foundation
import Logging

/// `--quiet` / `--verbose`: how much goes to stderr. Results on stdout are never affected.
struct LoggingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors on stderr (no warnings, no progress).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print notes and debug logs on stderr.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    /// Sets up swift-log once, to stderr, at the chosen level.
    func bootstrap() -> Logger {
        let level: Logger.Level = verbose ? .debug : (quiet ? .error : .warning)
        LoggingBootstrap.once(level: level)
        var logger = Logger(label: "inventory")
        logger.logLevel = level
        return logger
    }

    /// Progress lines only on a terminal and never when quiet.
    var showProgress: Bool { !quiet && Console.stderrIsTerminal }
}

/// `LoggingSystem.bootstrap` traps when called twice; commands call this instead.
enum LoggingBootstrap {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var done = false

    static func once(level: Logger.Level) {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
