import ArgumentParser
import Foundation
import InventoryCore

@main
struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: CommandHelp.inventory.abstract, discussion: CommandHelp.inventory.discussion,
        version: VersionLine.text,
        subcommands: [
            Ingest.self, Snapshots.self, Diff.self, Export.self, Report.self, Prune.self, Verify.self, Nodes.self, Show.self, Find.self,
            History.self,
        ]
    )

    static func main() {
        // A file-size limit (`ulimit -f`) must fail the write with EFBIG, not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        SignalHandling.install()
        var status = execute(Array(CommandLine.arguments.dropFirst()), in: .standard)
        // A result that did not reach stdout (a full disk, a closed pipe) is a failed run.
        if StandardStreams.stdoutFailed { status = 2 }
        Self.exit(withError: status == 0 ? nil : ExitCode(status))
    }

    /// Parses `arguments`, runs the command against `context` and returns the exit status: 0/1 for
    /// results, help and version; 2 (like diff(1)) for every failure, usage errors included.
    static func execute(_ arguments: [String], in context: CommandContext) -> Int32 {
        if arguments.isEmpty {
            context.writeError(helpMessage() + "\n")
            return 2
        }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            let hint = NameSuggestion.nearest(to: first, among: names).map { "did you mean '\($0)'?" }
            context.error("error: unknown command '\(first)'; " + (hint ?? "commands: \(names.dropLast().joined(separator: ", "))"))
            return 2
        }
        do {
            let command = try parseAsRoot(arguments)
            if let command = command as? any ContextCommand {
                var context = context
                context.errorStyle = LogLine.style(json: command.logging.logFormat == .json, stderrIsTerminal: context.stderrIsTerminal)
                try command.run(in: context)
            } else {
                var command = command
                try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success {
                context.writeOut(message.isEmpty ? "" : message + "\n")
                return 0
            }
            // One capitalisation for errors: ArgumentParser says `Error:`, the tool says `error:`.
            if !message.isEmpty { context.error(message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : message) }
            return 2
        }
    }
}
