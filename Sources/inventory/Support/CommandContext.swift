import ArgumentParser
import Foundation
import InventoryCore
import Logging

/// Everything a command touches outside its arguments: output sinks, terminal facts and the run
/// environment. `run()` uses the process's; tests run commands in-process with their own.
struct CommandContext: Sendable {
    var environment: RunEnvironment
    var writeOut: @Sendable (String) -> Void
    var writeError: @Sendable (String) -> Void
    var stdoutIsTerminal: Bool
    var stderrIsTerminal: Bool
    /// How `error` lines look once the command's `--log-format` is known (plain until then).
    var errorStyle: LogLine = .plain

    static var standard: CommandContext {
        CommandContext(
            environment: .process,
            writeOut: { StandardStreams.write($0, to: STDOUT_FILENO) },
            writeError: { StandardStreams.write($0, to: STDERR_FILENO) },
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1, stderrIsTerminal: isatty(STDERR_FILENO) == 1)
    }

    /// One result line (or block) on stdout.
    func out(_ text: String) { writeOut(text + "\n") }

    /// One error line on stderr, in the run's log style (UTC time first in a log file).
    func error(_ text: String) {
        writeError(errorStyle.format(TerminalText.escapedLines(text), level: "error", time: environment.now()) + "\n")
    }

    /// Runs a core call; its error is printed as `error: …` and becomes exit code 2.
    func core<T>(_ body: () throws(InventoryError) -> T) throws -> T {
        do {
            return try body()
        } catch .interrupted(let signal) {
            self.error("inventory: interrupted; nothing was changed")
            throw ExitCode(128 + signal)
        } catch {
            self.error("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// Prints `error: message` on stderr and returns exit code 2 to throw (no usage text).
    func fail(_ message: String) -> ExitCode {
        error("error: \(message)")
        return ExitCode(2)
    }

    /// A swift-log logger writing to this context's stderr: lines as they are on a terminal,
    /// prefixed with the UTC time (the context's clock) elsewhere, or JSON with `--log-format json`.
    func logger(_ options: LoggingOptions) -> Logger {
        let style = LogLine.style(json: options.logFormat == .json, stderrIsTerminal: stderrIsTerminal)
        var logger = Logger(label: "inventory") { _ in
            LineLogHandler(write: self.writeError, style: style, now: self.environment.now)
        }
        logger.logLevel = options.verbose ? .debug : (options.quiet ? .error : .warning)
        return logger
    }
}

/// A command that runs against a `CommandContext`.
protocol ContextCommand: ParsableCommand {
    /// `-q`/`-v`/`--log-format`, which every command takes.
    var logging: LoggingOptions { get }
    func run(in context: CommandContext) throws
}

extension ContextCommand {
    func run() throws { try run(in: .standard) }
}
