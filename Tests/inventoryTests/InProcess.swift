import ArgumentParser
import Foundation
import InventoryCore

@testable import inventory

/// Runs a command inside the test process: argv through `parseAsRoot`, then `run(in:)` with a
/// `CommandContext` whose output goes to buffers and whose environment and clock are the test's.
/// Errors map to exit codes as `InventoryCommand.main` maps them, so a result compares with
/// `Binary.run`'s where the process boundary is not the point.
enum InProcess {
    /// A fixed time for tests that want one: 2026-12-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_796_083_200)

    /// What a run printed and how it ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Collects writes from any thread; the lock keeps concurrent writers from interleaving.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var out = ""
        private var err = ""

        func writeOut(_ text: String) { lock.withLock { out += text } }
        func writeError(_ text: String) { lock.withLock { err += text } }
        var stdout: String { lock.withLock { out } }
        var stderr: String { lock.withLock { err } }
    }

    /// A context printing into `output`, with exactly `variables` as its environment (`NO_COLOR`
    /// as `Binary.run` sets it, unless overridden) and a clock stopped at `now`.
    static func context(_ output: Output, variables: [String: String] = [:], now: Date) -> CommandContext {
        var environment = ["NO_COLOR": "1"]
        environment.merge(variables) { $1 }
        return CommandContext(
            environment: RunEnvironment(variables: environment, now: { now }),
            writeOut: { output.writeOut($0) }, writeError: { output.writeError($0) },
            stdoutIsTerminal: false, stderrIsTerminal: false)
    }

    /// Parses and runs `arguments` in-process; the clock defaults to the real time at the call,
    /// as the binary would see it.
    @discardableResult
    static func run(_ arguments: [String], variables: [String: String] = [:], now: Date = Date()) -> Result {
        let output = Output()
        let context = context(output, variables: variables, now: now)
        // The same entry point as the binary's main: parsing, suggestions, error mapping.
        let status = InventoryCommand.execute(arguments, in: context)
        return Result(status: status, stdout: output.stdout, stderr: output.stderr)
    }
}
