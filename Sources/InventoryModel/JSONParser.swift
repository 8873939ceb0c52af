// Strict RFC 8259 parser for captures: keeps number lexemes, reports line/column on every error,
// and streams the big member arrays of Config/SSM files so memory stays bounded.
//
// Design notes:
// - No recursion: containers are tracked on an explicit frame stack and finished values live on one
//   shared value stack, so a 100k-deep `[[[[…` input hits the depth limit instead of the C stack.
// - Bytes are read through an UnsafeBufferPointer, but every read is preceded by an explicit
//   `pos < end` check; the unchecked subscript is only used where that check has just been made.
// - Strings without escapes or repairs are created straight from the validated byte slice.

/// Options for `JSONParser`.
public struct JSONParseOptions: Sendable, Equatable {
    /// What to do with bytes that are not valid UTF-8 inside strings.
    public enum InvalidUTF8Policy: Sendable, Equatable {
        /// Throw a `JSONSyntaxError` at the first invalid sequence.
        case reject
        /// Replace each maximal invalid subpart (Unicode §3.9 practice) with U+FFFD and count it.
        case replace
    }

    /// The hard ceiling for `maxDepth`: deeper values would make recursive deallocation, `==` and the
    /// text writers risk the thread's stack, so larger requests are clamped to this.
    public static let maxDepthLimit = 4096

    /// Maximum container nesting (arrays + objects); default 512, clamped to 1…`maxDepthLimit`.
    public var maxDepth: Int
    /// Policy for invalid UTF-8 inside strings; default `.reject`.
    public var invalidUTF8: InvalidUTF8Policy
    /// The longest string (raw bytes between the quotes) accepted; longer ones are a syntax error
    /// at the string's opening quote. Default: no limit.
    public var maxStringBytes = Int.max

    /// Creates options; `maxDepth` is clamped to 1…`maxDepthLimit`.
    public init(maxDepth: Int = 512, invalidUTF8: InvalidUTF8Policy = .reject) {
        self.maxDepth = min(max(maxDepth, 1), Self.maxDepthLimit)
        self.invalidUTF8 = invalidUTF8
    }
}

/// A parsed value plus the repairs `.replace` made.
public struct JSONParseResult: Sendable, Equatable {
    /// The parsed document.
    public var value: JSONValue
    /// How many invalid UTF-8 sequences were replaced with U+FFFD (always 0 with `.reject`).
    public var replacedInvalidUTF8: Int
    /// Byte offset (0-based, in the parsed buffer) of the first replaced sequence, or nil.
    public var firstInvalidUTF8Offset: Int?
    /// How many unpaired `\uD800`–`\uDFFF` escapes became U+FFFD (done under both policies; not an error).
    public var replacedLoneSurrogates: Int
}

/// A syntax error with its position; `description` is `"line L, column C: message"`.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line (lines end at `\n`, `\r\n` or a lone `\r`).
    public var line: Int
    /// 1-based column counted in Unicode scalars from the start of the line.
    public var column: Int
    /// 0-based byte offset in the parsed buffer.
    public var byteOffset: Int
    /// What is wrong, e.g. "expected ':' after object key".
    public var message: String

    /// Creates an error at a position.
    public init(line: Int, column: Int, byteOffset: Int, message: String) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.message = message
    }

    /// `"line L, column C: message"`.
    public var description: String { "line \(line), column \(column): \(message)" }

    /// The same error moved into an enclosing file, for a slice parsed on its own (a JSON Lines line):
    /// adds `lines` to `line` and `bytes` to `byteOffset`; `column` is unchanged.
    public func offset(byLines lines: Int, bytes: Int) -> JSONSyntaxError {
        JSONSyntaxError(line: line + lines, column: column, byteOffset: byteOffset + bytes, message: message)
    }
}

/// Entry points of the strict JSON parser.
public enum JSONParser {
    /// Parses one JSON document from UTF-8 bytes (surrounding whitespace allowed).
    /// - Throws: `JSONSyntaxError` with line, column and byte offset.
    public static func parse(_ bytes: [UInt8], options: JSONParseOptions = .init()) throws(JSONSyntaxError) -> JSONValue {
        try parseReportingRepairs(bytes, options: options).value
    }

    /// Parses one JSON document from a raw UTF-8 buffer; offsets in errors are relative to `buffer`.
    /// - Throws: `JSONSyntaxError`.
    public static func parse(
        _ buffer: UnsafeRawBufferPointer, options: JSONParseOptions = .init()
    ) throws(JSONSyntaxError) -> JSONValue {
        try parseReportingRepairs(buffer, options: options).value
    }

    /// Parses one JSON document from any byte collection (`Data`, `ArraySlice<UInt8>`, …); copies only
    /// when the collection has no contiguous storage. Offsets are relative to the collection's start.
    /// - Throws: `JSONSyntaxError`.
    public static func parse(
        _ bytes: some Collection<UInt8>, options: JSONParseOptions = .init()
    ) throws(JSONSyntaxError) -> JSONValue {
        try parseReportingRepairs(bytes, options: options).value
    }

    /// Parses the UTF-8 of `text` (convenience for tests and small inputs).
    /// - Throws: `JSONSyntaxError`.
    public static func parse(_ text: String, options: JSONParseOptions = .init()) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8), options: options)
    }

    /// Like `parse`, also reporting U+FFFD repairs made under `.replace`.
    /// - Throws: `JSONSyntaxError`.
    public static func parseReportingRepairs(
        _ bytes: [UInt8], options: JSONParseOptions = .init()
    ) throws(JSONSyntaxError) -> JSONParseResult {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONSyntaxError) -> JSONParseResult in
                try parseReportingRepairs(raw, options: options)
            }
        }
        return try result.get()
    }

    /// Like `parse`, also reporting U+FFFD repairs made under `.replace`.
    /// - Throws: `JSONSyntaxError`.
    public static func parseReportingRepairs(
        _ bytes: some Collection<UInt8>, options: JSONParseOptions = .init()
    ) throws(JSONSyntaxError) -> JSONParseResult {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONSyntaxError) -> JSONParseResult in
                try parseReportingRepairs(UnsafeRawBufferPointer(buffer), options: options)
            }
        }
        if let contiguous {
            return try contiguous.get()
        }
        return try parseReportingRepairs(Array(bytes), options: options)
    }

    /// Like `parse`, also reporting U+FFFD repairs made under `.replace`.
    /// - Throws: `JSONSyntaxError`.
    public static func parseReportingRepairs(
        _ buffer: UnsafeRawBufferPointer, options: JSONParseOptions = .init()
    ) throws(JSONSyntaxError) -> JSONParseResult {
        try buffer.withMemoryRebound(to: UInt8.self) { (bytes) throws(JSONSyntaxError) -> JSONParseResult in
            var core = ParserCore(bytes: bytes, options: options, stream: nil)
            let value = try core.parseDocument()
            return core.result(value)
        }
    }

    /// Parses a document whose top level is an object, handing each element of the named top-level
    /// array members to `body` (in order) instead of keeping it.
    ///
    /// Returns the top-level object with those members present as empty arrays. A named member that is
    /// not an array is kept as parsed; a top level that is not an object is returned without calling
    /// `body`. Keys match exactly (case-sensitive). Elements are delivered before the rest of the
    /// document is checked, so a syntax error after them still throws after `body` has run.
    /// - Throws: `JSONSyntaxError` for bad input, or whatever `body` throws, unchanged (parsing stops).
    public static func forEachElement(
        in bytes: [UInt8],
        arrayMembers keys: Set<String>,
        options: JSONParseOptions = .init(),
        _ body: (_ key: String, _ element: JSONValue) throws -> Void
    ) throws -> JSONValue {
        try bytes.withUnsafeBytes { raw in
            try forEachElement(in: raw, arrayMembers: keys, options: options, body)
        }
    }

    /// Streaming variant over a raw buffer; see `forEachElement(in:arrayMembers:options:_:)` for `[UInt8]`.
    /// - Throws: `JSONSyntaxError`, or whatever `body` throws, unchanged.
    public static func forEachElement(
        in buffer: UnsafeRawBufferPointer,
        arrayMembers keys: Set<String>,
        options: JSONParseOptions = .init(),
        _ body: (_ key: String, _ element: JSONValue) throws -> Void
    ) throws -> JSONValue {
        try withoutActuallyEscaping(body) { escapable in
            try buffer.withMemoryRebound(to: UInt8.self) { bytes in
                var core = ParserCore(bytes: bytes, options: options, stream: StreamSpec(keys: keys, body: escapable))
                do {
                    return try core.parseDocument()
                } catch {
                    if let callbackError = core.callbackError {
                        throw callbackError
                    }
                    throw error
                }
            }
        }
    }

    /// The non-blank lines of a JSON Lines buffer: 1-based line numbers and byte ranges without the
    /// line terminator (`\n`, `\r\n`); lines holding only spaces, tabs or `\r` are skipped.
    public static func lines(of bytes: UnsafeRawBufferPointer) -> [(lineNumber: Int, range: Range<Int>)] {
        var result: [(lineNumber: Int, range: Range<Int>)] = []
        var lineNumber = 1
        var lineStart = 0
        var blank = true
        var index = 0
        let count = bytes.count
        while index <= count {
            let atEnd = index == count
            let byte: UInt8 = atEnd ? 0x0A : bytes[index]
            if byte == 0x0A {
                if !blank {
                    var lineEnd = index
                    if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D {
                        lineEnd -= 1
                    }
                    result.append((lineNumber, lineStart..<lineEnd))
                }
                lineNumber += 1
                lineStart = index + 1
                blank = true
            } else if byte != 0x20, byte != 0x09, byte != 0x0D {
                blank = false
            }
            index += 1
        }
        return result
    }

    /// `lines(of:)` for a byte array.
    public static func lines(of bytes: [UInt8]) -> [(lineNumber: Int, range: Range<Int>)] {
        bytes.withUnsafeBytes { lines(of: $0) }
    }
}

// MARK: - Core

/// What to stream and where; the closure is only valid during `forEachElement`.
private struct StreamSpec {
    let keys: Set<String>
    let body: (String, JSONValue) throws -> Void
}

/// A container being parsed; its children sit on the value (and key) stacks from the start indices on.
private struct Frame {
    enum Kind { case array, object, streamedArray }
    let kind: Kind
    let valueStart: Int
    let keyStart: Int
}

/// Why a UTF-8 sequence is invalid; the message is built only when needed.
private enum UTF8Problem {
    case badLead(UInt8)
    case strayContinuation(UInt8)
    case overlongLead(UInt8)
    case surrogate(UInt8, UInt8)
    case overlong(UInt8, UInt8)
    case tooLarge(UInt8, UInt8)
    case truncated(lead: UInt8, next: UInt8?)

    var message: String {
        switch self {
        case .badLead(let byte):
            return "invalid UTF-8 byte \(hex(byte))"
        case .strayContinuation(let byte):
            return "invalid UTF-8 byte \(hex(byte)) (a continuation byte without a lead byte)"
        case .overlongLead(let byte):
            return "invalid UTF-8 byte \(hex(byte)) (overlong encoding)"
        case .surrogate(let lead, let next):
            return "invalid UTF-8 sequence \(hex(lead)) \(hex(next)) (an encoded UTF-16 surrogate)"
        case .overlong(let lead, let next):
            return "invalid UTF-8 sequence \(hex(lead)) \(hex(next)) (overlong encoding)"
        case .tooLarge(let lead, let next):
            return "invalid UTF-8 sequence \(hex(lead)) \(hex(next)) (beyond U+10FFFF)"
        case .truncated(let lead, let next):
            if let next {
                return "invalid UTF-8 sequence: lead byte \(hex(lead)) followed by \(hex(next)) (truncated character)"
            }
            return "invalid UTF-8 sequence: lead byte \(hex(lead)) at end of input (truncated character)"
        }
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".unicodeScalars)
    return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
}

private enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e")
    static let upperE = UInt8(ascii: "E")
}

/// Space, tab, LF, CR: the only whitespace RFC 8259 allows. The `<= 0x20` test rejects most bytes
/// with one comparison.
@inline(__always)
private func isJSONWhitespace(_ byte: UInt8) -> Bool {
    byte <= 0x20 && (byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09)
}

private struct ParserCore {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    private var pos = 0
    private let maxDepth: Int
    private let replaceInvalid: Bool
    private let maxStringBytes: Int
    private let stream: StreamSpec?

    private var values: [JSONValue] = []
    private var keys: [String] = []
    private var frames: [Frame] = []
    /// Reused buffer for strings that need unescaping or repair.
    private var scratch: [UInt8] = []

    private var replacedCount = 0
    private var firstReplacedOffset: Int?
    private var loneSurrogates = 0
    /// Set when `stream.body` threw; the core then unwinds with a placeholder syntax error.
    private(set) var callbackError: (any Error)?

    init(bytes: UnsafeBufferPointer<UInt8>, options: JSONParseOptions, stream: StreamSpec?) {
        self.bytes = bytes
        self.end = bytes.count
        self.maxDepth = min(max(options.maxDepth, 1), JSONParseOptions.maxDepthLimit)
        self.replaceInvalid = options.invalidUTF8 == .replace
        self.maxStringBytes = options.maxStringBytes
        self.stream = stream
        values.reserveCapacity(64)
        frames.reserveCapacity(32)
    }

    func result(_ value: JSONValue) -> JSONParseResult {
        JSONParseResult(
            value: value,
            replacedInvalidUTF8: replacedCount,
            firstInvalidUTF8Offset: firstReplacedOffset,
            replacedLoneSurrogates: loneSurrogates
        )
    }

    // MARK: Errors

    private func error(_ message: String, at offset: Int) -> JSONSyntaxError {
        let clamped = min(max(offset, 0), end)
        var line = 1
        var column = 1
        var index = 0
        while index < clamped {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte == 0x0D {
                if index + 1 < end, bytes[index + 1] == 0x0A {
                    // The LF that follows ends the line.
                } else {
                    line += 1
                    column = 1
                }
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return JSONSyntaxError(line: line, column: column, byteOffset: clamped, message: message)
    }

    private func endOfInput(_ context: String = "") -> JSONSyntaxError {
        error("unexpected end of input" + context, at: end)
    }

    /// Printable ASCII is quoted, anything else shown as a byte value.
    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F {
            return "'" + String(UnicodeScalar(byte)) + "'"
        }
        if byte == 0x20 { return "' '" }
        return "byte " + hex(byte)
    }

    // MARK: Driver

    @inline(__always)
    private mutating func skipWhitespace() {
        while pos < end, isJSONWhitespace(bytes[pos]) {
            pos += 1
        }
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        if pos >= end {
            throw end == 0 ? error("unexpected end of input (the input is empty)", at: 0) : endOfInput()
        }
        var needValue = true
        while true {
            if needValue {
                if pos >= end { throw endOfInput() }
                let byte = bytes[pos]
                switch byte {
                case ASCII.openBrace:
                    try checkDepth()
                    pos += 1
                    skipWhitespace()
                    if pos >= end { throw endOfInput() }
                    if bytes[pos] == ASCII.closeBrace {
                        pos += 1
                        values.append(.object(JSONObject()))
                    } else {
                        frames.append(Frame(kind: .object, valueStart: values.count, keyStart: keys.count))
                        try parseKeyAndColon(afterComma: false)
                        continue
                    }
                case ASCII.openBracket:
                    try checkDepth()
                    pos += 1
                    skipWhitespace()
                    if pos >= end { throw endOfInput() }
                    if bytes[pos] == ASCII.closeBracket {
                        pos += 1
                        values.append(.array([]))
                    } else {
                        frames.append(
                            Frame(
                                kind: streamsNextArray() ? .streamedArray : .array,
                                valueStart: values.count, keyStart: keys.count))
                        skipWhitespace()
                        continue
                    }
                case ASCII.quote:
                    values.append(.string(try parseString()))
                case ASCII.minus, ASCII.zero...ASCII.nine:
                    values.append(.number(try parseNumber()))
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    values.append(try parseLiteral())
                case ASCII.closeBracket, ASCII.closeBrace:
                    throw error("expected a JSON value before \(describe(byte)) (a trailing comma?)", at: pos)
                case 0xEF where pos == 0 && end >= 3 && bytes[1] == 0xBB && bytes[2] == 0xBF:
                    throw error("byte-order mark at start of input (decode the file with InputBytes first)", at: pos)
                default:
                    throw error("expected a JSON value, found \(describe(byte))", at: pos)
                }
            }
            needValue = false

            guard let top = frames.last else { break }
            if top.kind == .streamedArray, values.count > top.valueStart {
                try deliverStreamedElement()
            }
            skipWhitespace()
            if pos >= end { throw endOfInput() }
            let byte = bytes[pos]
            if top.kind == .object {
                if byte == ASCII.comma {
                    pos += 1
                    skipWhitespace()
                    try parseKeyAndColon(afterComma: true)
                    needValue = true
                } else if byte == ASCII.closeBrace {
                    pos += 1
                    closeObject(top)
                } else {
                    throw error("expected ',' or '}' after object member, found \(describe(byte))", at: pos)
                }
            } else {
                if byte == ASCII.comma {
                    pos += 1
                    skipWhitespace()
                    needValue = true
                } else if byte == ASCII.closeBracket {
                    pos += 1
                    closeArray(top)
                } else {
                    throw error("expected ',' or ']' after array element, found \(describe(byte))", at: pos)
                }
            }
        }

        skipWhitespace()
        if pos < end {
            throw error("trailing content after the JSON value", at: pos)
        }
        guard let value = values.popLast() else {
            throw error("internal error: no value parsed", at: pos)
        }
        return value
    }

    private func checkDepth() throws(JSONSyntaxError) {
        if frames.count >= maxDepth {
            throw error("nesting deeper than \(maxDepth) levels", at: pos)
        }
    }

    /// True when the array about to open is a member of the top-level object named in `stream.keys`.
    private func streamsNextArray() -> Bool {
        guard let stream, frames.count == 1, frames[0].kind == .object, let key = keys.last else {
            return false
        }
        return stream.keys.contains(key)
    }

    private mutating func deliverStreamedElement() throws(JSONSyntaxError) {
        guard let stream, let element = values.popLast(), let key = keys.last else { return }
        do {
            try stream.body(key, element)
        } catch {
            callbackError = error
            throw self.error("element handler failed", at: pos)
        }
    }

    /// Expects `"key"` then `:` and leaves `pos` at the value (whitespace skipped).
    private mutating func parseKeyAndColon(afterComma: Bool) throws(JSONSyntaxError) {
        if pos >= end { throw endOfInput() }
        let byte = bytes[pos]
        guard byte == ASCII.quote else {
            if byte == ASCII.closeBrace, afterComma {
                throw error("expected an object key after ',' (a trailing comma?)", at: pos)
            }
            throw error("expected '\"' to start an object key, found \(describe(byte))", at: pos)
        }
        keys.append(try parseString())
        skipWhitespace()
        if pos >= end { throw endOfInput() }
        guard bytes[pos] == ASCII.colon else {
            throw error("expected ':' after object key, found \(describe(bytes[pos]))", at: pos)
        }
        pos += 1
        skipWhitespace()
    }

    private mutating func closeObject(_ frame: Frame) {
        frames.removeLast()
        let count = values.count - frame.valueStart
        var members: [JSONObject.Member] = []
        members.reserveCapacity(count)
        var index = 0
        while index < count {
            members.append(JSONObject.Member(key: keys[frame.keyStart + index], value: values[frame.valueStart + index]))
            index += 1
        }
        values.removeSubrange(frame.valueStart...)
        keys.removeSubrange(frame.keyStart...)
        values.append(.object(JSONObject(members: members)))
    }

    private mutating func closeArray(_ frame: Frame) {
        frames.removeLast()
        if frame.kind == .streamedArray {
            values.append(.array([]))
            return
        }
        let elements = Array(values[frame.valueStart...])
        values.removeSubrange(frame.valueStart...)
        values.append(.array(elements))
    }

    // MARK: Scalars

    private mutating func parseLiteral() throws(JSONSyntaxError) -> JSONValue {
        let start = pos
        var index = pos
        while index < end, index - start < 32 {
            let byte = bytes[index]
            let isWordByte =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= ASCII.zero && byte <= ASCII.nine) || byte == UInt8(ascii: "_")
            guard isWordByte else { break }
            index += 1
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        switch word {
        case "true":
            pos = index
            return .bool(true)
        case "false":
            pos = index
            return .bool(false)
        case "null":
            pos = index
            return .null
        default:
            if index == end, ["true", "false", "null"].contains(where: { $0.hasPrefix(word) }) {
                throw endOfInput()
            }
            if ["true", "false", "null"].contains(word.lowercased()) {
                throw error("invalid literal '\(word)' (JSON literals are lower-case: true, false, null)", at: start)
            }
            throw error("invalid literal '\(word)'", at: start)
        }
    }

    @inline(__always)
    private func isDigit(_ index: Int) -> Bool {
        index < end && bytes[index] >= ASCII.zero && bytes[index] <= ASCII.nine
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = pos
        var index = pos
        if bytes[index] == ASCII.minus { index += 1 }
        guard isDigit(index) else { throw invalidNumber(from: start) }
        if bytes[index] == ASCII.zero {
            index += 1
            if isDigit(index) { throw invalidNumber(from: start) }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < end, bytes[index] == ASCII.dot {
            index += 1
            guard isDigit(index) else { throw invalidNumber(from: start) }
            while isDigit(index) { index += 1 }
        }
        if index < end, bytes[index] == ASCII.lowerE || bytes[index] == ASCII.upperE {
            index += 1
            if index < end, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus { index += 1 }
            guard isDigit(index) else { throw invalidNumber(from: start) }
            while isDigit(index) { index += 1 }
        }
        // "1.5.3" or "12abc" is one bad token, not a number followed by a stray character.
        if index < end, isNumberLikeByte(bytes[index]) {
            throw invalidNumber(from: start)
        }
        pos = index
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private func isNumberLikeByte(_ byte: UInt8) -> Bool {
        (byte >= ASCII.zero && byte <= ASCII.nine) || byte == ASCII.dot || byte == ASCII.plus
            || byte == ASCII.minus || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private func invalidNumber(from start: Int) -> JSONSyntaxError {
        var index = start
        while index < end, index - start < 40, isNumberLikeByte(bytes[index]) { index += 1 }
        if index == end, index - start < 40 {
            // "-" or "1." at the very end is a truncated file rather than a malformed number.
            let tail = bytes[index - 1]
            if tail == ASCII.minus || tail == ASCII.plus || tail == ASCII.dot || tail == ASCII.lowerE || tail == ASCII.upperE {
                return endOfInput(" inside a number")
            }
        }
        let lexeme = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return error("invalid number '\(lexeme)'", at: start)
    }

    // MARK: Strings

    /// `pos` is at the opening quote; on return it is just past the closing quote.
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = pos + 1
        var index = start
        // Fast path: plain ASCII with no escapes, the bulk of AWS keys and values.
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.quote {
                try checkLength(start, index)
                pos = index + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == ASCII.backslash || byte < 0x20 || byte >= 0x80 { break }
            index += 1
        }
        return try parseStringSlow(start: start, from: index)
    }

    /// A string of more than `maxStringBytes` raw bytes is an error at its opening quote.
    @inline(__always)
    private func checkLength(_ start: Int, _ end: Int) throws(JSONSyntaxError) {
        if end - start > maxStringBytes {
            throw error("a string of \(end - start) bytes exceeds the --max-value-bytes limit (\(maxStringBytes) bytes)", at: start - 1)
        }
    }

    /// Handles non-ASCII, escapes and repairs; copies into `scratch` only once something must change.
    private mutating func parseStringSlow(start: Int, from firstSpecial: Int) throws(JSONSyntaxError) -> String {
        var index = firstSpecial
        var building = false

        @inline(__always) func beginBuilding(_ scratch: inout [UInt8], upTo limit: Int) {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<limit]))
        }

        while true {
            guard index < end else { throw endOfInput(" inside a string (missing closing '\"')") }
            let byte = bytes[index]
            if byte == ASCII.quote {
                try checkLength(start, index)
                pos = index + 1
                if building {
                    return String(decoding: scratch, as: UTF8.self)
                }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte < 0x80 {
                if byte == ASCII.backslash {
                    if !building {
                        beginBuilding(&scratch, upTo: index)
                        building = true
                    }
                    index = try parseEscape(at: index)
                    continue
                }
                if byte < 0x20 {
                    throw controlCharacterError(byte, at: index)
                }
                if building { scratch.append(byte) }
                index += 1
                continue
            }
            switch checkUTF8(at: index) {
            case .valid(let length):
                if building {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                }
                index += length
            case .invalid(let length, let problem):
                guard replaceInvalid else { throw error(problem.message, at: index) }
                replacedCount += 1
                if firstReplacedOffset == nil { firstReplacedOffset = index }
                if !building {
                    beginBuilding(&scratch, upTo: index)
                    building = true
                }
                scratch.append(contentsOf: [0xEF, 0xBF, 0xBD])
                index += length
            }
        }
    }

    private func controlCharacterError(_ byte: UInt8, at index: Int) -> JSONSyntaxError {
        switch byte {
        case 0x0A:
            return error("unescaped line break inside a string (a raw newline; was a backslash lost?)", at: index)
        case 0x0D:
            return error("unescaped line break inside a string (a raw carriage return; was a backslash lost?)", at: index)
        default:
            let digits = Array("0123456789ABCDEF".unicodeScalars)
            let code = "U+00" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            return error("unescaped control character \(code) inside a string", at: index)
        }
    }

    /// `index` is at the backslash; appends the decoded character to `scratch`, returns the next index.
    private mutating func parseEscape(at index: Int) throws(JSONSyntaxError) -> Int {
        guard index + 1 < end else { throw endOfInput(" inside a string (missing closing '\"')") }
        let code = bytes[index + 1]
        switch code {
        case ASCII.quote: scratch.append(ASCII.quote)
        case ASCII.backslash: scratch.append(ASCII.backslash)
        case ASCII.slash: scratch.append(ASCII.slash)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(at: index + 2, escapeStart: index)
            var next = index + 6
            var scalar = UInt32(unit)
            if unit >= 0xD800, unit <= 0xDBFF {
                // A high surrogate only counts when an escaped low surrogate follows directly.
                if next + 1 < end, bytes[next] == ASCII.backslash, bytes[next + 1] == UInt8(ascii: "u"),
                    let low = peekHex4(at: next + 2), low >= 0xDC00, low <= 0xDFFF
                {
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    next += 6
                } else {
                    scalar = 0xFFFD
                    loneSurrogates += 1
                }
            } else if unit >= 0xDC00, unit <= 0xDFFF {
                scalar = 0xFFFD
                loneSurrogates += 1
            }
            appendUTF8(scalar)
            return next
        default:
            if code < 0x80, code >= 0x20 {
                throw error("invalid escape '\\\(String(UnicodeScalar(code)))'", at: index)
            }
            throw error("invalid escape: backslash followed by byte \(hex(code))", at: index)
        }
        return index + 2
    }

    private func peekHex4(at index: Int) -> UInt16? {
        guard index + 4 <= end else { return nil }
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(bytes[index + offset]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private func hex4(at index: Int, escapeStart: Int) throws(JSONSyntaxError) -> UInt16 {
        if let value = peekHex4(at: index) { return value }
        if index + 4 > end {
            var probe = index
            while probe < end, hexValue(bytes[probe]) != nil { probe += 1 }
            if probe == end { throw endOfInput(" inside a \\u escape") }
        }
        throw error("invalid \\u escape (expected 4 hex digits)", at: escapeStart)
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case ASCII.zero...ASCII.nine: return byte - ASCII.zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | ((scalar >> 18) & 0x07)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    private enum UTF8Check {
        case valid(Int)
        /// `length` is the maximal invalid subpart, replaced by one U+FFFD.
        case invalid(length: Int, UTF8Problem)
    }

    /// Validates one multi-byte sequence at `index` (lead byte ≥ 0x80) per Unicode Table 3-7.
    @inline(__always)
    private func checkUTF8(at index: Int) -> UTF8Check {
        let lead = bytes[index]
        var need: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: need = 1
        case 0xE0:
            need = 2
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED:
            need = 2
            high = 0x9F
        case 0xF0:
            need = 3
            low = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4:
            need = 3
            high = 0x8F
        case 0x80...0xBF: return .invalid(length: 1, .strayContinuation(lead))
        case 0xC0, 0xC1: return .invalid(length: 1, .overlongLead(lead))
        default: return .invalid(length: 1, .badLead(lead))
        }
        var offset = 1
        while offset <= need {
            guard index + offset < end else {
                return .invalid(length: offset, .truncated(lead: lead, next: nil))
            }
            let byte = bytes[index + offset]
            let (lowerBound, upperBound) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            if byte < lowerBound || byte > upperBound {
                if offset == 1, byte >= 0x80, byte <= 0xBF {
                    switch lead {
                    case 0xED: return .invalid(length: 1, .surrogate(lead, byte))
                    case 0xF4: return .invalid(length: 1, .tooLarge(lead, byte))
                    default: return .invalid(length: 1, .overlong(lead, byte))
                    }
                }
                return .invalid(length: offset, .truncated(lead: lead, next: byte))
            }
            offset += 1
        }
        need += 1
        return .valid(need)
    }
}
