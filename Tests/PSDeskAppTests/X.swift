import Testing
import VaporTesting
@testable import PSDeskApp
@Test func placeholder2() { #expect(1 == 1) }
