import ArgumentParser
import InventoryCore

/// Runs a core call; a core error is printed to stderr and becomes exit code 2.
func withExitCodes<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InventoryError {
        Console.error("error: \(error)")
        throw ExitCode(2)
    }
}
