import CZlib
import Foundation
import InventoryModel

/// Reads a file in chunks, inflating gzip members on the fly, so a capture of any size is never
/// held in memory whole.
final class ChunkedByteSource {
    private let descriptor: Int32
    private let path: String
    private var stream = z_stream()
    private var gzip = false
    private var finished = false
    private var input = [UInt8](repeating: 0, count: 1 << 20)
    private var inputCount = 0
    private var inputOffset = 0
    private var pending: [UInt8] = []
    private var inflating = false
    /// Raw bytes of the file read so far (for error offsets in compressed input).
    private(set) var rawOffset = 0

    init(path: String) throws(InventoryError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .unreadable(path: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        try fill()
        gzip = inputCount >= 2 && input[0] == 0x1F && input[1] == 0x8B
        if gzip {
            guard czlib_inflate_init2(&stream, 15 + 32) == Z_OK else {
                throw .undecodableInput(file: path, message: "cannot initialise zlib")
            }
            inflating = true
        }
    }

    deinit {
        if inflating { inflateEnd(&stream) }
        close(descriptor)
    }

    var isGzip: Bool { gzip }

    private func fill() throws(InventoryError) {
        let count = input.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else {
            throw .unreadable(path: path, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        inputCount = count
        inputOffset = 0
        rawOffset += count
    }

    /// The next chunk of decoded bytes; empty at the end of the file.
    func next() throws(InventoryError) -> [UInt8] {
        if finished { return [] }
        if !gzip {
            if inputOffset >= inputCount { try fill() }
            if inputCount == 0 {
                finished = true
                return []
            }
            let chunk = Array(input[inputOffset..<inputCount])
            inputOffset = inputCount
            return chunk
        }
        var output = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            if inputOffset >= inputCount {
                try fill()
                if inputCount == 0 {
                    finished = true
                    if inflating {
                        throw .undecodableInput(file: path, message: "gzip data is truncated (the compressed stream ends early) (at byte \(rawOffset))")
                    }
                    return []
                }
            }
            if !inflating {
                // After a member ends: trailing NULs are padding, anything else starts a new member.
                let rest = input[inputOffset..<inputCount]
                if rest.allSatisfy({ $0 == 0 }) {
                    inputOffset = inputCount
                    continue
                }
                guard inflateReset(&stream) == Z_OK else {
                    throw .undecodableInput(file: path, message: "cannot restart zlib for the next gzip member")
                }
                inflating = true
            }
            var status: Int32 = Z_OK
            var produced = 0
            let available = inputCount - inputOffset
            input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                    stream.next_in = inBase + inputOffset
                    stream.avail_in = UInt32(available)
                    stream.next_out = outBase
                    stream.avail_out = UInt32(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    produced = outBuffer.count - Int(stream.avail_out)
                }
            }
            inputOffset += available - Int(stream.avail_in)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                inflating = false
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .undecodableInput(file: path, message: "corrupt gzip data (\(reason)) (at byte \(rawOffset - inputCount + inputOffset))")
            }
            if produced > 0 { return Array(output[0..<produced]) }
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
    private var element: [UInt8] = []
    private var elementLine = 0
    private var elementColumn = 0
    private var inElement = false
    private var elementIsScalar = false
    private var line = 1
    private var column = 0
    /// Inside the items array: true after an element (a ',' or ']' must follow), false after
    /// '[' or ',' (an element must follow; ']' only right after '[').
    private var afterElement = false
    private var afterComma = false
    /// The first structural error in the items array: where and what.
    private(set) var failure: (line: Int, column: Int, message: String)?
    private static let targetKey = Array("configurationItems".utf8)

    /// Elements completed by the bytes fed so far and not yet taken.
    private var completed: [Element] = []

    /// Feeds bytes; returns the elements they completed. (No closure per byte: calling one per
    /// byte cost more than the parse.)
    mutating func feed(_ bytes: [UInt8]) -> [Element] {
        completed = []
        for byte in bytes {
            if byte == 0x0A {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            if inTarget {
                feedTarget(byte)
                continue
            }
            skeleton.append(byte)
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
                    depth += 1
                    continue
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
        return completed
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

    private mutating func feedTarget(_ byte: UInt8) {
        if inElement {
            element.append(byte)
            if inString {
                _ = stepInsideString(byte)
                return
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if elementIsScalar, depth == 2 {
                    // A scalar element ended by the array's closing bracket.
                    element.removeLast()
                    emit()
                    closeTarget()
                    return
                }
                depth -= 1
                if depth == 2, !elementIsScalar { emit() }
            case UInt8(ascii: ","):
                if depth == 2, elementIsScalar {
                    // The comma that ended a scalar element was consumed here.
                    element.removeLast()
                    emit()
                    afterElement = false
                    afterComma = true
                }
            default:
                break
            }
            return
        }
        switch byte {
        case 0x20, 0x09, 0x0D:
            return
        case 0x0A:
            // Keeps the skeleton's line numbers equal to the file's.
            skeleton.append(byte)
        case UInt8(ascii: ","):
            if !afterElement { fail("expected an element before ','") }
            afterElement = false
            afterComma = true
        case UInt8(ascii: "]"):
            if afterComma { fail("expected an element after ',' (a trailing comma?)") }
            closeTarget()
        default:
            if afterElement { fail("expected ',' or ']' after array element") }
            afterComma = false
            inElement = true
            element = [byte]
            elementLine = line
            elementColumn = column
            elementIsScalar = byte != UInt8(ascii: "{") && byte != UInt8(ascii: "[")
            if byte == UInt8(ascii: "\"") { inString = true }
            if !elementIsScalar { depth += 1 }
        }
    }

    private mutating func fail(_ message: String) {
        if failure == nil { failure = (line, column, message) }
    }

    private mutating func emit() {
        inElement = false
        afterElement = true
        completed.append((element, elementLine, elementColumn))
        element = []
        element.reserveCapacity(4096)
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
