import Foundation
import InventoryModel
import XCTest

/// VersionOrdering against the real tools: the pairs in Fixtures/versions (written by
/// scripts/gen-version-pairs from `dpkg --compare-versions` and python3-rpm `labelCompare`), a live
/// batch of fresh random pairs when those tools are on the machine, and hand-written cases.
final class VersionOrderingTests: XCTestCase {
    /// The package root: up from Tests/InventoryModelTests/VersionOrderingTests.swift.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    // MARK: oracle fixtures

    func testDpkgFixturePairs() throws {
        try checkFixture(scheme: .dpkg)
    }

    func testRpmFixturePairs() throws {
        try checkFixture(scheme: .rpm)
    }

    private func checkFixture(scheme: VersionScheme) throws {
        let url = Self.root.appendingPathComponent("Fixtures/versions/\(scheme.rawValue).tsv")
        let rows = try Self.readPairs(url)
        XCTAssertGreaterThanOrEqual(rows.count, 300, "\(url.path): too few pairs")
        for answer in VersionComparison.allCases {
            XCTAssertGreaterThanOrEqual(
                rows.filter { $0.expected == answer }.count, 50, "\(url.path): too few \(answer) pairs")
        }
        let failures = Self.disagreements(rows, scheme: scheme)
        XCTAssert(
            failures.isEmpty,
            "\(failures.count) of \(rows.count) \(scheme) pairs disagree with the oracle:\n"
                + failures.prefix(30).joined(separator: "\n"))
    }

    struct Pair {
        var a: String
        var b: String
        var expected: VersionComparison
    }

    static func readPairs(_ url: URL) throws -> [Pair] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let expected = comparison(fields[2]) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
            }
            return Pair(a: String(fields[0]), b: String(fields[1]), expected: expected)
        }
    }

    static func comparison(_ sign: Substring) -> VersionComparison? {
        switch sign {
        case "<", "-1": .older
        case "=", "0": .same
        case ">", "1": .newer
        default: nil
        }
    }

    static func symbol(_ c: VersionComparison) -> String {
        switch c {
        case .older: "<"
        case .same: "="
        case .newer: ">"
        }
    }

    /// Each pair both ways; a line per disagreement.
    static func disagreements(_ rows: [Pair], scheme: VersionScheme) -> [String] {
        rows.compactMap { row in
            let forward = VersionOrdering.compare(row.a, row.b, scheme: scheme)
            let backward = VersionOrdering.compare(row.b, row.a, scheme: scheme)
            guard forward != row.expected || backward != row.expected.reversed else { return nil }
            return "  \(row.a)  vs  \(row.b): oracle \(symbol(row.expected)), we say \(symbol(forward))"
                + " (reversed: \(symbol(backward)))"
        }
    }

    /// Every distinct string of a fixture, sorted: no later one may be older than an earlier one
    /// (catches intransitive answers that pairwise checks miss).
    func testFixtureStringsSortConsistently() throws {
        for scheme in [VersionScheme.dpkg, .rpm] {
            let url = Self.root.appendingPathComponent("Fixtures/versions/\(scheme.rawValue).tsv")
            let all = Array(Set(try Self.readPairs(url).flatMap { [$0.a, $0.b] })).sorted()
            let strings = stride(from: 0, to: all.count, by: max(1, all.count / 300)).map { all[$0] }
            let sorted = strings.sorted { VersionOrdering.compare($0, $1, scheme: scheme) == .older }
            var bad: [String] = []
            for i in sorted.indices {
                for j in sorted.indices where j > i {
                    if VersionOrdering.compare(sorted[i], sorted[j], scheme: scheme) == .newer {
                        bad.append("\(sorted[i]) > \(sorted[j])")
                    }
                }
            }
            XCTAssert(bad.isEmpty, "\(scheme): \(bad.count) out-of-order pairs after sorting, e.g. \(bad.prefix(5))")
        }
    }

    // MARK: live oracles

    func testDpkgLiveOracle() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg") else {
            throw XCTSkip("/usr/bin/dpkg is not on this machine: no live dpkg check (the fixture pairs still ran)")
        }
        var rng = Self.seededGenerator()
        let pairs = (0..<120).map { _ in Self.randomPair(scheme: .dpkg, using: &rng.generator) }
        // One shell for the whole batch; `!` marks versions dpkg refuses as bad syntax.
        let script = """
            while IFS="$(printf '\\t')" read -r a b; do
              if /usr/bin/dpkg --compare-versions "$a" lt "$b" 2>/dev/null; then echo "<"
              elif [ $? -ne 1 ]; then echo "!"
              elif /usr/bin/dpkg --compare-versions "$a" eq "$b" 2>/dev/null; then echo "="
              else echo ">"; fi
            done
            """
        let output = try Self.run("/bin/sh", ["-c", script], input: pairs.map { "\($0.0)\t\($0.1)\n" }.joined())
        let answers = output.split(separator: "\n")
        XCTAssertEqual(answers.count, pairs.count, "dpkg answered \(answers.count) of \(pairs.count) pairs")
        var rows: [Pair] = []
        for (pair, answer) in zip(pairs, answers) {
            if let expected = Self.comparison(answer) { rows.append(Pair(a: pair.0, b: pair.1, expected: expected)) }
        }
        XCTAssertGreaterThanOrEqual(rows.count, 80, "dpkg refused too many of the random versions")
        let failures = Self.disagreements(rows, scheme: .dpkg)
        XCTAssert(
            failures.isEmpty,
            "seed \(rng.seed) (rerun with VERSION_ORACLE_SEED=\(rng.seed)): \(failures.count) of \(rows.count)"
                + " dpkg pairs disagree:\n" + failures.prefix(30).joined(separator: "\n"))
    }

    func testRpmLiveOracle() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
            (try? Self.run("/usr/bin/python3", ["-c", "import rpm"], input: "")) != nil
        else {
            throw XCTSkip(
                "/usr/bin/python3 cannot import rpm (apt-get install python3-rpm): no live rpm check"
                    + " (the fixture pairs still ran)")
        }
        var rng = Self.seededGenerator()
        let pairs = (0..<120).map { _ in Self.randomPair(scheme: .rpm, using: &rng.generator) }
        // Per pair: labelCompare's answer, then rpm's own split of a (`=` + text, or empty for None).
        let program = """
            import sys, rpm
            field = lambda s: "" if s is None else "=" + s
            for line in sys.stdin:
                a, b = line.rstrip("\\n").split("\\t")
                try:
                    va, vb = rpm.ver(a), rpm.ver(b)
                    rc = rpm.labelCompare((va.e, va.v, va.r), (vb.e, vb.v, vb.r))
                    print("\\t".join([str(rc), field(va.e), field(va.v), field(va.r)]))
                except ValueError:
                    print("!")
            """
        let output = try Self.run("/usr/bin/python3", ["-c", program], input: pairs.map { "\($0.0)\t\($0.1)\n" }.joined())
        let answers = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(answers.count, pairs.count, "rpm answered \(answers.count) of \(pairs.count) pairs")
        var rows: [Pair] = []
        var splitFailures: [String] = []
        for (pair, answer) in zip(pairs, answers) {
            let fields = answer.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let expected = Self.comparison(fields[0]) else { continue }
            rows.append(Pair(a: pair.0, b: pair.1, expected: expected))
            let part: (Substring) -> String? = { $0.isEmpty ? nil : String($0.dropFirst()) }
            let theirs = PackageVersion(epoch: part(fields[1]), version: part(fields[2]) ?? "", release: part(fields[3]))
            let ours = PackageVersion.parse(pair.0, scheme: .rpm)
            if ours != theirs { splitFailures.append("  \(pair.0): rpm \(theirs.debug), we \(ours.debug)") }
        }
        XCTAssertGreaterThanOrEqual(rows.count, 80, "rpm refused too many of the random versions")
        let failures = Self.disagreements(rows, scheme: .rpm)
        XCTAssert(
            failures.isEmpty,
            "seed \(rng.seed) (rerun with VERSION_ORACLE_SEED=\(rng.seed)): \(failures.count) of \(rows.count)"
                + " rpm pairs disagree:\n" + failures.prefix(30).joined(separator: "\n"))
        XCTAssert(splitFailures.isEmpty, "seed \(rng.seed): rpm splits differently:\n" + splitFailures.prefix(30).joined(separator: "\n"))
    }

    /// Runs a program to completion; its standard output, or an error when it exits non-zero.
    static func run(_ executable: String, _ arguments: [String], input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read concurrently so neither side can fill a pipe and stall the other.
        let collected = OutputBox()
        let reader = Thread {
            collected.data = stdout.fileHandleForReading.readDataToEndOfFile()
            collected.done.signal()
        }
        reader.start()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        collected.done.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(executable) exited \(process.terminationStatus)"])
        }
        return String(decoding: collected.data, as: UTF8.self)
    }

    final class OutputBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    // MARK: random versions for the live check (a different generator from the fixture script's)

    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A fresh seed per run (or VERSION_ORACLE_SEED), reported in failure messages.
    static func seededGenerator() -> (seed: UInt64, generator: SplitMix64) {
        let seed =
            ProcessInfo.processInfo.environment["VERSION_ORACLE_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64.max)
        return (seed, SplitMix64(state: seed))
    }

    static func randomPair(scheme: VersionScheme, using rng: inout SplitMix64) -> (String, String) {
        let a = randomVersion(scheme: scheme, using: &rng)
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<3: return (a, randomVersion(scheme: scheme, using: &rng))
        default:
            var b = mutate(a, scheme: scheme, using: &rng)
            if Bool.random(using: &rng) { b = mutate(b, scheme: scheme, using: &rng) }
            return Bool.random(using: &rng) ? (a, b) : (b, a)
        }
    }

    static func separators(_ scheme: VersionScheme) -> [Character] {
        scheme == .rpm ? [".", ".", ".", "_", "+", "~", "^", "%"] : [".", ".", ".", "+", "~"]
    }

    static func randomSegment(using rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0: return String((0..<Int.random(in: 20...26, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
        case 1..<3: return String(repeating: "0", count: Int.random(in: 1...3, using: &rng)) + String(Int.random(in: 0...99, using: &rng))
        case 3..<6: return String((0..<Int.random(in: 1...4, using: &rng)).map { _ in "abcrzAZ".randomElement(using: &rng)! })
        case 6..<8: return String(Int.random(in: 0...20, using: &rng)) + ["a", "b", "rc1", "p2", "el8"].randomElement(using: &rng)!
        default: return String(Int.random(in: 0...40, using: &rng))
        }
    }

    static func randomVersion(scheme: VersionScheme, using rng: inout SplitMix64) -> String {
        var text = String(Int.random(in: 0...30, using: &rng))  // dpkg wants a leading digit
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            text += String(separators(scheme).randomElement(using: &rng)!) + randomSegment(using: &rng)
        }
        if Int.random(in: 0..<10, using: &rng) < 6 {
            text += "-" + randomSegment(using: &rng)
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                text += String(separators(scheme).randomElement(using: &rng)!) + randomSegment(using: &rng)
            }
        }
        if Int.random(in: 0..<10, using: &rng) < 3 {
            text = ["0", "1", "2", "01", "10"].randomElement(using: &rng)! + ":" + text
        }
        return text
    }

    static func mutate(_ text: String, scheme: VersionScheme, using rng: inout SplitMix64) -> String {
        var chars = Array(text)
        let alphabet = Array("0123456789abzAZ") + separators(scheme)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:  // insert a character
            chars.insert(alphabet.randomElement(using: &rng)!, at: Int.random(in: 1...chars.count, using: &rng))
        case 1 where chars.count > 1:  // drop a character
            chars.remove(at: Int.random(in: 1..<chars.count, using: &rng))
        case 2:  // change a character
            chars[Int.random(in: 1..<max(chars.count, 2), using: &rng) % chars.count] = alphabet.randomElement(using: &rng)!
        case 3:  // a pre- or post-release suffix
            return text + ["~", "~rc1", "~~", "^", "^post1", "a", ".0", "+1", "-1"].randomElement(using: &rng)!
        case 4:  // leading zeros somewhere
            if let i = chars.indices.filter({ chars[$0].isNumber }).randomElement(using: &rng) { chars.insert("0", at: i) }
        case 5:  // epoch 0 made explicit, or another epoch
            return (text.contains(":") ? "" : ["0:", "1:", "00:"].randomElement(using: &rng)!) + text
        case 6:  // drop everything after a random separator
            if let i = chars.indices.filter({ !chars[$0].isLetter && !chars[$0].isNumber && $0 > 0 }).randomElement(using: &rng) {
                chars.removeSubrange(i...)
            }
        default:  // bump the last number
            if let end = chars.lastIndex(where: { $0.isNumber }) {
                var start = end
                while start > 0, chars[start - 1].isNumber { start -= 1 }
                let n = (Int(String(chars[start...end].suffix(6))) ?? 0) + 1
                chars.replaceSubrange(start...end, with: Array(String(n)))
            }
        }
        return String(chars)
    }

    // MARK: hand-written cases

    /// The case that started it: string order puts 3.0.9 after 3.0.15.
    func testThreeZeroNineIsOlderThanThreeZeroFifteenInEveryScheme() {
        XCTAssertGreaterThan("3.0.9", "3.0.15")
        for scheme in VersionScheme.allCases {
            XCTAssertEqual(VersionOrdering.compare("3.0.9", "3.0.15", scheme: scheme), .older, "\(scheme)")
            XCTAssertEqual(VersionOrdering.compare("3.0.15", "3.0.9", scheme: scheme), .newer, "\(scheme)")
        }
    }

    func testDotted() {
        let cases: [(String, String, VersionComparison)] = [
            ("10.0.17763.1", "10.0.17763.10", .older),
            ("10.0.17763.1", "10.0.17763.01", .same),
            ("1.2", "1.2.0", .same),
            ("10.0", "10.0.0", .same),
            ("8.0.30", "8.0.30.0", .same),
            ("1.0 ", " 1.0", .same),
            ("116.0.5845.111", "116.0.5845.188", .older),
            ("2.0.1 (x64)", "2.0.1", .newer),  // annotation only breaks ties: none sorts first
            ("2.0.1 (x64)", "2.0.2", .older),
            ("2.0.1 (x64)", "2.0.1 (X64)", .same),
            ("14.2.1 (23C71)", "14.2.1 (23C64)", .newer),
            ("1.0rc1", "1.0", .older),  // all-digit components beat others: pre-releases
            ("1.0.beta", "1.0", .older),
            ("1.0-beta", "1.0", .older),
            ("1.0-RC1", "1.0-rc1", .same),
            ("1.0rc2", "1.0rc10", .older),
            ("1.0rc", "1.0rc1", .older),
            ("1.0a", "1.0b", .older),
            ("1.2_3", "1.2+3", .same),
            ("99999999999999999999999.1", "100000000000000000000000.0", .older),
            ("18446744073709551616", "18446744073709551615", .newer),
            ("2022.2", "2022.10", .older),
        ]
        for (a, b, expected) in cases {
            XCTAssertEqual(VersionOrdering.compare(a, b, scheme: .dotted), expected, "\(a) vs \(b)")
            XCTAssertEqual(VersionOrdering.compare(b, a, scheme: .dotted), expected.reversed, "\(b) vs \(a)")
        }
        XCTAssertEqual(
            VersionOrdering.compare(
                PackageVersion(version: "1.0", release: "2"), PackageVersion(version: "1.0"), scheme: .dotted),
            .newer)
        XCTAssertEqual(
            VersionOrdering.compare(
                PackageVersion(version: "1.0", release: "0"), PackageVersion(version: "1.0"), scheme: .dotted),
            .same)
    }

    func testForPlatform() {
        let cases: [(String?, String?, VersionScheme)] = [
            ("Amazon Linux", "Linux", .rpm),
            ("Amazon Linux AMI", "Linux", .rpm),
            ("Red Hat Enterprise Linux", "Linux", .rpm),
            ("Red Hat Enterprise Linux Server", "Linux", .rpm),
            ("Rocky Linux", "Linux", .rpm),
            ("AlmaLinux", "Linux", .rpm),
            ("SUSE Linux Enterprise Server", "Linux", .rpm),
            ("SLES", "Linux", .rpm),
            ("CentOS Linux", "Linux", .rpm),
            ("CentOS Stream", "Linux", .rpm),
            ("Oracle Linux Server", "Linux", .rpm),
            ("Fedora Linux", "Linux", .rpm),
            ("Ubuntu", "Linux", .dpkg),
            ("Debian GNU/Linux", "Linux", .dpkg),
            ("Raspbian GNU/Linux", "Linux", .dpkg),
            ("Microsoft Windows Server 2022 Datacenter", "Windows", .dotted),
            ("Microsoft Windows Server 2019 Datacenter", nil, .dotted),
            (nil, "Windows", .dotted),
            ("macOS", "MacOS", .dotted),
            ("Arch Linux", "Linux", .dotted),  // an unknown Linux: just the numbers
            (nil, "Linux", .dotted),
            (nil, nil, .dotted),
            ("ubuntu", nil, .dpkg),
        ]
        for (name, type, expected) in cases {
            XCTAssertEqual(
                VersionScheme.forPlatform(platformName: name, platformType: type), expected,
                "\(name ?? "nil") / \(type ?? "nil")")
        }
    }

    func testParse() {
        XCTAssertEqual(
            PackageVersion.parse("1:2.3-4ubuntu1", scheme: .dpkg),
            PackageVersion(epoch: "1", version: "2.3", release: "4ubuntu1"))
        XCTAssertEqual(
            PackageVersion.parse("1:2.3-4-5ubuntu1", scheme: .dpkg),
            PackageVersion(epoch: "1", version: "2.3-4", release: "5ubuntu1"))
        XCTAssertEqual(PackageVersion.parse("2.35", scheme: .dpkg), PackageVersion(version: "2.35"))
        XCTAssertEqual(
            PackageVersion.parse("1:3.0.8-1.amzn2023.0.14", scheme: .rpm),
            PackageVersion(epoch: "1", version: "3.0.8", release: "1.amzn2023.0.14"))
        // rpm's own split (rpm.ver): no epoch unless digits precede ':'; an empty epoch is 0.
        XCTAssertEqual(PackageVersion.parse("a:1.0", scheme: .rpm), PackageVersion(version: "a:1.0"))
        XCTAssertEqual(PackageVersion.parse(":1.0", scheme: .rpm), PackageVersion(epoch: "0", version: "1.0"))
        XCTAssertEqual(PackageVersion.parse("1.0-", scheme: .rpm), PackageVersion(version: "1.0", release: ""))
        XCTAssertEqual(PackageVersion.parse("1-2-3", scheme: .rpm), PackageVersion(version: "1-2", release: "3"))
        XCTAssertEqual(PackageVersion.parse(" 10.0.1 ", scheme: .dotted), PackageVersion(version: "10.0.1"))
        XCTAssertEqual(PackageVersion.parse("1:2.3-4", scheme: .dotted), PackageVersion(version: "1:2.3-4"))
        XCTAssertEqual(PackageVersion(epoch: "1", version: "2.3", release: "4").description, "1:2.3-4")
        XCTAssertEqual(PackageVersion(version: "2.3").description, "2.3")
    }

    /// SSM AWS:Application rows carry Version, Release and sometimes Epoch separately.
    func testSeparateFieldsAsSSMCarriesThem() {
        let row = PackageVersion(epoch: "1", version: "1.1.1k", release: "12.el8_9")
        XCTAssertEqual(row, PackageVersion.parse("1:1.1.1k-12.el8_9", scheme: .rpm))
        XCTAssertEqual(PackageVersion(epoch: "", version: "1.0"), PackageVersion(version: "1.0"))
        XCTAssertEqual(
            VersionOrdering.compare(row, PackageVersion(epoch: "1", version: "1.1.1k", release: "12.el8_10"), scheme: .rpm),
            .older)
        XCTAssertEqual(
            VersionOrdering.compare(PackageVersion(version: "9.9"), PackageVersion(epoch: "1", version: "1.0"), scheme: .rpm),
            .older)
        // rpm 4.18 labelCompare: an absent release sorts before any release, even an empty one.
        XCTAssertEqual(
            VersionOrdering.compare(PackageVersion(version: "1.0"), PackageVersion(version: "1.0", release: "1"), scheme: .rpm),
            .older)
        XCTAssertEqual(
            VersionOrdering.compare(PackageVersion(version: "1.0"), PackageVersion(version: "1.0", release: ""), scheme: .rpm),
            .older)
        // dpkg: an absent revision is "0".
        XCTAssertEqual(
            VersionOrdering.compare(PackageVersion(version: "1.0"), PackageVersion(version: "1.0", release: "0"), scheme: .dpkg),
            .same)
    }

    func testLongDigitRunsDoNotOverflow() {
        let big = "123456789012345678901234567890"
        for scheme in VersionScheme.allCases {
            XCTAssertEqual(VersionOrdering.compare(big, big + "0", scheme: scheme), .older, "\(scheme)")
            XCTAssertEqual(VersionOrdering.compare("000" + big, big, scheme: scheme), .same, "\(scheme)")
            XCTAssertEqual(VersionOrdering.compare("1." + big, "1.9", scheme: scheme), .newer, "\(scheme)")
        }
    }
}

extension PackageVersion {
    fileprivate var debug: String {
        "(\(epoch.map { "\"\($0)\"" } ?? "nil"), \"\(version)\", \(release.map { "\"\($0)\"" } ?? "nil"))"
    }
}
