import Foundation
import InventoryCore
import Testing

/// Paths of the repository, its fixtures and the shared folder beside it, found from this file.
enum StagePaths {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repo.appendingPathComponent("Fixtures")
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
    static let samples = shared.appendingPathComponent("samples/public")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// False when `../shared` is not checked out beside the repository; tests that need it skip.
    static var hasSamples: Bool { FileManager.default.fileExists(atPath: samples.path) }

    static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }
    static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }
}

/// A temporary directory removed when the value is released.
final class TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("stage-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` at `name` (folders created) and returns the full path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
        return target.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, bytes: Array(text.utf8)) }
}

struct StageFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: Capture

/// Decodes `text` as the capture file `path` (the path only feeds the hints and messages).
func decode(
    _ text: String, path: String = "capture.json", nodeId: String? = nil, typeName: String? = nil, repair: Bool = false
) throws -> DecodedCapture {
    try decode(bytes: Array(text.utf8), path: path, nodeId: nodeId, typeName: typeName, repair: repair)
}

func decode(
    bytes: [UInt8], path: String = "capture.json", nodeId: String? = nil, typeName: String? = nil, repair: Bool = false
) throws -> DecodedCapture {
    let context = CaptureContext(
        displayPath: path, nodeIdOverride: nodeId, typeNameOverride: typeName, repairInvalidUTF8: repair)
    return try CaptureDecoder(context: context).decode(bytes)
}

/// The error decoding `text` throws; fails the test when it decodes.
func decodeError(
    _ text: String, path: String = "capture.json", nodeId: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
) -> InventoryError? {
    decodeError(bytes: Array(text.utf8), path: path, nodeId: nodeId, sourceLocation: sourceLocation)
}

func decodeError(
    bytes: [UInt8], path: String = "capture.json", nodeId: String? = nil, repair: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
) -> InventoryError? {
    do {
        let capture = try decode(bytes: bytes, path: path, nodeId: nodeId, repair: repair)
        Issue.record("expected an error, decoded \(capture.format.rawValue)", sourceLocation: sourceLocation)
        return nil
    } catch let error as InventoryError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The reason of a `.refused` error, nil for anything else.
func refusalReason(_ error: InventoryError?) -> String? {
    if case .refused(_, let reason)? = error { return reason }
    return nil
}

/// One gzip member using deflate "stored" blocks: valid gzip any inflater accepts, built without
/// a compressor so the test controls every byte.
func storedGzip(_ payload: [UInt8]) -> [UInt8] {
    func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
    func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
    var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
    var offset = 0
    repeat {
        let count = min(65_535, payload.count - offset)
        let last: UInt8 = offset + count == payload.count ? 1 : 0
        out.append(last)
        out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
        out += payload[offset..<(offset + count)]
        offset += count
    } while offset < payload.count
    out += le32(crc32(payload))
    out += le32(UInt32(truncatingIfNeeded: payload.count))
    return out
}

/// UTF-16 code units of `text` as bytes, little or big endian, optionally with a BOM.
func utf16(_ text: String, bigEndian: Bool = false, bom: Bool = true) -> [UInt8] {
    var units = Array(text.utf16)
    if bom { units.insert(0xFEFF, at: 0) }
    return units.flatMap { unit in
        bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
}

// MARK: Store

/// A fixed ingest time, so snapshots (and the golden files) do not depend on the clock.
let fixedIngestTime = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z

/// An empty in-memory store.
func memoryStore() throws -> InventoryStore { try InventoryStore(path: ":memory:") }

/// Ingests `paths` into `store` in process, as `inventory ingest` does.
@discardableResult
func ingest(
    _ store: InventoryStore, _ paths: [String], label: String? = nil, keepGoing: Bool = false, nodeId: String? = nil,
    now: Date = fixedIngestTime
) throws -> IngestResult {
    let options = IngestOptions(label: label, keepGoing: keepGoing, nodeIdOverride: nodeId)
    return try Ingestor(options: options, toolVersion: "test", now: { now }).run(paths: paths, store: store)
}

/// A `list-inventory-entries` page for one node and type.
func listEntries(
    node: String, type: String = "AWS:Application", captureTime: String = "2026-11-01T03:00:00Z",
    rows: [[String: String]], nextToken: String? = nil
) -> String {
    var top: [String: Any] = [
        "TypeName": type, "InstanceId": node, "SchemaVersion": "1.1", "CaptureTime": captureTime, "Entries": rows,
    ]
    if let nextToken { top["NextToken"] = nextToken }
    return jsonText(top)
}

/// `JSONSerialization` text with sorted keys (test inputs only).
func jsonText(_ object: Any) -> String {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
}

/// Rows of one snapshot's type and node, as stored.
func storedEntries(_ store: InventoryStore, _ snapshot: SnapshotInfo, type: String? = nil, node: String? = nil) throws
    -> [StoredEntry]
{
    var entries: [StoredEntry] = []
    try store.forEachEntry(snapshotId: snapshot.id, typeName: type, nodeId: node) { entries.append($0) }
    return entries
}

/// The fleet fixture (`Fixtures/fleet`) ingested as README's demo does (t1 labelled 2026-11-01,
/// t2 labelled 2026-11-15, both at the fixed ingest time) and diffed as `inventory diff` does.
struct Fleet: Sendable {
    let store: InventoryStore
    let t1: SnapshotInfo
    let t2: SnapshotInfo
    let diff: DiffResult

    /// Built once per test run and shared (read only) by the tests that need it.
    static let shared: Result<Fleet, any Error> = Result {
        let store = try memoryStore()
        let t1 = try ingest(store, [StagePaths.fixture("fleet/t1")], label: "before").snapshot
        let t2 = try ingest(store, [StagePaths.fixture("fleet/t2")], label: "after").snapshot
        return Fleet(store: store, t1: t1, t2: t2, diff: try SnapshotDiff(store: store).run(base: t1, target: t2))
    }

    static func get() throws -> Fleet { try shared.get() }
}

// MARK: Golden files

/// Compares `actual` with `Tests/StageTests/Golden/<name>`. With `UPDATE_GOLDEN=1` in the
/// environment the file is (re)written from `actual` instead and the test passes; review the
/// resulting `git diff` before committing it. A missing golden file is an error, never created
/// silently.
func checkGolden(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = StagePaths.golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: StagePaths.golden, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("golden file \(name) is missing; run with UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        let first =
            zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let want = first < expectedLines.count ? expectedLines[first] : "(end of file)"
        let got = first < actualLines.count ? actualLines[first] : "(end of output)"
        Issue.record(
            "\(name) differs from its golden file at line \(first + 1):\n  golden: \(want)\n  actual: \(got)\n(UPDATE_GOLDEN=1 rewrites it)",
            sourceLocation: sourceLocation)
    }
}

/// The `InventoryError` `body` throws; records an issue when it throws nothing or something else.
func inventoryError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> InventoryError? {
    do {
        try body()
        Issue.record("expected an InventoryError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as InventoryError {
        return error
    } catch {
        Issue.record("expected an InventoryError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The message of a `.store` error, nil for anything else.
func storeMessage(_ error: InventoryError?) -> String? {
    if case .store(let message)? = error { return message }
    return nil
}
