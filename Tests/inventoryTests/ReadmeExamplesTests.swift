import Foundation
import Testing

/// The cron, GitHub Actions and GitLab CI examples in the README are the files in docs/examples,
/// and their `inventory` commands really run (against the fixture fleet as `captures/`).
@Suite struct ReadmeExamplesTests {
    static let examples = ["crontab", "github-actions.yml", "gitlab-ci.yml"]

    private func example(_ name: String) throws -> String {
        try String(contentsOf: Paths.repo.appendingPathComponent("docs/examples/\(name)"), encoding: .utf8)
    }

    @Test(arguments: examples) func readme_shows_the_example_verbatim(name: String) throws {
        let readme = try String(contentsOf: Paths.repo.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(try example(name)), "README.md must contain docs/examples/\(name) verbatim")
    }

    /// The part of each line that is the tool's: from `inventory` (or `.build/release/inventory`) on.
    private func commands(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: ".build/release/inventory ") ?? line.range(of: "&& inventory ") else { return nil }
            var command = "inventory " + line[range.upperBound...]
            if let redirect = command.range(of: " >> ") { command = String(command[..<redirect.lowerBound]) }
            return command
        }
    }

    @Test(arguments: examples) func the_tool_part_runs(name: String) throws {
        let scratch = try Scratch()
        let lines = commands(in: try example(name))
        #expect(!lines.isEmpty)
        try FileManager.default.createDirectory(atPath: scratch.path("reports"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Paths.fixture("fleet/t1"), toPath: scratch.path("captures"))
        let summary = scratch.path("step-summary.md")
        for pass in 0..<2 {
            if pass == 1 {
                // The next night's captures.
                try FileManager.default.removeItem(atPath: scratch.path("captures"))
                try FileManager.default.copyItem(atPath: Paths.fixture("fleet/t2"), toPath: scratch.path("captures"))
            }
            for command in lines {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", command]
                process.currentDirectoryURL = scratch.url
                var environment = ProcessInfo.processInfo.environment
                environment["PATH"] = Binary.url.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "")
                environment["GITHUB_STEP_SUMMARY"] = summary
                process.environment = environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                // `--fail-on-changes` exits 1 on the second night, which the GitLab job allows.
                let allowed: Set<Int32> = command.contains("--fail-on-changes") ? [0, 1] : [0]
                #expect(allowed.contains(process.terminationStatus), "\(name): `\(command)` exited \(process.terminationStatus)")
            }
        }
        let made = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) + FileManager.default.contentsOfDirectory(atPath: scratch.path("reports"))
        #expect(made.contains { $0.hasSuffix(".xlsx") }, "\(name) produced a workbook: \(made)")
        if name != "crontab" {
            let markdown = (try? String(contentsOfFile: name.hasPrefix("github") ? summary : scratch.path("summary.md"), encoding: .utf8)) ?? ""
            #expect(markdown.contains("Inventory changes"), "\(name) wrote the Markdown summary")
        } else {
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("reports")).count == 2, "two dated workbooks")
        }
    }

    // MARK: Output examples

    /// Every fenced block of the README whose first line is `$ inventory …`: its commands and the
    /// output printed under each (a line that is only `…` stands for any number of lines).
    static func outputExamples(_ readme: String) -> [[(command: String, output: [String])]] {
        var blocks: [[(command: String, output: [String])]] = []
        var inBlock = false
        var firstLine = false
        var current: [(command: String, output: [String])]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if inBlock, let block = current, !block.isEmpty { blocks.append(block) }
                inBlock.toggle()
                firstLine = inBlock
                current = nil
                continue
            }
            guard inBlock else { continue }
            if firstLine {
                // Only blocks that start with a `$ inventory` line are examples of output.
                firstLine = false
                if line.hasPrefix("$ inventory ") { current = [] }
            }
            guard current != nil else { continue }
            if line.hasPrefix("$ ") {
                current?.append((String(line.dropFirst(2)), []))
            } else if let last = current?.indices.last {
                current?[last].output.append(line)
            }
        }
        return blocks
    }

    /// True when `actual` is `expected` with each `…` line standing for zero or more lines.
    static func matches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first.trimmingCharacters(in: .whitespaces) == "…" {
            var rest = actual
            while true {
                if matches(expected.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let line = actual.first, line == first else { return false }
        return matches(expected.dropFirst(), actual.dropFirst())
    }

    @Test func the_matcher_allows_elisions_and_nothing_else() {
        #expect(Self.matches(["a", "…", "d"], ["a", "b", "c", "d"]))
        #expect(Self.matches(["a", "  …", "d"], ["a", "d"]))
        #expect(!Self.matches(["a", "…", "d"], ["a", "b", "c"]))
        #expect(!Self.matches(["a", "b"], ["a", "b", "c"]))
        #expect(!Self.matches(["a", "x"], ["a", "b"]))
    }

    /// Each block runs in a fresh folder holding the repository's `Fixtures/` (the fleet as
    /// `scripts/demo` ingests it), commands in order; stdout must be the text shown, byte for byte.
    @Test func readme_output_examples_are_what_the_tool_prints() throws {
        let readme = try String(contentsOf: Paths.repo.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = Self.outputExamples(readme)
        #expect(blocks.count >= 2, "the README shows the demo and the report")
        for block in blocks {
            let scratch = try Scratch()
            try FileManager.default.createSymbolicLink(atPath: scratch.path("Fixtures"), withDestinationPath: Paths.fixtures.path)
            for (command, expected) in block {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", command]
                process.currentDirectoryURL = scratch.url
                var environment = ProcessInfo.processInfo.environment
                environment["PATH"] = Binary.url.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "")
                environment["NO_COLOR"] = "1"
                environment["INVENTORY_DB"] = nil
                process.environment = environment
                let output = scratch.path("stdout.txt")
                FileManager.default.createFile(atPath: output, contents: nil)
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
                process.standardOutput = handle
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                try handle.close()
                #expect([0, 1].contains(process.terminationStatus), "`\(command)` exited \(process.terminationStatus)")
                var actual = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                    .map(String.init)
                if actual.last == "" { actual.removeLast() }
                var shown = expected
                while shown.last == "" { shown.removeLast() }
                #expect(
                    Self.matches(shown[...], actual[...]),
                    "README output of `\(command)` differs from the tool's:\n\(actual.joined(separator: "\n"))")
            }
        }
    }
}
