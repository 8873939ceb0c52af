import Foundation
import InventoryModel

/// What a run may read from outside its arguments: environment variables and the clock. The
/// CLI passes the process's; tests pass their own, so no shipped code reads the process
/// environment behind a caller's back.
public struct RunEnvironment: Sendable {
    /// Environment variables (`INVENTORY_DB`, `INVENTORY_BUSY_TIMEOUT`, `SOURCE_DATE_EPOCH`, `NO_COLOR`, `TERM`).
    public var variables: [String: String]
    /// The current time (ingest time of new snapshots, retention cut-offs).
    public var now: @Sendable () -> Date

    public init(variables: [String: String], now: @escaping @Sendable () -> Date = { Date() }) {
        self.variables = variables
        self.now = now
    }

    /// The running process's environment and clock.
    public static var process: RunEnvironment { RunEnvironment(variables: ProcessInfo.processInfo.environment) }

    /// The store file: `--db`, else `$INVENTORY_DB`, else `./inventory.sqlite`.
    public func storePath(_ db: String?) -> String {
        if let db { return db }
        if let env = variables["INVENTORY_DB"], !env.isEmpty { return env }
        return "inventory.sqlite"
    }

    /// Seconds to wait for a busy store: `--busy-timeout`, else `$INVENTORY_BUSY_TIMEOUT`, else 30.
    /// - Throws: `.invalidArgument` when the variable is not seconds from 0 to 86400 (the option
    ///   is checked when it is parsed).
    public func busyTimeout(_ option: Double?) throws(InventoryError) -> Double {
        if let option { return option }
        guard let text = variables["INVENTORY_BUSY_TIMEOUT"] else { return 30 }
        guard let value = Double(text), (0...86_400).contains(value) else {
            throw .invalidArgument(message: "INVENTORY_BUSY_TIMEOUT is '\(text)'; it takes seconds from 0 to 86400")
        }
        return value
    }

    /// `SOURCE_DATE_EPOCH` (the reproducible-builds convention, whole seconds > 0): a fixed
    /// workbook creation time; nil when unset or not a positive integer.
    public var sourceDateEpoch: Date? {
        guard let text = variables["SOURCE_DATE_EPOCH"], let seconds = Int64(text), seconds > 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Colour in text output: `forced` (`--color always/never`), else on a terminal unless
    /// `NO_COLOR` is set or `TERM` is `dumb`.
    public func wantsColor(_ forced: Bool?, stdoutIsTerminal: Bool) -> Bool {
        if let forced { return forced }
        if let noColor = variables["NO_COLOR"], !noColor.isEmpty { return false }
        return stdoutIsTerminal && variables["TERM"] != "dumb"
    }
}
