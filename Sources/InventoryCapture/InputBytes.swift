import CZlib
import InventoryModel

// Turns a captured file's raw bytes into plain UTF-8: Config S3 deliveries are gzip, and files
// saved by PowerShell redirection are UTF-16 or carry a BOM (FORMATS.md §0.4). Sniffing content
// rather than trusting extensions is deliberate: users gzip and rename files freely.

/// Raw file bytes after gunzip and BOM/UTF-16 handling.
/// The text encoding a capture file was read in (the raw value is how notes name it).
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16LittleEndianBOM = "utf-16le-bom"
    case utf16BigEndianBOM = "utf-16be-bom"
    /// BOM-less UTF-16 JSON, recognised by its NUL pattern.
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
}

public struct DecodedInput: Sendable, Equatable {
    /// The content as UTF-8, BOM removed (UTF-8 validity is checked later by the JSON parser).
    public var bytes: [UInt8]
    /// True when the file was gzip-compressed (one or more members).
    public var wasGzip: Bool
    /// Detected text encoding.
    public var encoding: TextEncoding

    /// Creates a decoded input.
    public init(bytes: [UInt8], wasGzip: Bool, encoding: TextEncoding) {
        self.bytes = bytes
        self.wasGzip = wasGzip
        self.encoding = encoding
    }
}

/// Why a file's bytes could not be turned into UTF-8 text; `description` names the file.
public struct InputDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path given to `InputBytes.decode`.
    public var path: String
    /// What went wrong, e.g. "gzip data is truncated".
    public var message: String
    /// Byte offset of the problem (in the decompressed data for encoding errors), when known.
    public var byteOffset: Int?

    /// Creates an error.
    public init(path: String, message: String, byteOffset: Int? = nil) {
        self.path = path
        self.message = message
        self.byteOffset = byteOffset
    }

    /// `"path: message"` plus the byte offset when known.
    public var description: String {
        if let byteOffset {
            return "\(path): \(message) (at byte \(byteOffset))"
        }
        return "\(path): \(message)"
    }
}

/// Gzip and text-encoding detection for captured files.
public enum InputBytes {
    /// Default ceiling for decompressed output: 4 GiB, to stop gzip bombs before memory runs out.
    public static let defaultMaxDecompressedBytes = 4 << 30

    /// Decodes a file's raw bytes: gunzip if it starts with 1F 8B (concatenated members allowed), then
    /// strip a UTF-8 BOM or convert UTF-16 (LE/BE, BOM or recognisable BOM-less JSON) to UTF-8.
    /// - Parameters:
    ///   - data: the file content as read from disk.
    ///   - path: used only in error messages.
    ///   - maxDecompressedBytes: refuse gzip output larger than this many bytes.
    /// - Returns: UTF-8 bytes and what was detected.
    /// - Throws: `InputDecodingError` for corrupt or truncated gzip, oversize output, invalid UTF-16 or UTF-32.
    public static func decode(
        _ data: [UInt8], path: String, maxDecompressedBytes: Int = defaultMaxDecompressedBytes
    ) throws(InputDecodingError) -> DecodedInput {
        var bytes = data
        var wasGzip = false
        if isGzip(data) {
            bytes = try gunzip(data, path: path, limit: maxDecompressedBytes)
            wasGzip = true
        }
        let (text, encoding) = try decodeText(bytes, path: path)
        return DecodedInput(bytes: text, wasGzip: wasGzip, encoding: encoding)
    }

    /// `decode` for any byte collection (e.g. Foundation `Data`).
    /// - Throws: `InputDecodingError`.
    public static func decode(
        _ data: some Collection<UInt8>, path: String, maxDecompressedBytes: Int = defaultMaxDecompressedBytes
    ) throws(InputDecodingError) -> DecodedInput {
        try decode(Array(data), path: path, maxDecompressedBytes: maxDecompressedBytes)
    }

    /// True when `data` starts with the gzip magic 1F 8B.
    public static func isGzip(_ data: [UInt8]) -> Bool {
        data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B
    }

    // MARK: gzip

    /// Inflates every gzip member in turn through `GzipInflater` (the streaming reader uses the
    /// same one); trailing NUL padding is ignored.
    static func gunzip(_ data: [UInt8], path: String, limit: Int) throws(InputDecodingError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(max(data.count * 4, 1 << 16), limit))
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        do throws(GzipError) {
            let inflater = try GzipInflater(limit: limit)
            try data.withUnsafeBufferPointer { input throws(GzipError) in
                try chunk.withUnsafeMutableBufferPointer { out throws(GzipError) in
                    var offset = 0
                    while true {
                        let step = try inflater.inflate(UnsafeBufferPointer(rebasing: input[offset...]), into: out)
                        offset += step.consumed
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: out[0..<step.produced]))
                        // Done when the input is used up and zlib has no output left to give.
                        if offset == input.count, step.produced < out.count { break }
                    }
                }
            }
            try inflater.finish()
        } catch {
            throw InputDecodingError(path: path, message: error.message, byteOffset: error.byteOffset)
        }
        return output
    }

    // MARK: text encodings

    private static func decodeText(_ bytes: [UInt8], path: String) throws(InputDecodingError) -> ([UInt8], TextEncoding) {
        let count = bytes.count
        if count >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 {
            throw InputDecodingError(path: path, message: "UTF-32LE text is not supported; save the file as UTF-8")
        }
        if count >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF {
            throw InputDecodingError(path: path, message: "UTF-32BE text is not supported; save the file as UTF-8")
        }
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return (Array(bytes[3...]), .utf8BOM)
        }
        if count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return (try utf16ToUTF8(bytes, from: 2, littleEndian: true, path: path), .utf16LittleEndianBOM)
        }
        if count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return (try utf16ToUTF8(bytes, from: 2, littleEndian: false, path: path), .utf16BigEndianBOM)
        }
        // JSON text starts with an ASCII character, so UTF-16 without a BOM shows a NUL in one of
        // the first two bytes (RFC 4627 §3); UTF-8 JSON never has NUL there.
        if count >= 4, bytes[0] != 0, bytes[1] == 0, bytes[2] != 0, bytes[3] == 0 {
            return (try utf16ToUTF8(bytes, from: 0, littleEndian: true, path: path), .utf16LittleEndian)
        }
        if count >= 4, bytes[0] == 0, bytes[1] != 0, bytes[2] == 0, bytes[3] != 0 {
            return (try utf16ToUTF8(bytes, from: 0, littleEndian: false, path: path), .utf16BigEndian)
        }
        return (bytes, .utf8)
    }

    private static func utf16ToUTF8(
        _ bytes: [UInt8], from start: Int, littleEndian: Bool, path: String
    ) throws(InputDecodingError) -> [UInt8] {
        let count = bytes.count
        if (count - start) % 2 != 0 {
            throw InputDecodingError(
                path: path, message: "UTF-16 text has an odd number of bytes (truncated file?)", byteOffset: count - 1)
        }
        var output: [UInt8] = []
        output.reserveCapacity((count - start) / 2 + (count - start) / 8)

        func unit(at index: Int) -> UInt32 {
            littleEndian
                ? UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
                : UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
        }

        var index = start
        while index + 1 < count {
            let first = unit(at: index)
            var scalar = first
            var width = 2
            if first >= 0xD800, first <= 0xDBFF {
                guard index + 3 < count else {
                    throw InputDecodingError(
                        path: path, message: "invalid UTF-16: high surrogate at end of input", byteOffset: index)
                }
                let second = unit(at: index + 2)
                guard second >= 0xDC00, second <= 0xDFFF else {
                    throw InputDecodingError(
                        path: path,
                        message: "invalid UTF-16: high surrogate \(hex16(first)) not followed by a low surrogate",
                        byteOffset: index)
                }
                scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                width = 4
            } else if first >= 0xDC00, first <= 0xDFFF {
                throw InputDecodingError(
                    path: path, message: "invalid UTF-16: unpaired low surrogate \(hex16(first))", byteOffset: index)
            }
            switch scalar {
            case 0..<0x80:
                output.append(UInt8(scalar))
            case 0x80..<0x800:
                output.append(UInt8(0xC0 | (scalar >> 6)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            case 0x800..<0x10000:
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            default:
                output.append(UInt8(0xF0 | (scalar >> 18)))
                output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
            index += width
        }
        return output
    }

    private static func hex16(_ value: UInt32) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var text = "U+"
        for shift in stride(from: 12, through: 0, by: -4) {
            text.unicodeScalars.append(digits[Int((value >> UInt32(shift)) & 0xF)])
        }
        return text
    }
}
