import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Snapshots: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored snapshots, oldest first.",
            discussion: """
                Examples:
                  inventory snapshots
                  inventory snapshots --json | jq '.[-1].id'
                """)

        @OptionGroup var store: StoreOptions

        @Flag(help: "Print JSON on stdout.")
        var json = false

        func run() throws {
            let store = try store.open(readOnly: true)
            let snapshots = try withExitCodes { try store.snapshots() }
            if json {
                try JSONOutput.print(snapshots)
                return
            }
            if snapshots.isEmpty {
                Console.out("no snapshots in \(store.path)")
                return
            }
            let header = ["ID", "LABEL", "TAKEN AT", "NODES", "ROWS", "RESOURCES", "FILES", "NOTE"]
            var table = [header]
            for snapshot in snapshots {
                table.append([
                    "\(snapshot.id)", snapshot.label ?? "-", snapshot.takenAt ?? "-", "\(snapshot.nodeCount)",
                    "\(snapshot.entryCount)", "\(snapshot.resourceCount)", "\(snapshot.fileCount)",
                    snapshot.complete ? "" : "incomplete",
                ])
            }
            Console.out(TextTable.render(table))
        }
    }
}
