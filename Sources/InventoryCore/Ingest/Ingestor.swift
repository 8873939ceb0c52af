import Foundation

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

    public init(
        label: String? = nil, keepGoing: Bool = false, nodeIdOverride: String? = nil, typeNameOverride: String? = nil,
        repairInvalidUTF8: Bool = false
    ) {
        self.label = label
        self.keepGoing = keepGoing
        self.nodeIdOverride = nodeIdOverride
        self.typeNameOverride = typeNameOverride
        self.repairInvalidUTF8 = repairInvalidUTF8
    }
}

/// What an ingest did, as `ingest --json` prints it.
public struct IngestResult: Sendable, Codable {
    /// `created` for a new snapshot, `unchanged` when byte-identical input was stored before.
    public var status: String
    public var snapshot: SnapshotInfo
    public var files: [SourceFileInfo]
    /// Page groups whose last page still carried a token.
    public var incompleteCaptures: [String]
    public var warnings: [String]
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

    public init(options: IngestOptions, toolVersion: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.options = options
        self.toolVersion = toolVersion
        self.now = now
    }

    /// Files under `paths`: files as given, directories walked recursively in path order (hidden
    /// files and Config's `ConfigWritabilityCheckFile` skipped), `-` for standard input.
    /// - Throws: `InventoryError.unreadable` for a path that does not exist.
    public static func expand(_ paths: [String]) throws(InventoryError) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(path: path, message: "no such file or directory")
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                throw .unreadable(path: path, message: "cannot list the directory")
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                if name == "ConfigWritabilityCheckFile" || !Self.looksLikeCapture(name) { continue }
                let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
                var isDir: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { found.append(full) }
            }
            files += found.sorted()
        }
        return files
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

    /// Reads a whole file straight into one byte array (no intermediate `Data` copy: capture files
    /// can be hundreds of MB).
    private func readAll(_ path: String) throws(InventoryError) -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .unreadable(path: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
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

    /// Runs the ingest into `store`.
    /// - Throws: the first file errors (every bad file listed) unless `keepGoing`;
    ///   `.nothingToIngest` when no file carried data; store errors. Nothing is stored on error.
    public func run(paths: [String], store: InventoryStore) throws(InventoryError) -> IngestResult {
        let files = try Self.expand(paths)
        var records: [InventoryStore.FileRecord] = []
        var builder = SnapshotBuilder()
        var errors: [InventoryError] = []
        var reasons: [String] = []
        var seen: [String: String] = [:]
        var dataFiles = 0
        var bytesDone = 0
        var recordCount = 0
        for (index, path) in files.enumerated() {
            let bytes = try readAll(path)
            bytesDone += bytes.count
            let sha = CanonicalText.hash(bytes: bytes)
            if let first = seen[sha] {
                records.append(.init(path: path, format: nil, status: "duplicate", sha256: sha, bytes: bytes.count, records: 0,
                                     message: "same bytes as \(first)"))
                continue
            }
            seen[sha] = path
            let context = CaptureContext(
                displayPath: path == "-" ? "<stdin>" : path, nodeIdOverride: options.nodeIdOverride,
                typeNameOverride: options.typeNameOverride, repairInvalidUTF8: options.repairInvalidUTF8)
            do {
                let capture = try CaptureDecoder(context: context).decode(bytes)
                builder.add(capture, fileIndex: records.count, displayPath: context.displayPath)
                records.append(
                    .init(path: context.displayPath, format: capture.format, status: "ingested", sha256: sha, bytes: bytes.count,
                          records: capture.recordCount, warnings: capture.diagnostics.map(\.description)))
                dataFiles += 1
                recordCount += capture.recordCount
            } catch {
                if case .refused(_, let reason) = error {
                    records.append(.init(path: context.displayPath, format: nil, status: "refused", sha256: sha,
                                         bytes: bytes.count, records: 0, message: reason))
                    reasons.append(error.description)
                } else if options.keepGoing {
                    records.append(.init(path: context.displayPath, format: nil, status: "failed", sha256: sha,
                                         bytes: bytes.count, records: 0, message: error.description))
                    reasons.append(error.description)
                } else {
                    errors.append(error)
                }
            }
            progress?(IngestProgress(filesDone: index + 1, filesTotal: files.count, bytesDone: bytesDone,
                                     records: recordCount, currentFile: path))
        }
        if errors.count == 1, let only = errors.first { throw only }
        if !errors.isEmpty { throw .multiple(errors) }
        guard dataFiles > 0 else { throw .nothingToIngest(reasons: reasons) }

        var fingerprintText = records.filter { $0.status != "duplicate" }.map(\.sha256).sorted().joined(separator: "\n")
        fingerprintText += "\nnode=\(options.nodeIdOverride ?? "")\ntype=\(options.typeNameOverride ?? "")"
        fingerprintText += "\nrepair=\(options.repairInvalidUTF8)"
        let fingerprint = CanonicalText.hash(fingerprintText)
        let content = builder.build()
        let warnings = records.flatMap(\.warnings) + content.diagnostics.map(\.description)
            + records.filter { $0.status == "refused" || $0.status == "failed" }.map { "\($0.path): \($0.status): \($0.message ?? "")" }
        if let existing = try store.snapshot(fingerprint: fingerprint) {
            return IngestResult(
                status: "unchanged", snapshot: existing, files: try store.sourceFiles(snapshotId: existing.id),
                incompleteCaptures: content.incompleteCaptures, warnings: warnings)
        }
        var stored = records
        if !content.diagnostics.isEmpty, let first = stored.indices.first {
            stored[first].warnings += content.diagnostics.map(\.description)
        }
        let snapshot = try store.insertSnapshot(
            content: content, files: stored, label: options.label, fingerprint: fingerprint, ingestedAt: now(),
            toolVersion: toolVersion)
        return IngestResult(
            status: "created", snapshot: snapshot, files: try store.sourceFiles(snapshotId: snapshot.id),
            incompleteCaptures: content.incompleteCaptures, warnings: warnings)
    }
}
