import Testing
@testable import StandardsCore
@Test func placeholder() { #expect(1 == 1) }
