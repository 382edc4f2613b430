import Vapor
import Fluent
import StandardsCore

extension DemoSeed {
    /// A dozen cases at different stages, written through the same use cases as the app, so their
    /// projections are built exactly as live cases' are.
    static func seedCases(obar: Association, albemarle: Association, people: [String: UUID], albPeople: [String: UUID],
                          publicPeople: [UUID], albPublic: [UUID], psa: Actor, albPSA: Actor, on db: Database) async throws {
        let obarScope = AssociationScope(association: obar, roles: [.staff])
        let albScope = AssociationScope(association: albemarle, roles: [.staff])
        // 2026-11-27, after the latest demo entry, fixed for a repeatable demo: nothing shows as recorded before it happened.
        let recordedAt = Date(timeIntervalSince1970: 1_795_800_000)

        func open(_ scope: AssociationScope, _ actor: Actor, _ kind: CaseKind, _ title: String, _ on: String,
                  _ parties: [(UUID, PartyRole)], steps: [(DocketEntryType, String, Payload)]) async throws -> CaseRecord {
            let record = try await OpenCase.run(.init(kind: kind, title: title, openedOn: CivilDate(on)!, summary: nil,
                                                      parties: parties.map { PartyRef(personId: $0.0, role: $0.1) }),
                                                in: scope, by: actor, now: recordedAt, on: db)
            let entries = steps.map { ProposedEntry(type: $0.0, effectiveOn: CivilDate($0.1)!, payload: $0.2) }
            if !entries.isEmpty { try await DocketStore.append(entries, to: record, by: actor, at: recordedAt, on: db) }
            return record
        }
        let p = { (number: String) in people[number]! }
        // The shared Professional Standards Committee (a1.14): seven OBAR members chaired by Victor Quidley
        // (login psc@obar.example) and three from Albemarle; one OBAR member's training has lapsed (a2.7).
        let committee: [(Association, UUID, Bool, String)] = [
            (obar, p("OB-1024"), true, "2027-06-30"), (obar, p("OB-1005"), false, "2027-06-30"), (obar, p("OB-1007"), false, "2027-03-31"),
            (obar, p("OB-1010"), false, "2027-06-30"), (obar, p("OB-1012"), false, "2026-06-30"), (obar, p("OB-1016"), false, "2027-06-30"),
            (obar, p("OB-1019"), false, "2027-06-30"),
            (albemarle, albPeople["AL-1005"]!, true, "2027-06-30"), (albemarle, albPeople["AL-1008"]!, false, "2027-06-30"),
            (albemarle, albPeople["AL-1011"]!, false, "2027-01-31")]
        // The agreement's first appointments (1 January 2025) run for one, two and three years in turn, a third each
        // (appendix (4)(c)); the first third was reappointed for three years in January 2026. One Albemarle term ends in
        // January, so the committee page warns of it.
        for ((association, person, chair, through), years) in zip(committee, CommitteeTerms.initialYears(count: committee.count)) {
            let seat = CommitteeSeat(associationID: try association.requireID(), personID: person, isChair: chair, trainingThrough: through)
            seat.termStartsOn = years == 1 ? "2026-01-01" : "2025-01-01"
            seat.termEndsOn = years == 1 ? "2028-12-31" : CommitteeTerms.endsOn(startingOn: CivilDate("2025-01-01")!, years: years).description
            if person == albPeople["AL-1011"]! { seat.termEndsOn = "2027-01-20" }
            seat.appointedBy = "the President"  // each signatory's President appoints its members (appendix (4)(b))
            try await seat.create(on: db)
        }
        // Appointment criteria for part of the committee (S3 1.3.2): the chair can ask the panel assistant for commercial
        // practitioners, or for long service.
        let criteria: [(Association, UUID, Int, Int, ArbitrationField, ArbitrationField?, [String])] = [
            (obar, p("OB-1024"), 22, 25, .commercial, .residential, ["NC"]), (obar, p("OB-1010"), 9, 12, .commercial, nil, ["NC", "VA"]),
            (obar, p("OB-1016"), 15, 15, .residential, .commercial, ["NC"]), (obar, p("OB-1005"), 6, 8, .residential, nil, ["NC"]),
            (albemarle, albPeople["AL-1005"]!, 18, 20, .commercial, .investment, ["NC"])]
        for (association, person, realtor, business, primary, secondary, states) in criteria {
            let row = AppointmentCriteriaRecord(associationID: try association.requireID(), personID: person)
            row.set(AppointmentCriteria(yearsRealtor: realtor, yearsInRealEstate: business, primaryField: primary, secondaryField: secondary,
                                        postLicensingEducation: true, codeOfEthicsTraining: realtor > 8, states: states))
            try await row.create(on: db)
        }
        // The joint Grievance Committee (appendix (4)(a)): Helen Midgett (gc@obar.example) chairs it; one from Albemarle.
        for (association, person, chair) in [(obar, p("OB-1017"), true), (obar, p("OB-1021"), false), (obar, p("OB-1027"), false),
                                             (albemarle, albPeople["AL-1010"]!, false)] {
            let seat = CommitteeSeat(associationID: try association.requireID(), personID: person, committee: CommitteeBody.grievance.rawValue, isChair: chair,
                                     trainingThrough: "2027-06-30")
            seat.termStartsOn = "2025-01-01"
            seat.termEndsOn = "2027-12-31"
            seat.appointedBy = chair ? "the signatories' Presidents" : "the President"
            try await seat.create(on: db)
        }
        // Mediation officers, one from each signatory (appendix (4)(d)): Samuel Daniels (mediator@obar.example) for OBAR.
        for (association, person) in [(obar, p("OB-1013")), (albemarle, albPeople["AL-1012"]!)] {
            try await CommitteeSeat(associationID: association.requireID(), personID: person, committee: CommitteeBody.mediators.rawValue,
                                    trainingThrough: nil).create(on: db)
        }
        // OBAR's citation panel: three PSC members of three firms, appointed by the executive officer (S3 9.1.2).
        for number in ["OB-1005", "OB-1016", "OB-1019"] {
            try await CommitteeSeat(associationID: obar.requireID(), personID: p(number), committee: Committee.Kind.citationPanel.rawValue,
                                    trainingThrough: nil).create(on: db)
        }
        // Each Board of Directors, who hear the association's appeals (a1.27): the President chairs OBAR's.
        let boards: [(Association, [UUID])] = [
            (obar, ["OB-1001", "OB-1009", "OB-1025", "OB-1026", "OB-1029", "OB-1030", "OB-1032"].map(p)),
            (albemarle, ["AL-1003", "AL-1004", "AL-1006", "AL-1007", "AL-1009"].map { albPeople[$0]! })]
        for (association, directors) in boards {
            for (index, person) in directors.enumerated() {
                try await CommitteeSeat(associationID: association.requireID(), personID: person, committee: "directors", isChair: index == 0,
                                        trainingThrough: nil).create(on: db)
            }
        }
        // The list sent to the parties names the whole pool shared under the regional agreement: a panel is chosen
        // only from names the parties could challenge (a1.14).
        let pool = committee.map(\.1.uuidString).joined(separator: ",")
        let panel = [p("OB-1024"), p("OB-1005"), p("OB-1010")].map(\.uuidString).joined(separator: ",")
        let panelNames = "Victor Quidley (chair), and two committee members"
        let complaint: (String, String?, String?) -> Payload = { articles, concluded, known in
            var payload: Payload = ["articles": .text(articles)]
            if let concluded { payload["transactionConcludedOn"] = .text(concluded) }
            if let known { payload["factsKnownOn"] = .text(known) }
            return payload
        }

        // 1. Filed by a member of the public, awaiting intake.
        _ = try await open(obarScope, psa, .ethics, "Pender v. Scarborough — misrepresentation of flood zone", "2026-11-16",
                           [(publicPeople[0], .complainant), (p("OB-1020"), .respondent)],
                           steps: [(.complaintFiled, "2026-11-16", complaint("1, 2", "2026-09-30", "2026-10-20"))])
        // 2. Acknowledged, under Grievance Committee review.
        _ = try await open(obarScope, psa, .ethics, "Wright v. Payne — undisclosed interest", "2026-10-27",
                           [(publicPeople[1], .complainant), (p("OB-1022"), .respondent), (p("OB-1002"), .principalOfRespondent)],
                           steps: [(.informalProcess, "2026-10-27", ["process": .text("ombuds"), "startedOn": .text("2026-09-01"), "endedOn": .text("2026-09-22")]),
                                   (.complaintFiled, "2026-10-27", complaint("4", "2026-08-14", nil)),
                                   (.complaintAcknowledged, "2026-10-29", [:]),
                                   (.correspondenceSent, "2026-10-29", ["to": .text("Thomas Wright"), "subject": .text("Acknowledgement of complaint")])])
        // 3. Dismissed by the GC; the complainant appealed the dismissal (a1.10).
        _ = try await open(obarScope, psa, .ethics, "Basnight v. Hooper — advertising", "2026-08-03",
                           [(publicPeople[2], .complainant), (p("OB-1015"), .respondent)],
                           steps: [(.complaintFiled, "2026-08-03", complaint("12", "2026-06-01", nil)),
                                   (.complaintAcknowledged, "2026-08-05", [:]),
                                   (.gcDismissed, "2026-09-10", ["reason": .text("not-a-code-matter")]),
                                   (.noticeSent, "2026-09-11", ["notice": .text("dismissal"), "to": .text("Evelyn Basnight"), "receivedOn": .text("2026-09-14")]),
                                   (.dismissalAppealed, "2026-09-29", ["explanation": .text("The advertisement named a price the seller never agreed to; that is a misrepresentation under Article 12, not a business dispute.")])])
        // 4. Forwarded; reply received. The party login "complainant@example.com" is the complainant here.
        let forwarded = try await open(obarScope, psa, .ethics, "Pender v. Gaskins — failure to present offers", "2026-07-06",
                                       [(publicPeople[0], .complainant), (p("OB-1011"), .respondent)],
                                       steps: [(.complaintFiled, "2026-07-06", complaint("1", "2026-05-22", nil)),
                                               (.complaintAcknowledged, "2026-07-08", [:]),
                                               (.gcForwarded, "2026-08-12", [:]),
                                               (.noticeSent, "2026-08-13", ["notice": .text("gc-decision"), "to": .text("Laura Pender; Kevin Gaskins")]),
                                               (.noticeSent, "2026-08-13", ["notice": .text("complaint-served"), "to": .text("Kevin Gaskins"), "receivedOn": .text("2026-08-15")]),
                                               (.replyReceived, "2026-08-27", [:]),
                                               (.noticeSent, "2026-08-28", ["notice": .text("reply-forwarded"), "to": .text("Laura Pender")]),
                                               (.noticeSent, "2026-08-28", ["notice": .text("complaint-and-reply-distributed"), "to": .text("Complainant, President, PSC chair")]),
                                               (.noticeSent, "2026-11-16", ["notice": .text("panel-list"), "to": .text("Laura Pender; Kevin Gaskins"), "people": .text(pool)]),
                                               (.challengeFiled, "2026-11-19", ["personId": .text(p("OB-1007").uuidString), "challenged": .text("Gordon Dough"),
                                                                                "reason": .text("She listed my neighbour's house with the respondent last spring."), "by": .text("complainant")])])
        // A receipt date recorded wrongly, then corrected by a new entry (never by editing).
        let docket = try await DocketStore.entries(of: forwarded.requireID(), on: db)
        if let served = docket.first(where: { $0.parsed.notice == .complaintServed }) {
            try await DocketStore.append([ProposedEntry(type: .noticeSent, effectiveOn: served.effectiveOn,
                                                        payload: ["notice": .text("complaint-served"), "to": .text("Kevin Gaskins"),
                                                                  "receivedOn": .text("2026-08-17")], corrects: served.id)],
                                         to: forwarded, by: psa, at: recordedAt, on: db)
        }
        // 5. Hearing scheduled; the party login "respondent@obar.example" is the respondent.
        _ = try await open(obarScope, psa, .ethics, "Quinn v. Scarborough — cooperation", "2026-06-15",
                           [(p("OB-1023"), .complainant), (p("OB-1020"), .respondent)],
                           steps: [(.complaintFiled, "2026-06-15", complaint("3", "2026-04-30", nil)),
                                   (.complaintAcknowledged, "2026-06-16", [:]),
                                   (.gcForwarded, "2026-07-20", [:]),
                                   (.noticeSent, "2026-07-21", ["notice": .text("gc-decision"), "to": .text("Ursula Quinn; Grant Scarborough")]),
                                   (.noticeSent, "2026-07-21", ["notice": .text("complaint-served"), "to": .text("Grant Scarborough"), "receivedOn": .text("2026-07-23")]),
                                   (.replyReceived, "2026-08-03", [:]),
                                   (.noticeSent, "2026-08-04", ["notice": .text("reply-forwarded"), "to": .text("Ursula Quinn")]),
                                   (.noticeSent, "2026-09-01", ["notice": .text("panel-list"), "to": .text("Ursula Quinn; Grant Scarborough"), "people": .text(pool)]),
                                   (.panelNamed, "2026-09-16", ["members": .text(panelNames), "memberIds": .text(panel), "chairId": .text(p("OB-1024").uuidString),
                                                                "alternateIds": .text(p("OB-1016").uuidString)]),
                                   (.panelistCertified, "2026-09-20", ["personId": .text(p("OB-1024").uuidString)]),
                                   (.panelistCertified, "2026-09-22", ["personId": .text(p("OB-1005").uuidString)]),
                                   (.hearingScheduled, "2026-11-02", ["hearingOn": .text("2026-12-08"), "time": .text("10:00"), "place": .text("OBAR board room, Kill Devil Hills")]),
                                   (.noticeSent, "2026-11-02", ["notice": .text("hearing"), "to": .text("Ursula Quinn; Grant Scarborough"), "channel": .text("mail"),
                                                                "people": .text(panel), "note": .text("Hearing on 2026-12-08 at 10:00, OBAR board room, Kill Devil Hills.")])])
        // 6. Decided (violation), appealed by the respondent; the appeal is under way.
        _ = try await open(obarScope, psa, .ethics, "Styron v. Tolson — trust funds", "2026-07-06",
                           [(p("OB-1027"), .complainant), (p("OB-1028"), .respondent)],
                           steps: [(.complaintFiled, "2026-07-06", complaint("8", "2026-05-29", nil)),
                                   (.complaintAcknowledged, "2026-07-07", [:]),
                                   (.gcForwarded, "2026-08-10", [:]),
                                   (.noticeSent, "2026-08-11", ["notice": .text("gc-decision"), "to": .text("Yvonne Styron; Zachary Tolson")]),
                                   (.noticeSent, "2026-08-11", ["notice": .text("complaint-served"), "to": .text("Zachary Tolson"), "receivedOn": .text("2026-08-13")]),
                                   (.replyReceived, "2026-08-24", [:]),
                                   (.noticeSent, "2026-08-26", ["notice": .text("reply-forwarded"), "to": .text("Yvonne Styron")]),
                                   (.noticeSent, "2026-08-26", ["notice": .text("complaint-and-reply-distributed"), "to": .text("Complainant, President, PSC chair")]),
                                   (.noticeSent, "2026-08-28", ["notice": .text("panel-list"), "to": .text("Yvonne Styron; Zachary Tolson"), "people": .text(pool)]),
                                   (.panelNamed, "2026-09-10", ["members": .text(panelNames), "memberIds": .text(panel), "chairId": .text(p("OB-1024").uuidString)]),
                                   (.panelistCertified, "2026-09-12", ["personId": .text(p("OB-1024").uuidString)]),
                                   (.panelistCertified, "2026-09-12", ["personId": .text(p("OB-1005").uuidString)]),
                                   (.panelistCertified, "2026-09-14", ["personId": .text(p("OB-1010").uuidString)]),
                                   (.hearingScheduled, "2026-09-25", ["hearingOn": .text("2026-10-20"), "place": .text("OBAR board room")]),
                                   (.noticeSent, "2026-10-02", ["notice": .text("witness-and-counsel"), "to": .text("Association and complainant")]),
                                   (.noticeSent, "2026-10-14", ["notice": .text("papers-to-panel"), "to": .text("Hearing panel")]),
                                   (.hearingHeld, "2026-10-20", [:]),
                                   (.decisionFiled, "2026-10-21", ["outcome": .text("violation"), "discipline": .text("reprimand; course: trust accounting; fine: 2500.00"),
                                                                   "findings": .text("The respondent held the buyer's deposit in an operating account for 41 days before the closing."),
                                                                   "conclusions": .text("Article 8: violation"), "vote": .text("3-0")]),
                                   (.counselReviewed, "2026-10-26", [:]),
                                   (.noticeSent, "2026-10-28", ["notice": .text("decision"), "to": .text("Both parties, with Form E-13"), "receivedOn": .text("2026-10-30")]),
                                   (.appealFiled, "2026-11-06", ["basis": .text("The discipline is disproportionate (a1.26)."), "appellant": .text("respondent"),
                                                                 "grounds": .text("discipline"), "depositCents": .integer(50_000)]),
                                   (.appealReviewed, "2026-11-12", ["outcome": .text("proceed")])])
        // 7. Final action taken by the Directors.
        _ = try await open(obarScope, psa, .ethics, "Mann v. Willis — dual agency disclosure", "2025-11-03",
                           [(publicPeople[3], .complainant), (p("OB-1033"), .respondent)],
                           steps: [(.complaintFiled, "2025-11-03", complaint("1", "2025-09-12", nil)),
                                   (.complaintAcknowledged, "2025-11-05", [:]),
                                   (.gcForwarded, "2025-12-10", [:]),
                                   (.hearingHeld, "2026-02-24", [:]),
                                   (.decisionFiled, "2026-02-25", ["outcome": .text("violation"), "discipline": .text("reprimand; course: agency and disclosure; fine: 1000.00"),
                                                                   "findings": .text("The respondent acted for both parties without written disclosure."),
                                                                   "conclusions": .text("Article 1: violation"), "vote": .text("2-1"),
                                                                   "dissent": .text("One panelist would have found the oral disclosure sufficient.")]),
                                   (.finalAction, "2026-04-08", ["action": .text("adopted"), "complianceDays": .text("60"),
                                                                 "automaticPenalty": .text("suspension: 30 days")]),
                                   (.noticeSent, "2026-04-09", ["notice": .text("final-action"), "to": .text("Complainant"), "channel": .text("mail")]),
                                   (.noticeSent, "2026-04-09", ["notice": .text("final-action"), "to": .text("Respondent"), "channel": .text("mail")]),
                                   (.noticeSent, "2026-04-09", ["notice": .text("final-action"), "to": .text("Board of Directors"), "channel": .text("mail")]),
                                   (.noticeSent, "2026-04-09", ["notice": .text("final-action-redacted"), "to": .text("North Carolina Real Estate Commission"), "channel": .text("mail")]),
                                   (.disciplineCompliance, "2026-05-20", ["event": .text("course-completed")]),
                                   (.disciplineCompliance, "2026-05-28", ["event": .text("fine-paid"), "amountCents": .integer(50_000)])])
        // 8. Arbitration, classified mandatory (a2.19).
        _ = try await open(obarScope, psa, .arbitration, "Dune Ridge Realty v. Sound Side Properties — procuring cause", "2026-09-21",
                           [(p("OB-1001"), .claimant), (p("OB-1002"), .respondent)],
                           steps: [(.arbitrationRequested, "2026-09-21", ["amountCents": .integer(1_245_000), "transactionConcludedOn": .text("2026-07-31"),
                                                                           "firm": .text("Dune Ridge Realty"), "depositCents": .integer(50_000), "agreementSigned": .text("yes")]),
                                   (.arbitrationClassified, "2026-10-15", ["classification": .text("mandatory"), "mediationRequired": .text("yes"),
                                                                           "hearingWithoutRespondent": .text("yes")]),
                                   (.mediationRequested, "2026-10-16", ["required": .text("yes")])])
        // 8b. Arbitration past a failed mediation, its panel named from the shared committee and the hearing noticed
        // with the Arbitration Guidelines (a2.21): the hearing page shows an arbitration mid-way.
        let arbitrationPanel = ["OB-1024", "OB-1005", "OB-1010"].map(p)
        _ = try await open(obarScope, psa, .arbitration, "Currituck Shores Realty v. Corolla Light Properties — referral fee", "2026-08-24",
                           [(p("OB-1007"), .claimant), (p("OB-1016"), .respondent)],
                           steps: [(.arbitrationRequested, "2026-08-24", ["amountCents": .integer(620_000), "transactionConcludedOn": .text("2026-06-30"),
                                                                           "firm": .text("Currituck Shores Realty"), "depositCents": .integer(50_000),
                                                                           "agreementSigned": .text("yes"), "field": .text("residential")]),
                                   (.arbitrationClassified, "2026-09-10", ["classification": .text("mandatory"), "mediationRequired": .text("yes"),
                                                                           "hearingWithoutRespondent": .text("yes")]),
                                   (.noticeSent, "2026-09-10", ["notice": .text("classification"), "to": .text("Both parties"), "channel": .text("email")]),
                                   (.noticeSent, "2026-09-11", ["notice": .text("request-served"), "to": .text("Respondent"), "channel": .text("email")]),
                                   (.replyReceived, "2026-09-18", ["depositCents": .integer(50_000)]),
                                   (.mediationRequested, "2026-09-21", ["required": .text("yes")]),
                                   (.mediationEnded, "2026-10-09", ["reason": .text("impasse")]),
                                   (.noticeSent, "2026-10-12", ["notice": .text("panel-list"), "to": .text("Both parties"), "channel": .text("email"),
                                                                "people": .text(committee.map { $0.1.uuidString }.joined(separator: ","))]),
                                   (.panelNamed, "2026-10-27", ["members": .text("Arbitration panel"), "memberIds": .text(arbitrationPanel.map(\.uuidString).joined(separator: ",")),
                                                                "chairId": .text(arbitrationPanel[0].uuidString)]),
                                   (.hearingScheduled, "2026-11-02", ["hearingOn": .text("2026-12-07"), "time": .text("10:00"), "place": .text("OBAR board room, Kill Devil Hills")]),
                                   (.noticeSent, "2026-11-02", ["notice": .text("arbitration-hearing"), "to": .text("Both parties"), "channel": .text("mail"),
                                                                "people": .text(arbitrationPanel.map(\.uuidString).joined(separator: ","))])])
        // 9. Arbitration with an award.
        _ = try await open(obarScope, psa, .arbitration, "Hatteras Coastal Homes v. Kitty Hawk Land Company — commission split", "2026-04-06",
                           [(p("OB-1003"), .claimant), (p("OB-1004"), .respondent)],
                           steps: [(.arbitrationRequested, "2026-04-06", ["amountCents": .integer(860_000), "transactionConcludedOn": .text("2026-01-15")]),
                                   (.arbitrationClassified, "2026-04-30", ["classification": .text("mandatory")]),
                                   (.mediationRequested, "2026-05-04", [:]),
                                   (.mediationEnded, "2026-06-01", [:]),
                                   (.hearingScheduled, "2026-06-22", ["hearingOn": .text("2026-07-20")]),
                                   (.noticeSent, "2026-07-14", ["notice": .text("papers-to-panel"), "to": .text("Arbitration panel")]),
                                   (.hearingHeld, "2026-07-20", [:]),
                                   (.awardRendered, "2026-07-21", ["amountCents": .integer(430_000), "prevailing": .text("claimant")]),
                                   (.noticeSent, "2026-07-23", ["notice": .text("award"), "receivedOn": .text("2026-07-27")]),
                                   (.awardEscrowed, "2026-08-04", ["amountCents": .integer(430_000)])])
        // 9b–9d. After the award (issue 15), each at a stage the PSA meets: a motion to correct awaiting the objection
        // window, a procedural review before the Directors, and a respondent who never deposited.
        let heard: [(DocketEntryType, String, Payload)] = [
            (.arbitrationClassified, "2026-08-20", ["classification": .text("mandatory"), "mediationRequired": .text("no")]),
            (.noticeSent, "2026-08-21", ["notice": .text("request-served"), "to": .text("Respondent"), "channel": .text("mail")]),
            (.panelNamed, "2026-09-15", ["members": .text("Arbitration panel"), "memberIds": .text(arbitrationPanel.map(\.uuidString).joined(separator: ",")),
                                         "chairId": .text(arbitrationPanel[0].uuidString)]),
            (.hearingScheduled, "2026-09-16", ["hearingOn": .text("2026-10-20"), "place": .text("OBAR board room, Kill Devil Hills")])]
        func request(_ firm: String, _ cents: Int) -> (DocketEntryType, String, Payload) {
            (.arbitrationRequested, "2026-08-10", ["amountCents": .integer(cents), "transactionConcludedOn": .text("2026-06-15"), "firm": .text(firm),
                                                   "depositCents": .integer(50_000), "agreementSigned": .text("yes"), "field": .text("residential")])
        }
        _ = try await open(obarScope, psa, .arbitration, "Nags Head Realty v. Manteo Marine Properties — cooperative commission", "2026-08-10",
                           [(p("OB-1034"), .claimant), (p("OB-1035"), .respondent)],
                           steps: [request("Nags Head Realty", 2_400_000)] + heard + [
                                   (.replyReceived, "2026-08-28", ["depositCents": .integer(50_000)]),
                                   (.hearingHeld, "2026-11-09", ["claimantPresent": .text("yes"), "respondentPresent": .text("yes")]),
                                   (.awardRendered, "2026-11-10", ["amountCents": .integer(1_800_000), "prevailing": .text("claimant")]),
                                   (.noticeSent, "2026-11-10", ["notice": .text("award"), "to": .text("Both parties"), "channel": .text("mail"), "receivedOn": .text("2026-11-12")]),
                                   (.awardEscrowed, "2026-11-16", ["amountCents": .integer(1_800_000)]),
                                   (.motionToCorrect, "2026-11-18", ["by": .text("respondent"), "grounds": .text("miscalculation"),
                                                                     "explanation": .text("The split was applied to the gross commission, not the net.")]),
                                   (.noticeSent, "2026-11-18", ["notice": .text("motion-to-correct"), "to": .text("Claimant"), "channel": .text("mail"), "receivedOn": .text("2026-11-21")])])
        _ = try await open(obarScope, psa, .arbitration, "Southern Shores Realty v. Duck Village Homes — procuring cause", "2026-08-10",
                           [(p("OB-1036"), .claimant), (p("OB-1022"), .respondent)],
                           steps: [request("Southern Shores Realty", 1_500_000)] + heard + [
                                   (.replyReceived, "2026-08-28", ["depositCents": .integer(50_000)]),
                                   (.hearingHeld, "2026-10-20", ["claimantPresent": .text("yes"), "respondentPresent": .text("yes")]),
                                   (.awardRendered, "2026-10-21", ["amountCents": .integer(1_500_000), "prevailing": .text("claimant")]),
                                   (.noticeSent, "2026-10-21", ["notice": .text("award"), "to": .text("Both parties"), "channel": .text("mail"), "receivedOn": .text("2026-10-23")]),
                                   (.awardEscrowed, "2026-10-30", ["amountCents": .integer(1_500_000)]),
                                   (.reviewRequested, "2026-11-06", ["by": .text("respondent"), "defect": .text("partiality"), "depositCents": .integer(50_000),
                                                                     "explanation": .text("A panelist co-listed a property with the claimant this year."),
                                                                     "heardBy": .text("the Board of Directors")])])
        _ = try await open(obarScope, psa, .arbitration, "Colington Harbour Realty v. Wanchese Realty — referral fee", "2026-08-10",
                           [(p("OB-1023"), .claimant), (p("OB-1027"), .respondent)],
                           steps: [request("Colington Harbour Realty", 450_000)] + heard + [
                                   (.replyReceived, "2026-08-28", ["depositCents": .integer(0), "text": .text("Agrees to arbitrate; claims none of the funds, so no deposit (S3 7.4.1).")]),
                                   (.hearingHeld, "2026-10-20", ["claimantPresent": .text("yes"), "respondentPresent": .text("yes")]),
                                   (.awardRendered, "2026-10-21", ["amountCents": .integer(450_000), "prevailing": .text("claimant")]),
                                   (.noticeSent, "2026-10-21", ["notice": .text("award"), "to": .text("Both parties"), "channel": .text("mail"), "receivedOn": .text("2026-10-23")])])
        // 10. Mediation only.
        _ = try await open(obarScope, psa, .mediation, "Creef / Harris — earnest money", "2026-10-05",
                           [(p("OB-1006"), .claimant), (p("OB-1014"), .respondent)],
                           steps: [(.mediationRequested, "2026-10-05", [:])])
        // 11. Citation issued (S3 §9).
        _ = try await open(obarScope, psa, .citation, "Citation — Owens, advertising without firm name", "2026-11-20",
                           [(p("OB-1021"), .respondent)],
                           steps: [(.citationIssued, "2026-11-20", ["standards": .text("Art 12 (status)"), "fineCents": .integer(10_000), "replaceableCents": .integer(10_000),
                                                                     "charges": .text("Art 12 (status): Level 1, offense 1, $100.00 or training, your choice"),
                                                                     "complaintFiledOn": .text("2026-11-10"), "summary": .text("A postcard advertised listings without the firm's name.")]),
                                   (.noticeSent, "2026-11-20", ["notice": .text("citation"), "to": .text("Sharon Owens and her principal"), "receivedOn": .text("2026-11-23")])])
        // 11b–c. A citable complaint waiting for the citation panel (citations@obar.example), and an accepted citation
        // whose fine went unpaid past its due date: Payne's membership is suspended until it is paid (S3 9.3.2.5).
        _ = try await open(obarScope, psa, .citation, "Citation — Meekins, lockbox code shared", "2026-11-16",
                           [(p("OB-1018"), .respondent), (p("OB-1014"), .complainant)], steps: [])
        _ = try await open(obarScope, psa, .citation, "Citation — Payne, 'true picture' in advertising", "2026-09-28",
                           [(p("OB-1022"), .respondent)],
                           steps: [(.citationIssued, "2026-10-01", ["standards": .text("12-2"), "fineCents": .integer(25_000),
                                                                     "charges": .text("12-2: Level 2, offense 1, $250.00"),
                                                                     "complaintFiledOn": .text("2026-09-15"), "summary": .text("A 'free' offer whose conditions were not stated.")]),
                                   (.noticeSent, "2026-10-01", ["notice": .text("citation"), "to": .text("Tyler Payne and his principal"), "receivedOn": .text("2026-10-03")]),
                                   (.citationAccepted, "2026-10-10", [:])])
        // 11d. A complaint the Grievance Committee forwarded, now with the citation panel (S3 9.2.2): the referral
        // opened a citation review with the complaint's parties, and the complaint waits for it.
        let referred = try await open(obarScope, psa, .ethics, "Tillett v. Etheridge — advertising without the firm name", "2026-11-02",
                                      [(publicPeople[3], .complainant), (p("OB-1031"), .respondent)],
                                      steps: [(.complaintFiled, "2026-11-02", complaint("12", "2026-10-15", nil)),
                                              (.complaintAcknowledged, "2026-11-04", [:]),
                                              (.gcForwarded, "2026-11-16", ["articles": .text("12")]),
                                              (.noticeSent, "2026-11-17", ["notice": .text("gc-decision"), "to": .text("Both parties")])])
        let summary = "Yard signs and a web page advertised the property without the name of the firm."
        let parties = [(publicPeople[3], PartyRole.complainant), (p("OB-1031"), PartyRole.respondent)].map {
            ProposedEntry(type: .partyAdded, effectiveOn: CivilDate("2026-11-17")!, payload: ["personId": .text($0.0.uuidString), "role": .text($0.1.rawValue)])
        }
        let review = try await OpenCase.create(kind: .citation, title: "Citation review: \(referred.title)", openedOn: CivilDate("2026-11-17")!,
                                               associationID: obar.requireID(),
                                               entries: [ProposedEntry(type: .caseOpened, effectiveOn: CivilDate("2026-11-17")!,
                                                                       payload: ["summary": .text(summary), "fromCase": .text(referred.number)])] + parties,
                                               actor: psa, actorName: nil, now: recordedAt, on: db)
        try await DocketStore.append([ProposedEntry(type: .citationReferral, effectiveOn: CivilDate("2026-11-17")!,
                                                    payload: ["event": .text("referred"), "citationCase": .text(review.record.number), "summary": .text(summary)])],
                                     to: referred, by: psa, at: recordedAt, on: db)
        // 11e. A citation the party login "respondent@obar.example" may accept, with the training instead of the fine
        // (Level 1, first offense), or answer by asking for a full hearing within 20 days of receipt (S3 9.3.2, a2.34).
        _ = try await open(obarScope, psa, .citation, "Citation — Scarborough, sign without the firm name", "2026-11-23",
                           [(p("OB-1020"), .respondent)],
                           steps: [(.citationIssued, "2026-11-24", ["standards": .text("12-7"), "fineCents": .integer(10_000), "replaceableCents": .integer(10_000),
                                                                     "charges": .text("12-7: Level 1, offense 1, $100.00 or training, your choice"),
                                                                     "complaintFiledOn": .text("2026-11-05"),
                                                                     "summary": .text("A yard sign showed a property as sold before closing.")]),
                                   (.noticeSent, "2026-11-24", ["notice": .text("citation"), "to": .text("Grant Scarborough and his principal"), "receivedOn": .text("2026-11-26")])])
        // 11f. Forwarded, and the respondent resigned from OBAR on 2026-11-24 but is still a member of Albemarle (same email):
        // the case page tells the PSA, and the complaint goes to Albemarle (S4 (14), a1.12).
        let leaver = Person(associationID: try obar.requireID(), kind: .member, firstName: "Nathan", lastName: "Brinkley",
                            email: "nathan.brinkley@example.com", phone: "252-555-0190")
        try await leaver.create(on: db)
        for (association, number, ends) in [(obar, "OB-2001", "2026-11-24"), (albemarle, "AL-2001", nil)] {
            let person = association === obar ? leaver
                : Person(associationID: try association.requireID(), kind: .member, firstName: "Nathan", lastName: "Brinkley",
                         email: "nathan.brinkley@example.com", phone: "252-555-0190")
            if person.id == nil { try await person.create(on: db) }
            let membership = Membership(associationID: try association.requireID(), personID: try person.requireID(), memberNumber: number,
                                        membershipType: MembershipType.realtor.rawValue, isPrincipal: false, firmID: nil, officeID: nil)
            try await membership.create(on: db)
            try await MembershipPeriod(associationID: try association.requireID(), membershipID: try membership.requireID(),
                                       startsOn: "2015-03-01", endsOn: ends).create(on: db)
        }
        _ = try await open(obarScope, psa, .ethics, "Wright v. Brinkley — escrow deposit not delivered", "2026-10-12",
                           [(publicPeople[1], .complainant), (try leaver.requireID(), .respondent)],
                           steps: [(.complaintFiled, "2026-10-12", complaint("1", "2026-09-15", nil)),
                                   (.complaintAcknowledged, "2026-10-13", [:]),
                                   (.gcForwarded, "2026-11-09", [:]),
                                   (.noticeSent, "2026-11-10", ["notice": .text("gc-decision"), "to": .text("Thomas Wright; Nathan Brinkley")])])
        // Albemarle (NAR profile): a new complaint and an arbitration waiting for the respondent's answer.
        _ = try await open(albScope, albPSA, .ethics, "Jennette v. Chappell — misleading listing", "2026-11-09",
                           [(albPublic[0], .complainant), (albPeople["AL-1002"]!, .respondent)],
                           steps: [(.complaintFiled, "2026-11-09", complaint("2, 12", "2026-10-02", nil))])
        _ = try await open(albScope, albPSA, .arbitration, "Albemarle Sound Realty v. Edenton Heritage Homes", "2026-10-12",
                           [(albPeople["AL-1001"]!, .claimant), (albPeople["AL-1002"]!, .respondent)],
                           steps: [(.arbitrationRequested, "2026-10-12", ["amountCents": .integer(540_000), "factsKnownOn": .text("2026-08-20"),
                                                                           "firm": .text("Albemarle Sound Realty"), "depositCents": .integer(50_000), "agreementSigned": .text("yes")]),
                                   (.arbitrationClassified, "2026-11-06", ["classification": .text("mandatory"), "mediationRequired": .text("no"),
                                                                           "hearingWithoutRespondent": .text("no")]),
                                   (.noticeSent, "2026-11-09", ["notice": .text("request-served"), "to": .text("Respondent"), "channel": .text("email")])])
    }
}
