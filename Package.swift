// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "inventory",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "inventory", targets: ["inventory"]),
        .library(name: "InventoryCore", targets: ["InventoryCore"]),
        .library(name: "XlsxWriter", targets: ["XlsxWriter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "XlsxWriter",
            dependencies: ["CXlsxWriter"]
        ),
        // Stages, one target each; the compiler holds the arrows of docs/ARCHITECTURE.md.
        .target(
            name: "InventoryModel",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "InventoryCapture",
            dependencies: ["InventoryModel", "CZlib"]
        ),
        .target(
            name: "SnapshotStore",
            dependencies: ["InventoryModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "InventoryDiff",
            dependencies: ["InventoryModel", "SnapshotStore"]
        ),
        .target(
            name: "InventoryReport",
            dependencies: ["InventoryModel", "InventoryDiff", "SnapshotStore", "XlsxWriter", "CZlib"]
        ),
        // The facade: workflows (ingest, export, report, prune) the CLI calls.
        .target(
            name: "InventoryCore",
            dependencies: [
                "InventoryModel", "InventoryCapture", "SnapshotStore", "InventoryDiff", "InventoryReport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "inventory",
            dependencies: [
                "InventoryCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Test-only: reads .xlsx files back as zip + XML, independently of our writer.
        .target(name: "XlsxInspection", path: "Tests/Support/XlsxInspection"),
        .testTarget(name: "InventoryModelTests", dependencies: ["InventoryModel"]),
        .testTarget(name: "XlsxWriterTests", dependencies: ["XlsxWriter", "XlsxInspection"]),
        .testTarget(name: "InventoryCoreTests", dependencies: ["InventoryCore", "XlsxInspection"]),
        .testTarget(name: "inventoryTests", dependencies: ["inventory", "InventoryCore", "XlsxInspection"]),
        // Unit tests per stage, in process: Capture, Normalise, Store, Diff, Report (+ golden files).
        .testTarget(
            name: "StageTests",
            dependencies: [
                "InventoryModel", "InventoryCapture", "SnapshotStore", "InventoryDiff", "InventoryReport", "InventoryCore",
                "XlsxWriter", "XlsxInspection", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Golden"]
        ),
    ]
)
