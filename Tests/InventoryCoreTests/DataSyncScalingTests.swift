import Foundation
import InventoryCore
import InventoryModel
import Testing

// Issue 11 item 7: a Resource Data Sync folder of many one-row objects costs what its bytes cost.
// Work is counted in SQLite page fetches, not seconds: ingesting four times the files must fetch
// about four times the pages (a per-file query over everything stored so far would make it sixteen).

@Suite struct DataSyncScalingTests {
    /// Writes `count` one-row Data Sync objects (one node each) and ingests them into a fresh store;
    /// returns the page fetches of the ingest and the snapshot.
    private func ingest(files count: Int) throws -> (pages: Int, snapshot: SnapshotInfo) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("datasync-scaling-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let leaf = directory.appendingPathComponent(
            "sync/AWS:Application/accountid=111122223333/region=us-east-1/resourcetype=ManagedInstanceInventory")
        try FileManager.default.createDirectory(at: leaf, withIntermediateDirectories: true)
        for index in 0..<count {
            let node = "i-" + String(format: "%017x", 0x1234_5678_9abc + index)
            let line = """
                {"Name":"pkg-\(index % 97)","Version":"1.\(index % 13)","Publisher":"Example","resourceId":"\(node)",\
                "captureTime":"2026-11-01T02:41:17Z","schemaVersion":"1.1"}

                """
            try Data(line.utf8).write(to: leaf.appendingPathComponent(node + ".json"))
        }
        let store = try InventoryStore(path: directory.appendingPathComponent("store.sqlite").path)
        let before = try store.pageAccesses()
        let result = try Ingestor(options: IngestOptions(), toolVersion: "test")
            .run(paths: [directory.appendingPathComponent("sync").path], store: store)
        return (try store.pageAccesses() - before, result.snapshot)
    }

    @Test func pageFetchesGrowLinearlyWithTheFileCount() throws {
        let small = try ingest(files: 600)
        let large = try ingest(files: 2_400)
        #expect(small.snapshot.nodeCount == 600 && large.snapshot.nodeCount == 2_400)
        #expect(large.snapshot.entryCount == 2_400 && large.snapshot.fileCount == 2_400)
        let ratio = Double(large.pages) / Double(small.pages)
        // 4× the files: 4× the pages, plus a little for deeper B-trees; quadratic work would be ~16×.
        #expect(ratio < 4.8, "2,400 files fetched \(large.pages) pages, 600 fetched \(small.pages): \(ratio)×")
    }
}
