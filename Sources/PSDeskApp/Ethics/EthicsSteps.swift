import Vapor
import Fluent
import StandardsCore

/// What the registered steps share (names, recipients, appending) and the two Grievance Committee steps that open
/// a case of their own (an amendment the complainant does not agree to, a complaint on the Committee's own motion),
/// which are not yet on the step registry (`StepRegistry`).
enum EthicsSteps {
    struct Done: Sendable { let record: CaseRecord; let warnings: [Refusal] }

    /// People who hold the grievance role in the association (accounts linked to a person).
    static func grievanceMembers(in association: Association, asOf today: CivilDate, on db: Database) async throws -> [Person] {
        let userIDs = try await RoleAssignment.query(on: db).filter(\.$association.$id == association.requireID())
            .filter(\.$role == Role.grievance.rawValue).all(\.$user.$id)
        let withRole = userIDs.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ userIDs).all().compactMap { $0.$person.id }
        // The Committee's roster too (issue 18), shared under a regional agreement: a member without an account still reviews.
        let sharing = try await Committee.associations(sharing: association, on: today, db: db)
        let seated = try await CommitteeSeat.query(on: db).filter(\.$association.$id ~~ sharing)
            .filter(\.$committee == CommitteeBody.grievance.rawValue).all(\.$person.$id)
        let personIDs = Array(Set(withRole + seated))
        guard !personIDs.isEmpty else { return [] }
        return try await Person.query(on: db).filter(\.$id ~~ personIDs).sort(\.$lastName).all()
    }

    /// The GC adds or deletes Articles, or adds respondents, with its rationale (a1.6). If the complainant
    /// does not agree to an addition, the GC files its own complaint for it, linked to this one and heard
    /// with it.
    static func gcAmend(articles: String, rationale: String, complainantAgrees: Bool, addRespondents: String = "", removeRespondents: String = "",
                        _ caseScope: CaseScope,
                        by actor: Actor, on date: CivilDate, now: Date, db: Database) async throws -> (done: Done, gcCase: CaseRecord?) {
        try caseScope.require(.decideComplaint)
        let why = rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        let current = CitedArticles.current(caseScope.docket)
        let wanted = articles.trimmingCharacters(in: .whitespaces).isEmpty ? current : CitedArticles.parse(articles)
        guard !why.isEmpty, !wanted.isEmpty else {
            throw AppError(.unprocessableEntity, code: "gc_amendment_incomplete", message: "Give the Articles after the amendment and the Committee's rationale.", rule: .a1_6)
        }
        let newRespondents = try await members(addRespondents, in: caseScope.scope.association, on: db)
        let existing = try await CaseParties.ids(of: caseScope.record, role: .respondent, on: db)
        let addedRespondents = newRespondents.filter { !existing.contains($0) }
        let removedRespondents = try await members(removeRespondents, in: caseScope.scope.association, on: db).filter { existing.contains($0) }
        let added = wanted.filter { !current.contains($0) }
        guard wanted != current || !addedRespondents.isEmpty || !removedRespondents.isEmpty else {
            throw AppError(.unprocessableEntity, code: "gc_amendment_no_change", message: "Nothing changes: the Articles and respondents are as they were.", rule: .a1_6)
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
            return (try await append(entries, to: caseScope, by: actor, now: now, db: db), nil)
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
                                                    associationID: associationID, entries: entries, actor: actor, actorName: nil, now: now, on: tx)
            var here: [ProposedEntry] = removals
            if kept != current || !removals.isEmpty {
                here.insert(ProposedEntry(type: .gcAmended, effectiveOn: date, payload: ["articles": .text(CitedArticles.text(kept)), "rationale": .text(why)]), at: 0)
            }
            here.append(ProposedEntry(type: .caseLinked, effectiveOn: date, payload: ["caseNumber": .text(created.record.number), "relation": .text("gc-complaint")]))
            try await DocketStore.append(here, to: record, by: actor, at: now, on: tx)
            return created.record
        }
        return (Done(record: record, warnings: []), gcCase)
    }

    /// A complaint the Grievance Committee brings on its own motion, as complainant (a1.9).
    static func gcOwnMotion(respondents: String, articles: String, narrative: String, in scope: AssociationScope, by actor: Actor,
                            on date: CivilDate, now: Date, db: Database) async throws -> CaseRecord {
        try scope.require(.decideComplaint)
        let ids = try await members(respondents, in: scope.association, on: db)
        let cited = CitedArticles.parse(articles)
        let why = narrative.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !ids.isEmpty, !cited.isEmpty, !why.isEmpty else {
            throw AppError(.unprocessableEntity, code: "gc_complaint_incomplete",
                           message: "Name the respondent (member number), the Articles and what the Committee has learned.", rule: .a1_9)
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
                                      entries: firstEntries, actor: actor, actorName: nil, now: now, on: tx).record
        }
    }

    /// People named by member number ("OB-1020, OB-1021"); an unknown number is refused.
    static func members(_ numbers: String, in association: Association, on db: Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for number in numbers.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init) where !number.isEmpty {
            guard let membership = try await Membership.query(on: db).filter(\.$association.$id == association.requireID())
                .filter(\.$memberNumber == number).first() else {
                throw AppError(.unprocessableEntity, code: "unknown_member", message: "No member \(number) in this association.", rule: .a1_6)
            }
            ids.append(membership.$person.id)
        }
        return ids
    }

    // MARK: shared

    /// Staff only, by the step policy (`StepPolicy.staff`), for the steps not yet on the registry.
    static func requireStaff(_ caseScope: CaseScope) throws {
        if StepPolicy.staff.refusal(roles: caseScope.scope.roles, facts: caseScope.facts, actorParties: caseScope.partyRoles) != nil { throw AppError.forbidden }
    }

    /// Who a notice to the respondent goes to. Where the profile says so the respondent's broker-in-charge or
    /// principal is copied on all correspondence (S3 5.2.3); otherwise only when staff add them.
    static func respondentRecipients(_ caseScope: CaseScope, profile: RuleProfile? = nil, on db: Database) async throws -> String {
        let respondents = try await partyNames(caseScope, role: .respondent, on: db)
        let principals = try await partyNames(caseScope, role: .principalOfRespondent, on: db)
        let base = respondents.isEmpty ? "the respondent" : respondents
        // The profile in force when the case was filed decides it; the day asked about does not matter here.
        var copies = profile?.copyRespondentPrincipal
        if copies == nil { copies = try await CaseRules.load(for: caseScope.record, in: caseScope.scope.association, on: db, today: .latest).profile.copyRespondentPrincipal }
        return copies == true && !principals.isEmpty ? "\(base); copy to \(principals)" : base
    }

    static func partyNames(_ caseScope: CaseScope, role: PartyRole, on db: Database) async throws -> String {
        try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseScope.record.requireID()).filter(\.$role == role.rawValue)
            .with(\.$person).all().map(\.person.fullName).joined(separator: ", ")
    }

    /// Appends after the step's own authorization; the guards still run and see who the actor is.
    static func append(_ entries: [ProposedEntry], to caseScope: CaseScope, by actor: Actor, now: Date, db: Database) async throws -> Done {
        let record = caseScope.record
        let appended = try await writeTransaction(on: db) { tx in
            try await DocketStore.append(entries, to: record, by: actor, at: now, on: tx)
        }
        return Done(record: record, warnings: appended.warnings)
    }
}
