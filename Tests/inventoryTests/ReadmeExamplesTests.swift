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
}
