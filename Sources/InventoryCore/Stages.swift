// The facade re-exports the stage modules so the CLI and the tests see one API: the stages'
// public values (Model), decoders (Capture), store, diff and renderers, plus the workflows here.
@_exported import InventoryCapture
@_exported import InventoryDiff
@_exported import InventoryModel
@_exported import InventoryReport
@_exported import SnapshotStore
