import Foundation

/// Realistic dockets in the shapes the app writes, for the benchmark and `psdesk seed --synthetic`: an ethics
/// complaint from filing to compliance (30 entries when whole), an arbitration to its award, a citation accepted, a
/// mediation. Cut short at `entries`, a docket stands at an earlier stage. Deterministic in `seed`.
public enum SyntheticDockets {
    /// Who the docket names.
    public struct People: Sendable {
        public var complainant: UUID
        public var respondent: UUID
        /// The hearing panel, chair first; empty for names only.
        public var panel: [UUID]
        public init(complainant: UUID, respondent: UUID, panel: [UUID] = []) {
            self.complainant = complainant; self.respondent = respondent; self.panel = panel
        }
        public static let placeholder = People(complainant: UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!,
                                               respondent: UUID(uuidString: "7F9619FF-8B86-D011-B42D-00C04FC964FF")!)
    }

    /// The Articles complaints most often cite, and what they say happened: a case list's Article filter and search have
    /// different cases to find.
    static let citedArticles = ["1, 2", "12", "1", "3", "2, 12", "16", "1, 9", "11"]
    static let narratives = [
        "The listing agent did not disclose the roof damage she knew about.",
        "The advertisement showed a price the seller never agreed to.",
        "The cooperating broker was refused a showing without reason.",
        "The agent contacted my client directly about an exclusive listing.",
        "Earnest money was kept in the broker's operating account.",
        "The property description left out the flood zone.",
        "A lockbox code was shared with an unlicensed assistant.",
    ]

    /// The kind of case seed `seed` makes: half ethics, then arbitration, citation, mediation.
    public static func kind(_ seed: Int) -> CaseKind {
        let kinds: [CaseKind] = [.ethics, .ethics, .ethics, .arbitration, .citation, .mediation]
        return kinds[seed % kinds.count]
    }

    /// - Parameters:
    ///   - startOn: the day the case opens; by default one of 900 days from 2024-01-01.
    public static func docket(_ seed: Int, entries count: Int, people: People = .placeholder, startOn: CivilDate? = nil,
                              recordedAt: Date = Date(timeIntervalSince1970: 1_700_000_000)) -> (CaseKind, [DocketEntry]) {
        let kind = kind(seed)
        let start = (startOn ?? CivilDate("2024-01-01")!).adding(days: startOn == nil ? seed % 900 : 0)
        var list: [DocketEntry] = []
        func add(_ type: DocketEntryType, _ offset: Int, _ payload: Payload = [:]) {
            guard list.count < count else { return }
            list.append(DocketEntry(sequence: list.count + 1, type: type, effectiveOn: start.adding(days: offset),
                                    recordedAt: recordedAt, actorName: "PSA", payload: payload))
        }
        func notice(_ kind: NoticeKind, _ offset: Int) {
            add(.noticeSent, offset, ["notice": .text(kind.rawValue), "receivedOn": .text(start.adding(days: offset + 3).description)])
        }
        add(.caseOpened, 0)
        add(.partyAdded, 0, ["personId": .text(people.complainant.uuidString), "role": .text("complainant")])
        add(.partyAdded, 0, ["personId": .text(people.respondent.uuidString), "role": .text("respondent")])
        switch kind {
        case .arbitration:
            add(.arbitrationRequested, 0, ["amountCents": .integer(500_000), "transactionConcludedOn": .text(start.adding(days: -60).description)])
            add(.arbitrationClassified, 20, ["classification": .text("mandatory")])
            notice(.requestServed, 21)
            add(.replyReceived, 30)
            add(.mediationRequested, 31)
            add(.mediationEnded, 60)
            add(.hearingScheduled, 61, ["hearingOn": .text(start.adding(days: 90).description)])
            notice(.papersToPanel, 84)
            add(.hearingHeld, 90)
            add(.awardRendered, 91, ["amountCents": .integer(250_000), "prevailing": .text("claimant")])
            notice(.award, 93)
            // What follows an award, in five shapes, so the escrow register has every kind of line (issue 15).
            let shape = (seed / 6) % 5
            if shape < 4 { add(.awardEscrowed, 100, ["amountCents": .integer(250_000)]) }
            if shape == 1 || shape == 3 {
                add(.reviewRequested, 105, ["by": .text("respondent"), "defect": .text("bias"), "explanation": .text("The chair knew the claimant."),
                                            "depositCents": .integer(50_000)])
            }
            if shape == 2 { add(.awardPaid, 130, ["amountCents": .integer(250_000), "released": .text("yes")]) }
            if shape == 3 {
                add(.reviewDecided, 120, ["outcome": .text("confirmed"), "depositDisposition": .text("to-treasury")])
                add(.suitNoticed, 125, ["by": .text("respondent"), "court": .text("Circuit Court")])
            }
        case .citation:
            add(.citationIssued, 0, ["standard": .text("12-7"), "fineCents": .integer(10_000)])
            notice(.citation, 0)
            add(.citationAccepted, 12)
        default:
            add(.informalProcess, 0, ["process": .text("mediation"), "startedOn": .text(start.adding(days: -40).description),
                                      "endedOn": .text(start.adding(days: -20).description)])
            add(.complaintFiled, 0, ["articles": .text(citedArticles[seed % citedArticles.count]),
                                     "narrative": .text(narratives[seed % narratives.count]),
                                     "transactionConcludedOn": .text(start.adding(days: -100).description)])
            add(.complaintAcknowledged, 2)
            add(.note, 3, ["text": .text("Called the complainant")])
            add(.gcForwarded, 30)
            notice(.gcDecision, 31)
            notice(.complaintServed, 32)
            add(.replyReceived, 45)
            notice(.replyForwarded, 47)
            notice(.distribution, 48)
            notice(.panelList, 50)
            add(.challengeFiled, 55, ["challenged": .text("A. Member"), "reason": .text("same firm")])
            add(.panelNamed, 63, people.panel.isEmpty ? ["members": .text("A, B, C")]
                          : ["members": .text("A, B, C"), "memberIds": .text(people.panel.map(\.uuidString).joined(separator: ",")),
                             "chairId": .text(people.panel[0].uuidString)])
            add(.hearingScheduled, 64, ["hearingOn": .text(start.adding(days: 95).description)])
            notice(.witnessAndCounsel, 78)
            notice(.papersToPanel, 89)
            add(.hearingHeld, 95)
            add(.decisionFiled, 96, ["outcome": .text("violation"), "discipline": .text("reprimand; fine: 500.00")])
            add(.counselReviewed, 99)
            notice(.decision, 100)
            add(.appealFiled, 115, ["basis": .text("discipline"), "appellant": .text("respondent"), "grounds": .text("discipline"),
                                    "depositCents": .integer(50_000)])
            add(.appealReviewed, 120, ["outcome": .text("proceed")])
            add(.appealHearingScheduled, 121, ["hearingOn": .text(start.adding(days: 140).description)])
            add(.appealHeard, 140)
            notice(.directorsDecision, 142)
            add(.documentFiled, 143, ["title": .text("Directors' decision")])
            add(.finalAction, 150, ["action": .text("adopted"), "depositDisposition": .text("to-treasury")])
            add(.disciplineCompliance, 151, ["event": .text("fine-paid"), "amountCents": .integer(50_000)])
        }
        while list.count < count { add(.note, 160 + list.count, ["text": .text("Follow-up")]) }
        return (kind, list)
    }
}
