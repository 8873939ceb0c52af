import ArgumentParser
import InventoryCore

/// What a command prints on stdout.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

/// `--format text|json` (and `csv` where a command has it); `--json` stays as a hidden alias so
/// scripts written against earlier releases keep working.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output format on stdout: text or json (diff also csv).")
    var format: OutputFormat = .text
    @Flag(help: .hidden)
    var json = false

    var resolved: OutputFormat { json ? .json : format }

    func allow(_ formats: [OutputFormat]) throws {
        guard formats.contains(resolved) else {
            throw ValidationError("--format takes \(formats.map(\.rawValue).joined(separator: " or ")) here")
        }
    }
}

/// `--quiet` / `--verbose`: how much goes to stderr. Results on stdout are never affected.
struct LoggingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors on stderr (no warnings, no progress).")
    var quiet = false
    @Flag(name: .shortAndLong, help: "Also print notes on stderr (diff: list new and gone nodes row by row).")
    var verbose = false

    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "stderr lines: text (UTC time first when not a terminal) or json (one object per line).")
    var logFormat: LogFormat = .text

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    /// Progress lines only on a terminal and never when quiet.
    func progress(_ context: CommandContext) -> ProgressLine? {
        !quiet && context.stderrIsTerminal ? ProgressLine(write: context.writeError) : nil
    }
}

extension CommandContext {
    /// Prints `value` as the JSON every `--format json` uses.
    func json<T: Encodable>(_ value: T) throws {
        do { out(try JSONOutput.text(value)) } catch {
            self.error("error: cannot encode the result as JSON: \(error)")
            throw ExitCode(2)
        }
    }
}
