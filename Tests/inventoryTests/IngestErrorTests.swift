import Foundation
import InventoryCore
import Testing

/// Bad input through the real binary (Fixtures/broken/README.md): exit 2, a message naming the
/// file (and line:column where known), the store untouched byte for byte; `--keep-going` stores
/// the good files and lists the bad ones; standard input.
@Suite struct IngestErrorTests {
    let scratch: Scratch
    let good = Paths.fixture(
        "fleet/t1/cli/accountid=111122223333/region=us-east-1/list-inventory-entries_i-04d8e1b7c2a96f310_AWS-Network.json")

    init() throws { scratch = try Scratch() }

    private func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// A store holding one good snapshot, and its bytes.
    private func seededStore() throws -> Data {
        try ingest(scratch.db, [good], extra: ["--label", "seed"])
        return try #require(bytes(scratch.db))
    }

    struct Broken: CustomStringConvertible, Sendable {
        var file: String
        /// Texts the message must contain besides the file name.
        var mentions: [String]
        /// Texts it must not contain.
        var avoids: [String] = []
        var description: String { file }
    }

    static let broken: [Broken] = [
        Broken(file: "truncated.get-inventory.json", mentions: ["truncated.get-inventory.json:17:", "end of input"]),
        Broken(file: "raw-newline.list-inventory-entries.json", mentions: ["raw-newline.list-inventory-entries.json:9:42:", "unescaped"]),
        Broken(file: "invalid-utf8.datasync.jsonl", mentions: ["invalid-utf8.datasync.jsonl:2:98:", "UTF-8"]),
        Broken(file: "numbers-array.json", mentions: ["known formats"]),
        Broken(file: "empty.json", mentions: ["empty"]),
        Broken(file: "get-inventory-entities-string.json", mentions: ["$.Entities", "array", "string"]),
        Broken(file: "config-items-numbers.json", mentions: ["$.configurationItems[0]", "object", "number"]),
        Broken(file: "corrupt-after-header.json.gz", mentions: ["gzip"], avoids: ["invalid JSON", "malformed JSON"]),
    ]

    @Test(arguments: broken)
    func broken_file_exits_2_names_the_file_and_leaves_the_store_alone(_ broken: Broken) throws {
        let before = try seededStore()
        let path = Paths.fixture("broken/\(broken.file)")
        let result = try Binary.run(["ingest", "--db", scratch.db, path])
        #expect(result.status == 2, "\(broken.file): exit \(result.status), stderr \(result.stderr)")
        #expect(result.stderr.contains(broken.file), "\(broken.file): message names the file: \(result.stderr)")
        for text in broken.mentions {
            #expect(result.stderr.contains(text), "\(broken.file): message mentions \(text.debugDescription): \(result.stderr)")
        }
        for text in broken.avoids {
            #expect(!result.stderr.contains(text), "\(broken.file): message must not say \(text.debugDescription): \(result.stderr)")
        }
        #expect(!result.stderr.contains("Fatal error"))
        #expect(result.stdout.isEmpty, "nothing claimed on stdout: \(result.stdout)")
        #expect(bytes(scratch.db) == before, "\(broken.file): the store changed")
        // The same with --json: still exit 2, still no snapshot.
        let asJSON = try Binary.run(["ingest", "--db", scratch.db, "--json", path])
        #expect(asJSON.status == 2)
        #expect(bytes(scratch.db) == before)
        let listed = try Binary.run(["snapshots", "--db", scratch.db, "--json"])
        #expect((try JSONSerialization.jsonObject(with: listed.stdoutData) as? [Any])?.count == 1)
    }

    /// The truncated file's message is at the end of the input (line 17, column 51 or just past it).
    @Test func truncated_file_points_at_the_end_of_the_input() throws {
        let result = try Binary.run(["ingest", "--db", scratch.db, Paths.fixture("broken/truncated.get-inventory.json")])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("truncated.get-inventory.json:17:51:") || result.stderr.contains("truncated.get-inventory.json:17:52:"),
            "\(result.stderr)")
    }

    /// The message is `file: message`, with the file named once.
    @Test func gzip_error_names_the_file_once() throws {
        let result = try Binary.run(["ingest", "--db", scratch.db, Paths.fixture("broken/corrupt-after-header.json.gz")])
        #expect(result.status == 2)
        #expect(result.stderr.components(separatedBy: "corrupt-after-header.json.gz").count - 1 == 1, "\(result.stderr)")
    }

    @Test func a_failed_first_ingest_leaves_no_store_behind() throws {
        let db = scratch.path("fresh.sqlite")
        let result = try Binary.run(["ingest", "--db", db, Paths.fixture("broken/numbers-array.json")])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: db), "the store did not exist before; a failed ingest should not create it")
    }

    @Test func every_broken_file_at_once_is_listed_and_nothing_stored() throws {
        let before = try seededStore()
        let result = try Binary.run(["ingest", "--db", scratch.db, Paths.fixture("broken")])
        #expect(result.status == 2)
        for broken in Self.broken {
            #expect(result.stderr.contains(broken.file), "every bad file listed: \(broken.file) missing from \(result.stderr)")
        }
        #expect(bytes(scratch.db) == before)
    }

    // MARK: Good and bad files together

    private func mixedDirectory() throws -> String {
        let directory = scratch.url.appendingPathComponent("mixed")
        let fleet = Paths.fixtures.appendingPathComponent("fleet/t1")
        try FileManager.default.copyItem(at: fleet, to: directory.appendingPathComponent("t1"))
        for name in ["truncated.get-inventory.json", "numbers-array.json", "corrupt-after-header.json.gz"] {
            try FileManager.default.copyItem(
                at: Paths.fixtures.appendingPathComponent("broken/\(name)"),
                to: directory.appendingPathComponent("bad/\(name)").creatingParent())
        }
        return directory.path
    }

    @Test func a_directory_mixing_good_and_bad_files_stores_nothing() throws {
        let before = try seededStore()
        let directory = try mixedDirectory()
        let result = try Binary.run(["ingest", "--db", scratch.db, "--json", directory])
        #expect(result.status == 2)
        for name in ["truncated.get-inventory.json", "numbers-array.json", "corrupt-after-header.json.gz"] {
            #expect(result.stderr.contains(name), "\(name) listed: \(result.stderr)")
        }
        #expect(!result.stderr.contains("list-inventory-entries_i-04d8e1b7c2a96f310_AWS-Network.json"), "good files are not blamed")
        #expect(bytes(scratch.db) == before, "nothing stored")
    }

    @Test func keep_going_stores_the_good_files_and_lists_the_bad_ones() throws {
        _ = try seededStore()
        let directory = try mixedDirectory()
        let result = try Binary.run(["ingest", "--db", scratch.db, "--json", "--keep-going", "--label", "partial", directory])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        let files = document["files"] as? [[String: Any]] ?? []
        let failed = files.filter { $0["status"] as? String == "failed" }
        let failedNames = Set(failed.compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } })
        #expect(
            failedNames == ["truncated.get-inventory.json", "numbers-array.json", "corrupt-after-header.json.gz"],
            "\(files.map { ($0["path"] as? String ?? "", $0["status"] as? String ?? "") })")
        for file in failed {
            let message = file["message"] as? String ?? ""
            #expect(!message.isEmpty, "a failed file carries its message")
            #expect(message.contains((file["path"] as? String).map { ($0 as NSString).lastPathComponent } ?? "?"))
        }
        #expect(files.filter { $0["status"] as? String == "ingested" }.count == 12, "the 12 fleet files")
        let snapshot = try #require(document["snapshot"] as? [String: Any])
        #expect(snapshot["nodeCount"] as? Int == 5)
        #expect(snapshot["entryCount"] as? Int == 84)
        #expect(snapshot["resourceCount"] as? Int == 8)
        #expect(result.stderr.contains("truncated.get-inventory.json"), "bad files are warned about on stderr too: \(result.stderr)")
        // Provenance in the store.
        let store = try InventoryStore(path: scratch.db, readOnly: true)
        let stored = try store.sourceFiles(snapshotId: 2)
        let storedFailed = stored.filter { $0.status == .failed }
        #expect(Set(storedFailed.map { ($0.path as NSString).lastPathComponent }) == failedNames)
        #expect(storedFailed.allSatisfy { ($0.message ?? "").isEmpty == false && $0.records == 0 })
        #expect(storedFailed.allSatisfy { $0.sha256.count == 64 && $0.bytes > 0 || $0.path.hasSuffix("empty.json") })
        // Text output counts them.
        let again = try Binary.run(["ingest", "--db", scratch.path("other.sqlite"), "--keep-going", directory])
        #expect(again.status == 0)
        #expect(again.stdout.contains("3 failed"), "\(again.stdout)")
    }

    @Test func keep_going_with_only_bad_files_still_exits_2() throws {
        let before = try seededStore()
        let result = try Binary.run(["ingest", "--db", scratch.db, "--keep-going", Paths.fixture("broken")])
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(!result.stderr.isEmpty)
        #expect(bytes(scratch.db) == before)
    }

    // MARK: Unrecognised input

    @Test func an_unrecognised_json_file_names_the_known_formats() throws {
        let before = try seededStore()
        for (name, text) in [
            ("hello.json", #"{"hello": "world"}"#), ("list.json", #"[{"a": 1}]"#), ("string.json", #""text""#),
            ("null.json", "null"), ("nested.json", #"{"Entities": {"x": 1}}"#),
        ] {
            let path = try scratch.write(name, text)
            let result = try Binary.run(["ingest", "--db", scratch.db, path])
            #expect(result.status == 2, "\(name)")
            #expect(result.stderr.contains(name), "\(name): \(result.stderr)")
            if name != "nested.json" {
                #expect(result.stderr.contains("known formats"), "\(name): \(result.stderr)")
            }
            #expect(bytes(scratch.db) == before)
        }
    }

    @Test func a_missing_path_exits_2_naming_it() throws {
        let before = try seededStore()
        let missing = scratch.path("not-here.json")
        let result = try Binary.run(["ingest", "--db", scratch.db, good, missing])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not-here.json"), "\(result.stderr)")
        #expect(bytes(scratch.db) == before)
        let none = try Binary.run(["ingest", "--db", scratch.db, scratch.url.appendingPathComponent("empty-dir").creatingDirectory()])
        #expect(none.status == 2, "an empty directory is nothing to ingest")
        #expect(!none.stderr.isEmpty)
        #expect(bytes(scratch.db) == before)
    }

    // MARK: Standard input

    @Test func stdin_ingest_works() throws {
        let data = try #require(bytes(good))
        let result = try Binary.run(["ingest", "--db", scratch.db, "--json", "-"], stdin: data)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        let snapshot = try #require(document["snapshot"] as? [String: Any])
        #expect(snapshot["entryCount"] as? Int ?? 0 > 0)
        let files = document["files"] as? [[String: Any]] ?? []
        #expect(files.count == 1)
        #expect(files.first?["status"] as? String == "ingested")
        #expect(files.first?["format"] as? String != nil)
        // The same bytes through a file whose path says nothing more are the same input: nothing
        // stored. (`good`'s path carries account, region and node, which stdin cannot: that is
        // different input.)
        let plain = Paths.fixture("encodings/list-inventory-entries_utf8-bom.json")
        let viaStdin = try Binary.run(["ingest", "--db", scratch.db, "--json", "-"], stdin: try #require(bytes(plain)))
        #expect(try json(viaStdin.stdout)["status"] as? String == "created")
        let again = try ingest(scratch.db, [plain])
        #expect(again["status"] as? String == "unchanged")
        let pathful = try ingest(scratch.db, [good])
        #expect(pathful["status"] as? String == "created", "the path adds account, region and node")
        // Gzip on stdin too.
        let gz = Paths.fixtures.appendingPathComponent("fleet/t1/config").path
        let gzFile = try #require(FileManager.default.enumerator(atPath: gz)?.compactMap { $0 as? String }.first { $0.hasSuffix(".gz") })
        let zipped = try #require(bytes(gz + "/" + gzFile))
        let fromGzip = try Binary.run(["ingest", "--db", scratch.db, "--json", "-"], stdin: zipped)
        #expect(fromGzip.status == 0, "\(fromGzip.stderr)")
    }

    @Test func bad_stdin_exits_2_naming_stdin_and_leaves_the_store_alone() throws {
        let before = try seededStore()
        let result = try Binary.run(
            ["ingest", "--db", scratch.db, "-"], stdin: Data(#"{"TypeName": "AWS:Application", "Entries": [}"#.utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:1:"), "\(result.stderr)")
        #expect(bytes(scratch.db) == before)
        let empty = try Binary.run(["ingest", "--db", scratch.db, "-"], stdin: Data())
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("<stdin>"), "\(empty.stderr)")
        #expect(bytes(scratch.db) == before)
    }
}

extension URL {
    /// Creates the parent directory and returns self.
    fileprivate func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }

    /// Creates this directory and returns its path.
    fileprivate func creatingDirectory() throws -> String {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return path
    }
}
