import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The project's one "replace a file atomically" routine. It lives in the wrapper because the
// wrapper needs it (libxlsxwriter writes a whole file at close) and it knows nothing of
// inventories; the report stage uses it for CSV files too, so both commit the same way.

/// A file written under a temporary name beside its destination and renamed over it only by
/// ``commit()``, so readers see either the old file or the complete new one, never a partial one.
///
/// The temporary name is `.<name>.tmp-<pid>-<random hex>` in the destination's directory (the
/// same filesystem, so `rename` is atomic). Writers create and fill ``temporaryPath`` themselves.
/// ``commit()`` flushes it to disk, renames it and flushes the directory; on failure, and in
/// ``discard()`` or when the value is released uncommitted, the temporary file is removed, so
/// none is ever left behind. Not `Sendable`: use it from one task.
public final class AtomicFile {
    /// Why a commit failed: the system call and its `strerror` text.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The failed operation with its paths, e.g. `rename /d/.a.tmp-1-f to /d/a`.
        public var operation: String
        /// `strerror(errno)` of the failed call.
        public var detail: String

        /// `"operation: detail"`.
        public var description: String { "\(operation): \(detail)" }
    }

    /// The file that ``commit()`` replaces.
    public let path: String
    /// Where the content is written until ``commit()``.
    public let temporaryPath: String
    /// True once committed or discarded.
    public private(set) var isFinished = false

    /// Chooses a fresh temporary name beside `path`; creates nothing.
    public init(replacing path: String) {
        let directory: String
        let fileName: String
        if let slash = path.lastIndex(of: "/") {
            directory = String(path[...slash])
            fileName = String(path[path.index(after: slash)...])
        } else {
            directory = "./"
            fileName = path
        }
        // pid and a random suffix: two processes, or two writers in one, never share a name.
        let suffix = String(UInt64.random(in: UInt64.min...UInt64.max), radix: 16)
        self.path = path
        temporaryPath = "\(directory).\(fileName).tmp-\(getpid())-\(suffix)"
    }

    deinit {
        // A writer that threw before committing must not leave its temporary file behind.
        if !isFinished { unlink(temporaryPath) }
    }

    /// Flushes the temporary file to disk, renames it over ``path`` and flushes the directory.
    ///
    /// On failure the temporary file is removed and any previous file at ``path`` is left as it
    /// was. A failed directory flush does not undo the rename, so it is not reported.
    /// - Throws: ``Failure`` for a failed `open`/`fsync`/`rename`, or when already finished.
    public func commit() throws(Failure) {
        guard !isFinished else {
            throw Failure(operation: "commit \(path)", detail: "already committed or discarded")
        }
        isFinished = true
        do throws(Failure) {
            try Self.syncFile(temporaryPath)
            guard rename(temporaryPath, path) == 0 else {
                throw Self.failure("rename \(temporaryPath) to \(path)")
            }
        } catch {
            unlink(temporaryPath)
            throw error
        }
        Self.syncDirectory(of: path)
    }

    /// Removes the temporary file (if it was created); ``path`` is not touched. Idempotent.
    public func discard() {
        guard !isFinished else { return }
        isFinished = true
        unlink(temporaryPath)
    }

    private static func failure(_ operation: String) -> Failure {
        Failure(operation: operation, detail: String(cString: strerror(errno)))
    }

    private static func syncFile(_ path: String) throws(Failure) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure("open \(path) for fsync") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("fsync \(path)") }
    }

    private static func syncDirectory(of path: String) {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            let head = String(path[..<slash])
            directory = head.isEmpty ? "/" : head
        } else {
            directory = "."
        }
        let descriptor = open(directory, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
