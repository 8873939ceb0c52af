import Dispatch
import Foundation
import InventoryModel

/// SIGINT and SIGTERM ask the run to stop (`Cancellation`): the work in progress rolls back and
/// removes its temporary files, and the command exits 130 or 143. A second signal, or a run that
/// has not stopped within ten seconds (blocked on a lock or on standard input), exits at once;
/// SQLite then rolls the store back when it is next opened.
public enum SignalHandling {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers (once, at start-up).
    public static func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if Cancellation.requestedBy != nil { _exit(128 + number) }
                Cancellation.request(signal: number)
                DispatchQueue.global().asyncAfter(deadline: .now() + 10) { _exit(128 + number) }
            }
            source.resume()
            sources.append(source)
        }
    }
}
