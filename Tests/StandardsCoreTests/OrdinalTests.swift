import Testing
@testable import StandardsCore

@Suite("Ordinal tables match declaration order")
struct OrdinalTests {
    @Test func everyCaseMapsToItsDeclarationIndex() {
        #expect(DeadlineKey.allCases.count < 64, "waived time frames are a 64-bit mask")
        for (index, key) in DeadlineKey.allCases.enumerated() { #expect(key.ordinal == index) }
        for (index, type) in DocketEntryType.allCases.enumerated() { #expect(type.ordinal == index) }
        for (index, kind) in NoticeKind.allCases.enumerated() { #expect(kind.ordinal == index) }
    }

    @Test func profileWindowTableFollowsEdits() {
        var profile = RuleProfile.nar
        #expect(profile.window(.reply)?.days == 15)
        profile.windows[DeadlineKey.reply.rawValue] = WindowRule(12, rule: .a1_11)
        #expect(profile.window(.reply)?.days == 12)
        profile.windows[DeadlineKey.reply.rawValue] = nil
        #expect(profile.window(.reply) == nil)
    }
}
