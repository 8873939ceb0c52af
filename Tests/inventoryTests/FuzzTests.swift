import Foundation
import InventoryCore
import Testing

/// Mutates the Fixtures (truncate, flip bytes, drop keys, swap types, nest deeper, duplicate keys,
/// huge strings, odd numbers, stray bytes) for a fixed number of seeded iterations and runs the
/// real binary on each mutant. Every run must end in success (0) or trouble (2) with a message, a
/// failed run must leave the store byte for byte as it was, and `diff` / `export` after a
/// successful mutant must not crash. A crashing or hanging mutant is saved under
/// `Fixtures/fuzz-crashers/` with the command and its output.
///
/// `INVENTORY_FUZZ_ITERATIONS` sets the iterations per seed (default 40, 4 seeds);
/// `INVENTORY_FUZZ_SEED` runs one seed only (decimal or 0x-hex) to reproduce a report;
/// `INVENTORY_FUZZ_VERBOSE=1` lists every mutant.
@Suite struct FuzzTests {
    static let defaultIterations = 40
    static let seeds: [UInt64] = [0x5EED_0001, 0x5EED_0002, 0x5EED_0003, 0x5EED_0004]

    static var iterations: Int {
        ProcessInfo.processInfo.environment["INVENTORY_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? defaultIterations
    }

    /// `INVENTORY_FUZZ_VERBOSE=1` prints every mutant with its exit status and first stderr line.
    static var verbose: Bool { ProcessInfo.processInfo.environment["INVENTORY_FUZZ_VERBOSE"] != nil }

    static var selectedSeeds: [UInt64] {
        guard let text = ProcessInfo.processInfo.environment["INVENTORY_FUZZ_SEED"] else { return seeds }
        let value = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        return value.map { [$0] } ?? seeds
    }

    @Test(arguments: selectedSeeds)
    func mutated_fixtures_succeed_or_fail_cleanly(seed: UInt64) throws {
        let corpus = try FuzzCorpus.load()
        try #require(!corpus.isEmpty, "no fixtures to mutate")
        let scratch = try Scratch()
        try ingest(scratch.db, [Paths.fixture("fleet/t1")], extra: ["--label", "valid"])
        var storeBytes = try #require(FileManager.default.contents(atPath: scratch.db))
        var rng = SplitMix64(seed: seed)
        var successes = 0
        var statuses: [Int32: Int] = [:]
        for iteration in 0..<Self.iterations {
            let original = corpus[rng.below(corpus.count)]
            let mutant = Mutator.mutate(original, rng: &rng)
            let label = "seed 0x\(String(seed, radix: 16)) iteration \(iteration): \(mutant.description) of \(original.relative)"
            let directory = scratch.url.appendingPathComponent("m\(iteration)")
            let file = directory.appendingPathComponent(original.relative)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try mutant.bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: directory) }

            var arguments = ["ingest", "--db", scratch.db]
            if rng.below(4) == 0 { arguments += ["--node-id", "i-0123456789abcdef0"] }
            if rng.below(8) == 0 { arguments.append("--repair-utf8") }
            if rng.below(8) == 0 { arguments.append("--keep-going") }
            if rng.below(4) == 0 { arguments.append("--json") }
            arguments.append(file.path)
            let run = try TimedRun.run(arguments)
            statuses[run.status, default: 0] += 1
            if Self.verbose {
                print(
                    "\(label): exit \(run.status) in \(String(format: "%.2f", run.seconds)) s: \(run.stderr.split(separator: "\n").first?.prefix(160) ?? "") | \(run.stdout.split(separator: "\n").first?.prefix(160) ?? "")"
                )
            }
            if run.crashed {
                try Crashers.save(
                    label: label, seed: seed, iteration: iteration, kind: mutant.kind, relative: original.relative,
                    bytes: mutant.bytes, arguments: arguments, run: run)
                Issue.record("CRASH \(label): \(run.summary)")
                // A crash may have left the store in any state; start again from a fresh one.
                storeBytes = try #require(FileManager.default.contents(atPath: scratch.db))
                continue
            }
            #expect(run.status == 0 || run.status == 2, "\(label): ingest exited \(run.status): \(run.stderr.prefix(500))")
            let after = FileManager.default.contents(atPath: scratch.db)
            if run.status == 2 {
                #expect(!run.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(label): exit 2 without a message")
                #expect(after == storeBytes, "\(label): a failed ingest changed the store; stderr: \(run.stderr.prefix(300))")
                #expect(
                    run.stderr.contains(file.lastPathComponent) || run.stderr.contains("-node-id"),
                    "\(label): the message does not name the file: \(run.stderr.prefix(300))")
                if let after { storeBytes = after }
                continue
            }
            if let after { storeBytes = after }
            guard run.status == 0 else { continue }
            successes += 1
            if successes % 6 == 1 || mutant.kind == "oddDate" {
                try checkReadersDoNotCrash(
                    scratch: scratch, label: label, seed: seed, iteration: iteration, mutant: mutant,
                    relative: original.relative)
            }
        }
        // Keep the spread visible in the test log (how many mutants were accepted).
        print("fuzz seed 0x\(String(seed, radix: 16)): \(Self.iterations) mutants, exit statuses \(statuses.sorted { $0.key < $1.key })")
    }

    /// `diff` (text and JSON) and `export` over the store after a successful mutant.
    private func checkReadersDoNotCrash(
        scratch: Scratch, label: String, seed: UInt64, iteration: Int, mutant: Mutant, relative: String
    ) throws {
        let output = scratch.path("fuzz-\(iteration).xlsx")
        defer { try? FileManager.default.removeItem(atPath: output) }
        // "latest" is the latest capture time, which a mutated date may move; name the newest id.
        let listed = try TimedRun.run(["snapshots", "--db", scratch.db, "--json"])
        let ids = ((try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? Int }
        let newest = ids.max().map(String.init) ?? "latest"
        let commands: [[String]] = [
            ["diff", "--db", scratch.db],
            ["diff", "--db", scratch.db, "--format", "json", "--include-noise", "1", newest],
            ["diff", "--db", scratch.db, "--format", "csv", newest, "1"],
            ["export", "--db", scratch.db, "--output", output, "--snapshot", newest],
            ["export", "--db", scratch.db, "--output", output, "--lang", "ja"],
        ]
        for arguments in commands {
            let run = try TimedRun.run(arguments)
            if Self.verbose {
                print(
                    "  then \(arguments[0]) \(arguments.dropFirst(3).prefix(3).joined(separator: " ")): exit \(run.status): \(run.stderr.split(separator: "\n").first?.prefix(160) ?? "")"
                )
            }
            if run.crashed {
                try Crashers.save(
                    label: label, seed: seed, iteration: iteration, kind: mutant.kind, relative: relative,
                    bytes: mutant.bytes, arguments: ["ingest", "--db", "store.sqlite", relative, "&&"] + arguments,
                    run: run)
                Issue.record("CRASH after \(label): inventory \(arguments.joined(separator: " ")): \(run.summary)")
                continue
            }
            if arguments[0] == "diff" {
                #expect(
                    run.status == 0 || run.status == 1, "\(label): \(arguments.prefix(4)) exited \(run.status): \(run.stderr.prefix(300))")
            } else {
                #expect(run.status == 0, "\(label): export exited \(run.status): \(run.stderr.prefix(300))")
            }
        }
    }

    /// The mutator itself is deterministic: the same seed gives the same mutants.
    @Test func mutants_are_reproducible_from_the_seed() throws {
        let corpus = try FuzzCorpus.load()
        try #require(!corpus.isEmpty)
        func series(_ seed: UInt64) -> [Data] {
            var rng = SplitMix64(seed: seed)
            return (0..<12).map { _ in Mutator.mutate(corpus[rng.below(corpus.count)], rng: &rng).bytes }
        }
        #expect(series(42) == series(42))
        #expect(series(42) != series(43))
    }

    /// The gzip writer used for re-compressed mutants produces what the tool reads.
    @Test func stored_gzip_round_trips_through_the_reader() throws {
        for text in ["", "{}", String(repeating: "x", count: 70_000)] {
            let zipped = Gzip.stored(Array(text.utf8))
            let decoded = try InputBytes.decode(zipped, path: "t.gz")
            #expect(decoded.wasGzip)
            #expect(decoded.bytes == Array(text.utf8))
        }
    }
}

// MARK: - PRNG

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<bound, independent of the standard library's algorithms.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

// MARK: - Corpus

struct FuzzInput {
    /// Path below the mutant's directory; keeps the `accountid=` / `region=` / type folders.
    var relative: String
    var bytes: Data
}

enum FuzzCorpus {
    static func load() throws -> [FuzzInput] {
        var inputs: [FuzzInput] = []
        func add(root: URL, prefix: String, keep: (String) -> Bool) {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return }
            var found: [FuzzInput] = []
            for case let url as URL in walker {
                let name = url.lastPathComponent
                guard keep(name), let data = FileManager.default.contents(atPath: url.path) else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                found.append(FuzzInput(relative: prefix + relative, bytes: data))
            }
            inputs += found.sorted { $0.relative < $1.relative }
        }
        let json: (String) -> Bool = { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") || $0.hasSuffix(".json.gz") }
        add(root: Paths.fixtures.appendingPathComponent("fleet/t1"), prefix: "t1/", keep: json)
        add(root: Paths.fixtures.appendingPathComponent("encodings"), prefix: "encodings/", keep: json)
        if Paths.hasShared { add(root: Paths.cases, prefix: "cases/", keep: json) }
        return inputs
    }
}

// MARK: - Mutations

struct Mutant {
    var kind: String
    var detail: String
    var bytes: Data
    var description: String { detail.isEmpty ? kind : "\(kind) (\(detail))" }
}

enum Mutator {
    static let structural = ["dropKey", "swapType", "nestDeeper", "duplicateKey", "hugeString", "oddNumber", "oddDate"]

    /// Timestamps at and beyond Excel's range (1900-01-01 … 9999-12-31), impossible ones, and the
    /// zero values real agents write (Go's 0001-01-01, Windows FILETIME's 1601-01-01).
    static let oddDates = [
        "0001-01-01T00:00:00Z", "1601-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "1900-02-29T00:00:00Z",
        "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-01T24:00:00Z",
        "2026-11-01T23:59:60Z", "2026-11-01T00:00:00+99:99", "2026-11-01T00:00:00.1234567891234Z", "2026-11-01T00:00:00-14:00",
        "", "0", "1714644299876", "-2026-11-01T00:00:00Z", "2026-11-01",
    ]
    static let raw = ["truncate", "flipBytes", "insertBytes"]

    static func mutate(_ input: FuzzInput, rng: inout SplitMix64) -> Mutant {
        let isGzip = input.bytes.starts(with: [0x1F, 0x8B])
        // Raw mutations hit the file as stored (gzip and UTF-16 included) a third of the time.
        if rng.below(3) == 0 {
            return rawMutation(Array(input.bytes), kind: rng.pick(raw), rng: &rng, note: isGzip ? "raw gzip" : "raw")
        }
        guard let decoded = try? InputBytes.decode(Array(input.bytes), path: input.relative) else {
            return rawMutation(Array(input.bytes), kind: rng.pick(raw), rng: &rng, note: "undecodable")
        }
        var text = decoded.bytes
        var mutant: Mutant
        if rng.below(4) == 0 {
            mutant = rawMutation(text, kind: rng.pick(raw), rng: &rng, note: "decoded")
        } else {
            mutant = structuralMutation(text, kind: rng.pick(structural), rng: &rng)
        }
        text = Array(mutant.bytes)
        if isGzip, rng.below(2) == 0 {
            mutant.bytes = Data(Gzip.stored(text))
            mutant.detail += ", re-gzipped"
        }
        return mutant
    }

    static func rawMutation(_ bytes: [UInt8], kind: String, rng: inout SplitMix64, note: String) -> Mutant {
        var bytes = bytes
        var detail = note
        switch kind {
        case "truncate":
            let cut = bytes.isEmpty ? 0 : rng.below(bytes.count)
            bytes = Array(bytes.prefix(cut))
            detail += ", cut at \(cut)"
        case "flipBytes":
            let flips = 1 + rng.below(8)
            var location: [Int] = []
            for _ in 0..<flips where !bytes.isEmpty {
                let offset = rng.below(bytes.count)
                bytes[offset] ^= UInt8(1 + rng.below(255))
                location.append(offset)
            }
            detail += ", flipped at \(location)"
        default:  // insertBytes: invalid UTF-8, NUL, BOMs, lone surrogates, quotes and brackets
            let snippets: [[UInt8]] = [
                [0xFF], [0xC0, 0x80], [0x00], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0x22], [0x5C],
                Array("\"\\ud800\"".utf8), Array("}".utf8), Array("]]]]".utf8), Array(",".utf8), [0x0A], [0x0D],
                Array("\u{1F680}".utf8).prefix(2).map { $0 },
            ]
            let snippet = rng.pick(snippets)
            let offset = rng.below(bytes.count + 1)
            bytes.insert(contentsOf: snippet, at: offset)
            detail += ", inserted \(snippet.map { String(format: "%02X", $0) }.joined()) at \(offset)"
        }
        return Mutant(kind: kind, detail: detail, bytes: Data(bytes))
    }

    /// Mutates one JSON document (or one line of JSON lines) through JSONSerialization; the part
    /// that must not be built by Foundation (deep nesting, duplicate keys, odd numbers, huge
    /// escapes) goes in as text in place of a sentinel string.
    static func structuralMutation(_ bytes: [UInt8], kind: String, rng: inout SplitMix64) -> Mutant {
        let data = Data(bytes)
        if let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            let text = mutateDocument(root, kind: kind, rng: &rng)
        {
            return Mutant(kind: kind, detail: text.detail, bytes: Data(text.json.utf8))
        }
        // JSON lines: mutate one line.
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let candidates = lines.indices.filter { !lines[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        if !candidates.isEmpty {
            let index = rng.pick(candidates)
            if let root = try? JSONSerialization.jsonObject(with: Data(lines[index].utf8), options: [.fragmentsAllowed]),
                let text = mutateDocument(root, kind: kind, rng: &rng)
            {
                lines[index] = text.json
                return Mutant(kind: kind, detail: "line \(index + 1), \(text.detail)", bytes: Data(lines.joined(separator: "\n").utf8))
            }
        }
        return rawMutation(bytes, kind: "flipBytes", rng: &rng, note: "not JSON")
    }

    enum Step: CustomStringConvertible {
        case key(String)
        case index(Int)
        var description: String {
            switch self {
            case .key(let key): return ".\(key)"
            case .index(let index): return "[\(index)]"
            }
        }
    }

    static let sentinel = "FUZZ-SENTINEL-5a17c3e9"

    static func paths(_ value: Any, _ prefix: [Step] = [], into result: inout [[Step]]) {
        result.append(prefix)
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() { paths(object[key]!, prefix + [.key(key)], into: &result) }
        } else if let array = value as? [Any] {
            for (index, element) in array.enumerated() { paths(element, prefix + [.index(index)], into: &result) }
        }
    }

    static func value(at path: [Step], in root: Any) -> Any? {
        var current: Any = root
        for step in path {
            switch step {
            case .key(let key):
                guard let next = (current as? [String: Any])?[key] else { return nil }
                current = next
            case .index(let index):
                guard let array = current as? [Any], index < array.count else { return nil }
                current = array[index]
            }
        }
        return current
    }

    static func replacing(at path: [Step], in root: Any, with transform: (Any) -> Any?) -> Any? {
        guard let first = path.first else { return transform(root) }
        let rest = Array(path.dropFirst())
        switch first {
        case .key(let key):
            guard var object = root as? [String: Any], let child = object[key] else { return root }
            object[key] = replacing(at: rest, in: child, with: transform)
            return object
        case .index(let index):
            guard var array = root as? [Any], index < array.count else { return root }
            if let replaced = replacing(at: rest, in: array[index], with: transform) {
                array[index] = replaced
            } else {
                array.remove(at: index)
            }
            return array
        }
    }

    static func serialise(_ value: Any) -> String? {
        guard JSONSerialization.isValidJSONObject([value]),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Puts `replacement` (JSON text) where the value at `path` was.
    static func splice(_ root: Any, at path: [Step], text replacement: String) -> String? {
        guard let marked = replacing(at: path, in: root, with: { _ in sentinel }), let json = serialise(marked) else { return nil }
        return json.replacingOccurrences(of: "\"\(sentinel)\"", with: replacement)
    }

    static func mutateDocument(_ root: Any, kind: String, rng: inout SplitMix64) -> (json: String, detail: String)? {
        var all: [[Step]] = []
        paths(root, into: &all)
        let path = rng.pick(all)
        let location = "$" + path.map(\.description).joined()
        switch kind {
        case "dropKey":
            let objects = all.filter { (value(at: $0, in: root) as? [String: Any])?.isEmpty == false }
            guard !objects.isEmpty else { return nil }
            let target = rng.pick(objects)
            let keys = (value(at: target, in: root) as! [String: Any]).keys.sorted()
            let key = rng.pick(keys)
            guard
                let mutated = replacing(
                    at: target, in: root,
                    with: { object in
                        var object = object as! [String: Any]
                        object[key] = nil
                        return object
                    }), let json = serialise(mutated)
            else { return nil }
            return (json, "dropped $\(target.map(\.description).joined()).\(key)")
        case "swapType":
            let current = value(at: path, in: root)
            let choices: [(String, String)] = [
                ("string", "\"swapped\""), ("empty string", "\"\""), ("number", "42"), ("negative float", "-1.5e3"),
                ("array", "[]"), ("array of it", "[\(current.flatMap(serialise) ?? "null")]"), ("object", "{}"),
                ("object of it", "{\"value\":\(current.flatMap(serialise) ?? "null")}"), ("null", "null"), ("bool", "true"),
                ("stringified", current.flatMap(serialise).flatMap { serialise($0) } ?? "\"x\""),
            ]
            let (name, text) = rng.pick(choices)
            guard let json = splice(root, at: path, text: text) else { return nil }
            return (json, "\(location) became \(name)")
        case "nestDeeper":
            let depth = rng.pick([2, 10, 100, 512, 601, 700, 2_000, 10_000, 100_000])
            let inner = value(at: path, in: root).flatMap(serialise) ?? "null"
            let style = rng.below(3)
            var open = ""
            var close = ""
            switch style {
            case 0:
                open = String(repeating: "[", count: depth)
                close = String(repeating: "]", count: depth)
            case 1:
                open = String(repeating: "{\"n\":", count: depth)
                close = String(repeating: "}", count: depth)
            default:
                for level in 0..<depth {
                    open += level % 2 == 0 ? "[" : "{\"n\":"
                }
                for level in (0..<depth).reversed() { close += level % 2 == 0 ? "]" : "}" }
            }
            guard let json = splice(root, at: path, text: open + inner + close) else { return nil }
            return (json, "\(location) nested \(depth) levels (\(["arrays", "objects", "mixed"][style]))")
        case "duplicateKey":
            let objects = all.filter { (value(at: $0, in: root) as? [String: Any])?.isEmpty == false }
            guard !objects.isEmpty else { return nil }
            let target = rng.pick(objects)
            let object = value(at: target, in: root) as! [String: Any]
            let key = rng.pick(object.keys.sorted())
            guard let body = serialise(object), let keyText = serialise(key) else { return nil }
            let other = rng.pick(["\"duplicate\"", "0", "null", "[]", "{}", object[key].flatMap(serialise) ?? "1"])
            let text: String =
                rng.below(2) == 0
                ? "{\(keyText):\(other)," + String(body.dropFirst())
                : String(body.dropLast()) + ",\(keyText):\(other)}"
            guard let json = splice(root, at: target, text: text) else { return nil }
            return (json, "$\(target.map(\.description).joined()).\(key) given twice")
        case "hugeString":
            let length = rng.pick([32_767, 32_768, 100_000, 1_000_000, 4_000_000])
            let unit = rng.pick(["a", "é", "🚀", "\\u0000", "\\\\", "\\ud83d\\ude80", "\\ud800", "\\n", "<&>\""])
            var repeated = String(repeating: unit, count: max(1, length / max(1, unit.utf16.count)))
            if unit == "<&>\"" { repeated = repeated.replacingOccurrences(of: "\"", with: "\\\"") }
            let isKey = rng.below(4) == 0
            let objects = all.filter { value(at: $0, in: root) is [String: Any] }
            if isKey, !objects.isEmpty {
                let target = rng.pick(objects)
                guard let body = serialise(value(at: target, in: root)!) else { return nil }
                let text = body == "{}" ? "{\"\(repeated)\":1}" : "{\"\(repeated)\":1," + String(body.dropFirst())
                guard let json = splice(root, at: target, text: text) else { return nil }
                return (json, "a \(length)-unit key of \(unit) in $\(target.map(\.description).joined())")
            }
            guard let json = splice(root, at: path, text: "\"\(repeated)\"") else { return nil }
            return (json, "\(location) became a \(length)-unit string of \(unit)")
        case "oddDate":
            let times = all.filter { path in
                guard let text = value(at: path, in: root) as? String else { return false }
                if case .key(let key)? = path.last, key.lowercased().hasSuffix("time") { return true }
                return text.count >= 10 && text.dropFirst(4).first == "-" && text.contains("T")
            }
            let target = times.isEmpty ? path : rng.pick(times)
            let date = rng.pick(oddDates)
            guard let json = splice(root, at: target, text: "\"\(date)\"") else { return nil }
            return (json, "$\(target.map(\.description).joined()) became \(date.debugDescription)")
        default:  // oddNumber
            let number = rng.pick([
                "1e999999", "-1e999999", "1e-999999", "-0", "0.0000000000000000000000001", "123456789012345678901234567890",
                "18446744073709551616", "-9223372036854775809", "9007199254740993", "1.10", "01", "1.", "-", ".5", "NaN",
                "Infinity", "0x10", "1E+2", String(repeating: "9", count: 5_000),
            ])
            guard let json = splice(root, at: path, text: number) else { return nil }
            return (json, "\(location) became \(number.count > 40 ? "\(number.count) digits" : number)")
        }
    }
}

// MARK: - gzip

/// gzip with stored (uncompressed) deflate blocks: enough to re-wrap mutated JSON.
enum Gzip {
    static func stored(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        var offset = 0
        repeat {
            let count = min(65_535, bytes.count - offset)
            out.append(offset + count == bytes.count ? 1 : 0)
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += bytes[offset..<(offset + count)]
            offset += count
        } while offset < bytes.count
        let crc = crc32(bytes)
        let size = UInt32(truncatingIfNeeded: bytes.count)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((crc >> UInt32(shift)) & 0xFF)) }
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((size >> UInt32(shift)) & 0xFF)) }
        return out
    }

    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

// MARK: - Running with a deadline

/// Like `Binary.run`, but a run that takes longer than `timeout` is killed and reported as a hang,
/// and a signal is told apart from an exit status.
struct TimedRun {
    var status: Int32
    var signalled: Bool
    var timedOut: Bool
    var seconds: Double
    var stdout: String
    var stderr: String

    var crashed: Bool {
        signalled || timedOut || !(0...2).contains(status) || stderr.contains("Fatal error") || stderr.contains("Stack dump")
            || stderr.contains("Segmentation fault") || stderr.contains("Illegal instruction")
    }

    var summary: String {
        var text = signalled ? "killed by signal \(status)" : "exit \(status)"
        if timedOut { text = "no exit after \(Int(seconds)) s (killed)" }
        return text + "; stderr: \(stderr.prefix(1_500))"
    }

    static func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> TimedRun {
        let result = try Binary.run(arguments, timeout: timeout)
        return TimedRun(
            status: result.status, signalled: result.signalled, timedOut: result.timedOut, seconds: result.seconds,
            stdout: result.stdout, stderr: result.stderr)
    }
}

// MARK: - Crashers

enum Crashers {
    static let directory = Paths.fixtures.appendingPathComponent("fuzz-crashers")

    /// Saves the mutant with its original relative path (path hints matter) and a note with the
    /// command and output.
    static func save(
        label: String, seed: UInt64, iteration: Int, kind: String, relative: String, bytes: Data, arguments: [String],
        run: TimedRun
    ) throws {
        let folder = directory.appendingPathComponent("seed-\(String(seed, radix: 16))-\(iteration)-\(kind)")
        let file = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: file)
        let note = """
            \(label)
            input: \(relative) (\(bytes.count) bytes)
            command: inventory \(arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))
            result: \(run.summary)
            stdout: \(run.stdout.prefix(1_000))

            """
        try Data(note.utf8).write(to: folder.appendingPathComponent("CRASH.txt"))
    }
}
