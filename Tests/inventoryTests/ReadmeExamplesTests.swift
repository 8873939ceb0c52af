import Foundation
import Testing

/// The recipes in docs/examples (cron wrapper and crontab, GitHub Actions, GitLab CI) are the ones the
/// README points to, and the tool's part of them really runs, against the fixture fleet as `captures/`.
/// scripts/check-recipes checks the rest: the CI files against their schemas, the wrapper's locking.
@Suite struct ReadmeExamplesTests {
    static let recipes = ["crontab", "inventory-cron", "github-actions.yml", "gitlab-ci.yml"]
    static let ciFiles = ["github-actions.yml", "gitlab-ci.yml"]

    private func example(_ name: String) throws -> String {
        try String(contentsOf: Paths.repo.appendingPathComponent("docs/examples/\(name)"), encoding: .utf8)
    }

    @Test(arguments: recipes) func readme_points_to_the_recipe(name: String) throws {
        let readme = try String(contentsOf: Paths.repo.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("docs/examples/\(name)"), "README.md must point to docs/examples/\(name)")
        let text = try example(name)
        #expect(!text.isEmpty)
    }

    @Test func the_crontab_line_calls_the_wrapper() throws {
        let lines = try example("crontab").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 1, "one crontab line: \(lines)")
        #expect(lines.first?.contains("inventory-cron") == true)
    }

    /// The shell commands of a CI file that run the tool: a line (or YAML list item) starting with
    /// `inventory `, joined with its `\` continuation lines.
    private func commands(in text: String) -> [String] {
        var commands: [String] = []
        var current: String?
        for raw in text.split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if current == nil {
                if line.hasPrefix("- ") { line = String(line.dropFirst(2)) }
                guard line.hasPrefix("inventory ") else { continue }
                current = ""
            }
            let continues = line.hasSuffix("\\")
            if continues { line = String(line.dropLast()) }
            current = (current ?? "") + line
            if !continues, let command = current {
                commands.append(command)
                current = nil
            }
        }
        return commands
    }

    private func copyCaptures(_ night: String, to scratch: Scratch) throws {
        if FileManager.default.fileExists(atPath: scratch.path("captures")) {
            try FileManager.default.removeItem(atPath: scratch.path("captures"))
        }
        try FileManager.default.copyItem(atPath: Paths.fixture("fleet/\(night)"), toPath: scratch.path("captures"))
    }

    private func run(_ executable: String, _ arguments: [String], in scratch: Scratch, environment extra: [String: String])
        throws -> Int32
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = scratch.url
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = Binary.url.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "")
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(arguments: ciFiles) func the_tool_part_runs(name: String) throws {
        let scratch = try Scratch()
        let lines = commands(in: try example(name))
        #expect(lines.contains { $0.hasPrefix("inventory report ") }, "\(name) runs inventory report: \(lines)")
        try FileManager.default.createDirectory(atPath: scratch.path("reports"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.path("store"), withIntermediateDirectories: true)
        let summary = scratch.path("step-summary.md")
        // The files set INVENTORY_DB for the job; the GitHub gate's variable is empty unless asked for.
        let environment = ["GITHUB_STEP_SUMMARY": summary, "INVENTORY_DB": scratch.path("store/fleet.sqlite")]
        for night in ["t1", "t2"] {
            try copyCaptures(night, to: scratch)
            for command in lines {
                let status = try run("/bin/sh", ["-c", command], in: scratch, environment: environment)
                // `--fail-on-changes` exits 1 on the second night, which the GitLab job allows.
                let allowed: Set<Int32> = command.contains("--fail-on-changes") ? [0, 1] : [0]
                #expect(allowed.contains(status), "\(name): `\(command)` exited \(status)")
            }
        }
        let workbooks = try FileManager.default.contentsOfDirectory(atPath: scratch.path("reports")).filter { $0.hasSuffix(".xlsx") }
        #expect(workbooks.count == 2, "\(name): two dated workbooks: \(workbooks)")
        let markdown = (try? String(contentsOfFile: name.hasPrefix("github") ? summary : scratch.path("summary.md"), encoding: .utf8)) ?? ""
        #expect(markdown.contains("Inventory changes"), "\(name) wrote the Markdown summary")
    }

    /// The cron wrapper with the real tool: two nights, two dated workbooks, timestamped log lines.
    @Test func the_cron_wrapper_runs() throws {
        let scratch = try Scratch()
        let wrapper = Paths.repo.appendingPathComponent("docs/examples/inventory-cron").path
        let environment = ["INVENTORY_HOME": scratch.url.path, "INVENTORY_BIN": Binary.url.path]
        for night in ["t1", "t2"] {
            try copyCaptures(night, to: scratch)
            let status = try run("/bin/bash", [wrapper], in: scratch, environment: environment)
            #expect(status == 0, "inventory-cron exited \(status) on \(night)")
        }
        let workbooks = try FileManager.default.contentsOfDirectory(atPath: scratch.path("reports")).filter { $0.hasSuffix(".xlsx") }
        #expect(workbooks.count == 2, "two dated workbooks: \(workbooks)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("fleet.sqlite")))
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
