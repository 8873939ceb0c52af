import Crypto
import Foundation
import InventoryCapture
import InventoryDiff
import InventoryModel
import InventoryReport
import SnapshotStore

/// Options of one `inventory ingest` run.
public struct IngestOptions: Sendable {
    /// A unique name for the snapshot (`--label`).
    public var label: String?
    /// Store the good files and list the bad ones instead of storing nothing (`--keep-going`).
    public var keepGoing: Bool
    /// Node id for files that do not name one (custom inventory files, put-inventory items).
    public var nodeIdOverride: String?
    /// Inventory type for Resource Data Sync rows whose path does not name one.
    public var typeNameOverride: String?
    /// Replace invalid UTF-8 with U+FFFD and warn instead of refusing the file.
    public var repairInvalidUTF8: Bool
    /// Warnings fail the run (`--strict`): nothing is stored and the error lists them.
    public var strict: Bool
    /// Config snapshot and history files at least this large (bytes, estimated expanded size for
    /// gzip) are streamed item by item instead of parsed whole; 0 streams every file.
    public var streamThreshold = 32 << 20
    /// The largest single JSON string, or streamed Config item, accepted (`--max-value-bytes`,
    /// default 64 MiB); a larger one fails its file, naming the line.
    public var maxValueBytes = 64 << 20
    /// The most a file may expand to when decoded whole in memory: 256 MiB, gzip output included.
    /// Config snapshot and history documents beyond the stream threshold are streamed instead;
    /// any other file past this size is refused.
    public static let maxWholeFileBytes = 256 << 20

    public init(
        label: String? = nil, keepGoing: Bool = false, nodeIdOverride: String? = nil, typeNameOverride: String? = nil,
        repairInvalidUTF8: Bool = false, strict: Bool = false
    ) {
        self.strict = strict
        self.label = label
        self.keepGoing = keepGoing
        self.nodeIdOverride = nodeIdOverride
        self.typeNameOverride = typeNameOverride
        self.repairInvalidUTF8 = repairInvalidUTF8
    }
}

/// What an ingest did, as `ingest --json` prints it.
public struct IngestResult: Sendable, Codable {
    /// A new snapshot, or byte-identical input stored before.
    public var status: IngestOutcome
    public var snapshot: SnapshotInfo
    public var files: [SourceFileInfo]
    /// Page groups whose last page still carried a token.
    public var incompleteCaptures: [String]
    /// Every finding of the run, refused and (with `--keep-going`) failed files included.
    public var warnings: [Diagnostic]
}

/// A progress report, once per file read.
public struct IngestProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int
    public var records: Int
    public var currentFile: String
}

/// The ingest stage: expands paths, decodes every file, merges them into one snapshot and stores
/// it in one transaction.
public struct Ingestor {
    public var options: IngestOptions
    public var toolVersion: String
    public var now: @Sendable () -> Date
    public var progress: ((IngestProgress) -> Void)?
    /// Called inside the write transaction just before it commits (the crash-safety tests pause here).
    public var beforeCommit: (() -> Void)?

    public init(options: IngestOptions, toolVersion: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.options = options
        self.toolVersion = toolVersion
        self.now = now
    }

    /// Files under `paths`: files as given, directories walked recursively in path order (hidden
    /// files and Config's `ConfigWritabilityCheckFile` skipped), `-` for standard input.
    /// - Throws: `InventoryError.unreadable` for a path that does not exist, and for anything the
    ///   walk could not read (`walk` lists those as problems instead).
    public static func expand(_ paths: [String]) throws(InventoryError) -> [String] {
        let found = try walk(paths)
        if let first = found.problems.first { throw .unreadable(path: first.path, message: first.reason) }
        return found.files
    }

    /// A file or hidden directory a directory walk did not read, and why.
    public struct SkippedFile: Sendable, Hashable, Codable {
        /// The file as found under the walked directory.
        public var path: String
        /// Why (`.csv is not a capture file name`, `hidden`).
        public var reason: String
    }

    /// `expand`, also returning what the walks skipped, so that no file is left out silently.
    /// Only regular files (or links to them) are read: FIFOs, devices, sockets, links to anything
    /// else, folders that cannot be listed and names that are not valid UTF-8 come back as
    /// `problems` (never opened, so a FIFO cannot block the walk). A FIFO or device named on the
    /// command line is a problem too; `-` reads standard input.
    /// - Throws: `InventoryError.unreadable` for a path that does not exist.
    public static func walk(_ paths: [String]) throws(InventoryError)
        -> (files: [String], skipped: [SkippedFile], problems: [SkippedFile])
    {
        var files: [String] = []
        var skipped: [SkippedFile] = []
        var problems: [SkippedFile] = []
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var status = stat()
            guard stat(path, &status) == 0 else {
                let code = errno
                if code == ENOENT, lstat(path, &status) == 0 {
                    problems.append(SkippedFile(path: path, reason: "a symbolic link to a missing file"))
                    continue
                }
                throw .unreadable(path: path, message: code == ENOENT ? "no such file or directory" : strerrorText(code))
            }
            if !isDirectory(status) {
                if let kind = nonRegularKind(status) {
                    problems.append(SkippedFile(path: path, reason: "\(kind), not a regular file (pipe data through - instead)"))
                } else {
                    files.append(path)
                }
                continue
            }
            var found: [String] = []
            var passed: [SkippedFile] = []
            var bad: [SkippedFile] = []
            walkDirectory(path.hasSuffix("/") ? String(path.dropLast()) : path, found: &found, skipped: &passed, problems: &bad)
            files += found.sorted()
            skipped += passed.sorted { $0.path < $1.path }
            problems += bad.sorted { $0.path < $1.path }
        }
        return (files, skipped, problems)
    }

    private static func isDirectory(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFDIR }

    /// "a FIFO (named pipe)", "a character device"… for anything but a regular file or folder.
    static func nonRegularKind(_ status: stat) -> String? {
        switch status.st_mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    static func strerrorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// One folder, recursively, with `readdir` (so names that are not UTF-8 are seen, not dropped);
    /// entries are `lstat`ed and `stat`ed, never opened.
    private static func walkDirectory(
        _ folder: String, found: inout [String], skipped: inout [SkippedFile], problems: inout [SkippedFile]
    ) {
        guard let directory = opendir(folder) else {
            problems.append(SkippedFile(path: folder + "/", reason: "cannot list the folder: \(strerrorText(errno))"))
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let raw = withUnsafeBytes(of: entry.pointee.d_name) { buffer in Array(buffer.prefix { $0 != 0 }) }
            if raw == [0x2E] || raw == [0x2E, 0x2E] { continue }
            guard let name = String(validating: raw, as: UTF8.self) else {
                let shown = raw.map { $0 < 0x80 && $0 >= 0x20 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined()
                problems.append(SkippedFile(path: folder + "/" + shown, reason: "the name is not valid UTF-8; rename the file to read it"))
                continue
            }
            let full = folder + "/" + name
            var link = stat()
            var status = stat()
            guard lstat(full, &link) == 0 else { continue }
            let isLink = link.st_mode & S_IFMT == S_IFLNK
            if isLink, stat(full, &status) != 0 {
                problems.append(SkippedFile(path: full, reason: "a symbolic link to a missing file"))
                continue
            }
            if !isLink { status = link }
            if name.hasPrefix(".") {
                skipped.append(SkippedFile(path: full + (isDirectory(status) ? "/" : ""), reason: "hidden"))
                continue
            }
            if isDirectory(status) {
                if isLink {
                    skipped.append(SkippedFile(path: full + "/", reason: "a symbolic link to a folder (not followed; name it to read it)"))
                } else {
                    walkDirectory(full, found: &found, skipped: &skipped, problems: &problems)
                }
                continue
            }
            if let kind = nonRegularKind(status) {
                problems.append(SkippedFile(path: full, reason: "\(kind)\(isLink ? " behind a symbolic link" : ""), not a regular file"))
            } else if name == "ConfigWritabilityCheckFile" {
                skipped.append(SkippedFile(path: full, reason: "Config's write-permission probe, not data"))
            } else if !Self.looksLikeCapture(name) {
                let ext = (name as NSString).pathExtension.lowercased()
                skipped.append(
                    SkippedFile(path: full, reason: ".\(ext) is not a capture file name (name it on the command line to read it anyway)"))
            } else {
                found.append(full)
            }
        }
    }

    /// Warnings for skipped files: one line per walked directory that skipped any (always shown),
    /// and one note per file (shown with `--verbose`).
    static func skipWarnings(_ skipped: [SkippedFile], roots: [String]) -> [Diagnostic] {
        guard !skipped.isEmpty else { return [] }
        var lines: [Diagnostic] = []
        for root in roots {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            let mine = skipped.filter { $0.path.hasPrefix(prefix) }
            guard !mine.isEmpty else { continue }
            var kinds: [String: Int] = [:]
            for file in mine {
                let ext = (file.path as NSString).pathExtension.lowercased()
                let kind =
                    file.reason == "hidden"
                    ? "hidden"
                    : file.path.hasSuffix("/")
                        ? "linked folder"
                        : ext.isEmpty ? "other" : "." + ext
                kinds[kind, default: 0] += 1
            }
            let summary = kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append(
                Diagnostic(
                    .warning, file: root,
                    "skipped \(mine.count) file\(mine.count == 1 ? "" : "s") not named like captures (\(summary)); --verbose lists them"))
        }
        lines += skipped.map { Diagnostic(.note, file: $0.path, "skipped: \($0.reason)") }
        return lines
    }

    /// Directory walks take JSON-ish files only (`.json`, `.jsonl`, `.ndjson`, `.gz`, or no
    /// extension, as S3 keys often have), so READMEs and scripts beside captures are not read.
    /// Files named explicitly are always read.
    static func looksLikeCapture(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".gz") {
            return true
        }
        return !lower.contains(".")
    }

    /// Opens a regular file for reading without blocking on a FIFO swapped in after the walk
    /// looked at it (`O_NONBLOCK`, then `fstat`); anything else is refused and closed.
    static func openRegular(_ path: String) throws(InventoryError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadable(path: path, message: "cannot open the file: \(strerrorText(errno))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw .unreadable(path: path, message: "cannot stat the file: \(strerrorText(code))")
        }
        if let kind = nonRegularKind(status) ?? (status.st_mode & S_IFMT == S_IFDIR ? "a folder" : nil) {
            close(descriptor)
            throw .unreadable(path: path, message: "\(kind), not a regular file")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return descriptor
    }

    /// SHA-256 and size of a file, read in chunks.
    static func hashFile(_ path: String) throws(InventoryError) -> (String, Int, Bool) {
        let handle = FileHandle(fileDescriptor: try openRegular(path), closeOnDealloc: true)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        var gzip = false
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw .unreadable(path: path, message: "cannot read the file: \(SystemErrorText.of(error))")
            }
            if chunk.isEmpty { break }
            if size == 0, chunk.count >= 2 { gzip = chunk[chunk.startIndex] == 0x1F && chunk[chunk.startIndex + 1] == 0x8B }
            size += chunk.count
            hasher.update(data: chunk)
        }
        return (CanonicalText.hex(hasher.finalize()), size, gzip)
    }

    /// Reads a whole file straight into one byte array (no intermediate `Data` copy: capture files
    /// can be hundreds of MB).
    private func readAll(_ path: String) throws(InventoryError) -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        let descriptor = try Self.openRegular(path)
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(path: path, message: "cannot stat the file: \(String(cString: strerror(errno)))")
        }
        let size = Int(status.st_size)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            var done = 0
            while done < size {
                let count = read(descriptor, base + done, size - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if count == 0 { break }
                done += count
            }
            initialized = done
        }
        if failure != 0 {
            throw .unreadable(path: path, message: "cannot read the file: \(String(cString: strerror(failure)))")
        }
        // A file that grew while being read (or a pseudo-file with size 0): read the rest.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 65_536) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// Runs the ingest into `store`: a first pass hashes every file (identical input stores
    /// nothing), a second decodes each file and streams its rows and items into one write
    /// transaction, so memory stays bounded by the largest file.
    /// - Throws: the file errors (every bad file listed) unless `keepGoing`;
    ///   `.nothingToIngest` when no file carried data; store errors. Nothing is stored on error.
    public func run(paths: [String], store: InventoryStore) throws(InventoryError) -> IngestResult {
        if let label = options.label, let problem = SnapshotLabel.problem(with: label) {
            throw .unreadable(path: "--label", message: problem)
        }
        let (files, skipped, problems) = try Self.walk(paths)
        if !options.keepGoing, !problems.isEmpty {
            let errors = problems.map { InventoryError.unreadable(path: $0.path, message: "not read: \($0.reason)") }
            throw errors.count == 1 ? errors[0] : .multiple(errors)
        }
        let skipLines =
            problems.map { Diagnostic(.warning, file: $0.path, "not read: \($0.reason)") }
            + Self.skipWarnings(skipped, roots: paths)
        var stdinBytes: [UInt8]?
        struct Entry {
            var path: String
            var display: String
            var sha: String
            var size: Int
            var duplicateOf: String?
            var gzip: Bool
            /// Bytes once decompressed, estimated for gzip (Config JSON compresses about tenfold).
            var expandedSize: Int
            var hints: PathHints
        }
        var entries: [Entry] = []
        var seen: [String: String] = [:]
        for path in files {
            let display = path == "-" ? "<stdin>" : path
            let sha: String
            let size: Int
            var gzip = false
            if path == "-" {
                let bytes = try readAll(path)
                stdinBytes = bytes
                sha = CanonicalText.hash(bytes: bytes)
                size = bytes.count
            } else {
                (sha, size, gzip) = try Self.hashFile(path)
            }
            // The same bytes under another node's or account's path are another capture.
            let hints = PathHints(path: display)
            let key = [sha, hints.accountId ?? "", hints.region ?? "", hints.typeName ?? "", hints.nodeId ?? ""]
                .joined(separator: "|")
            entries.append(
                Entry(
                    path: path, display: display, sha: sha, size: size, duplicateOf: seen[key], gzip: gzip,
                    expandedSize: gzip ? size * 10 : size, hints: hints))
            if seen[key] == nil { seen[key] = display }
        }
        var fingerprintText = seen.keys.sorted().joined(separator: "\n")
        fingerprintText += "\nnode=\(options.nodeIdOverride ?? "")\ntype=\(options.typeNameOverride ?? "")"
        fingerprintText += "\nrepair=\(options.repairInvalidUTF8)"
        // A keep-going snapshot may have skipped bad files: the same files without --keep-going
        // must be decoded (and fail), not reported unchanged.
        fingerprintText += "\nkeep-going=\(options.keepGoing)"
        let fingerprint = CanonicalText.hash(fingerprintText)
        if var existing = try store.snapshot(fingerprint: fingerprint) {
            if let label = options.label, existing.label != label {
                guard existing.label == nil else {
                    throw .store(message: "identical input is already stored as snapshot \(existing.id) labelled '\(existing.label ?? "")'")
                }
                try store.setLabel(label, snapshotId: existing.id)
                existing.label = label
            }
            return IngestResult(
                status: .unchanged, snapshot: existing, files: try store.sourceFiles(snapshotId: existing.id),
                incompleteCaptures: [], warnings: skipLines)
        }

        let storePath = store.path
        // Another process stored the same input since the check above: report it unchanged.
        let storedMeanwhile: (SnapshotInfo) -> IngestResult = {
            IngestResult(status: .unchanged, snapshot: $0, files: [], incompleteCaptures: [], warnings: [])
        }
        return try store.writeSnapshot(
            label: options.label, fingerprint: fingerprint, ingestedAt: now(), toolVersion: toolVersion,
            ifAlreadyStored: storedMeanwhile
        ) { writer throws(InventoryError) -> IngestResult in
            var builder = SnapshotBuilder()
            // The newest snapshot's content, read inside this transaction: unchanged nodes skip row building.
            let knownGroups = try store { try writer.knownGroups() }
            var errors: [InventoryError] = []
            var warnings: [Diagnostic] = skipLines
            var refusals: [String] = []
            var dataFiles = 0
            var bytesDone = 0
            var recordCount = 0
            var itemSerial = 0
            func store<T>(_ body: () throws -> T) throws(InventoryError) -> T {
                do { return try body() } catch let error as InventoryError { throw error } catch {
                    throw InventoryStore.map(error, path: storePath)
                }
            }
            for (index, entry) in entries.enumerated() {
                try Cancellation.check()
                bytesDone += entry.size
                if let first = entry.duplicateOf {
                    try store {
                        try writer.addFile(
                            .init(
                                path: entry.display, format: nil, status: .duplicate, sha256: entry.sha,
                                bytes: entry.size, records: 0, message: "same bytes as \(first)"))
                    }
                    continue
                }
                var context = CaptureContext(
                    displayPath: entry.display, nodeIdOverride: options.nodeIdOverride,
                    typeNameOverride: options.typeNameOverride, repairInvalidUTF8: options.repairInvalidUTF8, hints: entry.hints)
                context.maxValueBytes = options.maxValueBytes
                context.maxWholeFileBytes = IngestOptions.maxWholeFileBytes
                context.knownGroups = knownGroups
                // Rows and items go to the store as they are decoded, inside a savepoint: a file
                // that fails part-way leaves nothing behind, and the plan forgets it too.
                let checkpoint = builder.checkpoint()
                let savedSerial = itemSerial
                do {
                    try store { try writer.beginFile() }
                    let fileIndex = try store {
                        try writer.addFile(
                            .init(
                                path: entry.display, format: nil, status: .ingested, sha256: entry.sha,
                                bytes: entry.size, records: 0))
                    }
                    func put(_ item: ConfigurationItem) throws(InventoryError) {
                        try Cancellation.check()
                        itemSerial += 1
                        let meta = SnapshotBuilder.ItemMeta(item, serial: itemSerial)
                        if builder.noteItem(meta) { try store { try writer.putResource(item, fileIndex: fileIndex) } }
                        for group in item.inventoryGroups {
                            let seq = try store {
                                try group.known.map(writer.addKnownGroup) ?? writer.addGroup(group, contentKey: group.contentKey)
                            }
                            builder.noteGroup(
                                .init(
                                    seq: seq, group: group, fileIndex: fileIndex, format: .configItem,
                                    pageGroup: nil, item: (meta.key, itemSerial)))
                        }
                    }
                    let decoder = CaptureDecoder(context: context)
                    var streamed: DecodedCapture?
                    if entry.path != "-", entry.expandedSize >= options.streamThreshold, !options.repairInvalidUTF8 {
                        // Decoding runs on a second thread while this one stores the items.
                        streamed = try decoder.decodeFileConcurrently(path: entry.path) { item throws(InventoryError) in try put(item) }
                    }
                    if streamed == nil, entry.path != "-", !entry.gzip, entry.size > IngestOptions.maxWholeFileBytes {
                        throw InventoryError.unreadable(
                            path: entry.display,
                            message:
                                "\(entry.size) bytes is more than the 256 MiB read whole into memory; only Config snapshot and history files are streamed past it"
                        )
                    }
                    // Whole files keep their items until the file has parsed completely (a file that
                    // turns out to be JSON lines must not leave items behind).
                    let capture = try streamed ?? decoder.decode(entry.path == "-" ? (stdinBytes ?? []) : readAll(entry.path))
                    for group in capture.groups {
                        let prepared = group.prepared()
                        let seq = try store { try writer.addGroup(prepared) }
                        builder.noteGroup(
                            .init(
                                seq: seq, group: prepared, fileIndex: fileIndex, format: capture.format,
                                pageGroup: capture.pageGroup, item: nil))
                    }
                    for item in capture.configurationItems { try put(item) }
                    builder.noteFile(capture, fileIndex: fileIndex, displayPath: entry.display)
                    try store {
                        try writer.completeFile(
                            fileIndex, format: capture.format, records: capture.recordCount,
                            warnings: capture.diagnostics)
                    }
                    warnings += capture.diagnostics
                    dataFiles += 1
                    recordCount += capture.recordCount
                } catch let caught {
                    let error = caught as? InventoryError ?? .store(message: "\(caught)")
                    if case .interrupted = error { throw error }
                    try store { try writer.abandonFile() }
                    builder.rollback(to: checkpoint)
                    itemSerial = savedSerial
                    let status: SourceFileStatus
                    var message = error.description
                    if case .refused(_, let reason) = error {
                        status = .refused
                        message = reason
                        warnings.append(Diagnostic(.warning, file: entry.display, "refused: \(reason)"))
                        refusals.append("\(entry.display): refused: \(reason)")
                    } else if options.keepGoing {
                        status = .failed
                        warnings.append(Diagnostic(.error, file: entry.display, "failed: \(error)"))
                        refusals.append("\(entry.display): failed: \(error)")
                    } else {
                        errors.append(error)
                        continue
                    }
                    try store {
                        try writer.addFile(
                            .init(
                                path: entry.display, format: nil, status: status, sha256: entry.sha,
                                bytes: entry.size, records: 0, message: message))
                    }
                }
                progress?(
                    IngestProgress(
                        filesDone: index + 1, filesTotal: entries.count, bytesDone: bytesDone,
                        records: recordCount, currentFile: entry.display))
            }
            if errors.count == 1, let only = errors.first { throw only }
            if !errors.isEmpty { throw .multiple(errors) }
            guard dataFiles > 0 else {
                throw .nothingToIngest(
                    reasons: refusals
                        + skipLines.filter { $0.severity == .warning }.map { "\($0.file): no capture file found; \($0.message)" })
            }
            let plan = builder.plan()
            let allWarnings = warnings + plan.diagnostics
            if options.strict {
                let serious = allWarnings.filter { $0.severity != .note }
                if !serious.isEmpty { throw .strict(serious) }
            }
            let snapshot = try store { try writer.finish(plan) }
            beforeCommit?()
            try Cancellation.check()
            return IngestResult(
                status: .created, snapshot: snapshot, files: try store { try writer.files() },
                incompleteCaptures: plan.incompleteCaptures, warnings: allWarnings)
        }
    }
}
