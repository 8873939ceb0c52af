import Synchronization

/// A process-wide "stop now" request, set from a signal handler (SIGINT, SIGTERM) and checked
/// by long-running work between units (files, items, sheets) so that it can roll back and
/// remove its temporary files instead of dying half-way.
public enum Cancellation {
    private static let signal = Atomic<Int32>(0)

    /// Records that the run should stop because of `signalNumber` (first request wins).
    public static func request(signal signalNumber: Int32) {
        _ = signal.compareExchange(expected: 0, desired: signalNumber, ordering: .sequentiallyConsistent)
    }

    /// The signal that asked the run to stop, or nil.
    public static var requestedBy: Int32? {
        let value = signal.load(ordering: .sequentiallyConsistent)
        return value == 0 ? nil : value
    }

    /// Throws `InventoryError.interrupted` when a stop was requested.
    public static func check() throws(InventoryError) {
        if let number = requestedBy { throw .interrupted(signal: number) }
    }
}
