import Foundation
import Testing
@testable import StandardsCore

private func entry(_ seq: Int, _ type: DocketEntryType, _ date: String, _ payload: Payload = [:], corrects: UUID? = nil, id: UUID = UUID()) -> DocketEntry {
    DocketEntry(id: id, sequence: seq, type: type, effectiveOn: CivilDate(date)!, recordedAt: Date(timeIntervalSince1970: Double(seq)),
                actorName: "PSA", payload: payload, corrects: corrects)
}

@Suite("Case numbers")
struct CaseNumberTests {
    @Test func formatsPerKindAndYear() {
        #expect(CaseNumber(kind: .ethics, year: 2026, sequence: 7).description == "E-2026-0007")
        #expect(CaseNumber(kind: .arbitration, year: 2026, sequence: 12).description == "A-2026-0012")
        #expect(CaseNumber(kind: .citation, year: 2027, sequence: 12345).description == "C-2027-12345")
    }

    @Test func parsesOnlyWellFormedNumbers() {
        #expect(CaseNumber("e-2026-0007") == CaseNumber(kind: .ethics, year: 2026, sequence: 7))
        for bad in ["E-2026", "X-2026-0001", "E-26-0001", "E-2026-", "E-2026-00a1", "E-2026-0000", "../etc"] {
            #expect(CaseNumber(bad) == nil, "\(bad)")
        }
    }
}

@Suite("Entry validation: one check for web, API and commands")
struct EntryValidationTests {
    @Test func refusesEntryOfAnotherCaseKind() {
        let refusals = EntryValidation.check(ProposedEntry(type: .awardRendered, effectiveOn: CivilDate("2026-05-01")!, payload: ["amountCents": .integer(100)]),
                                             kind: .ethics, docket: [])
        #expect(refusals.map(\.code) == ["entry_type_not_for_case_kind"])
        #expect(refusals.first?.rule == "a2.23")
    }

    @Test func checksPayloadFieldsByType() {
        let proposed = ProposedEntry(type: .hearingScheduled, effectiveOn: CivilDate("2026-05-01")!,
                                     payload: ["hearingOn": .text("2026-02-30"), "extra": .text("x")])
        let codes = EntryValidation.check(proposed, kind: .ethics, docket: []).map(\.code)
        #expect(codes.contains("unknown_payload_field"))
        #expect(codes.contains("invalid_payload_field"))

        let missing = EntryValidation.check(ProposedEntry(type: .arbitrationRequested, effectiveOn: CivilDate("2026-05-01")!),
                                            kind: .arbitration, docket: [])
        #expect(missing.map(\.code) == ["missing_payload_field"])

        let negative = EntryValidation.check(ProposedEntry(type: .arbitrationRequested, effectiveOn: CivilDate("2026-05-01")!,
                                                           payload: ["amountCents": .integer(-5)]), kind: .arbitration, docket: [])
        #expect(negative.first?.message.contains("negative") == true)

        let choice = EntryValidation.check(ProposedEntry(type: .gcDismissed, effectiveOn: CivilDate("2026-05-01")!,
                                                         payload: ["reason": .text("because")]), kind: .ethics, docket: [])
        #expect(choice.first?.message.contains("untimely") == true)
    }

    @Test func correctionsMustMatchTheirTarget() {
        let original = entry(1, .note, "2026-01-05", ["text": .text("first")])
        let wrongType = ProposedEntry(type: .closed, effectiveOn: CivilDate("2026-01-06")!, corrects: original.id)
        #expect(EntryValidation.check(wrongType, kind: .ethics, docket: [original]).map(\.code) == ["correction_type_mismatch"])
        let unknown = ProposedEntry(type: .note, effectiveOn: CivilDate("2026-01-06")!, payload: ["text": .text("x")], corrects: UUID())
        #expect(EntryValidation.check(unknown, kind: .ethics, docket: [original]).map(\.code) == ["corrected_entry_not_found"])
        let strikeWithoutTarget = ProposedEntry(type: .entryStruck, effectiveOn: CivilDate("2026-01-06")!, payload: ["reason": .text("error")])
        #expect(EntryValidation.check(strikeWithoutTarget, kind: .ethics, docket: [original]).map(\.code) == ["strike_needs_target"])
        let good = ProposedEntry(type: .note, effectiveOn: CivilDate("2026-01-07")!, payload: ["text": .text("fixed")], corrects: original.id)
        #expect(EntryValidation.check(good, kind: .ethics, docket: [original]).isEmpty)
    }
}

@Suite("Case projection: status and parties derive from the docket alone")
struct CaseProjectionTests {
    @Test func statusFollowsTheLatestStatusEntry() {
        let docket = [entry(1, .caseOpened, "2026-03-01"), entry(2, .complaintFiled, "2026-03-01", ["articles": .text("1")]),
                      entry(3, .complaintAcknowledged, "2026-03-03"), entry(4, .note, "2026-03-04", ["text": .text("called")]),
                      entry(5, .gcForwarded, "2026-04-10")]
        let projection = CaseProjection.build(kind: .ethics, docket: docket)
        #expect(projection.status == .forwarded)
        #expect(projection.openedOn?.description == "2026-03-01")
        #expect(projection.lastActivityOn?.description == "2026-04-10")
    }

    @Test func aCorrectionReplacesItsTargetAndNothingElse() {
        let forwarded = entry(3, .gcForwarded, "2026-04-10")
        let docket = [entry(1, .caseOpened, "2026-03-01"), entry(2, .complaintFiled, "2026-03-01", ["articles": .text("1")]), forwarded,
                      entry(4, .gcForwarded, "2026-04-12", corrects: forwarded.id)]
        let effective = CaseProjection.effectiveEntries(docket)
        #expect(effective.count == 3)
        #expect(effective.last?.id == forwarded.id)
        #expect(effective.last?.effectiveOn.description == "2026-04-12")
        #expect(CaseProjection.build(kind: .ethics, docket: docket).lastActivityOn?.description == "2026-04-12")
    }

    @Test func aStruckEntryNoLongerCounts() {
        let dismissed = entry(3, .gcDismissed, "2026-04-10", ["reason": .text("untimely")])
        let docket = [entry(1, .caseOpened, "2026-03-01"), entry(2, .complaintAcknowledged, "2026-03-02"), dismissed,
                      entry(4, .entryStruck, "2026-04-11", ["reason": .text("wrong case")], corrects: dismissed.id)]
        #expect(CaseProjection.build(kind: .ethics, docket: docket).status == .underReview)
    }

    @Test func partiesAreAddedAndRemovedByEntries() {
        let a = UUID(), b = UUID()
        let docket = [entry(1, .caseOpened, "2026-03-01"),
                      entry(2, .partyAdded, "2026-03-01", ["personId": .text(a.uuidString), "role": .text("complainant")]),
                      entry(3, .partyAdded, "2026-03-01", ["personId": .text(b.uuidString), "role": .text("respondent")]),
                      entry(4, .partyRemoved, "2026-03-05", ["personId": .text(b.uuidString), "role": .text("respondent")])]
        #expect(CaseProjection.build(kind: .ethics, docket: docket).parties == [PartyRef(personId: a, role: .complainant)])
    }

    @Test func ordersByEffectiveDateThenRecordingOrder() {
        // Recorded late but effective early: the status still reflects the later-effective event.
        let docket = [entry(1, .caseOpened, "2026-03-01"), entry(2, .gcForwarded, "2026-04-10"), entry(3, .complaintAcknowledged, "2026-03-03")]
        #expect(CaseProjection.build(kind: .ethics, docket: docket).status == .forwarded)
    }
}

/// One status enum per lifecycle (issue 11): each names only stored statuses, together they cover them all, and no
/// entry can move a case to a status outside its own kind's lifecycle.
@Suite("Lifecycles")
struct LifecycleTests {
    @Test func eachLifecycleNamesStoredStatusesAndTogetherTheyCoverAll() {
        let lists: [[String]] = [EthicsStatus.allCases.map(\.rawValue), ArbitrationStatus.allCases.map(\.rawValue), MediationStatus.allCases.map(\.rawValue),
                                 CitationStatus.allCases.map(\.rawValue)]
        for list in lists { for raw in list { #expect(CaseStatus(rawValue: raw) != nil, "\(raw) is a stored status") } }
        #expect(Set(CaseKind.allCases.flatMap(\.statuses)) == Set(CaseStatus.allCases))
        #expect(!CaseKind.citation.statuses.contains(.finalAction) && !CaseKind.mediation.statuses.contains(.awarded))
    }

    @Test func noEntryMovesACaseOutOfItsLifecycle() {
        // The payloads that decide a status (a dismissal appeal's outcome, a referral, a no-show…), each way.
        let payloads: [Payload] = [[:], ["outcome": .text("reinstated")], ["outcome": .text("granted")], ["partial": .text("yes")],
                                   ["absent": .text("respondent")], ["absent": .text("public-complainant")], ["complainantAbsent": .text("clear-strong-convincing")],
                                   ["replaces": .text("x")], ["action": .text("new-panel")], ["action": .text("sanction-to-panel")], ["action": .text("adopted")],
                                   ["event": .text("referred-to-directors")]]
        for type in DocketEntryType.allCases {
            for kind in CaseKind.allCases where type.allowed(on: kind) {
                for payload in payloads {
                    guard let status = type.resultingStatus(for: payload) else { continue }
                    // The one deliberate exception: a complainant's no-show is ethics'; the arbitration step refuses it
                    // (`HearingDaySteps.NoShow`) and the projection ignores it (`resultingStatus(for:on:)`).
                    if type == .hearingNoShow, kind == .arbitration, type.resultingStatus(for: payload, on: kind) == nil { continue }
                    #expect(kind.statuses.contains(status), "\(type.rawValue) on a \(kind.rawValue) case moves it to \(status.rawValue)")
                }
            }
        }
    }
}
