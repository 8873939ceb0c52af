import Foundation
import InventoryCore
import Testing

@testable import inventory

/// Collects what a command writes to one sink.
final class CapturedText: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    func append(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}

/// Runs commands in this process through `InventoryCommand.execute` (which parses with
/// `parseAsRoot` and calls `run(in:)`) against a context with capturing sinks and a fixed clock.
struct TerminalRun {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// 2026-12-01T09:30:00Z.
    static let fixedNow = Date(timeIntervalSince1970: 1_796_117_400)

    var stdoutIsTerminal = false
    var stderrIsTerminal = false
    var variables: [String: String] = [:]
    var now: Date = fixedNow

    @discardableResult
    func run(_ arguments: [String]) -> Result {
        let out = CapturedText()
        let err = CapturedText()
        let now = self.now
        let context = CommandContext(
            environment: RunEnvironment(variables: variables, now: { now }), writeOut: { out.append($0) },
            writeError: { err.append($0) }, stdoutIsTerminal: stdoutIsTerminal, stderrIsTerminal: stderrIsTerminal)
        let status = InventoryCommand.execute(arguments, in: context)
        return Result(status: status, stdout: out.text, stderr: err.text)
    }

    /// Ingests the fixture fleet's t1 and t2 (labelled as `scripts/demo` does) into `db`.
    static func fleet(_ db: String) {
        for (label, folder) in [("before", "fleet/t1"), ("after", "fleet/t2")] {
            let result = TerminalRun().run(["ingest", "--db", db, "--label", label, Paths.fixture(folder)])
            #expect(result.status == 0, "ingest \(folder): \(result.stderr)")
        }
    }
}
