/// A finding about one input file that does not stop the run: a skipped line, a repaired value,
/// an inferred type. Collected per file and stored with the file's provenance.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is; warnings never change the exit code.
    public enum Severity: String, Sendable, Hashable { case note, warning }

    public var severity: Severity
    /// The input file as the user named it (or `-` for standard input).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    public var message: String

    public init(_ severity: Severity = .warning, file: String, line: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        return "\(location): \(severity.rawValue): \(message)"
    }
}
