// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "psdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "psdesk", targets: ["psdesk"]),
        .executable(name: "psdesk-bench", targets: ["psdesk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Pure domain: value types and functions only. No Vapor, Fluent, clock or I/O.
        .target(name: "StandardsCore"),
        .target(
            name: "PSDeskApp",
            dependencies: [
                "StandardsCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(name: "psdesk", dependencies: ["PSDeskApp"]),
        // Benchmarks of the pure engine; build with -c release (BENCHMARKS.md).
        .executableTarget(name: "psdesk-bench", dependencies: ["StandardsCore"]),
        .testTarget(
            name: "StandardsCoreTests",
            dependencies: ["StandardsCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "PSDeskAppTests",
            dependencies: [
                "PSDeskApp",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
