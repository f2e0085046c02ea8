// swift-tools-version: 6.0
// lcaopt: openLCA databases to cost/impact-optimal supply chains, solved through GLPK.
import PackageDescription

let package = Package(
    name: "lcaopt",
    products: [
        .executable(name: "lcaopt", targets: ["lcaopt"]),
        .library(name: "OpenLCA", targets: ["OpenLCA"]),
        .library(name: "Impact", targets: ["Impact"]),
        .library(name: "LPModel", targets: ["LPModel"]),
        .library(name: "GLPKBackend", targets: ["GLPKBackend"]),
        .library(name: "HiGHSBackend", targets: ["HiGHSBackend"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // MARK: C libraries, each behind one shim and imported by exactly one Swift target.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        .systemLibrary(name: "CUMFPACK", providers: [.apt(["libsuitesparse-dev"])]),

        // MARK: Data: SQLite access and the openLCA reader.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "OpenLCA", dependencies: ["SQLite"]),
        .target(name: "OpenLCAFixtures", dependencies: ["SQLite"]),

        // MARK: Characterisation (direct scope, and the system scope through a sparse LU).
        .target(name: "SparseLU", dependencies: ["CUMFPACK"]),
        .target(name: "Impact", dependencies: ["OpenLCA", "SparseLU"]),

        // MARK: File shapes: unknown keys, types and JSON Schemas of every file kind lcaopt reads.
        .target(name: "InputSchema", dependencies: [.product(name: "Yams", package: "Yams")]),

        // MARK: Linear programming: solver-independent model, GLPK backend.
        .target(name: "LPModel"),
        .target(name: "GLPKBackend", dependencies: ["LPModel", "CGLPK"]),
        // HiGHS's C API, loaded from libhighs.so at run time (a build without HiGHS still works).
        .target(name: "HiGHSBackend", dependencies: ["LPModel"]),

        // MARK: What every model family shares: the family protocols, errors, result context and tables, solve reports.
        .target(name: "ModelFamily", dependencies: ["LPModel", "InputSchema"]),

        // MARK: The supply-chain model: model files, resolution against a database, LP building.
        .target(name: "SupplyChain", dependencies: ["ModelFamily", "OpenLCA", "Impact", "LPModel", "InputSchema", .product(name: "Yams", package: "Yams")]),

        // MARK: The network model: buses, supplies, links, transport, stores, capacity expansion (docs/network.md).
        .target(name: "Network", dependencies: ["ModelFamily", "OpenLCA", "Impact", "LPModel", "InputSchema", .product(name: "SwiftCSV", package: "SwiftCSV")]),

        // MARK: LP/MPS files a user already has, as a model family (fronts over their rows).
        .target(name: "LPFile", dependencies: ["ModelFamily", "LPModel"]),

        // MARK: MOLA configurations: conversion to native models, MOLA's own arithmetic for comparison.
        .target(name: "MOLA", dependencies: ["SupplyChain", "OpenLCA", "LPModel", "InputSchema"]),

        // MARK: One loader for every model file kind (reads each file once, finds its database in one place).
        .target(name: "ModelLoader", dependencies: ["ModelFamily", "InputSchema", "SupplyChain", "Network", "MOLA", "OpenLCA"]),

        // MARK: Pareto fronts (against the solver protocol only).
        .target(name: "Pareto", dependencies: ["LPModel"]),

        // MARK: Reports: charts and files for people.
        .target(name: "Reports", dependencies: ["ModelFamily", "InputSchema", "Pareto", "LPModel"]),

        // MARK: Batch evaluation of scenarios.
        .target(name: "Batch", dependencies: ["InputSchema", "ModelFamily", "ModelLoader", "Pareto", "Reports", "LPModel"]),
        // Monte Carlo over openLCA's distributions, for any family: batch's writer and shards, warm re-solves.
        .target(name: "Uncertainty", dependencies: ["Batch", "Impact", "OpenLCA", "ModelFamily", "LPModel", "Pareto", "Reports", "InputSchema"]),

        // MARK: Command-line tool (thin: every command is a library call).
        .executableTarget(
            name: "lcaopt",
            dependencies: [
                "OpenLCA", "OpenLCAFixtures", "Impact", "LPModel", "GLPKBackend", "HiGHSBackend", "SupplyChain", "Network", "LPFile", "MOLA", "ModelLoader", "Pareto", "Reports", "Batch", "Uncertainty",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Yams", package: "Yams"),
            ]
        ),

        // MARK: Writes the committed example database.
        .executableTarget(name: "lcaopt-fixtures", dependencies: ["OpenLCAFixtures"]),

        // MARK: Benchmarks (print tables; run in release).
        .executableTarget(
            name: "lcaopt-bench",
            dependencies: [
                "SQLite", "OpenLCA", "OpenLCAFixtures", "Impact", "LPModel", "GLPKBackend", "HiGHSBackend", "SupplyChain", "Network", "MOLA", "ModelLoader", "Pareto", "Batch", "Uncertainty",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Test support (independent checks shared by test targets).
        .target(name: "TestSupport", dependencies: ["LPModel"]),

        // MARK: Tests.
        .testTarget(name: "InputSchemaTests", dependencies: ["InputSchema"]),
        .testTarget(name: "OpenLCATests", dependencies: ["OpenLCA", "OpenLCAFixtures", "SQLite"]),
        .testTarget(name: "ImpactTests", dependencies: ["Impact", "OpenLCA", "OpenLCAFixtures", "SQLite"]),
        .testTarget(name: "UncertaintyTests", dependencies: ["Uncertainty", "Impact", "OpenLCA", "OpenLCAFixtures", "SQLite", "SupplyChain", "Network", "ModelLoader", "ModelFamily", "Batch", "GLPKBackend", "LPModel"]),
        .testTarget(name: "LPModelTests", dependencies: ["LPModel", "GLPKBackend", "HiGHSBackend", "TestSupport"]),
        .testTarget(name: "SupplyChainTests", dependencies: ["SupplyChain", "GLPKBackend", "OpenLCA", "OpenLCAFixtures", "LPModel", "TestSupport"]),
        .testTarget(name: "ParetoTests", dependencies: ["ModelFamily", "Pareto", "LPModel", "GLPKBackend", "HiGHSBackend", "SupplyChain", "Reports", "OpenLCAFixtures"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "SupplyChain", "GLPKBackend", "LPModel", "OpenLCAFixtures", "TestSupport"]),
        .testTarget(name: "NetworkTests", dependencies: ["Network", "ModelFamily", "ModelLoader", "GLPKBackend", "HiGHSBackend", "LPModel", "Pareto", "Batch", "OpenLCA", "OpenLCAFixtures", "TestSupport"]),
        .testTarget(name: "MOLATests", dependencies: ["MOLA", "ModelLoader", "SupplyChain", "GLPKBackend", "LPModel", "OpenLCA", "OpenLCAFixtures"]),
        .testTarget(name: "CLITests", dependencies: ["lcaopt", "OpenLCAFixtures", "OpenLCA", "MOLA", "ModelLoader", "SQLite", "TestSupport", "LPModel"]),
    ],
    swiftLanguageModes: [.v6]
)
