import CZlib
import Foundation
import Testing

/// Issue 12's findings repeated against the real binary: each scenario counts runs, crashes
/// (signals we did not send), hangs (timeouts), stores changed, leftover files and raw
/// SQLite/Foundation messages; every count but runs must be 0. README "Reliability" lists them.
@Suite(.serialized) struct FaultInjectionTests {
    let scratch: Scratch
    static let good = Paths.fixture(
        "fleet/t1/cli/accountid=111122223333/region=us-east-1/list-inventory-entries_i-04d8e1b7c2a96f310_AWS-Network.json")
    static let rawMessages = [
        "NSCocoaErrorDomain", "SQLite error", "UNIQUE constraint", "attempt to write a readonly database", "Fatal error",
    ]

    init() throws { scratch = try Scratch() }

    /// What one scenario measured.
    struct Tally: CustomStringConvertible {
        var runs = 0, crashes = 0, hangs = 0, storesChanged = 0, leftovers = 0, rawMessages = 0
        /// The stderr of runs that printed a raw message, for the failure text.
        var samples: [String] = []
        var description: String {
            "runs \(runs), crashes \(crashes), hangs \(hangs), stores changed \(storesChanged), leftovers \(leftovers), raw messages \(rawMessages)"
                + samples.map { "\n" + $0 }.joined()
        }
        /// Counts a finished run: a signal we did not send is a crash, a timeout a hang.
        mutating func note(_ result: Binary.Result, sent: Set<Int32> = []) {
            runs += 1
            if result.timedOut { hangs += 1 }
            if result.signalled, !sent.contains(result.status) { crashes += 1 }
            if FaultInjectionTests.rawMessages.contains(where: result.stderr.contains) {
                rawMessages += 1
                samples.append(result.stderr)
            }
        }
        var clean: Bool { crashes + hangs + storesChanged + leftovers + rawMessages == 0 }
        /// Prints the README "Reliability" row for `scenario`.
        func report(_ scenario: String) {
            print("reliability: | \(scenario) | \(runs) | \(crashes) | \(hangs) | \(storesChanged) | \(leftovers) | \(rawMessages) |")
        }
    }

    private func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    // MARK: (5) (8) walks read regular files only

    /// A folder with a FIFO, a link to /dev/zero and a name that is not UTF-8 beside a good file.
    private func oddFolder() throws -> String {
        let folder = scratch.path("odd")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.good, toPath: folder + "/good.json")
        #expect(mkfifo(folder + "/pipe.json", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/zero.json", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: folder + "/loop", withDestinationPath: folder)
        let badName: [UInt8] = Array((folder + "/bad-").utf8) + [0xFF] + Array(".json".utf8)
        var raw = badName.map { CChar(bitPattern: $0) } + [0]
        let made = open(&raw, O_CREAT | O_WRONLY, 0o644)
        #expect(made >= 0)
        close(made)
        let socket = try Child.start(
            "/usr/bin/env", ["python3", "-c", "import socket; socket.socket(socket.AF_UNIX).bind('\(folder)/socket.json')"])
        #expect(socket.wait(timeout: 30).status == 0)
        return folder
    }

    @Test func odd_files_in_a_walk_are_named_and_never_block() throws {
        let folder = try oddFolder()
        var tally = Tally()
        let refused = try Binary.run(["ingest", "--db", scratch.db, folder], timeout: 30)
        tally.note(refused)
        #expect(refused.status == 2, "\(refused.stderr)")
        for text in ["pipe.json", "FIFO", "zero.json", "character device", "not valid UTF-8", "socket.json: not read: a socket"] {
            #expect(refused.stderr.contains(text), "names \(text): \(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "nothing stored, no store left behind")
        let kept = try Binary.run(["ingest", "--db", scratch.db, "--keep-going", folder], timeout: 30)
        tally.note(kept)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stderr.contains("1 linked folder"), "a link to a folder is skipped, not followed: \(kept.stderr)")
        for text in ["pipe.json", "zero.json", "not valid UTF-8"] {
            #expect(kept.stderr.contains(text) && kept.stderr.contains("warning"), "warns about \(text): \(kept.stderr)")
        }
        let direct = try Binary.run(["ingest", "--db", scratch.path("other.sqlite"), folder + "/pipe.json"], timeout: 30)
        tally.note(direct)
        #expect(direct.status == 2 && direct.stderr.contains("FIFO"), "\(direct.stderr)")
        let device = try Binary.run(["ingest", "--db", scratch.path("other.sqlite"), "/dev/zero"], timeout: 30)
        tally.note(device)
        #expect(device.status == 2 && device.stderr.contains("/dev/zero"), "\(device.stderr)")
        tally.report("FIFO, /dev/zero link, non-UTF-8 name in a walk; FIFO and device named")
        #expect(tally.clean, "\(tally)")
    }

    /// A folder the user cannot list (run as `nobody`: root lists everything).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func an_unreadable_folder_is_named() throws {
        let folder = scratch.path("shared")
        try FileManager.default.createDirectory(atPath: folder + "/locked", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.good, toPath: folder + "/good.json")
        chmod(scratch.url.path, 0o755)
        chmod(folder, 0o777)
        chmod(folder + "/locked", 0o000)
        var tally = Tally()
        let asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups", Binary.url.path, "ingest", "--db", folder + "/s.sqlite"]
        let refused = try Child.start("/usr/bin/setpriv", asNobody + [folder]).wait(timeout: 30)
        tally.note(refused)
        #expect(
            refused.status == 2 && refused.stderr.contains("locked/: not read: cannot list the folder: Permission denied"),
            "\(refused.stderr)")
        let kept = try Child.start("/usr/bin/setpriv", asNobody + ["--keep-going", folder]).wait(timeout: 30)
        tally.note(kept)
        #expect(kept.status == 0 && kept.stderr.contains("locked/: warning: not read"), "\(kept.stderr)")
        tally.report("a folder that cannot be listed (run as nobody)")
        #expect(tally.clean, "\(tally)")
    }

    @Test func an_empty_data_sync_file_is_not_a_node_with_no_rows() throws {
        let path = try scratch.write(
            "AWS_Network/accountid=111122223333/region=us-east-1/resourcetype=ManagedInstanceInventory/i-0123456789abcdef0.json", "")
        let alone = try Binary.run(["ingest", "--db", scratch.db, path], timeout: 30)
        #expect(alone.status == 2 && alone.stderr.contains("empty"), "\(alone.stderr)")
        let kept = try Binary.run(["ingest", "--db", scratch.db, "--keep-going", "--json", path, Self.good], timeout: 30)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(!kept.stdout.contains("i-0123456789abcdef0\",\"rows\":0"), "\(kept.stdout)")
        #expect(kept.stdout.contains("empty"), "the refusal is reported: \(kept.stdout)")
    }

    // MARK: (6) memory

    /// One gzip member holding `count` copies of `byte`, deflated in streaming steps.
    static func gzipMember(of byte: UInt8, count: Int) -> [UInt8] {
        var stream = z_stream()
        precondition(czlib_deflate_init_gzip(&stream, 9) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = [UInt8](repeating: byte, count: 1 << 20)
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var result: [UInt8] = []
        var left = count
        while true {
            let step = min(left, input.count)
            left -= step
            let flush = left == 0 ? Z_FINISH : Z_NO_FLUSH
            var status = Z_OK
            input.withUnsafeMutableBufferPointer { inBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(step)
                repeat {
                    output.withUnsafeMutableBufferPointer { outBuffer in
                        stream.next_out = outBuffer.baseAddress
                        stream.avail_out = UInt32(outBuffer.count)
                        status = deflate(&stream, flush)
                        result += outBuffer[0..<(outBuffer.count - Int(stream.avail_out))]
                    }
                } while stream.avail_out == 0
            }
            if left == 0, status == Z_STREAM_END { return result }
        }
    }

    /// Runs the binary through `/bin/sh -c 'ulimit -v …; exec …'` so that memory beyond the cap fails.
    private func capped(_ arguments: [String], kilobytes: Int) throws -> Binary.Result {
        let quoted = ([Binary.url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let script = "ulimit -v \(kilobytes) && exec " + quoted.joined(separator: " ")
        return try Child.start("/bin/sh", ["-c", script]).wait(timeout: 60)
    }

    @Test func a_gzip_bomb_is_refused_within_bounded_memory() throws {
        // 16 MiB of zeros deflates to about 16 KB; 256 members expand to 4 GiB.
        let member = Self.gzipMember(of: 0, count: 16 << 20)
        var bomb: [UInt8] = []
        for _ in 0..<256 { bomb += member }
        let path = scratch.path("bomb.json.gz")
        try Data(bomb).write(to: URL(fileURLWithPath: path))
        // A JSON string that never ends: streamed, stopped at --max-value-bytes.
        let head = Array(#"{"configurationItems":[{"configuration":""#.utf8)
        let stringBomb =
            Self.gzip(head) + Array(repeating: Self.gzipMember(of: UInt8(ascii: "A"), count: 16 << 20), count: 8).flatMap { $0 }
        let stringPath = scratch.path("history.json.gz")
        try Data(stringBomb).write(to: URL(fileURLWithPath: stringPath))
        var tally = Tally()
        for (file, mention) in [(path, "256 MiB"), (stringPath, "--max-value-bytes")] {
            // --stream-threshold 0: Config documents are streamed whatever their size.
            let result = try capped(["ingest", "--db", scratch.db, "--stream-threshold", "0", file], kilobytes: 3 << 20)
            tally.note(result)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains((file as NSString).lastPathComponent) && result.stderr.contains(mention), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.db))
        tally.report("gzip bomb (4 GiB of zeros; 128 MiB string) under ulimit -v 3 GiB")
        #expect(tally.clean, "\(tally)")
    }

    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(czlib_deflate_init_gzip(&stream, 6) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count + 1024)
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                _ = deflate(&stream, Z_FINISH)
            }
        }
        return Array(output[0..<(output.count - Int(stream.avail_out))])
    }

    @Test func a_long_string_names_the_file_and_line() throws {
        let text = String(try String(contentsOfFile: Self.good, encoding: .utf8))
        let path = try scratch.write("long.json", text)
        let result = try Binary.run(["ingest", "--db", scratch.db, "--max-value-bytes", "8", path], timeout: 30)
        #expect(result.status == 2)
        #expect(result.stderr.contains("long.json:") && result.stderr.contains("--max-value-bytes"), "\(result.stderr)")
        let help = try Binary.run(["ingest", "--help"])
        #expect(help.stdout.contains("--max-value-bytes"))
    }

    // MARK: big inputs, quickly

    /// A Resource Data Sync file of `rows` AWS:Application rows for one node; `version` varies them.
    private func dataSync(rows: Int, node: String = "i-0aaaaaaaaaaaaaaa1", version: Int = 1) throws -> String {
        var text = ""
        text.reserveCapacity(rows * 170)
        for index in 0..<rows {
            text += #"{"Name":"package-\#(index)","Version":"\#(version).\#(index)","ApplicationType":"System","Publisher":"Example","#
            text += #""resourceId":"\#(node)","captureTime":"2026-11-15T02:43:09Z","schemaVersion":"1.1"}"# + "\n"
        }
        return try scratch.write(
            "sync-\(version)/AWS_Application/accountid=111122223333/region=us-east-1/resourcetype=ManagedInstanceInventory/\(node).json",
            text)
    }

    /// True when the store holds a third snapshot with all `rows` rows and passes `verify`.
    private func committedWhole(rows: Int) throws -> Bool {
        let listed = try Binary.run(["snapshots", "--db", scratch.db, "--format", "json"])
        let snapshots = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]] ?? []
        guard snapshots.count == 3, snapshots.contains(where: { $0["entryCount"] as? Int == rows }) else { return false }
        return try Binary.run(["verify", "--db", scratch.db]).status == 0
    }

    /// The store's content as `sqlite3 .dump` writes it (tables and rows, not free pages).
    private func dump(_ path: String) throws -> String {
        let result = try Child.start("/usr/bin/sqlite3", ["-readonly", path, ".dump"]).wait(timeout: 30)
        guard result.status == 0 else { throw TestFailure("sqlite3 .dump \(path): \(result.stderr)") }
        return result.stdout
    }

    private func leftovers(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".tmp") }
    }

    private func completeWorkbook(_ path: String) throws -> Bool {
        try Child.start("/usr/bin/unzip", ["-tq", path]).wait(timeout: 30).status == 0
    }

    // MARK: (2) SIGKILL during ingest, reads right after

    @Test func sigkill_at_random_moments_of_an_ingest_leaves_reads_working() throws {
        try ingest(scratch.db, [Self.good], extra: ["--label", "one"])
        try ingest(scratch.db, [Paths.fixture("encodings/list-inventory-entries_utf8-bom.json")], extra: ["--label", "two"])
        let before = try #require(bytes(scratch.db))
        let beforeDump = try dump(scratch.db)
        #expect(beforeDump.contains("CREATE TABLE row_content"), "the dump lists the store's tables")
        let big = try dataSync(rows: 4000)
        var tally = Tally()
        for run in 0..<20 {
            let child = try Child.start(["ingest", "--db", scratch.db, big])
            Thread.sleep(forTimeInterval: Double(run % 10) * 0.04 + Double.random(in: 0...0.04))
            kill(child.pid, SIGKILL)
            let killed = child.wait(timeout: 30)
            tally.note(killed, sent: [SIGKILL])
            if killed.status == 0, !killed.signalled {
                // It finished first: put the store back for the next run.
                try before.write(to: URL(fileURLWithPath: scratch.db))
                continue
            }
            let folder = scratch.path("reads-\(run)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for arguments in [
                ["snapshots", "--db", scratch.db], ["diff", "--db", scratch.db],
                ["export", "--db", scratch.db, "--output", folder + "/r.xlsx"],
            ] {
                let read = try Binary.run(arguments, timeout: 30)
                tally.note(read)
                #expect(read.status == 0 || (arguments[0] == "diff" && read.status == 1), "\(arguments[0]): \(read.stderr)")
            }
            // Bytes can differ with nothing changed: SQLite does not journal free pages it reuses, so
            // a rolled-back transaction leaves its data in pages that are free again. The content
            // (every table, as `sqlite3 .dump` lists it) is what must be unchanged.
            if bytes(scratch.db) != before, try dump(scratch.db) != beforeDump {
                // A kill that lands after COMMIT but before the process exits leaves the whole new
                // snapshot, like an ingest that finished first; anything else is a changed store.
                if try committedWhole(rows: 4000) {
                    try before.write(to: URL(fileURLWithPath: scratch.db))
                } else {
                    tally.storesChanged += 1
                    let listed = try Binary.run(["snapshots", "--db", scratch.db, "--format", "json"])
                    let verified = try Binary.run(["verify", "--db", scratch.db])
                    let files = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path(""))) ?? []
                    Issue.record(
                        "store changed after a kill (run \(run), exit \(killed.status), signalled \(killed.signalled)): \(listed.stdout) verify \(verified.status): \(verified.stdout) \(verified.stderr) size \(bytes(scratch.db)?.count ?? -1) vs \(before.count); files \(files.sorted())"
                    )
                }
            }
            tally.leftovers += leftovers(in: folder).count
        }
        #expect(tally.runs > 20, "some ingests were killed part-way and read after")
        tally.report("SIGKILL at 20 moments of an ingest, then snapshots/diff/export")
        #expect(tally.clean, "\(tally)")
    }

    // MARK: (10) SIGINT/SIGTERM during export

    @Test func sigint_and_sigterm_during_export_leave_no_temporary_files() throws {
        try ingest(scratch.db, [try dataSync(rows: 12000)])
        let folder = scratch.path("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = folder + "/report.xlsx"
        let tmpdir = scratch.path("xlsx-tmp")
        try FileManager.default.createDirectory(atPath: tmpdir, withIntermediateDirectories: true)
        let arguments = ["export", "--db", scratch.db, "--output", target, "--rows-per-sheet", "1500", "--tmpdir", tmpdir]
        let timing = try Binary.run(arguments, timeout: 120)
        #expect(timing.status == 0, "\(timing.stderr)")
        try FileManager.default.removeItem(atPath: target)
        var tally = Tally()
        var interrupted = 0
        for run in 0..<12 {
            let signal = run % 2 == 0 ? SIGINT : SIGTERM
            let csv = run % 4 == 3
            let output = csv ? folder + "/csv" : target
            let child = try Child.start(csv ? ["export", "--db", scratch.db, "--format", "csv", "--output", output] : arguments)
            Thread.sleep(forTimeInterval: Double.random(in: 0.02...max(0.05, timing.seconds)))
            kill(child.pid, signal)
            let result = child.wait(timeout: 30)
            tally.note(result, sent: [signal])
            let finished = result.status == 0 && !result.signalled
            if !finished { interrupted += 1 }
            #expect(
                finished || result.status == 128 + signal || (result.signalled && result.status == signal),
                "exit \(result.status): \(result.stderr)")
            tally.leftovers += leftovers(in: folder).count + leftovers(in: folder + "/csv").count
            tally.leftovers += ((try? FileManager.default.contentsOfDirectory(atPath: tmpdir)) ?? []).count
            if csv {
                let files = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
                if !finished, !files.isEmpty { tally.leftovers += 1 }
                try? FileManager.default.removeItem(atPath: output)
            } else if FileManager.default.fileExists(atPath: target) {
                let complete = try completeWorkbook(target)
                if !finished || !complete { tally.leftovers += 1 }
                try FileManager.default.removeItem(atPath: target)
            }
        }
        tally.report("SIGINT/SIGTERM at random moments of an xlsx/CSV export")
        #expect(interrupted > 0, "some runs were stopped part-way")
        #expect(tally.clean, "\(tally)")
    }

    // MARK: (3) disk full, SIGXFSZ, /dev/full

    /// A 2 MB tmpfs at `folder`, or nil (with the reason printed) where mounting is not allowed.
    private func tinyDisk(_ folder: String) throws -> Bool {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let mounted = try Child.start("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", folder]).wait(timeout: 30)
        if mounted.status != 0 { print("skipped: cannot mount a tmpfs here (\(mounted.stderr))") }
        return mounted.status == 0
    }

    private func unmount(_ folder: String) { _ = try? Child.start("/usr/bin/umount", [folder]).wait(timeout: 30) }

    @Test func disk_full_during_ingest_and_export_says_so_and_changes_nothing() throws {
        let disk = scratch.path("disk")
        guard try tinyDisk(disk) else { return }
        defer { unmount(disk) }
        let db = disk + "/store.sqlite"
        try ingest(db, [Self.good])
        let before = try #require(bytes(db))
        let beforeDump = try dump(db)
        // Fill the disk but for 64 KB.
        var info = statvfs()
        #expect(statvfs(disk, &info) == 0)
        let free = Int(info.f_bavail) * Int(info.f_frsize) - (64 << 10)
        if free > 0 { try Data(count: free).write(to: URL(fileURLWithPath: disk + "/filler")) }
        var tally = Tally()
        let big = try dataSync(rows: 12000)
        let full = try Binary.run(["ingest", "--db", db, big], timeout: 60)
        tally.note(full)
        #expect(full.status == 2 && (full.stderr.contains("disk") || full.stderr.contains("space")), "\(full.stderr)")
        _ = try Binary.run(["snapshots", "--db", db], timeout: 30)
        // (Free pages a rolled-back write reused may differ; the content may not.)
        if bytes(db) != before, try dump(db) != beforeDump { tally.storesChanged += 1 }
        let other = scratch.db
        try ingest(other, [big])
        let export = try Binary.run(["export", "--db", other, "--output", disk + "/r.xlsx"], timeout: 60)
        tally.note(export)
        #expect(export.status == 2 && export.stderr.contains("space"), "\(export.stderr)")
        let csv = try Binary.run(["export", "--db", other, "--format", "csv", "--output", disk + "/csv"], timeout: 60)
        tally.note(csv)
        #expect(csv.status == 2 && csv.stderr.contains("space"), "\(csv.stderr)")
        tally.leftovers += leftovers(in: disk).count + leftovers(in: disk + "/csv").count
        if FileManager.default.fileExists(atPath: disk + "/r.xlsx") { tally.leftovers += 1 }
        tally.report("disk full (2 MB tmpfs) during ingest and export")
        #expect(tally.clean, "\(tally)")
    }

    @Test func file_size_limit_and_dev_full_fail_cleanly() throws {
        let big = try dataSync(rows: 3000)
        try ingest(scratch.db, [Self.good])
        let before = try #require(bytes(scratch.db))
        let beforeDump = try dump(scratch.db)
        var tally = Tally()
        let exe = Binary.url.path
        let limited = try Child.start("/bin/sh", ["-c", "ulimit -f 64 && exec '\(exe)' ingest --db '\(scratch.db)' '\(big)'"]).wait(
            timeout: 60)
        tally.note(limited)
        #expect(limited.status == 2, "\(limited.stderr)")
        if bytes(scratch.db) != before, try dump(scratch.db) != beforeDump { tally.storesChanged += 1 }
        let other = scratch.path("other.sqlite")
        try ingest(other, [big])
        let folder = scratch.path("limited")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let export = try Child.start("/bin/sh", ["-c", "ulimit -f 8 && exec '\(exe)' export --db '\(other)' --output '\(folder)/r.xlsx'"])
            .wait(timeout: 60)
        tally.note(export)
        #expect(export.status == 2 && export.stderr.contains("r.xlsx"), "\(export.stderr)")
        tally.leftovers += leftovers(in: folder).count + (FileManager.default.fileExists(atPath: folder + "/r.xlsx") ? 1 : 0)
        for command in ["snapshots", "diff"] {
            let full = try Child.start("/bin/sh", ["-c", "exec '\(exe)' \(command) --db '\(other)' > /dev/full"]).wait(timeout: 30)
            tally.note(full)
            #expect(full.status == 2, "\(command): \(full.status) \(full.stderr)")
        }
        tally.report("ulimit -f (SIGXFSZ) for ingest and export; stdout to /dev/full")
        #expect(tally.clean, "\(tally)")
    }

    // MARK: (7) overlapping runs, (1) prune racing an export

    @Test func overlapping_ingests_of_the_same_and_of_different_inputs() throws {
        var tally = Tally()
        for round in 0..<10 {
            let same = round % 2 == 0
            let db = scratch.path("overlap-\(round).sqlite")
            let inputs =
                same
                ? [Self.good, Self.good, Self.good]
                : [Self.good, Paths.fixture("encodings/list-inventory-entries_utf8-bom.json"), try dataSync(rows: 200)]
            let children = try inputs.map { try Child.start(["ingest", "--db", db, "--json", $0]) }
            let results = children.map { $0.wait(timeout: 60) }
            for result in results {
                tally.note(result)
                #expect(result.status == 0, "\(result.stderr)")
            }
            let listed = try Binary.run(["snapshots", "--db", db, "--json"])
            let count = (try JSONSerialization.jsonObject(with: listed.stdoutData) as? [Any])?.count
            #expect(count == (same ? 1 : 3))
        }
        tally.report("three overlapping ingests into a new store, same and different inputs")
        #expect(tally.clean, "\(tally)")
    }

    @Test func a_prune_racing_an_export_never_gives_a_short_workbook() throws {
        for version in 1...3 { try ingest(scratch.db, [try dataSync(rows: 3000, version: version)]) }
        var tally = Tally()
        for run in 0..<3 {
            let target = scratch.path("race-\(run).xlsx")
            let export = try Child.start(["export", "--db", scratch.db, "--snapshot", "1", "--output", target])
            Thread.sleep(forTimeInterval: 0.05 * Double(run))
            let prune = try Binary.run(["prune", "--db", scratch.db, "--keep", "\(3 - run)"], timeout: 60)
            let result = export.wait(timeout: 60)
            tally.note(result)
            tally.note(prune)
            #expect(result.status == 0 || result.status == 2, "\(result.stderr)")
            if FileManager.default.fileExists(atPath: target) {
                let complete = try completeWorkbook(target)
                if !complete { tally.leftovers += 1 }
            }
            tally.leftovers += leftovers(in: scratch.url.path).count
        }
        tally.report("prune racing an export")
        #expect(tally.clean, "\(tally)")
    }

    // MARK: (4) numeric options and variables

    @Test func numeric_options_never_trap() throws {
        try ingest(scratch.db, [Self.good])
        var tally = Tally()
        let cases: [([String], [String: String])] = [
            (["snapshots", "--db", scratch.db, "--busy-timeout", "2147484"], [:]),
            (["snapshots", "--db", scratch.db, "--busy-timeout", "nan"], [:]),
            (["snapshots", "--db", scratch.db, "--busy-timeout", "1e308"], [:]),
            (["snapshots", "--db", scratch.db], ["INVENTORY_BUSY_TIMEOUT": "1e308"]),
            (["prune", "--db", scratch.db, "--keep", "99999999999999999999"], [:]),
            (["prune", "--db", scratch.db, "--keep", "-1"], [:]),
            (["export", "--db", scratch.db, "--output", scratch.path("a.xlsx"), "--rows-per-sheet", "1e308"], [:]),
            (["export", "--db", scratch.db, "--output", scratch.path("b.xlsx"), "--stale-days", "99999999999999999999"], [:]),
            (["export", "--db", scratch.db, "--output", scratch.path("c.xlsx"), "--stale-days", "-9223372036854775808"], [:]),
            (["export", "--db", scratch.db, "--output", scratch.path("d.xlsx")], ["SOURCE_DATE_EPOCH": "1e308"]),
            (["export", "--db", scratch.db, "--output", scratch.path("e.xlsx")], ["SOURCE_DATE_EPOCH": "99999999999999999999"]),
            (["ingest", "--db", scratch.db, "--stream-threshold", "-5", Self.good], [:]),
            (["ingest", "--db", scratch.db, "--pause-before-commit", "nan", Self.good], [:]),
            (["ingest", "--db", scratch.db, "--pause-before-commit", "1e308", Self.good], [:]),
            (["ingest", "--db", scratch.db, "--max-value-bytes", "0", Self.good], [:]),
        ]
        for (arguments, environment) in cases {
            let result = try Binary.run(arguments, environment: environment, timeout: 30)
            tally.note(result)
            #expect(
                !result.signalled && !result.timedOut && result.status <= 2,
                "\(arguments) \(environment): \(result.status) \(result.stderr)")
        }
        tally.report("out-of-range numeric options and variables")
        #expect(tally.clean, "\(tally)")
    }

    // MARK: (15) a damaged store

    @Test func every_command_reports_a_damaged_store_clearly() throws {
        try ingest(scratch.db, [Paths.fixture("fleet/t1")])
        try ingest(scratch.db, [Paths.fixture("fleet/t2")])
        var damaged = try #require(bytes(scratch.db))
        for offset in stride(from: damaged.count / 2, to: min(damaged.count, damaged.count / 2 + 8192), by: 1) {
            damaged[offset] = 0xDE
        }
        try damaged.write(to: URL(fileURLWithPath: scratch.db))
        var tally = Tally()
        var named = 0
        for arguments in [
            ["snapshots"], ["diff"], ["export", "--output", scratch.path("d.xlsx")], ["verify"],
            ["prune", "--keep", "1"], ["ingest", Self.good],
        ] {
            let result = try Binary.run([arguments[0], "--db", scratch.db] + arguments.dropFirst(), timeout: 60)
            tally.note(result)
            #expect(result.status <= 2, "\(arguments): \(result.stderr)")
            if result.status == 2 {
                #expect(result.stderr.contains("damaged"), "\(arguments): \(result.stderr)")
                named += 1
            }
        }
        #expect(named >= 3, "diff, export and verify at least meet the damaged pages")
        tally.report("a damaged store (8 KB overwritten) under every command")
        #expect(tally.clean, "\(tally)")
    }

    // MARK: (14) messages

    @Test func a_missing_parent_is_named() throws {
        let result = try Binary.run(["report", "--db", scratch.db, "--output", scratch.url.path + "/a/b/", Self.good], timeout: 30)
        #expect(result.status == 2 && result.stderr.contains("parent directory") && result.stderr.contains("/a"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "nothing stored")
    }

    // MARK: (12) terminal injection

    @Test func control_characters_from_data_are_escaped_on_the_terminal_and_in_csv() throws {
        func file(_ value: String, _ folder: String) throws -> String {
            try scratch.write(
                "\(folder)/AWS_Application/accountid=111122223333/region=us-east-1/resourcetype=ManagedInstanceInventory/i-0bbbbbbbbbbbbbbb1.json",
                #"{"Name":"app","Version":"\#(value)","resourceId":"i-0bbbbbbbbbbbbbbb1","captureTime":"2026-11-15T02:43:09Z"}"# + "\n")
        }
        try ingest(scratch.db, [try file(#"1\u001b]0;owned\u0007\r\u0000"#, "a")], extra: ["--label", "a"])
        try ingest(scratch.db, [try file(#"2\u001b[2J\nforged line"#, "b")], extra: ["--label", "b"])
        let text = try Binary.run(["diff", "--db", scratch.db, "a", "b"], timeout: 30)
        #expect(text.status == 1, "\(text.stderr)")
        for raw in ["\u{1B}", "\u{07}", "\r", "\u{0}"] {
            #expect(!text.stdout.contains(raw), "raw \(raw.debugDescription) in \(text.stdout.debugDescription)")
        }
        #expect(text.stdout.contains(#"\x1b]0;owned\x07\r\x00"#) && text.stdout.contains(#"\x1b[2J\nforged line"#), "\(text.stdout)")
        let csv = try Binary.run(["diff", "--db", scratch.db, "--format", "csv", "a", "b"], timeout: 30)
        for raw in ["\u{1B}", "\u{07}", "\u{0}"] { #expect(!csv.stdout.contains(raw), "\(csv.stdout.debugDescription)") }
        let folder = scratch.path("csv")
        #expect(try Binary.run(["export", "--db", scratch.db, "--format", "csv", "--output", folder]).status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let content = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            #expect(!content.contains("\u{1B}") && !content.contains("\u{0}"), "\(name)")
        }
        let evil = try scratch.write("evil\u{1B}]0;x\u{07}.json", "{")
        let error = try Binary.run(["ingest", "--db", scratch.db, evil], timeout: 30)
        #expect(
            error.status == 2 && !error.stderr.contains("\u{1B}") && error.stderr.contains(#"evil\x1b]0;x\x07.json"#),
            "\(error.stderr.debugDescription)")
        var tally = Tally()
        for result in [text, csv, error] { tally.note(result) }
        tally.report("control characters in diff text, diff CSV, export CSV and error lines")
        #expect(tally.clean, "\(tally)")
    }
}

/// A child process started now and waited for later (signals sent in between); output to files.
struct Child {
    let process: Process
    let out: URL
    let err: URL
    let start = Date()

    /// The tool itself with `arguments`.
    static func start(_ arguments: [String]) throws -> Child { try start(Binary.url.path, arguments) }

    static func start(_ executable: String, _ arguments: [String]) throws -> Child {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let directory = FileManager.default.temporaryDirectory
        let out = directory.appendingPathComponent("fault-out-\(UUID().uuidString)")
        let err = directory.appendingPathComponent("fault-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Child(process: process, out: out, err: err)
    }

    var pid: Int32 { process.processIdentifier }

    /// Waits; a child still running after `timeout` is killed and marked timed out.
    func wait(timeout: TimeInterval) -> Binary.Result {
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let outData = (try? Data(contentsOf: out)) ?? Data()
        let errData = (try? Data(contentsOf: err)) ?? Data()
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        return Binary.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData,
            signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
            seconds: Date().timeIntervalSince(start))
    }
}
