import Foundation
import Testing

/// Paths of the repository and the shared folder beside it, found from this file.
enum Paths {
    static let repo: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repo.appendingPathComponent("Fixtures")
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
    static let cases = shared.appendingPathComponent("cases")
    static let samples = shared.appendingPathComponent("samples/public")

    static var hasShared: Bool { FileManager.default.fileExists(atPath: cases.path) }

    static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }
    static func `case`(_ name: String) -> String { cases.appendingPathComponent(name).path }
}

/// The built `inventory` executable, run as a user would.
struct Binary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
        /// True when a signal ended the process (`status` is then the signal number).
        var signalled = false
        /// True when the run outlived its timeout and was killed.
        var timedOut = false
        var seconds: Double = 0
    }

    /// `swift test` builds the executable next to the test bundle.
    static var url: URL {
        let directory = Bundle.main.bundleURL
        let candidate = directory.appendingPathComponent("inventory")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return Paths.repo.appendingPathComponent(".build/debug/inventory")
    }

    @discardableResult
    /// Runs the binary; with a `timeout`, a run that outlives it is killed and marked `timedOut`.
    static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], timeout: TimeInterval? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Files, not pipes: a chatty child can never block on a full pipe.
        let directory = FileManager.default.temporaryDirectory
        let outURL = directory.appendingPathComponent("inventory-out-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent("inventory-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        let start = Date()
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        var timedOut = false
        if let timeout, done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL)
        let errData = try Data(contentsOf: errURL)
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData,
            signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
            seconds: Date().timeIntervalSince(start))
    }
}

/// A temporary directory removed when the test ends.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    var db: String { path("store.sqlite") }

    func write(_ name: String, _ text: String) throws -> String {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        return target.path
    }
}

/// Decodes a JSON document printed by the tool.
func json(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    guard let dictionary = object as? [String: Any] else { throw TestFailure("not a JSON object: \(text.prefix(200))") }
    return dictionary
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Ingests `paths` into `db`, expecting success, and returns the result JSON. Runs in-process:
/// the tests using it are about what is stored, not about the process.
@discardableResult
func ingest(_ db: String, _ paths: [String], extra: [String] = []) throws -> [String: Any] {
    let result = InProcess.run(["ingest", "--db", db, "--json"] + extra + paths)
    #expect(result.status == 0, "ingest failed: \(result.stderr)")
    return try json(result.stdout)
}

/// Runs `diff --format json` in-process and returns (exit status, changes, summary).
func diffJSON(_ db: String, _ references: [String] = [], extra: [String] = []) throws
    -> (status: Int32, changes: [[String: Any]], summary: [String: Int])
{
    let result = InProcess.run(["diff", "--db", db, "--format", "json"] + extra + references)
    guard result.status == 0 || result.status == 1 else {
        throw TestFailure("diff exited \(result.status): \(result.stderr)")
    }
    let document = try json(result.stdout)
    let changes = document["changes"] as? [[String: Any]] ?? []
    let summary = (document["summary"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
    return (result.status, changes, summary)
}
