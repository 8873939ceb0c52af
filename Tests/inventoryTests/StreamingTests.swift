import Foundation
import Testing

/// Large Config files are streamed (chunked read, gzip inflated on the fly, items parsed one by
/// one). `--stream-threshold 0` forces that path for every file, so these tests check it
/// gives the same snapshots and the same errors as reading whole files, and never crashes.
@Suite struct StreamingTests {
    let scratch: Scratch
    let streaming = ["--stream-threshold", "0"]

    init() throws { scratch = try Scratch() }

    @Test func streamed_ingest_equals_whole_file_ingest() throws {
        let whole = scratch.path("whole.sqlite")
        let streamed = scratch.path("streamed.sqlite")
        for time in ["t1", "t2"] {
            #expect(try Binary.run(["ingest", "--db", whole, Paths.fixture("fleet/\(time)")]).status == 0)
            let result = try Binary.run(["ingest", "--db", streamed, Paths.fixture("fleet/\(time)")] + streaming)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = try Binary.run(["diff", "--db", whole, "--format", "csv"])
        let b = try Binary.run(["diff", "--db", streamed, "--format", "csv"])
        #expect(a.status == 1)
        #expect(a.stdout == b.stdout, "the same changes either way")
        let listA = try Binary.run(["snapshots", "--db", whole])
        let listB = try Binary.run(["snapshots", "--db", streamed])
        #expect(listA.stdout == listB.stdout)
    }

    @Test func streamed_errors_name_file_line_and_column() throws {
        let source = try #require(
            FileManager.default.enumerator(atPath: Paths.fixture("fleet/t1/config"))?
                .compactMap { $0 as? String }.first { $0.hasSuffix(".json.gz") })
        let gz = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("fleet/t1/config/" + source)))
        let truncatedGzip = scratch.path("cut.json.gz")
        try gz.prefix(gz.count / 2).write(to: URL(fileURLWithPath: truncatedGzip))
        let cut = try Binary.run(["ingest", "--db", scratch.db, truncatedGzip] + streaming)
        #expect(cut.status == 2)
        #expect(cut.stderr.contains("cut.json.gz"))
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "nothing stored")

        let text = """
            {"fileVersion": "1.0", "configSnapshotId": "x", "configurationItems": [
              {"configurationItemVersion": "1.3", "resourceType": "AWS::EC2::Instance", "resourceId": "i-0abc0000000000001"},
              {"configurationItemVersion": "1.3", "resourceType": "AWS::EC2::Instance", "resourceId": "i-0abc0000000000002", "tags": {"a": "b
            c"}}
            ]}
            """
        let bad = try scratch.write("bad.json", text)
        let result = try Binary.run(["ingest", "--db", scratch.db, bad] + streaming)
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.json:3:"), "\(result.stderr)")
        let whole = try Binary.run(["ingest", "--db", scratch.db, bad])
        #expect(whole.stderr.contains("bad.json:3:"), "\(whole.stderr)")
    }

    /// Seeded byte mutations of the fixture Config files through the streaming path.
    @Test func mutated_config_files_never_crash_the_streaming_path() throws {
        let directory = Paths.fixture("fleet/t2")
        let sources = (FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
            .filter { $0.contains("config") && ($0.hasSuffix(".json") || $0.hasSuffix(".gz")) }
            .map { directory + "/" + $0 }
        #expect(!sources.isEmpty)
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        var before = try Data(contentsOf: URL(fileURLWithPath: scratch.db))
        var stored = 0
        var seed: UInt64 = 0x5EED_1234
        func next() -> UInt64 {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for round in 0..<24 {
            let source = sources[Int(next() % UInt64(sources.count))]
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
            if source.hasSuffix(".gz") {
                let unzip = Process()
                unzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
                unzip.arguments = ["-dc", source]
                let pipe = Pipe()
                unzip.standardOutput = pipe
                try unzip.run()
                bytes = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
                unzip.waitUntilExit()
            }
            switch round % 3 {
            case 0: bytes = Array(bytes.prefix(Int(next() % UInt64(max(bytes.count, 1)))))
            case 1:
                for _ in 0..<8 where !bytes.isEmpty { bytes[Int(next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: next()) }
            default:
                let at = Int(next() % UInt64(max(bytes.count, 1)))
                bytes.insert(contentsOf: Array(repeating: UInt8(ascii: "["), count: 700), at: min(at, bytes.count))
            }
            let mutant = scratch.path("mutant-\(round).json")
            try Data(bytes).write(to: URL(fileURLWithPath: mutant))
            let result = try Binary.run(["ingest", "--db", scratch.db, mutant] + streaming)
            #expect(result.status == 0 || result.status == 2, "round \(round): status \(result.status) \(result.stderr)")
            if result.status == 2 {
                #expect(!result.stderr.isEmpty)
                #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.db)) == before, "round \(round): store changed")
            } else {
                // A mutant that is still a valid capture is stored: that is the new baseline.
                stored += 1
                before = try Data(contentsOf: URL(fileURLWithPath: scratch.db))
            }
        }
        #expect(stored < 24, "most mutants are broken input")
    }

    private static let itemA =
        #"{"configurationItemCaptureTime":"2024-05-05T00:00:00Z","configurationItemStatus":"OK","resourceType":"AWS::EC2::Instance","resourceId":"i-0abc0000000000001","configuration":{"a":1}}"#
    private static let itemB =
        #"{"configurationItemCaptureTime":"2024-05-05T00:00:00Z","configurationItemStatus":"OK","resourceType":"AWS::EC2::Instance","resourceId":"i-0abc0000000000002","configuration":{"a":2}}"#

    /// Malformed item arrays fail the same way streamed or not; a repeated array is read in full.
    @Test(arguments: [
        ("{\"configurationItems\":[\(itemA) \(itemB)]}", 2, 0),
        ("{\"configurationItems\":[\(itemA),]}", 2, 0),
        ("{\"configurationItems\":[,,\(itemA)]}", 2, 0),
        ("{\"configurationItems\":[\(itemA)],\"configurationItems\":[\(itemB)]}", 0, 2),
        ("{\"configurationItems\":[\n\(itemA)\n],\n\"fileVersion\": }", 2, 0),
    ])
    func item_arrays_read_alike(document: String, status: Int32, resources: Int) throws {
        let file = try scratch.write("doc.json", document)
        for extra in [[], streaming] {
            let db = scratch.path("db-\(extra.isEmpty ? "whole" : "streamed").sqlite")
            let result = try Binary.run(["ingest", "--db", db, "--json", file] + extra)
            #expect(result.status == status, "\(extra): \(result.stderr)")
            if status == 0 {
                #expect((try json(result.stdout)["snapshot"] as? [String: Any])?["resourceCount"] as? Int == resources)
            }
        }
        if document.contains("fileVersion\": }") {
            let whole = try Binary.run(["ingest", "--db", scratch.path("l1.sqlite"), file])
            let streamed = try Binary.run(["ingest", "--db", scratch.path("l2.sqlite"), file] + streaming)
            #expect(whole.stderr.contains("doc.json:4:"), "\(whole.stderr)")
            #expect(streamed.stderr.contains("doc.json:4:"), "line numbers after the array are the file's: \(streamed.stderr)")
        }
    }

    @Test func keep_going_snapshots_do_not_hide_bad_files_later() throws {
        let good = try scratch.write("good.json", "{\"fileVersion\":\"1.0\",\"configurationItems\":[\(Self.itemA)]}")
        let bad = try scratch.write("bad.json", "{\"configurationItems\":[\(Self.itemB), 42]}")
        #expect(try Binary.run(["ingest", "--db", scratch.db, "--keep-going", good, bad]).status == 0)
        let again = try Binary.run(["ingest", "--db", scratch.db, good, bad])
        #expect(again.status == 2, "without --keep-going the bad file fails: \(again.stdout)")
        #expect(again.stderr.contains("bad.json"))
    }

    @Test func the_same_capture_under_two_paths_is_not_counted_twice() throws {
        let text = try String(contentsOfFile: Paths.fixture("encodings/list-inventory-entries_utf8-bom.json"), encoding: .utf8)
        let one = try scratch.write("d/a/x.json", text)
        let two = try scratch.write("d/accountid=111122223333/x.json", text)
        let result = try ingest(scratch.db, [one, two])
        #expect((result["snapshot"] as? [String: Any])?["entryCount"] as? Int == 4)
    }
}
