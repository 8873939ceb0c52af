import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Verify: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.verify.abstract, discussion: CommandHelp.verify.discussion)

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func validate() throws { try output.allow([.text, .json]) }

        func run(in context: CommandContext) throws {
            let inventory = try store.open(context, readOnly: true)
            let result = try context.core { () throws(InventoryError) in try inventory.verify() }
            if output.resolved == .json { try context.json(result) } else { context.out(result.text(path: inventory.path)) }
            if !result.isSound { throw ExitCode(2) }
        }
    }
}
