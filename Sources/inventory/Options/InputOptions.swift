import ArgumentParser
import Foundation
import InventoryCore

/// What `ingest` and `report` read and how: label, tolerance, overrides for files that name no
/// node or type, and the hidden seams the crash and streaming tests use.
struct InputOptions: ParsableArguments {
    @Option(help: "A unique name for the new snapshot.")
    var label: String?
    @Flag(help: "Store the good files and list the bad ones instead of storing nothing.")
    var keepGoing = false
    @Flag(help: "Warnings fail the run (exit 2, nothing stored).")
    var strict = false
    @Option(
        help: ArgumentHelp("Managed node id for files that do not name one (custom inventory files, put-inventory items).", valueName: "id")
    )
    var nodeId: String?
    @Option(
        help: ArgumentHelp("Inventory type for Resource Data Sync rows whose path names none (e.g. AWS:Application).", valueName: "type"))
    var typeName: String?
    @Flag(help: "Replace invalid UTF-8 with U+FFFD and warn, instead of refusing the file.")
    var repairUtf8 = false
    @Option(
        help: ArgumentHelp(
            "The largest single JSON string or streamed Config item accepted, in bytes (default 64 MiB); larger ones fail their file. Files read whole are limited to 256 MiB expanded.",
            valueName: "bytes"))
    var maxValueBytes: Int?
    @Option(help: .hidden)
    var streamThreshold: Int?
    @Option(help: .hidden)
    var pauseBeforeCommit: Double?
    @Argument(help: "Capture files, directories, or - for standard input.", completion: .file())
    var paths: [String]

    func validate() throws {
        if let label, let problem = SnapshotLabel.problem(with: label) { throw ValidationError("--label: \(problem)") }
        if let maxValueBytes, maxValueBytes < 1 { throw ValidationError("--max-value-bytes: must be at least 1") }
        if let streamThreshold, streamThreshold < 0 { throw ValidationError("--stream-threshold: must be 0 or more") }
        if let pauseBeforeCommit, !(pauseBeforeCommit.isFinite && pauseBeforeCommit >= 0) {
            throw ValidationError("--pause-before-commit: must be a number of seconds, 0 or more")
        }
    }

    func ingestor(_ context: CommandContext) -> Ingestor {
        var options = IngestOptions(
            label: label, keepGoing: keepGoing, nodeIdOverride: nodeId, typeNameOverride: typeName,
            repairInvalidUTF8: repairUtf8, strict: strict)
        if let streamThreshold { options.streamThreshold = max(streamThreshold, 0) }
        if let maxValueBytes { options.maxValueBytes = maxValueBytes }
        var ingestor = Ingestor(options: options, toolVersion: InventoryVersion.current, now: context.environment.now)
        if let pauseBeforeCommit, pauseBeforeCommit > 0 {
            ingestor.beforeCommit = { Thread.sleep(forTimeInterval: min(pauseBeforeCommit, 3600)) }
        }
        return ingestor
    }
}
