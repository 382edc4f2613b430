import Vapor
import Fluent
import StandardsCore

/// The committee page (issue 18): every body that hears or reviews cases (S3 1.2–1.3, 3.2–3.3, 9.1.2; appendix (4)),
/// each roster with offices and who appointed them, terms, training and recent load, and the warnings of the roster
/// check; staff add, change and remove seats; every roster as CSV.
struct CommitteeController: RouteCollection {
    let sessions: Middleware
    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let association = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association")
        association.get("committee", use: page)
        association.get("committee.csv", use: csv)
        association.post("committee", use: addSeat)
        association.post("committee", "review", use: recordReview)
        association.post("committee", ":seat", use: updateSeat)
        association.post("committee", ":seat", "remove", use: removeSeat)
        association.post("committee", ":seat", "criteria", use: updateCriteria)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let sections: [Section]
        let canManage: Bool
        let actionURL: String
        let csvURL: String
        let errors: [String]
        let said: [String]
        /// The add form as typed, kept after a refusal.
        let typed: [String: String]
        let bodies: [Option]
        let panels: [String]
        /// The Board's yearly review of the two committees (S3 3.2).
        let review: Review
        /// The fields of real estate a member may name, for the criteria form (S3 1.3.2).
        var fieldsOfRealEstate: [Option] = ArbitrationField.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: false) }
        struct Option: Encodable { let value: String; let label: String; let selected: Bool }
    }

    struct Review: Encodable {
        let actionURL: String
        let warning: String?
        let history: [Entry]
        /// This association's own GC and PSC seats, to tick for removal (staff only).
        let members: [Page.Option]
        let today: String
        struct Entry: Encodable { let on: String; let by: String; let removed: String; let note: String }
    }

    struct Section: Encodable {
        let id: String
        let title: String
        let note: String
        let seats: [Seat]
        let warnings: [String]
        let showTraining: Bool
        let showTerms: Bool
        let showPanels: Bool
        /// The heading of the load column, for the bodies that keep one.
        let loadTitle: String?
    }

    struct Seat: Encodable {
        let name: String
        let association: String
        let office: String
        let appointedBy: String
        let term: String
        let termFrom: String
        let termClass: String
        let training: String
        let trainingClass: String
        let recentPanels: Int
        /// Only the association's own seats are edited here; a partner's seats are theirs.
        let updateURL: String?
        let trainingThrough: String
        let termEndsOn: String
        let isChair: Bool
        let isViceChair: Bool
        let certifiedTrainer: Bool
        let subpanel: String
        /// The member's appointment criteria (S3 1.3.2, 3.3) in a line, and the form's values: as kept, or as typed
        /// before a refusal (then the form is open).
        let criteria: String
        let criteriaForm: [String: String]
        let criteriaOpen: Bool
    }

    static let notes: [CommitteeBody: String] = [
        .grievance: "Reviews complaints and classifies arbitration requests. Members are appointed by the Committee Chair for staggered three-year terms; the President appoints the Chair and designates each panel's chair, the President-Elect the Vice-Chair (S3 3.2, 3.2.1).",
        .psc: "Hearing panels are drawn from these members (a1.14); under a regional agreement the committees of every signatory form one pool. Training must be current through the hearing (a2.7); three-year terms (S3 3.3).",
        .directors: "They hear this association's appeals in panels of five, or a quorum if less (S3 1.3, a1.27); the training column does not apply.",
        .executive: "May hear a dismissal appeal in the Directors' place where the association provides (S4 (11), (32)).",
        .citationPanel: "Three members of the Professional Standards Committee with hearing experience, appointed by the executive officer (S3 9.1.2). They decide whether a forwarded complaint gets a citation; a member in conflict on a case does not sit on it.",
        .mediators: "Mediation officers (S3 §8); under a regional agreement, at least one from each signatory (appendix (4)(d)).",
    ]

    /// The bodies this association keeps: all of them, the citation panel only where citations are adopted (b9.1).
    static func bodies(of association: Association, on today: CivilDate) -> [CommitteeBody] {
        CommitteeBody.allCases.filter { $0 != .citationPanel || association.adoptsCitations(on: today) }
    }

    func page(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        try scope.require(.viewMembers)
        return try await render(req, scope: scope, actor: actor, errors: [], typed: [:])
    }

    /// Every body's seats as shown, with the roster check's warnings.
    static func sections(_ req: Request, scope: AssociationScope, today: CivilDate) async throws -> [(CommitteeBody, [CommitteeSeat], [Refusal], [UUID: Int])] {
        var result: [(CommitteeBody, [CommitteeSeat], [Refusal], [UUID: Int])] = []
        let sharing = try await Committee.associations(sharing: scope.association, on: today, db: req.db)
        for body in bodies(of: scope.association, on: today) {
            let seats = try await Committee.roster(body, of: scope.association, sharing: sharing, db: req.db)
            var warnings = try await Committee.warnings(body, seats: seats, of: scope.association, sharing: sharing, on: today, db: req.db)
            if body == .citationPanel, let profile = scope.association.ruleProfile(on: today), seats.count < profile.citationPanelSize {
                warnings.append(Refusal(code: "citation_panel_short",
                                        message: "The citation panel has \(seats.count) of its \(profile.citationPanelSize) members: appoint \(profile.citationPanelSize - seats.count) more from the PSC (S3 9.1.2, b9.2).",
                                        rule: .b9_2))
            }
            // Each body's load over twelve months, where it has one: hearing panels, Directors' panels, mediations (issue 18).
            let people = seats.map(\.$person.id)
            let load: [UUID: Int] = switch body {
            case .psc: try await Committee.recentAssignments(of: people, on: today, db: req.db)
            case .mediators: try await Committee.recentAssignments(of: people, on: today, mediations: true, db: req.db)
            case .directors: try await Committee.recentDirectorsPanels(in: scope.id, since: today.adding(days: -365), db: req.db)
            default: [:]
            }
            result.append((body, seats, warnings, load))
        }
        return result
    }

    private func render(_ req: Request, scope: AssociationScope, actor: Actor, errors: [String], typed: [String: String],
                        criteriaTyped: (seat: UUID, values: [String: String])? = nil) async throws -> View {
        let today = try req.today(for: scope.association)
        let slug = scope.association.slug
        let canManage = AccessPolicy.allows(roles: scope.roles, .manageMembers) && scope.roles.contains(.staff)
        let all = try await Self.sections(req, scope: scope, today: today)
        let criteria = try await AppointmentCriteriaRecord.of(all.flatMap { $0.1.map(\.$person.id) }, on: req.db)
        let sections = all.map { body, seats, warnings, load in
            Section(id: body.rawValue, title: body == .citationPanel ? "Citation panel" : body.label.prefix(1).uppercased() + body.label.dropFirst(),
                    note: Self.notes[body] ?? "", seats: seats.map { seat in
                        let shown = seat.shown(on: today)
                        return Seat(name: seat.person.fullName, association: seat.association.name, office: shown.office,
                                    appointedBy: seat.appointedBy ?? "—", term: shown.term, termFrom: seat.termStartsOn.map { "from \($0)" } ?? "",
                                    termClass: shown.termClass, training: shown.training, trainingClass: shown.trainingClass,
                                    recentPanels: load[seat.$person.id] ?? 0,
                                    updateURL: canManage && seat.$association.id == scope.id ? "/a/\(slug)/committee/\(seat.id?.uuidString ?? "")" : nil,
                                    trainingThrough: seat.trainingThrough ?? "", termEndsOn: seat.termEndsOn ?? "", isChair: seat.isChair,
                                    isViceChair: seat.isViceChair, certifiedTrainer: seat.certifiedTrainer, subpanel: seat.subpanel.map(String.init) ?? "",
                                    criteria: criteria[seat.$person.id]?.summary ?? "—",
                                    criteriaForm: seat.id == criteriaTyped?.seat ? criteriaTyped?.values ?? [:] : criteria[seat.$person.id]?.formValues ?? [:],
                                    criteriaOpen: seat.id != nil && seat.id == criteriaTyped?.seat)
                    }, warnings: warnings.map { "\($0.message)\($0.rule.map { " (rule \($0))" } ?? "")" },
                    showTraining: body.needsTraining, showTerms: body.hasTerms, showPanels: body == .grievance,
                    loadTitle: [.psc: "Panels, 12 months", .directors: "Directors' panels, 12 months", .mediators: "Mediations, 12 months"][body])
        }
        let panels = scope.association.ruleProfile(on: today)?.composition(of: .grievance)?.subpanels ?? 0
        let reviews = try await CommitteeReviewRecord.query(on: req.db).filter(\.$association.$id == scope.id).sort(\.$reviewedOn, .descending).limit(5).all()
        let reviewable = canManage ? try await CommitteeSeat.query(on: req.db).filter(\.$association.$id == scope.id)
            .filter(\.$committee ~~ CommitteeReview.bodies.map(\.rawValue)).with(\.$person).all() : []
        let review = Review(actionURL: "/a/\(slug)/committee/review",
                            warning: CommitteeReview.due(lastReviewedOn: reviews.first.flatMap { CivilDate($0.reviewedOn) }, today: today).map { "\($0.message) (rule \($0.rule ?? ""))" },
                            history: reviews.map { .init(on: $0.reviewedOn, by: $0.recordedBy, removed: $0.removed.isEmpty ? "no one removed" : "removed: \($0.removed)", note: $0.note) },
                            members: reviewable.sorted { ($0.committee, $0.person.lastName) < ($1.committee, $1.person.lastName) }.map {
                                .init(value: $0.id?.uuidString ?? "", label: "\($0.person.fullName) (\($0.body?.label ?? $0.committee))", selected: false)
                            }, today: today.description)
        return try await req.view.render("committees/committee", Page(
            layout: try await LayoutContext.make(req, "Committees", scope: scope, actor: actor), sections: sections, canManage: canManage,
            actionURL: "/a/\(slug)/committee", csvURL: "/a/\(slug)/committee.csv", errors: errors,
            said: errors.isEmpty ? Flash.takeSaid(req) : [], typed: typed,
            bodies: Self.bodies(of: scope.association, on: today).map { .init(value: $0.rawValue, label: $0.label, selected: (typed["committee"] ?? "psc") == $0.rawValue) },
            panels: panels > 0 ? (1...panels).map(String.init) : [], review: review))
    }

    /// The form's fields, read from one decode of the body.
    private func fields(_ req: Request) -> [String: String] {
        ((try? req.content.decode(FormText.self))?.values ?? [:]).mapValues { $0.trimmingCharacters(in: .whitespaces) }
    }

    func addSeat(req: Request) async throws -> Response {
        let (scope, actor) = try await req.associationScope()
        try scope.require(.manageMembers)
        let typed = fields(req)
        func field(_ name: String) -> String { typed[name] ?? "" }
        let body = Committee.Kind(rawValue: field("committee")) ?? .psc
        do {
            try await CommitteeRoster.add(memberNumber: field("memberNumber"), details: .init(field), committee: body,
                                          attestedExperience: field("hearingExperience") == "yes", today: try req.today(for: scope.association),
                                          in: scope, on: req.db)
            Flash.said(req, "Member \(field("memberNumber")) was added to the \(body.label).")
            return req.redirect(to: "/a/\(scope.association.slug)/committee#\(body.rawValue)")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, scope: scope, actor: actor, errors: error.citedMessages, typed: typed).response(status: .unprocessableEntity, for: req)
        }
    }

    /// Renews a member's training, changes their office, term or panel.
    func updateSeat(req: Request) async throws -> Response {
        let (scope, actor) = try await req.associationScope()
        let typed = fields(req)
        do {
            try await CommitteeRoster.update(seat: req.parameters.get("seat"), details: .init { typed[$0] ?? "" }, today: try req.today(for: scope.association),
                                             in: scope, on: req.db)
            Flash.said(req, "The member's training date and chair were saved, with their term and office.")
            return req.redirect(to: "/a/\(scope.association.slug)/committee")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, scope: scope, actor: actor, errors: error.citedMessages, typed: [:]).response(status: .unprocessableEntity, for: req)
        }
    }

    /// Records a member's appointment criteria (S3 1.3.2, 3.3); a refusal comes back beside the member with what was typed.
    func updateCriteria(req: Request) async throws -> Response {
        let (scope, actor) = try await req.associationScope()
        try scope.require(.manageMembers)
        guard scope.roles.contains(.staff), let id = req.parameters.get("seat").flatMap(UUID.init(uuidString:)),
              let seat = try await CommitteeSeat.query(on: req.db).filter(\.$id == id).filter(\.$association.$id == scope.id).with(\.$person).first() else {
            throw AppError.notFound("committee seat")
        }
        let typed = fields(req)
        switch AppointmentCriteria.parse({ typed[$0] ?? "" }) {
        case .failure(let problems):
            let errors = problems.byField.sorted { $0.key < $1.key }.map { "\(seat.person.fullName): \($0.value) (S3 1.3.2)" }
            return try await render(req, scope: scope, actor: actor, errors: errors, typed: [:], criteriaTyped: (id, typed))
                .response(status: .unprocessableEntity, for: req)
        case .success(let criteria):
            let record = try await AppointmentCriteriaRecord.query(on: req.db).filter(\.$person.$id == seat.$person.id).first()
                ?? AppointmentCriteriaRecord(associationID: scope.id, personID: seat.$person.id)
            record.set(criteria)
            try await record.save(on: req.db)
            Flash.said(req, "\(seat.person.fullName)'s appointment criteria were saved: \(criteria.summary).")
            return req.redirect(to: "/a/\(scope.association.slug)/committee#\(seat.committee)")
        }
    }

    /// The Board's yearly review of the Grievance and Professional Standards Committees (S3 3.2): the day, and the members
    /// it removed, whose seats go in the same transaction as the review is recorded.
    func recordReview(req: Request) async throws -> Response {
        let (scope, actor) = try await req.associationScope()
        try scope.require(.manageMembers)
        guard scope.roles.contains(.staff) else { throw AppError.forbidden }
        let form = try? req.content.decode(FormText.self)
        let sent = form?.values ?? [:]
        let removeIDs = (form?.lists["remove"] ?? sent["remove"].map { [$0] } ?? []).compactMap(UUID.init(uuidString:))
        let today = try req.today(for: scope.association)
        var errors: [String] = []
        let day = CivilDate((sent["reviewedOn"] ?? "").trimmingCharacters(in: .whitespaces))
        if day == nil || !(day?.isPlausible ?? false) { errors.append("Give the day the Board reviewed the committees (YYYY-MM-DD). (rule a2.7)") }
        if let day, day > today { errors.append("The review day cannot be after today. (rule a2.7)") }
        let note = (sent["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 1000 { errors.append("Keep the note under 1,000 characters.") }
        let seats = removeIDs.isEmpty ? [] : try await CommitteeSeat.query(on: req.db).filter(\.$id ~~ removeIDs).filter(\.$association.$id == scope.id)
            .filter(\.$committee ~~ CommitteeReview.bodies.map(\.rawValue)).with(\.$person).all()
        if seats.count != Set(removeIDs).count { errors.append("Choose members of this association's Grievance or Professional Standards Committee to remove.") }
        guard errors.isEmpty, let day else {
            return try await render(req, scope: scope, actor: actor, errors: errors, typed: [:]).response(status: .unprocessableEntity, for: req)
        }
        let removed = seats.map { "\($0.person.fullName) (\($0.body?.label ?? $0.committee))" }
        let review = CommitteeReviewRecord(associationID: scope.id, reviewedOn: day, recordedBy: actor.displayName, removed: removed, note: note)
        try await req.db.transaction { tx in
            for seat in seats { try await seat.delete(on: tx) }
            try await review.create(on: tx)
        }
        Flash.said(req, "The Board's review of \(day) was recorded; \(removed.isEmpty ? "no one was removed" : "removed: " + removed.joined(separator: "; ")). Panels already named keep who sat.")
        return req.redirect(to: "/a/\(scope.association.slug)/committee#review")
    }

    /// Takes a member off the body; panels already named keep them (the docket says who sat). The Board's yearly review
    /// of the committees removes members this way (S3 3.2).
    func removeSeat(req: Request) async throws -> Response {
        let (scope, _) = try await req.associationScope()
        try await CommitteeRoster.remove(seat: req.parameters.get("seat"), in: scope, on: req.db)
        Flash.said(req, "The member was removed from the committee; panels already named keep them.")
        return req.redirect(to: "/a/\(scope.association.slug)/committee")
    }

    /// Every roster as CSV, one row per seat.
    func csv(req: Request) async throws -> Response {
        let (scope, _) = try await req.associationScope()
        try scope.require(.viewMembers)
        let today = try req.today(for: scope.association)
        var rows = [["body", "member", "association", "office", "appointed_by", "term_starts_on", "term_ends_on", "training_through",
                     "certified_trainer", "panel", "recent_panels", "years_realtor", "years_real_estate", "primary_field", "secondary_field",
                     "post_licensing_education", "code_of_ethics_training", "states"]]
        let sections = try await Self.sections(req, scope: scope, today: today)
        let criteria = try await AppointmentCriteriaRecord.of(sections.flatMap { $0.1.map(\.$person.id) }, on: req.db)
        for (body, seats, _, load) in sections {
            for seat in seats {
                let c = criteria[seat.$person.id]
                let office = seat.isChair ? "chair" : seat.isViceChair ? "vice-chair" : "member"
                rows.append([body.rawValue, seat.person.fullName, seat.association.name, office, seat.appointedBy ?? "",
                             seat.termStartsOn ?? "", seat.termEndsOn ?? "", seat.trainingThrough ?? "", seat.certifiedTrainer ? "yes" : "no",
                             seat.subpanel.map(String.init) ?? "", String(load[seat.$person.id] ?? 0),
                             c?.yearsRealtor.map(String.init) ?? "", c?.yearsInRealEstate.map(String.init) ?? "", c?.primaryField?.rawValue ?? "",
                             c?.secondaryField?.rawValue ?? "", c.map { $0.postLicensingEducation ? "yes" : "no" } ?? "",
                             c.map { $0.codeOfEthicsTraining ? "yes" : "no" } ?? "", c?.states.joined(separator: " ") ?? ""])
            }
        }
        // Names and "appointed by" are typed by people: `CSVText` quotes them and defuses spreadsheet formulas.
        return CSVText.download(rows, filename: "committees-\(scope.association.slug).csv")
    }
}
