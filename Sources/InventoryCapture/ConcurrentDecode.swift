import Foundation
import InventoryModel

extension CaptureDecoder {
    /// `decodeFile` with the reading, parsing and row preparation on a second thread while
    /// `onItem` runs on the calling thread (the store's), so the two overlap. Items reach
    /// `onItem` in file order; at most `queueLimit` wait between the threads.
    /// - Throws: what `decodeFile` would throw: the first error of either side, after the
    ///   decoding thread has stopped (no work on the file goes on once this returns).
    public func decodeFileConcurrently(
        path: String, queueLimit: Int = 64, onItem: (ConfigurationItem) throws(InventoryError) -> Void
    ) throws(InventoryError) -> DecodedCapture? {
        let pipe = ItemPipe(limit: queueLimit)
        let decoder = self
        let thread = Thread {
            let outcome: Result<DecodedCapture?, InventoryError>
            do throws(InventoryError) {
                outcome = .success(try decoder.decodeFile(path: path) { item in try pipe.push(item) })
            } catch {
                outcome = .failure(error)
            }
            pipe.finish(outcome)
        }
        // Parsing recurses per nesting level; the main thread's default size, not a secondary's.
        thread.stackSize = 8 << 20
        thread.start()
        while true {
            let (batch, outcome) = pipe.take()
            for item in batch {
                do { try onItem(item) } catch {
                    pipe.stopAndWait()
                    throw error
                }
            }
            if let outcome { return try outcome.get() }
        }
    }
}

/// Items handed from the decoding thread to the storing one, at most `limit` waiting.
private final class ItemPipe: @unchecked Sendable {
    /// Thrown to the decoding thread once the storing side has failed.
    struct Stopped: Error {}

    private let condition = NSCondition()
    private let limit: Int
    private var items: [ConfigurationItem] = []
    private var stopped = false
    private var outcome: Result<DecodedCapture?, InventoryError>?

    init(limit: Int) { self.limit = max(1, limit) }

    /// Decoding side: waits while the queue is full.
    func push(_ item: ConfigurationItem) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= limit, !stopped { condition.wait() }
        if stopped { throw Stopped() }
        items.append(item)
        condition.broadcast()
    }

    /// Decoding side: the end of the file (or its error).
    func finish(_ result: Result<DecodedCapture?, InventoryError>) {
        condition.lock()
        outcome = result
        condition.broadcast()
        condition.unlock()
    }

    /// Storing side: every waiting item, or none and the outcome once decoding has ended.
    func take() -> (items: [ConfigurationItem], outcome: Result<DecodedCapture?, InventoryError>?) {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, outcome == nil { condition.wait() }
        if items.isEmpty { return ([], outcome) }
        let batch = items
        items = []
        condition.broadcast()
        return (batch, nil)
    }

    /// Storing side: stops the decoding thread and waits until it has ended.
    func stopAndWait() {
        condition.lock()
        stopped = true
        items = []
        condition.broadcast()
        while outcome == nil { condition.wait() }
        condition.unlock()
    }
}
