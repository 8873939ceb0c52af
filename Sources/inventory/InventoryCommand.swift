import ArgumentParser
import Foundation
import InventoryCore

@main
struct InventoryCommand: ParsableCommand {
    static let version = InventoryVersion.current

    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Captured AWS SSM Inventory and AWS Config JSON → SQLite snapshots → diffs and Excel workbooks.",
        discussion: """
            Reads capture files offline (no AWS credentials), keeps snapshots in one SQLite file, tells what really changed between two snapshots, and writes Excel workbooks.

            Exit codes: 0 success (diff: no changes), 1 diff found changes, 2 trouble (bad input, unknown snapshot, I/O, usage).
            """,
        version: version,
        subcommands: [Ingest.self, Snapshots.self, Diff.self, Export.self, Report.self, Prune.self, Verify.self]
    )

    /// Runs the command and maps every failure to exit code 2 (like diff(1)), keeping 0/1 for
    /// results and help/version as successes.
    static func main() {
        // A file-size limit (`ulimit -f`) must fail the write with EFBIG, not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        SignalHandling.install()
        do {
            var command = try parseAsRoot()
            try command.run()
            if StandardStreams.stdoutFailed { Self.exit(withError: ExitCode(2)) }
        } catch let exit as ExitCode {
            Self.exit(withError: StandardStreams.stdoutFailed ? ExitCode(2) : exit)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Self.exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { CommandContext.standard.error(message) }
            Self.exit(withError: ExitCode(2))
        }
    }
}
