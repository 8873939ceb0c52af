import ArgumentParser
import Foundation
import InventoryCore

extension InventoryCommand {
    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete old snapshots and reclaim space.",
            discussion: """
                Removes snapshots beyond the newest --keep N and/or taken more than --older-than ago (90d, 12w, 6m, 1y), then VACUUMs the store. The newest snapshot is always kept, and so are labelled snapshots unless --include-labelled.

                Examples:
                  inventory prune --keep 30
                  inventory prune --older-than 90d --dry-run
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "Keep the newest N snapshots.")
        var keep: Int?

        @Option(help: ArgumentHelp("Remove snapshots taken more than this long ago: Nd, Nw, Nm (30 days) or Ny.", valueName: "age"))
        var olderThan: String?

        @Flag(help: "Also remove labelled snapshots.")
        var includeLabelled = false

        @Flag(help: "Only list what would be removed.")
        var dryRun = false

        @Flag(help: "Print the result as JSON on stdout.")
        var json = false

        func validate() throws {
            if keep == nil && olderThan == nil { throw ValidationError("give --keep N, --older-than AGE, or both") }
            if let keep, keep < 1 { throw ValidationError("--keep must be at least 1") }
            if let olderThan, Self.seconds(olderThan) == nil {
                throw ValidationError("--older-than takes a number and a unit: 90d, 12w, 6m or 1y")
            }
        }

        static func seconds(_ text: String) -> TimeInterval? {
            guard let unit = text.last, let count = Double(text.dropLast()), count >= 0 else { return nil }
            let day: TimeInterval = 86_400
            switch unit {
            case "d": return count * day
            case "w": return count * 7 * day
            case "m": return count * 30 * day
            case "y": return count * 365 * day
            default: return nil
            }
        }

        func run() throws {
            let store = try store.open()
            let cutoff = olderThan.flatMap(Self.seconds).map { Date().addingTimeInterval(-$0) }
            let result = try withExitCodes {
                try store.prune(keep: keep, olderThan: cutoff, includeLabelled: includeLabelled, dryRun: dryRun)
            }
            if json {
                try JSONOutput.print(result)
                return
            }
            let ids = result.removed.map { "\($0.id)" }.joined(separator: ", ")
            if result.removed.isEmpty {
                Console.out("nothing to prune; \(result.kept) snapshots kept")
            } else if dryRun {
                Console.out("would remove \(result.removed.count) snapshots (\(ids)); \(result.kept) would be kept")
            } else {
                Console.out("removed \(result.removed.count) snapshots (\(ids)); \(result.kept) kept; store \(result.bytesBefore) → \(result.bytesAfter) bytes")
            }
        }
    }
}
