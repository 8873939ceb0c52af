/// A finding about one input file that does not stop the run: a skipped line, a repaired value,
/// an inferred type, a refused file. Carried unchanged from the decoder to stderr, `--json`
/// output, the store and the workbook's About sheet.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a finding is. Notes and warnings never change the exit code unless `--strict`
    /// makes warnings fail the run; errors are what a `--keep-going` run recorded instead of failing.
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable { case note, warning, error }

    public var severity: Severity
    /// The input file as the user named it (`<stdin>` for standard input).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (in bytes), when known.
    public var column: Int?
    /// Where in the document, as a JSON path (`$.configurationItems[3].tags`), when known.
    public var jsonPath: String?
    public var message: String

    public init(
        _ severity: Severity = .warning, file: String, line: Int? = nil, column: Int? = nil, jsonPath: String? = nil,
        _ message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.jsonPath = jsonPath
        self.message = message
    }

    /// `file:line:column: severity: message (at path)`, the form printed on stderr.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if line != nil, let column { location += ":\(column)" }
        var text = "\(location): \(severity.rawValue): \(message)"
        if let jsonPath { text += " (at \(jsonPath))" }
        return text
    }

    /// The compact JSON object the store keeps (`{"file":…,"message":…,"severity":…}`).
    public var jsonValue: JSONValue {
        var members: [JSONObject.Member] = []
        if let column { members.append(.init(key: "column", value: .number(String(column)))) }
        members.append(.init(key: "file", value: .string(file)))
        if let jsonPath { members.append(.init(key: "jsonPath", value: .string(jsonPath))) }
        if let line { members.append(.init(key: "line", value: .number(String(line)))) }
        members.append(.init(key: "message", value: .string(message)))
        members.append(.init(key: "severity", value: .string(severity.rawValue)))
        return .object(JSONObject(members: members))
    }

    /// Reads what `jsonValue` wrote; a plain string (stores written before diagnostics were
    /// typed) becomes a warning whose message is the whole text.
    public init?(jsonValue: JSONValue, file defaultFile: String) {
        if let text = jsonValue.stringValue {
            self.init(.warning, file: defaultFile, text)
            return
        }
        guard let object = jsonValue.objectValue, let message = object["message"]?.stringValue else { return nil }
        let severity = object["severity"]?.stringValue.flatMap(Severity.init(rawValue:)) ?? .warning
        self.init(
            severity, file: object["file"]?.stringValue ?? defaultFile, line: object["line"]?.intValue,
            column: object["column"]?.intValue, jsonPath: object["jsonPath"]?.stringValue, message)
    }
}
