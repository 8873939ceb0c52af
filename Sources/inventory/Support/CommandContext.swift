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

    static var standard: CommandContext {
        CommandContext(
            environment: .process,
            writeOut: { StandardStreams.write($0, to: STDOUT_FILENO) },
            writeError: { StandardStreams.write($0, to: STDERR_FILENO) },
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1, stderrIsTerminal: isatty(STDERR_FILENO) == 1)
    }

    /// One result line (or block) on stdout.
    func out(_ text: String) { writeOut(text + "\n") }

    /// One line on stderr.
    func error(_ text: String) { writeError(text + "\n") }

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

    /// A swift-log logger whose lines go to this context's stderr as they are (no prefix).
    func logger(_ options: LoggingOptions) -> Logger {
        var logger = Logger(label: "inventory") { _ in ContextLogHandler(write: self.writeError) }
        logger.logLevel = options.verbose ? .debug : (options.quiet ? .error : .warning)
        return logger
    }
}

/// stdout and stderr through write(2): a full disk or a closed pipe is a failed write, never a
/// trap, and a failed stdout makes the run exit 2 (the result did not reach its reader).
enum StandardStreams {
    nonisolated(unsafe) private(set) static var stdoutFailed = false

    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                if descriptor == STDOUT_FILENO, !stdoutFailed {
                    stdoutFailed = true
                    let message = "error: cannot write to standard output: \(String(cString: strerror(errno)))\n"
                    _ = message.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
                }
                return
            }
            done += count
        }
    }
}

/// A command that runs against a `CommandContext`.
protocol ContextCommand: ParsableCommand {
    func run(in context: CommandContext) throws
}

extension ContextCommand {
    func run() throws { try run(in: .standard) }
}

/// Writes each log message as one stderr line; the level decides only whether it is written.
struct ContextLogHandler: LogHandler {
    var write: @Sendable (String) -> Void
    var logLevel: Logger.Level = .warning
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { write("\(event.message)\n") }
}
