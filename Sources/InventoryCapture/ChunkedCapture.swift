import Foundation
import InventoryModel

/// Reads a file in chunks, inflating gzip members on the fly through `GzipInflater` (the same
/// inflater, limit and messages as `InputBytes`), so a capture of any size is never held in
/// memory whole.
final class ChunkedByteSource {
    private let descriptor: Int32
    private let path: String
    /// Nil for a file that does not start with the gzip magic.
    private var inflater: GzipInflater?
    private var finished = false
    private var input = [UInt8](repeating: 0, count: 1 << 20)
    private var inputCount = 0
    private var inputOffset = 0
    private var output = [UInt8](repeating: 0, count: 1 << 20)
    /// The last inflate filled `output`: zlib may hold more before it needs input.
    private var outputPending = false

    /// Opens `path`; gzip output beyond `maxDecompressedBytes` fails like it does in `InputBytes`.
    init(path: String, maxDecompressedBytes: Int = InputBytes.defaultMaxDecompressedBytes) throws(InventoryError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadable(path: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        // Never block on a FIFO swapped in after the walk looked at the path.
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .unreadable(path: path, message: "not a regular file")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        try fill()
        if inputCount >= 2 && input[0] == 0x1F && input[1] == 0x8B {
            do { inflater = try GzipInflater(limit: maxDecompressedBytes) } catch { throw undecodable(error) }
        }
    }

    deinit {
        close(descriptor)
    }

    var isGzip: Bool { inflater != nil }

    private func fill() throws(InventoryError) {
        let count = input.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else {
            throw .unreadable(path: path, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        inputCount = count
        inputOffset = 0
    }

    /// The same text `CaptureDecoder.decode` gives for an `InputDecodingError`.
    private func undecodable(_ error: GzipError) -> InventoryError {
        .undecodableInput(file: path, message: error.message + (error.byteOffset.map { " (at byte \($0))" } ?? ""))
    }

    /// The next chunk of decoded bytes; empty at the end of the file.
    func next() throws(InventoryError) -> [UInt8] {
        if finished { return [] }
        guard let inflater else {
            if inputOffset >= inputCount { try fill() }
            if inputCount == 0 {
                finished = true
                return []
            }
            let chunk = Array(input[inputOffset..<inputCount])
            inputOffset = inputCount
            return chunk
        }
        while true {
            if inputOffset >= inputCount, !outputPending {
                try fill()
                if inputCount == 0 {
                    finished = true
                    do { try inflater.finish() } catch { throw undecodable(error) }
                    return []
                }
            }
            let start = inputOffset
            let end = inputCount
            let step: (consumed: Int, produced: Int)
            do {
                step = try input.withUnsafeBufferPointer { inBuffer throws(GzipError) in
                    try output.withUnsafeMutableBufferPointer { outBuffer throws(GzipError) in
                        try inflater.inflate(UnsafeBufferPointer(rebasing: inBuffer[start..<end]), into: outBuffer)
                    }
                }
            } catch {
                throw undecodable(error)
            }
            inputOffset += step.consumed
            outputPending = step.produced == output.count
            if step.produced > 0 { return Array(output[0..<step.produced]) }
        }
    }
}

/// Splits a Config snapshot or history document into its `configurationItems` elements as the
/// bytes stream by, and keeps the rest of the document (with that array emptied) as a small
/// skeleton for format detection. Strings and escapes are tracked so brackets inside values do
/// not count; element syntax is checked by the real parser afterwards.
struct ConfigurationItemsScanner {
    /// One element's bytes and where it starts in the file (1-based line and column).
    typealias Element = (bytes: [UInt8], line: Int, column: Int)

    private(set) var skeleton: [UInt8] = []
    private(set) var foundArray = false
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var expectKey = false
    private var keyBytes: [UInt8] = []
    private var capturingKey = false
    private var lastKey: [UInt8] = []
    private var inTarget = false
    /// The current element's bytes from earlier chunks (the rest is copied when it ends).
    private var element: [UInt8] = []
    private var elementLine = 0
    private var elementColumn = 0
    private var inElement = false
    private var elementIsScalar = false
    /// Line and column counted up to `cursor` (an index in the current chunk). Counted in bulk
    /// only where a position is needed (element starts, errors, chunk ends): per-byte
    /// bookkeeping cost more than the scan itself.
    private var line = 1
    private var column = 0
    private var cursor = 0
    /// Inside the items array: true after an element (a ',' or ']' must follow), false after
    /// '[' or ',' (an element must follow; ']' only right after '[').
    private var afterElement = false
    private var afterComma = false
    /// The first structural error in the items array: where and what.
    private(set) var failure: (line: Int, column: Int, message: String)?
    /// The failure is an element (or the rest of the document) beyond `maxValueBytes`.
    private(set) var tooLarge = false
    /// The most bytes one element, or the document around the items, may hold in memory.
    var maxValueBytes = Int.max
    private static let targetKey = Array("configurationItems".utf8)

    /// Elements completed by the bytes fed so far and not yet taken.
    private var completed: [Element] = []

    /// Feeds bytes; returns the elements they completed.
    mutating func feed(_ bytes: [UInt8]) -> [Element] {
        completed = []
        let stopped = bytes.withUnsafeBufferPointer { scan($0) }
        cursor = 0
        return stopped ? [] : completed
    }

    /// Scans one chunk; true when a size limit stopped the scan.
    private mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        let count = buffer.count
        var index = 0
        // Where the current element's bytes in this chunk begin.
        var elementStart = 0
        while index < count {
            if inElement {
                index = scanElement(base, from: index, count: count, elementStart: elementStart)
                if index < 0 { return true }
                continue
            }
            let byte = base[index]
            if inTarget {
                if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                    index += 1
                    continue
                }
                if byte == 0x0A {
                    // Keeps the skeleton's line numbers equal to the file's.
                    skeleton.append(byte)
                    index += 1
                    continue
                }
                startOrSeparate(byte, base, at: index)
                if inElement { elementStart = index }
                index += 1
                continue
            }
            skeleton.append(byte)
            if skeleton.count > maxValueBytes {
                advance(base, to: index + 1)
                return refuseSize(line, column, "the document around configurationItems")
            }
            index += 1
            if inString {
                // Key bytes are kept raw (escapes included); "configurationItems" has none.
                if stepInsideString(byte) {
                    if capturingKey {
                        capturingKey = false
                        lastKey = keyBytes
                    }
                } else if capturingKey {
                    keyBytes.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if depth == 1, expectKey {
                    capturingKey = true
                    keyBytes = []
                    expectKey = false
                }
            case UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { expectKey = true }
            case UInt8(ascii: "["):
                if depth == 1, lastKey == Self.targetKey {
                    // The array's contents are streamed out; the skeleton keeps "[" … "]".
                    foundArray = true
                    inTarget = true
                }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 { expectKey = true }
            case UInt8(ascii: ":"):
                if depth == 1 { expectKey = false }
            default:
                break
            }
        }
        if inElement {
            element.append(contentsOf: UnsafeBufferPointer(start: base + elementStart, count: count - elementStart))
            if element.count > maxValueBytes { return refuseSize(elementLine, elementColumn, "an element") }
        }
        advance(base, to: count)
        return false
    }

    /// Scans inside an element from `index`, skipping ordinary bytes in bulk; returns where to
    /// go on (the chunk's end if the element goes on past it), or -1 when the element is too large.
    private mutating func scanElement(
        _ base: UnsafePointer<UInt8>, from start: Int, count: Int, elementStart: Int
    ) -> Int {
        var index = start
        while index < count {
            if inString {
                if escaped {
                    escaped = false
                    index += 1
                    continue
                }
                while index < count {
                    let byte = base[index]
                    if byte == 0x22 || byte == 0x5C { break }
                    index += 1
                }
                if index == count { break }
                if base[index] == 0x5C { escaped = true } else { inString = false }
                index += 1
                continue
            }
            while index < count {
                let byte = base[index]
                // '"', ',', '[' or '{' (0x5B | 0x20 = 0x7B), ']' or '}'.
                if byte == 0x22 || byte == 0x2C || byte | 0x20 == 0x7B || byte | 0x20 == 0x7D { break }
                index += 1
            }
            if index == count { break }
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if elementIsScalar, depth == 2 {
                    // A scalar element ended by the array's closing bracket.
                    if !emit(base, from: elementStart, to: index) { return -1 }
                    closeTarget()
                    return index + 1
                }
                depth -= 1
                if depth == 2, !elementIsScalar {
                    if !emit(base, from: elementStart, to: index + 1) { return -1 }
                    return index + 1
                }
            case UInt8(ascii: ","):
                if depth == 2, elementIsScalar {
                    // The comma that ended a scalar element was consumed here.
                    if !emit(base, from: elementStart, to: index) { return -1 }
                    afterElement = false
                    afterComma = true
                    return index + 1
                }
            default:
                break
            }
            index += 1
        }
        return count
    }

    /// Stops the scan: `what` holds more than `maxValueBytes`.
    private mutating func refuseSize(_ line: Int, _ column: Int, _ what: String) -> Bool {
        tooLarge = true
        failure = (line, column, "\(what) larger than the --max-value-bytes limit (\(maxValueBytes) bytes)")
        return true
    }

    /// Counts lines and columns (UTF-8 lead bytes) up to `index` of the current chunk.
    private mutating func advance(_ base: UnsafePointer<UInt8>, to index: Int) {
        var from = cursor
        guard from < index else { return }
        while let found = memchr(base + from, 0x0A, index - from) {
            line += 1
            column = 0
            from = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
        }
        // Continuation bytes (10xxxxxx) counted eight at a time: bit 7 set and bit 6 clear.
        var continuations = 0
        var offset = from
        while offset + 8 <= index {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            continuations &+= (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            offset += 8
        }
        while offset < index {
            continuations &+= base[offset] & 0xC0 == 0x80 ? 1 : 0
            offset += 1
        }
        column += index - from - continuations
        cursor = index
    }

    /// One byte inside a JSON string: tracks escapes; true when the byte closed the string.
    private mutating func stepInsideString(_ byte: UInt8) -> Bool {
        if escaped {
            escaped = false
        } else if byte == UInt8(ascii: "\\") {
            escaped = true
        } else if byte == UInt8(ascii: "\"") {
            inString = false
            return true
        }
        return false
    }

    /// A byte between elements of the items array (not blank): a separator, the closing
    /// bracket, or the first byte of an element.
    private mutating func startOrSeparate(_ byte: UInt8, _ base: UnsafePointer<UInt8>, at index: Int) {
        switch byte {
        case UInt8(ascii: ","):
            if !afterElement { fail("expected an element before ','", base, at: index) }
            afterElement = false
            afterComma = true
        case UInt8(ascii: "]"):
            if afterComma { fail("expected an element after ',' (a trailing comma?)", base, at: index) }
            closeTarget()
        default:
            if afterElement { fail("expected ',' or ']' after array element", base, at: index) }
            afterComma = false
            inElement = true
            element = []
            advance(base, to: index + 1)
            elementLine = line
            elementColumn = column
            elementIsScalar = byte != UInt8(ascii: "{") && byte != UInt8(ascii: "[")
            if byte == UInt8(ascii: "\"") { inString = true }
            if !elementIsScalar { depth += 1 }
        }
    }

    private mutating func fail(_ message: String, _ base: UnsafePointer<UInt8>, at index: Int) {
        guard failure == nil else { return }
        advance(base, to: index + 1)
        failure = (line, column, message)
    }

    /// Completes the element with this chunk's bytes `from..<to`; false when it is too large.
    private mutating func emit(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Bool {
        let tail = UnsafeBufferPointer(start: base + from, count: to - from)
        if element.isEmpty { element = Array(tail) } else { element.append(contentsOf: tail) }
        if element.count > maxValueBytes { return !refuseSize(elementLine, elementColumn, "an element") }
        inElement = false
        afterElement = true
        completed.append((element, elementLine, elementColumn))
        element = []
        return true
    }

    private mutating func closeTarget() {
        inTarget = false
        afterElement = false
        afterComma = false
        depth -= 1
        // The opening bracket is already in the skeleton.
        skeleton.append(UInt8(ascii: "]"))
    }

    /// True when the input ended inside the items array or inside an element.
    var endedInsideItems: Bool { inTarget || inElement }
    var position: (line: Int, column: Int) { (line, column) }
}
