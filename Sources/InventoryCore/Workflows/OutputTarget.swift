import Foundation
import InventoryModel

/// The one check of where a workbook (or a CSV folder) goes, and the dated name a folder gets.
public enum OutputTarget {
    /// Checks `output` before any work: an `.xlsx` file in an existing writable folder, or (when
    /// `allowDirectory`) a writable folder, created when missing and its parent exists (cron's first night).
    /// - Returns: nil when usable, else the message for the user.
    public static func problem(with output: String, allowDirectory: Bool) -> String? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if allowDirectory, !output.lowercased().hasSuffix(".xlsx"), !manager.fileExists(atPath: output) {
            let parent = (output as NSString).deletingLastPathComponent
            if manager.fileExists(atPath: parent.isEmpty ? "." : parent) {
                try? manager.createDirectory(atPath: output, withIntermediateDirectories: false)
            } else {
                return "the parent directory \(parent) of \(output) does not exist"
            }
        }
        if allowDirectory, manager.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
            return manager.isWritableFile(atPath: output) ? nil : "the output directory \(output) is not writable"
        }
        guard output.lowercased().hasSuffix(".xlsx") else {
            return allowDirectory ? "--output must be an existing directory or an .xlsx file" : "--output must name an .xlsx file"
        }
        return parentProblem(of: output)
    }

    /// For a CSV export: the folder's parent must exist.
    public static func csvDirectoryProblem(_ output: String) -> String? {
        let parent = (output as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return "the parent directory of \(output) does not exist" }
        return nil
    }

    private static func parentProblem(of output: String) -> String? {
        let directory = (output as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "the output directory \(dir) does not exist"
        }
        return FileManager.default.isWritableFile(atPath: dir) ? nil : "the output directory \(dir) is not writable"
    }

    /// `output` itself, or inside a folder `inventory-<capture time, compact>.xlsx`
    /// (`inventory-20261129T030000Z.xlsx`; `snapshot-<id>` when the time is unusable).
    public static func workbookPath(_ output: String, snapshot: SnapshotInfo) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue else {
            return output
        }
        let time = (snapshot.takenAt ?? snapshot.ingestedAt).iso8601
        let stamp = time.filter { $0.isNumber || $0 == "T" || $0 == "Z" }
        let compact = stamp.count >= 15 ? String(stamp.prefix(15)) + "Z" : "snapshot-\(snapshot.id)"
        return (output as NSString).appendingPathComponent("inventory-\(compact).xlsx")
    }
}
