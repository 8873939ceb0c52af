/// Every failure the core reports to the command line. Each case names the file (and line and
/// column where known); the executable maps all of them to exit code 2.
public enum InventoryError: Error, Sendable, CustomStringConvertible {
    /// The file is not valid JSON (or JSON Lines); `line`/`column` are 1-based.
    case malformedJSON(file: String, line: Int, column: Int, message: String)
    /// The file's bytes could not be read as text (gzip, BOM, UTF-16 or UTF-8 trouble).
    case undecodableInput(file: String, message: String)
    /// The file parsed but matches no capture format the tool knows.
    case unrecognisedFormat(file: String, detail: String)
    /// The file is a known AWS document that carries no node or resource data.
    case refused(file: String, reason: String)
    /// The document is a known format but a field has the wrong shape.
    case invalidCapture(file: String, path: String, message: String)
    /// A path given on the command line does not exist or cannot be read.
    case unreadable(path: String, message: String)
    /// No snapshot matches the reference the user gave.
    case unknownSnapshot(reference: String, detail: String)
    /// The store cannot be opened, is newer than this tool, or a write failed.
    case store(message: String)
    /// The store is locked by another process for longer than the busy timeout.
    case storeBusy(path: String)
    /// The input held no node or resource data at all.
    case nothingToIngest(reasons: [String])
    /// Writing a report failed; nothing was left at the target path.
    case report(message: String)
    /// An option's value names nothing the store holds (a mistyped `--type`); the message names the closest ones.
    case invalidArgument(message: String)
    /// SIGINT or SIGTERM stopped the run; what it was writing was rolled back and removed.
    case interrupted(signal: Int32)
    /// `--strict`: the run had warnings, so nothing was stored.
    case strict([Diagnostic])
    /// Several files failed in one ingest; the first few are listed.
    case multiple([InventoryError])

    public var description: String {
        switch self {
        case .malformedJSON(let file, let line, let column, let message):
            return "\(file):\(line):\(column): malformed JSON: \(message)"
        case .undecodableInput(let file, let message):
            return "\(file): cannot decode input: \(message)"
        case .unrecognisedFormat(let file, let detail):
            return "\(file): unrecognised capture format (\(detail)); known formats: \(CaptureFormat.knownFormatsSummary)"
        case .refused(let file, let reason):
            return "\(file): refused: \(reason)"
        case .invalidCapture(let file, let path, let message):
            return "\(file): invalid capture at \(path): \(message)"
        case .unreadable(let path, let message):
            return "\(path): \(message)"
        case .unknownSnapshot(let reference, let detail):
            return "unknown snapshot '\(reference)': \(detail)"
        case .store(let message):
            return "store: \(message)"
        case .storeBusy(let path):
            return "\(path): store is busy (another inventory process holds it); try again later"
        case .nothingToIngest(let reasons):
            if reasons.count == 1, let only = reasons.first { return only + " (nothing stored)" }
            return (["no node or resource data in the input; nothing stored"] + reasons).joined(separator: "\n  ")
        case .report(let message):
            return "report: \(message)"
        case .invalidArgument(let message):
            return message
        case .interrupted(let signal):
            return "interrupted by \(signal == 15 ? "SIGTERM" : signal == 2 ? "SIGINT" : "signal \(signal)"); nothing was changed"
        case .strict(let diagnostics):
            return
                (["--strict: \(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s"); nothing stored"]
                + diagnostics.map(\.description)).joined(separator: "\n  ")
        case .multiple(let errors):
            return errors.map(\.description).joined(separator: "\n")
        }
    }
}
