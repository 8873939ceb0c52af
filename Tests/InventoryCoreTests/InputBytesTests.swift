import Foundation
import InventoryCore
import InventoryModel
import Testing

@testable import InventoryCapture

/// CRC-32 (IEEE), needed to build gzip members by hand without a compressor.
private func crc32(_ bytes: [UInt8]) -> UInt32 {
    var table = [UInt32](repeating: 0, count: 256)
    for index in 0..<256 {
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        table[index] = value
    }
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
    }
    return crc ^ 0xFFFF_FFFF
}

private func littleEndian32(_ value: UInt32) -> [UInt8] {
    [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
}

/// One gzip member using deflate "stored" blocks: valid gzip that any inflater must accept.
private func storedGzip(_ payload: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
    var offset = 0
    repeat {
        let length = min(65_535, payload.count - offset)
        let final: UInt8 = offset + length == payload.count ? 1 : 0
        out.append(final)
        out.append(UInt8(length & 0xFF))
        out.append(UInt8(length >> 8))
        out.append(UInt8(~length & 0xFF))
        out.append(UInt8((~length >> 8) & 0xFF))
        out.append(contentsOf: payload[offset..<(offset + length)])
        offset += length
    } while offset < payload.count
    out.append(contentsOf: littleEndian32(crc32(payload)))
    out.append(contentsOf: littleEndian32(UInt32(truncatingIfNeeded: payload.count)))
    return out
}

/// Real DEFLATE compression through the system `gzip`, or nil when it is not installed.
private func systemGzip(_ payload: [UInt8]) throws -> [UInt8]? {
    let tool = "/usr/bin/gzip"
    guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("inputbytes-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("payload.json")
    try Data(payload).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["-9", "-n", file.path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return Array(try Data(contentsOf: directory.appendingPathComponent("payload.json.gz")))
}

/// UTF-16 code units as bytes in the chosen byte order.
private func utf16Bytes(_ units: [UInt16], littleEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = []
    for unit in units {
        let low = UInt8(unit & 0xFF)
        let high = UInt8(unit >> 8)
        bytes.append(contentsOf: littleEndian ? [low, high] : [high, low])
    }
    return bytes
}

private func decodeError(_ data: [UInt8], limit: Int = InputBytes.defaultMaxDecompressedBytes) -> InputDecodingError? {
    do {
        _ = try InputBytes.decode(data, path: "capture.json.gz", maxDecompressedBytes: limit)
        return nil
    } catch {
        return error
    }
}

@Suite("InputBytes")
struct InputBytesTests {
    private let sample = Array(#"{"Name":"Kaspersky für Windows","jp":"日本語","emoji":"😀"}"#.utf8)

    @Test func plainUTF8PassesThrough() throws {
        let decoded = try InputBytes.decode(sample, path: "a.json")
        #expect(decoded == DecodedInput(bytes: sample, wasGzip: false, encoding: .utf8))
        #expect(try InputBytes.decode([], path: "empty.json").bytes.isEmpty)
        #expect(try InputBytes.decode(Data(sample), path: "a.json").bytes == sample)
    }

    @Test func utf8BOMIsStripped() throws {
        let decoded = try InputBytes.decode([0xEF, 0xBB, 0xBF] + sample, path: "a.json")
        #expect(decoded.bytes == sample)
        #expect(decoded.encoding.rawValue == "utf-8-bom")
    }

    @Test func utf16WithBOMIsConverted() throws {
        let text = String(decoding: sample, as: UTF8.self)
        let units = Array(text.utf16)
        let little = [0xFF, 0xFE] + utf16Bytes(units, littleEndian: true)
        let big = [0xFE, 0xFF] + utf16Bytes(units, littleEndian: false)
        let decodedLittle = try InputBytes.decode(little, path: "ps.json")
        #expect(decodedLittle.bytes == sample)
        #expect(decodedLittle.encoding.rawValue == "utf-16le-bom")
        let decodedBig = try InputBytes.decode(big, path: "ps.json")
        #expect(decodedBig.bytes == sample)
        #expect(decodedBig.encoding.rawValue == "utf-16be-bom")
        let bomless = utf16Bytes(units, littleEndian: true)
        #expect(try InputBytes.decode(bomless, path: "ps.json").encoding.rawValue == "utf-16le")
        #expect(try InputBytes.decode(bomless, path: "ps.json").bytes == sample)
    }

    @Test func invalidUTF16IsAClearError() throws {
        // '{' then a lone low surrogate U+DC00 at byte 4.
        let lone = try #require(decodeError([0xFF, 0xFE, 0x7B, 0x00, 0x00, 0xDC, 0x7D, 0x00]))
        #expect(lone.message.contains("unpaired low surrogate U+DC00"))
        #expect(lone.byteOffset == 4)
        #expect(lone.description.hasPrefix("capture.json.gz: invalid UTF-16"))
        let high = try #require(decodeError([0xFE, 0xFF, 0xD8, 0x00, 0x00, 0x41]))
        #expect(high.message.contains("high surrogate U+D800 not followed by a low surrogate"))
        #expect(high.byteOffset == 2)
        let odd = try #require(decodeError([0xFF, 0xFE, 0x7B, 0x00, 0x7D]))
        #expect(odd.message.contains("odd number of bytes"))
        let utf32 = try #require(decodeError([0xFF, 0xFE, 0x00, 0x00, 0x7B, 0, 0, 0]))
        #expect(utf32.message.contains("UTF-32"))
    }

    @Test func storedGzipRoundTrip() throws {
        let decoded = try InputBytes.decode(storedGzip(sample), path: "a.json.gz")
        #expect(decoded == DecodedInput(bytes: sample, wasGzip: true, encoding: .utf8))
        let large = [UInt8]((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        #expect(try InputBytes.decode(storedGzip(large), path: "b.gz").bytes == large)
        #expect(try InputBytes.decode(storedGzip([]), path: "empty.gz").bytes.isEmpty)
    }

    @Test func concatenatedMembersAndPadding() throws {
        let first = Array(#"{"a":"#.utf8)
        let second = Array(#"1}"#.utf8)
        let joined = storedGzip(first) + storedGzip(second)
        #expect(try InputBytes.decode(joined, path: "a.gz").bytes == first + second)
        #expect(try InputBytes.decode(joined + [0, 0, 0, 0], path: "a.gz").bytes == first + second)
        let garbage = try #require(decodeError(storedGzip(first) + [0x41, 0x42]))
        #expect(garbage.message.contains("unexpected data after the end of the gzip stream"))
    }

    @Test func gzipThenEncodingDetection() throws {
        let units = Array(String(decoding: sample, as: UTF8.self).utf16)
        let little = [0xFF, 0xFE] + utf16Bytes(units, littleEndian: true)
        let decoded = try InputBytes.decode(storedGzip(little), path: "ps.json.gz")
        #expect(decoded == DecodedInput(bytes: sample, wasGzip: true, encoding: .utf16LittleEndianBOM))
    }

    @Test func corruptTruncatedAndOversizeGzip() throws {
        let good = storedGzip(sample)
        let truncated = try #require(decodeError(Array(good.prefix(good.count - 12))))
        #expect(truncated.message.contains("truncated"))
        var badCRC = good
        badCRC[badCRC.count - 6] ^= 0xFF
        let crc = try #require(decodeError(badCRC))
        #expect(crc.message.hasPrefix("corrupt gzip data"))
        var badBlock = good
        badBlock[10] = 0x07  // reserved block type 3
        #expect(decodeError(badBlock)?.message.hasPrefix("corrupt gzip data") == true)
        let headerOnly = try #require(decodeError([0x1F, 0x8B]))
        #expect(headerOnly.message.contains("truncated"))
        let large = [UInt8](repeating: 0x20, count: 300_000)
        let oversize = try #require(decodeError(storedGzip(large), limit: 100_000))
        #expect(oversize.message.contains("limit"))
    }

    @Test func realDeflateRoundTrip() throws {
        var payload: [UInt8] = []
        for index in 0..<20_000 {
            payload.append(contentsOf: #"{"Name":"package-\#(index)","Version":"1.\#(index % 97)","日本":"ü"}"#.utf8)
            payload.append(0x0A)
        }
        guard let compressed = try systemGzip(payload) else {
            print("skipping: /usr/bin/gzip not available")
            return
        }
        #expect(compressed.count < payload.count / 4)
        let decoded = try InputBytes.decode(compressed, path: "big.jsonl.gz")
        #expect(decoded.bytes == payload)
        #expect(decoded.wasGzip)
        let twice = try InputBytes.decode(compressed + compressed, path: "twice.gz")
        #expect(twice.bytes == payload + payload)
        var corrupt = compressed
        for index in stride(from: compressed.count / 2, to: compressed.count / 2 + 64, by: 1) {
            corrupt[index] ^= 0x5A
        }
        #expect(decodeError(corrupt)?.message.hasPrefix("corrupt gzip data") == true)
    }
}

/// The one gzip reader, `GzipInflater`, seen through both of its users: the whole-buffer decoder
/// (`InputBytes`) and the streaming reader (`ChunkedByteSource`) must agree on bytes, on error
/// text and offsets, and on the output limit.
@Suite("GzipInflater")
struct GzipInflaterTests {
    private let first = Array(#"{"configurationItems":["#.utf8)
    private let second = Array(#"]}"#.utf8)

    /// Feeds `data` to a fresh inflater `step` bytes at a time, with a small output buffer.
    private func inflatePiecewise(_ data: [UInt8], step: Int, limit: Int = 1 << 30) throws(GzipError) -> [UInt8] {
        let inflater = try GzipInflater(limit: limit)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 7)
        var offset = 0
        while true {
            let end = min(offset + step, data.count)
            let piece = Array(data[offset..<end])
            var used = 0
            while true {
                let result = try piece.withUnsafeBufferPointer { input throws(GzipError) in
                    try buffer.withUnsafeMutableBufferPointer { out throws(GzipError) in
                        try inflater.inflate(UnsafeBufferPointer(rebasing: input[used...]), into: out)
                    }
                }
                used += result.consumed
                output += buffer[0..<result.produced]
                if used == piece.count, result.produced < buffer.count { break }
            }
            offset = end
            if offset == data.count { break }
        }
        try inflater.finish()
        return output
    }

    /// Runs the streaming reader over `data` written to a temporary file.
    private func streamed(_ data: [UInt8], limit: Int = InputBytes.defaultMaxDecompressedBytes) throws -> Result<[UInt8], InventoryError> {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-\(UUID().uuidString).gz")
        try Data(data).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let source = try ChunkedByteSource(path: url.path, maxDecompressedBytes: limit)
            var bytes: [UInt8] = []
            while true {
                let chunk = try source.next()
                if chunk.isEmpty { break }
                bytes += chunk
            }
            return .success(bytes)
        } catch {
            return .failure(error)
        }
    }

    /// The message `CaptureDecoder.decode` builds from the whole-buffer error, for comparison.
    private func wholeMessage(_ data: [UInt8], limit: Int = InputBytes.defaultMaxDecompressedBytes) throws -> String {
        let error = try #require(decodeError(data, limit: limit))
        return error.message + (error.byteOffset.map { " (at byte \($0))" } ?? "")
    }

    private func streamedMessage(_ data: [UInt8], limit: Int = InputBytes.defaultMaxDecompressedBytes) throws -> String? {
        guard case .failure(.undecodableInput(_, let message)) = try streamed(data, limit: limit) else { return nil }
        return message
    }

    @Test func anySplitOfTheInputGivesTheSameBytes() throws {
        let data = storedGzip(first) + storedGzip(second) + [0, 0, 0]
        for step in [1, 2, 3, 10, data.count] {
            #expect(try inflatePiecewise(data, step: step) == first + second, "step \(step)")
        }
        #expect(try streamed(data).get() == first + second)
    }

    @Test func bothPathsFailWithTheSameText() throws {
        let good = storedGzip(first)
        var badCRC = good
        badCRC[badCRC.count - 6] ^= 0xFF
        let cases: [[UInt8]] = [
            Array(good.prefix(good.count - 3)),  // truncated
            badCRC,  // corrupt
            good + [0x41, 0x42],  // not a member after a member
            good + [0, 0, 0x1F, 0x8B],  // a member after padding
            good + [0x1F],  // a lone first magic byte
            good + [0x78, 0x9C, 0x03, 0x00],  // a zlib stream is not a gzip member
        ]
        for data in cases {
            let whole = try wholeMessage(data)
            #expect(try streamedMessage(data) == whole)
            #expect(throws: GzipError.self) { try inflatePiecewise(data, step: 1) }
        }
        #expect(try wholeMessage(good + [0x41]) == "unexpected data after the end of the gzip stream (at byte \(good.count))")
        #expect(try wholeMessage(Array(good.prefix(20))) == "gzip data is truncated (the compressed stream ends early) (at byte 20)")
    }

    @Test func streamingEnforcesTheLimit() throws {
        let large = storedGzip([UInt8](repeating: 0x20, count: 300_000))
        let expected = "gzip data expands beyond the 100000-byte limit"
        #expect(try wholeMessage(large, limit: 100_000) == expected)
        #expect(try streamedMessage(large, limit: 100_000) == expected)
        #expect(try streamed(large, limit: 300_000).get().count == 300_000)
        #expect(GzipInflater.describeSize(4 << 30) == "4 GiB")
        #expect(GzipInflater.describeSize(64 << 20) == "64 MiB")
    }
}
