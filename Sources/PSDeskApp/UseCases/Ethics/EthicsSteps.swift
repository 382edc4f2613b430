import Vapor
import Fluent
import StandardsCore

/// The ethics steps of intake, Grievance Committee review and the parties' portal, one function each.
/// Each authorizes first, builds its entries with the domain, and appends them in one transaction; the web
/// forms and the API both call these.
enum EthicsSteps {
    struct Done: Sendable { let record: CaseRecord; let warnings: [Refusal] }

    /// Staff acknowledge a complaint; the complainant gets an acknowledgment notice.
    static func acknowledge(_ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireStaff(caseScope)
        let complainant = try await partyNames(caseScope, role: .complainant, on: db)
        return try await append([ProposedEntry(type: .complaintAcknowledged, effectiveOn: date),
                                 notice(.acknowledgment, to: complainant.isEmpty ? "the complainant" : complainant, on: date)],
                                to: caseScope, by: actor, db: db)
    }

    /// Staff send an incomplete complaint back with what is missing; the complainant may amend it (a1.18).
    static func requestCompletion(reason: String, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireStaff(caseScope)
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw AppError(.unprocessableEntity, code: "completion_reason_required", message: "Say what the complaint is missing.", rule: "a1.18") }
        let complainant = try await partyNames(caseScope, role: .complainant, on: db)
        var entry = notice(.completionRequest, to: complainant.isEmpty ? "the complainant" : complainant, on: date)
        entry.payload["note"] = .text(text)
        return try await append([entry], to: caseScope, by: actor, db: db)
    }

    /// The complainant (or staff on paper) amends the complaint before the hearing (a1.18).
    static func amendComplaint(articles: String, narrative: String, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        if !caseScope.scope.roles.contains(.staff) { try await requireParty(caseScope, actor, .complainant, db: db) }
        let cited = articles.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cited.isEmpty else { throw AppError(.unprocessableEntity, code: "articles_required", message: "Cite the Articles of the amended complaint.", rule: "a1.18") }
        var payload: Payload = ["articles": .text(cited)]
        let text = narrative.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { payload["narrative"] = .text(text) }
        var entries = [ProposedEntry(type: .complaintAmended, effectiveOn: date, payload: payload)]
        // Once served, the respondent gets the amended complaint and may amend the reply (a1.18).
        if CaseProjection.effectiveEntries(caseScope.docket).contains(where: { $0.parsed.notice == .complaintServed }) {
            entries.append(notice(.amendedComplaint, to: try await respondentRecipients(caseScope, on: db), on: date, channel: "mail"))
        }
        return try await append(entries, to: caseScope, by: actor, db: db)
    }

    /// After the reply period, the complaint and reply (or notice of none) go to the complainant, the
    /// President and the PSC chair (a1.13).
    static func distribute(_ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireStaff(caseScope)
        let complainant = try await partyNames(caseScope, role: .complainant, on: db)
        return try await append([notice(.distribution, to: [complainant, "President", "PSC chair"].filter { !$0.isEmpty }.joined(separator: "; "), on: date)],
                                to: caseScope, by: actor, db: db)
    }

    /// The GC asks the respondent for information the complainant cannot give (a1.7): a notice with what
    /// it needs; the respondent then sees the complaint and has 15 days.
    static func requestResponse(note: String, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try caseScope.require(.decideComplaint)
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw AppError(.unprocessableEntity, code: "response_request_needs_question",
                           message: "Say what information the Committee needs that the complainant cannot supply.", rule: "a1.7")
        }
        var entry = notice(.responseRequest, to: try await respondentRecipients(caseScope, on: db), on: date)
        entry.payload["note"] = .text(text)
        return try await append([entry], to: caseScope, by: actor, db: db)
    }

    /// The respondent's response to the GC's request (a1.7).
    static func respondToGC(text: String, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try await requireParty(caseScope, actor, .respondent, db: db)
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw AppError(.unprocessableEntity, code: "response_empty", message: "Write your response before sending it.", rule: "a1.7") }
        return try await append([ProposedEntry(type: .responseReceived, effectiveOn: date, payload: ["text": .text(body)])], to: caseScope, by: actor, db: db)
    }

    /// Staff assign a Grievance Committee member to help a public complainant frame the complaint; that
    /// member may not then review it (S4 (5)).
    static func assignHelper(personID: UUID, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireStaff(caseScope)
        let members = try await grievanceMembers(in: caseScope.scope.association, on: db)
        guard let member = members.first(where: { $0.id == personID }) else {
            throw AppError(.unprocessableEntity, code: "not_a_gc_member", message: "Choose a member of the Grievance Committee.", rule: "a1.6")
        }
        return try await append([ProposedEntry(type: .gcHelperAssigned, effectiveOn: date,
                                               payload: ["personId": .text(personID.uuidString), "name": .text(member.fullName)])],
                                to: caseScope, by: actor, db: db)
    }

    /// People who hold the grievance role in the association (accounts linked to a person).
    static func grievanceMembers(in association: Association, on db: Database) async throws -> [Person] {
        let userIDs = try await RoleAssignment.query(on: db).filter(\.$association.$id == association.requireID())
            .filter(\.$role == Role.grievance.rawValue).all(\.$user.$id)
        guard !userIDs.isEmpty else { return [] }
        let personIDs = try await User.query(on: db).filter(\.$id ~~ userIDs).all().compactMap { $0.$person.id }
        guard !personIDs.isEmpty else { return [] }
        return try await Person.query(on: db).filter(\.$id ~~ personIDs).sort(\.$lastName).all()
    }

    /// The GC adds or deletes Articles, or adds respondents, with its rationale (a1.6). If the complainant
    /// does not agree to an addition, the GC files its own complaint for it, linked to this one and heard
    /// with it.
    static func gcAmend(articles: String, rationale: String, complainantAgrees: Bool, addRespondents: String = "", removeRespondents: String = "",
                        _ caseScope: CaseScope,
                        by actor: Actor, on date: CivilDate, db: Database) async throws -> (done: Done, gcCase: CaseRecord?) {
        try caseScope.require(.decideComplaint)
        let why = rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        let current = CitedArticles.current(caseScope.docket)
        let wanted = articles.trimmingCharacters(in: .whitespaces).isEmpty ? current : CitedArticles.parse(articles)
        guard !why.isEmpty, !wanted.isEmpty else {
            throw AppError(.unprocessableEntity, code: "gc_amendment_incomplete", message: "Give the Articles after the amendment and the Committee's rationale.", rule: "a1.6")
        }
        let newRespondents = try await members(addRespondents, in: caseScope.scope.association, on: db)
        let existing = try await CaseParties.ids(of: caseScope.record, role: .respondent, on: db)
        let addedRespondents = newRespondents.filter { !existing.contains($0) }
        let removedRespondents = try await members(removeRespondents, in: caseScope.scope.association, on: db).filter { existing.contains($0) }
        let added = wanted.filter { !current.contains($0) }
        guard wanted != current || !addedRespondents.isEmpty || !removedRespondents.isEmpty else {
            throw AppError(.unprocessableEntity, code: "gc_amendment_no_change", message: "Nothing changes: the Articles and respondents are as they were.", rule: "a1.6")
        }
        @Sendable func respondentEntry(_ id: UUID) -> ProposedEntry {
            ProposedEntry(type: .partyAdded, effectiveOn: date, payload: ["personId": .text(id.uuidString), "role": .text("respondent")])
        }
        // Deleting a respondent needs no one's agreement; it is recorded with the amendment's rationale.
        let removals = removedRespondents.map {
            ProposedEntry(type: .partyRemoved, effectiveOn: date, payload: ["personId": .text($0.uuidString), "role": .text("respondent")])
        }
        if (added.isEmpty && addedRespondents.isEmpty) || complainantAgrees {
            var entries: [ProposedEntry] = [ProposedEntry(type: .gcAmended, effectiveOn: date,
                                                          payload: ["articles": .text(CitedArticles.text(wanted)), "rationale": .text(why)])]
            entries += addedRespondents.map(respondentEntry)
            entries += removals
            return (try await append(entries, to: caseScope, by: actor, db: db), nil)
        }
        // Deletions apply here; additions become the GC's own complaint, linked and heard together (a1.6, a1.9):
        // added Articles against the respondents, and added respondents on the Articles cited.
        let kept = wanted.filter { current.contains($0) }
        let gcArticles = added.isEmpty ? wanted : added
        let gcRespondents = (added.isEmpty ? [] : existing) + addedRespondents
        let record = caseScope.record
        let associationID = caseScope.scope.id
        let gcCase = try await writeTransaction(on: db) { tx -> CaseRecord in
            var entries = [ProposedEntry(type: .caseOpened, effectiveOn: date, payload: ["summary": .text("Grievance Committee complaint (a1.6) with \(record.number)")])]
            entries += gcRespondents.map(respondentEntry)
            entries.append(ProposedEntry(type: .complaintFiled, effectiveOn: date,
                                         payload: ["articles": .text(CitedArticles.text(gcArticles)), "narrative": .text(why), "channel": .text("gc-own-motion"),
                                                   "signedBy": .text("Grievance Committee")]))
            entries.append(ProposedEntry(type: .caseLinked, effectiveOn: date, payload: ["caseNumber": .text(record.number), "relation": .text("original-complaint")]))
            let created = try await OpenCase.create(kind: .ethics, title: String("Grievance Committee — with \(record.number)".prefix(200)), openedOn: date,
                                                    associationID: associationID, entries: entries, actor: actor, actorName: nil, now: Date(), on: tx)
            var here: [ProposedEntry] = removals
            if kept != current || !removals.isEmpty {
                here.insert(ProposedEntry(type: .gcAmended, effectiveOn: date, payload: ["articles": .text(CitedArticles.text(kept)), "rationale": .text(why)]), at: 0)
            }
            here.append(ProposedEntry(type: .caseLinked, effectiveOn: date, payload: ["caseNumber": .text(created.record.number), "relation": .text("gc-complaint")]))
            try await DocketStore.append(here, to: record, by: actor, at: Date(), on: tx)
            return created.record
        }
        return (Done(record: record, warnings: []), gcCase)
    }

    /// A complaint the Grievance Committee brings on its own motion, as complainant (a1.9).
    static func gcOwnMotion(respondents: String, articles: String, narrative: String, in scope: AssociationScope, by actor: Actor,
                            on date: CivilDate, db: Database) async throws -> CaseRecord {
        try scope.require(.decideComplaint)
        let ids = try await members(respondents, in: scope.association, on: db)
        let cited = CitedArticles.parse(articles)
        let why = narrative.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !ids.isEmpty, !cited.isEmpty, !why.isEmpty else {
            throw AppError(.unprocessableEntity, code: "gc_complaint_incomplete",
                           message: "Name the respondent (member number), the Articles and what the Committee has learned.", rule: "a1.9")
        }
        var entries = [ProposedEntry(type: .caseOpened, effectiveOn: date, payload: ["summary": .text("Grievance Committee complaint on its own motion (a1.9)")])]
        entries += ids.map { ProposedEntry(type: .partyAdded, effectiveOn: date, payload: ["personId": .text($0.uuidString), "role": .text("respondent")]) }
        entries.append(ProposedEntry(type: .complaintFiled, effectiveOn: date,
                                     payload: ["articles": .text(CitedArticles.text(cited)), "narrative": .text(why), "channel": .text("gc-own-motion"),
                                               "signedBy": .text("Grievance Committee")]))
        let associationID = scope.id
        let firstEntries = entries
        return try await writeTransaction(on: db) { tx in
            try await OpenCase.create(kind: .ethics, title: "Grievance Committee (own motion)", openedOn: date, associationID: associationID,
                                      entries: firstEntries, actor: actor, actorName: nil, now: Date(), on: tx).record
        }
    }

    /// People named by member number ("OB-1020, OB-1021"); an unknown number is refused.
    static func members(_ numbers: String, in association: Association, on db: Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for number in numbers.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init) where !number.isEmpty {
            guard let membership = try await Membership.query(on: db).filter(\.$association.$id == association.requireID())
                .filter(\.$memberNumber == number).first() else {
                throw AppError(.unprocessableEntity, code: "unknown_member", message: "No member \(number) in this association.", rule: "a1.6")
            }
            ids.append(membership.$person.id)
        }
        return ids
    }

    /// After a withdrawal past transmittal, the GC continues as complainant, but only where it records a
    /// potential public-trust violation (a1.17, b11.1).
    static func gcContinue(publicTrust: String, rationale: String, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try caseScope.require(.decideComplaint)
        var payload: Payload = ["publicTrust": .text(publicTrust)]
        let why = rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        if !why.isEmpty { payload["rationale"] = .text(why) }
        return try await append([ProposedEntry(type: .gcContinues, effectiveOn: date, payload: payload)], to: caseScope, by: actor, db: db)
    }

    struct Decision: Sendable {
        var decision: GrievanceDecision
        var reason: String = ""
        var forwardedArticles: String = ""
        var dismissedArticles: String = ""
        var rationale: String = ""
    }

    /// The Grievance Committee's decision and its notices (a1.6, a1.10).
    static func decide(_ input: Decision, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try caseScope.require(.decideComplaint)
        let respondents = try await respondentRecipients(caseScope, on: db)
        let result = GrievanceReview.entries(decision: input.decision, on: date, dismissReason: input.reason, forwardedArticles: input.forwardedArticles,
                                             dismissedArticles: input.dismissedArticles, rationale: input.rationale,
                                             complainant: try await partyNames(caseScope, role: .complainant, on: db),
                                             respondents: respondents)
        switch result {
        case .failure(let refusal): throw AppError(refusals: [refusal])
        case .success(let entries): return try await append(entries, to: caseScope, by: actor, db: db)
        }
    }

    /// Staff send the respondent's reply to the complainant, within 5 days of receiving it (a1.11).
    static func forwardReply(_ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireStaff(caseScope)
        let complainant = try await partyNames(caseScope, role: .complainant, on: db)
        return try await append([notice(.replyForwarded, to: complainant.isEmpty ? "the complainant" : complainant, on: date)], to: caseScope, by: actor, db: db)
    }

    /// Serves a forwarded complaint on the respondents (a1.11), with the principal's copy (S3 5.2.3).
    static func serve(_ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireStaff(caseScope)
        return try await append([notice(.complaintServed, to: try await respondentRecipients(caseScope, on: db), on: date, channel: "mail")],
                                to: caseScope, by: actor, db: db)
    }

    /// The Directors' final decision on a dismissal appeal: reinstate or confirm (a1.10).
    static func decideDismissalAppeal(outcome: String, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try caseScope.require(.appendEntry)
        var payload: Payload = ["outcome": .text(outcome)]
        if DismissalAppeal.pending(caseScope.docket)?.payload["partial"]?.textValue == "yes" { payload["partial"] = .text("yes") }
        return try await append([ProposedEntry(type: .dismissalAppealDecided, effectiveOn: date, payload: payload)], to: caseScope, by: actor, db: db)
    }

    /// The respondent's reply (a1.11); a late one passes with a warning.
    static func reply(text: String, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try await requireParty(caseScope, actor, .respondent, db: db)
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw AppError(.unprocessableEntity, code: "reply_empty", message: "Write your reply before sending it.", rule: "a1.11") }
        return try await append([ProposedEntry(type: .replyReceived, effectiveOn: date, payload: ["text": .text(body)])], to: caseScope, by: actor, db: db)
    }

    /// The complainant's appeal of a dismissal: a written explanation only (a1.10).
    static func appealDismissal(explanation: String, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try await requireParty(caseScope, actor, .complainant, db: db)
        let text = explanation.trimmingCharacters(in: .whitespacesAndNewlines)
        // Form E-22 is the complainant's explanation of why the dismissal was wrong: nothing else goes to the Directors (a1.10).
        guard !text.isEmpty else {
            throw AppError(.unprocessableEntity, code: "explanation_required",
                           message: "Explain why you believe the dismissal was wrong: the Directors read only this explanation and what the Committee saw.", rule: "a1.10")
        }
        var payload: Payload = ["explanation": .text(text)]
        if DismissalAppeal.isPartial(caseScope.docket) { payload["partial"] = .text("yes") }
        return try await append([ProposedEntry(type: .dismissalAppealed, effectiveOn: date, payload: payload)], to: caseScope, by: actor, db: db)
    }

    /// The complainant withdraws (a1.17).
    static func withdraw(reason: String, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try await requireParty(caseScope, actor, .complainant, db: db)
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await append([ProposedEntry(type: .withdrawn, effectiveOn: date, payload: text.isEmpty ? [:] : ["reason": .text(text)])],
                                to: caseScope, by: actor, db: db)
    }

    // MARK: shared

    static func notice(_ kind: NoticeKind, to: String, on date: CivilDate, channel: String = "email") -> ProposedEntry {
        ProposedEntry(type: .noticeSent, effectiveOn: date, payload: ["notice": .text(kind.rawValue), "channel": .text(channel), "to": .text(to)])
    }

    static func requireStaff(_ caseScope: CaseScope) throws {
        try caseScope.require(.appendEntry)
        guard caseScope.scope.roles.contains(.staff) else { throw AppError.forbidden }
    }

    /// The party action permission, and the signed-in person holds `role` on this case.
    static func requireParty(_ caseScope: CaseScope, _ actor: Actor, _ role: PartyRole, db: Database) async throws {
        try caseScope.require(.actAsParty)
        guard let personID = actor.personID,
              try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseScope.record.requireID())
                .filter(\.$person.$id == personID).filter(\.$role == role.rawValue).count() > 0 else {
            throw AppError(.forbidden, code: "not_that_party", message: "Only the \(role.label.lowercased()) can take this step.")
        }
    }

    /// Who a notice to the respondent goes to. Where the profile says so the respondent's broker-in-charge or
    /// principal is copied on all correspondence (S3 5.2.3); otherwise only when staff add them.
    static func respondentRecipients(_ caseScope: CaseScope, on db: Database) async throws -> String {
        let respondents = try await partyNames(caseScope, role: .respondent, on: db)
        let principals = try await partyNames(caseScope, role: .principalOfRespondent, on: db)
        let base = respondents.isEmpty ? "the respondent" : respondents
        // The profile in force when the case was opened decides it; the day asked about does not matter here.
        let copies = try await CaseRules.load(for: caseScope.record, in: caseScope.scope.association, on: db, today: .latest).profile.copyRespondentPrincipal
        return copies && !principals.isEmpty ? "\(base); copy to \(principals)" : base
    }

    /// The complainant and the respondent side (with the principal's copy where the profile wants it), for a
    /// notice that goes to both parties.
    static func bothParties(_ caseScope: CaseScope, on db: Database) async throws -> String {
        [try await partyNames(caseScope, role: .complainant, on: db), try await respondentRecipients(caseScope, on: db)]
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }

    static func partyNames(_ caseScope: CaseScope, role: PartyRole, on db: Database) async throws -> String {
        try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseScope.record.requireID()).filter(\.$role == role.rawValue)
            .with(\.$person).all().map(\.person.fullName).joined(separator: ", ")
    }

    /// Appends after the step's own authorization; the guards still run and see who the actor is.
    static func append(_ entries: [ProposedEntry], to caseScope: CaseScope, by actor: Actor, db: Database) async throws -> Done {
        let record = caseScope.record
        let appended = try await writeTransaction(on: db) { tx in
            try await DocketStore.append(entries, to: record, by: actor, at: Date(), on: tx)
        }
        return Done(record: record, warnings: appended.warnings)
    }
}
