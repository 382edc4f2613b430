import Vapor
import Fluent
import SQLKit
import StandardsCore

/// An association the actor may enter, with the actor's roles in it.
struct AssociationScope: Sendable {
    let association: Association
    let roles: Set<Role>
    var id: UUID { association.id! }

    /// Finds the association by slug for this actor. Unknown and foreign associations are both 404, so
    /// a user of one association learns nothing about another.
    static func load(slug: String, actor: Actor, on db: Database) async throws -> AssociationScope {
        guard let association = try await Association.query(on: db).filter(\.$slug == slug).first(),
              let id = association.id, !actor.roles(in: id).isEmpty else {
            throw AppError.notFound("association")
        }
        return AssociationScope(association: association, roles: actor.roles(in: id))
    }

    func require(_ permission: Permission) throws {
        guard AccessPolicy.allows(roles: roles, permission) else { throw AppError.forbidden }
    }
}

/// A case as one actor sees it: the record, its docket, and what the policy knows about the actor's ties.
struct CaseScope: Sendable {
    let scope: AssociationScope
    let record: CaseRecord
    let kind: CaseKind
    let docket: [DocketEntry]
    let facts: CaseFacts
    /// The roles the signed-in person holds as a party on this case.
    let partyRoles: Set<PartyRole>
    /// The signed-in person, if the account is one.
    var actorPersonID: UUID? = nil

    /// Loads a case by number inside the association. A case the actor may not view is reported as not
    /// found (404), exactly like a case that does not exist.
    static func load(number: String, in scope: AssociationScope, actor: Actor, on db: Database) async throws -> CaseScope {
        guard let parsed = CaseNumber(number),
              let record = try await CaseRecord.query(on: db)
                .filter(\.$association.$id == scope.id).filter(\.$number == parsed.description).first(),
              let kind = CaseKind(rawValue: record.kind) else {
            throw AppError.notFound("case")
        }
        let caseID = try record.requireID()
        var roles: Set<String> = []
        if let personID = actor.personID {
            roles = Set(try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseID).filter(\.$person.$id == personID).all(\.$role))
        }
        let ties = try await PanelTies.load(actor: actor, in: scope, on: db)
        var facts = CaseFacts(kind: kind, status: CaseStatus(rawValue: record.status) ?? .opened, actorIsParty: !roles.isEmpty,
                              actorIsOnlyRespondent: CaseListing.onlyRespondent(roles), respondentNotified: record.respondentNotified,
                              actorSitsOnPanel: ties.cases.contains(caseID), actorIsAssignedMediator: ties.mediates.contains(caseID))
        facts.actorChairsCommittee = ties.chairsCommittee
        facts.directorsMatterPending = record.directorsMatterPending
        // A member of an appeal panel deciding a matter before the Directors here reaches the case while it waits
        // (appendix (5)(b)): read from the docket only when nothing else lets them in.
        var readEarly: [DocketEntry]?
        if !AccessPolicy.allows(roles: scope.roles, .viewCase, on: facts), record.directorsMatterPending, let personID = actor.personID {
            let entries = try await DocketStore.entries(of: caseID, on: db)
            facts.actorOnDirectorsPanel = DirectorsPanel.current(kind: kind, docket: entries)?.ids.contains(personID) == true
            readEarly = entries
        }
        guard AccessPolicy.allows(roles: scope.roles, .viewCase, on: facts) else { throw AppError.notFound("case") }
        let docket: [DocketEntry]
        if let readEarly { docket = readEarly } else { docket = try await DocketStore.entries(of: caseID, on: db) }
        if let personID = actor.personID {
            facts.actorExcludedFromReview = CaseProjection.build(kind: kind, docket: docket).excludedReviewers.contains(personID)
            facts.actorChairsPanel = facts.actorSitsOnPanel && HearingPanel.build(docket).chair == personID
        }
        return CaseScope(scope: scope, record: record, kind: kind, docket: docket, facts: facts, partyRoles: Set(roles.compactMap(PartyRole.init(rawValue:))),
                         actorPersonID: actor.personID)
    }

    /// The docket as this person may read it: on an arbitration, only staff, the parties and the mediator see the
    /// mediation's entries; the panel and its chair never do (S3 §8, `MediationConfidentiality`).
    var readableDocket: [DocketEntry] {
        kind == .arbitration && !scope.roles.contains(.staff) && !facts.actorIsParty && !facts.actorIsAssignedMediator
            ? MediationConfidentiality.forPanel(docket) : docket
    }

    func require(_ permission: Permission) throws {
        guard AccessPolicy.allows(roles: scope.roles, permission, on: facts) else { throw AppError.forbidden }
    }
}

/// The cases of an association this actor may see, newest first, optionally filtered by a search on
/// number, title or party name.
enum CaseListing {
    struct Row: Sendable {
        let record: CaseRecord
        let kind: CaseKind
        let partyNames: [String]
        /// The party rows with their people, as read for the list: an API page needs no query per case.
        var parties: [CaseParty] = []
    }

    /// What a list asks for beyond the actor's reach.
    struct Filter: Sendable {
        var search: String?
        var statuses: [CaseStatus]?
        var kinds: [CaseKind]?
        var directorsMatterPending: Bool?
        /// Only cases with a time frame in this window on this day (`DueWindow`).
        var due: (DueWindow, CivilDate)?
        /// Only cases whose complaint cites this Article now.
        var article: Int?
        /// Only cases this person is a party to.
        var party: UUID?
    }

    /// Every case of the association the actor may see, newest first, never truncated: a list or count built on it is
    /// complete. `statuses`, `kinds` and `directorsMatterPending` narrow it in SQL, before the access policy filters
    /// what is left.
    static func visibleCases(in scope: AssociationScope, actor: Actor, search: String?, statuses: [CaseStatus]? = nil,
                             kinds: [CaseKind]? = nil, directorsMatterPending: Bool? = nil, on db: Database) async throws -> [Row] {
        let filter = Filter(search: search, statuses: statuses, kinds: kinds, directorsMatterPending: directorsMatterPending)
        guard let (query, ties) = try await query(in: scope, actor: actor, filter: filter, on: db) else { return [] }
        return try await rows(try await query.sort(\.$createdAt, .descending).sort(\.$number, .descending).all(), in: scope, actor: actor, ties: ties, on: db)
    }

    /// The cases matching `filter` that the actor's roles reach (`AccessPolicy.reach`), as a database query; nil when
    /// they reach none. The policy still checks each row (`rows`): the query only keeps the database from reading the rest.
    static func query(in scope: AssociationScope, actor: Actor, filter: Filter, on db: Database) async throws -> (QueryBuilder<CaseRecord>, PanelTies)? {
        try scope.require(.listCases)
        let ties = try await PanelTies.load(actor: actor, in: scope, on: db)
        let reaches = scope.roles.flatMap { AccessPolicy.reach($0, chairsCommittee: ties.chairsCommittee) }
        let own = reaches.contains(where: \.ownCasesOnly) ? try await ownCases(of: actor, in: scope, ties: ties, on: db) : ties.cases
        let usable = reaches.filter { !$0.ownCasesOnly || !own.isEmpty }
        guard !usable.isEmpty else { return nil }
        let term = filter.search?.trimmingCharacters(in: .whitespaces) ?? ""
        var query = CaseRecord.query(on: db)
        if !term.isEmpty && !db.isPostgreSQL {
            // SQLite cannot tell how many cases a search finds, and would walk every case of the association in the
            // list's order testing each against the search's few: 200-270 ms on 200,000 cases. The unary `+` keeps it
            // off the association's indexes, so it reads the cases the search found by id (30 ms). PostgreSQL counts.
            query = query.filter(.sql(embed: "+\(ident: CaseRecord.schema).\(ident: "association_id") = \(bind: scope.id)"))
        } else {
            query = query.filter(\.$association.$id == scope.id)
        }
        if let statuses = filter.statuses { query = query.filter(\.$status ~~ statuses.map(\.rawValue)) }
        if let kinds = filter.kinds { query = query.filter(\.$kind ~~ kinds.map(\.rawValue)) }
        if let pending = filter.directorsMatterPending { query = query.filter(\.$directorsMatterPending == pending) }
        if let (window, today) = filter.due { query = query.filter(dueCondition(window, today: today, in: scope.id)) }
        query = query.group(.or) { any in
            for reach in usable {
                any.group(.and) { one in
                    one.filter(\.$kind ~~ reach.kinds.map(\.rawValue))
                    if let statuses = reach.statuses {
                        if reach.orDirectorsMatterPending {
                            one.group(.or) { $0.filter(\.$status ~~ statuses.map(\.rawValue)).filter(\.$directorsMatterPending == true) }
                        } else {
                            one.filter(\.$status ~~ statuses.map(\.rawValue))
                        }
                    }
                    if reach.ownCasesOnly { one.filter(\.$id ~~ Array(own)) }
                }
            }
        }
        if !term.isEmpty { query = query.filter(CaseSearch.condition(term, in: scope.id, on: db)) }
        if let article = filter.article { query = query.filter(CaseSearch.articleCondition(article, in: scope.id)) }
        if let party = filter.party {
            query = query.filter(.sql(embed: """
                \(ident: CaseRecord.schema).\(ident: "id") IN (SELECT case_id FROM \(ident: CaseParty.schema) \
                WHERE association_id = \(bind: scope.id) AND person_id = \(bind: party))
                """))
        }
        return (query, ties)
    }

    /// The actor's own cases in the association: the panels they sit on, the mediations they conduct, the cases they are a party to.
    static func ownCases(of actor: Actor, in scope: AssociationScope, ties: PanelTies, on db: Database) async throws -> Set<UUID> {
        guard let personID = actor.personID else { return ties.cases.union(ties.mediates) }
        let parties = try await CaseParty.query(on: db).filter(\.$association.$id == scope.id).filter(\.$person.$id == personID).all(\.$caseRecord.$id)
        return ties.cases.union(ties.mediates).union(parties)
    }

    /// The records the policy lets the actor see, with their parties' names.
    static func rows(_ records: [CaseRecord], in scope: AssociationScope, actor: Actor, ties: PanelTies, on db: Database) async throws -> [Row] {
        let recordIDs = records.compactMap(\.id)
        let parties = recordIDs.isEmpty ? [] : try await CaseParty.query(on: db).filter(\.$caseRecord.$id ~~ recordIDs).with(\.$person).all()
        let partiesByCase = Dictionary(grouping: parties, by: { $0.$caseRecord.id })
        var rows: [Row] = []
        for record in records {
            guard let kind = CaseKind(rawValue: record.kind), let id = record.id else { continue }
            let roles = Set(actor.personID.map { pid in (partiesByCase[id] ?? []).filter { $0.$person.id == pid }.map(\.role) } ?? [])
            var facts = CaseFacts(kind: kind, status: CaseStatus(rawValue: record.status) ?? .opened, actorIsParty: !roles.isEmpty,
                                  actorIsOnlyRespondent: onlyRespondent(roles), respondentNotified: record.respondentNotified,
                                  actorSitsOnPanel: ties.cases.contains(id), actorIsAssignedMediator: ties.mediates.contains(id))
            facts.actorChairsCommittee = ties.chairsCommittee
            facts.directorsMatterPending = record.directorsMatterPending
            guard AccessPolicy.allows(roles: scope.roles, .viewCase, on: facts) else { continue }
            let names = (partiesByCase[id] ?? []).map { "\($0.person.fullName) (\(PartyRole(rawValue: $0.role)?.label ?? $0.role))" }
            rows.append(Row(record: record, kind: kind, partyNames: names, parties: partiesByCase[id] ?? []))
        }
        return rows
    }

    /// Whether a person's roles on a case are only the respondent's side.
    static func onlyRespondent(_ roles: Set<String>) -> Bool {
        // A role this version does not know counts as another side, as it always has.
        let known = Set(roles.compactMap(PartyRole.init(rawValue:)))
        return known.count == roles.count && CaseFacts.onlyRespondent(known)
    }

    /// Case-insensitive matching: SQLite's LIKE already is (for ASCII); PostgreSQL needs ILIKE.
    static func likeOperator(on db: Database) -> DatabaseQuery.Filter.Method {
        db.isPostgreSQL ? .custom("ILIKE") : .custom("LIKE")
    }

    /// Wildcards typed by the user are dropped so a search term is matched as text.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }
}

/// The actor's ties to hearing panels in one association: the cases whose panel they sit on (cached
/// `panel_seats`) and whether they chair the Professional Standards Committee. Only PSC members have any.
struct PanelTies: Sendable {
    var cases: Set<UUID> = []
    var chairsCommittee = false
    /// The cases the actor mediates (issue 14): a mediator sees those and no other (S3 §8).
    var mediates: Set<UUID> = []

    static func load(actor: Actor, in scope: AssociationScope, on db: Database) async throws -> PanelTies {
        guard let personID = actor.personID, !scope.roles.isDisjoint(with: [.psc, .mediator]) else { return PanelTies() }
        let seats = try await PanelSeat.query(on: db).filter(\.$association.$id == scope.id).filter(\.$person.$id == personID).all()
        var ties = PanelTies()
        if scope.roles.contains(.mediator) {
            ties.mediates = Set(seats.filter { $0.seat == PanelSeat.mediatorSeat }.map(\.$caseRecord.id))
        }
        guard scope.roles.contains(.psc) else { return ties }
        ties.cases = Set(seats.filter { $0.seat != PanelSeat.mediatorSeat }.map(\.$caseRecord.id))
        ties.chairsCommittee = try await CommitteeSeat.query(on: db).filter(\.$association.$id == scope.id).filter(\.$person.$id == personID)
            .filter(\.$committee == Committee.Kind.psc.rawValue).filter(\.$isChair == true).count() > 0
        return ties
    }
}

extension Request {
    /// The association named by the `:association` route parameter, as the signed-in actor sees it.
    func associationScope() async throws -> (AssociationScope, Actor) {
        let actor = try requireActor()
        return (try await AssociationScope.load(slug: parameters.get("association") ?? "", actor: actor, on: db), actor)
    }

    /// The case named by the `:association` and `:number` route parameters, as the signed-in actor sees it.
    func caseScope() async throws -> (CaseScope, Actor) {
        let (scope, actor) = try await associationScope()
        return (try await CaseScope.load(number: parameters.get("number") ?? "", in: scope, actor: actor, on: db), actor)
    }
}

extension CaseScope {
    /// A document of this case by id, after the view permission; 404 for any other.
    func document(_ id: String?, on db: Database) async throws -> DocumentRecord {
        try require(.viewDocument)
        guard let id = id.flatMap(UUID.init(uuidString:)),
              let document = try await DocumentRecord.query(on: db).filter(\.$id == id).filter(\.$caseRecord.$id == record.requireID()).first(),
              try await mayOpen([document], on: db).count == 1 else {
            throw AppError.notFound("document")
        }
        return document
    }

    /// The case's documents this person may open, oldest first.
    func documents(on db: Database) async throws -> [DocumentRecord] {
        try require(.viewDocument)
        return try await mayOpen(DocumentRecord.query(on: db).filter(\.$caseRecord.$id == record.requireID()).sort(\.$uploadedAt).all(), on: db)
    }

    /// A paper filed during a mediation is not the panel's to read (S3 §8); a letter's PDF addressed to someone else is
    /// not a party's (it carries the addressee's postal address).
    private func mayOpen(_ documents: [DocumentRecord], on db: Database) async throws -> [DocumentRecord] {
        let readable = Set(readableDocket.map(\.id))
        let othersLetters = try await lettersHiddenFromReader(on: db)
        return documents.filter { d in (d.docketEntryID.map(readable.contains) ?? true) && !(d.id.map(othersLetters.contains) ?? false) }
    }

    /// The documents of the letters addressed to others, for a reader who is only a party here; none for anyone else.
    func lettersHiddenFromReader(on db: Database) async throws -> Set<UUID> {
        guard !mayReadEveryLetter else { return [] }
        let letters = try await LetterRecord.query(on: db).filter(\.$caseRecord.$id == record.requireID()).all()
        return Set(letters.filter { !mayRead($0) }.compactMap(\.documentID))
    }

    /// Staff and the association's volunteers read every letter of a case they reach; a party only their own.
    var mayReadEveryLetter: Bool { !scope.roles.isSubset(of: [.party]) }

    func mayRead(_ letter: LetterRecord) -> Bool {
        mayReadEveryLetter || (letter.recipientPersonID != nil && letter.recipientPersonID == actorPersonID)
    }
}

extension View {
    /// A page re-rendered after a refused form, with the status that says so.
    func response(status: HTTPStatus, for req: Request) async throws -> Response {
        let response = try await encodeResponse(for: req)
        response.status = status
        return response
    }
}
