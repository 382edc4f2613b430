import Vapor
import Fluent
import StandardsCore

/// Accounts for the parties (issue 13, item 4). A complainant who filed online is offered an account on the receipt
/// (or later, having opened the case with its access key); a respondent is invited by email when the complaint is
/// served. The account holds the `party` role in the association and is tied to the party's person, so it sees exactly
/// the cases the access policy gives that person.
enum PartyAccounts {
    /// What the receipt or tracking page offers for this case.
    enum Offer: Equatable {
        /// No account uses the complainant's address: choose a password.
        case create(email: String)
        /// An account uses it: sign in (or, signed in, add the case to the account).
        case signIn(email: String)
        /// The signed-in account may add the case.
        case claim(email: String)
        /// The case is already on this account, or there is no complainant with an address.
        case none
    }

    /// The complainant who filed (the first complainant party with an email address).
    static func complainant(of caseID: UUID, on db: Database) async throws -> Person? {
        try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseID).filter(\.$role == PartyRole.complainant.rawValue)
            .with(\.$person).all().map(\.person).first { ($0.email ?? "").isEmpty == false }
    }

    static func offer(for caseID: UUID, actor: Actor?, on db: Database) async throws -> Offer {
        guard let person = try await complainant(of: caseID, on: db), let email = person.email else { return .none }
        if let actor {
            return actor.personID == person.id ? .none : actor.email == email ? .claim(email: email) : .none
        }
        let taken = try await User.query(on: db).filter(\.$email == email).count() > 0
        return taken ? .signIn(email: email) : .create(email: email)
    }

    /// A new account for the complainant of `caseID`, with the password chosen; returns its id.
    static func create(for caseID: UUID, password: String, app: Application, now: Date, on db: Database) async throws -> UUID {
        guard let person = try await complainant(of: caseID, on: db), let email = person.email,
              let record = try await CaseRecord.find(caseID, on: db) else { throw AppError.notFound("case") }
        let hash = try await app.passwordWork.hash(password)
        return try await db.transaction { tx in
            guard try await User.query(on: tx).filter(\.$email == email).count() == 0 else {
                throw AppError(.conflict, code: "account_exists", message: "An account already uses \(email): sign in to add this case to it.")
            }
            let user = User(email: email, displayName: person.fullName, passwordHash: hash, personID: person.id)
            try await user.create(on: tx)
            try await RoleAssignment.grant(.party, to: user.requireID(), in: record.$association.id, on: tx)
            return try user.requireID()
        }
    }

    /// Adds the case to the signed-in account whose address is the complainant's.
    static func claim(_ caseID: UUID, for actor: Actor, on db: Database) async throws {
        guard let person = try await complainant(of: caseID, on: db), person.email == actor.email,
              let record = try await CaseRecord.find(caseID, on: db), let user = try await User.find(actor.userID, on: db) else {
            throw AppError.notFound("case")
        }
        guard user.$person.id == nil || user.$person.id == person.id else {
            throw AppError(.conflict, code: "other_person", message: "Your account already stands for someone else; ask the association's staff to link this case.")
        }
        user.$person.id = person.id
        try await user.save(on: db)
        try await RoleAssignment.grant(.party, to: user.requireID(), in: record.$association.id, on: db)
    }

    /// Invites each respondent of a just-served complaint who has an address and no account (a1.11): the invitation
    /// link sets a password; the account sees the case as the policy lets a respondent see it. A respondent who
    /// already has an account standing for them is given the party role.
    static func inviteRespondents(of record: CaseRecord, association: Association, now: Date, on db: Database) async throws {
        let caseID = try record.requireID()
        let respondents = try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseID).filter(\.$role == PartyRole.respondent.rawValue)
            .with(\.$person).all().map(\.person)
        for person in respondents {
            guard let email = EmailAddress.checked(person.email) else { continue }
            if let user = try await User.query(on: db).filter(\.$email == email).first() {
                if user.$person.id == person.id { try await RoleAssignment.grant(.party, to: user.requireID(), in: record.$association.id, on: db) }
                continue
            }
            let user = User.awaitingPassword(email: email, displayName: person.fullName, personID: person.id)
            try await user.create(on: db)
            try await RoleAssignment.grant(.party, to: user.requireID(), in: record.$association.id, on: db)
            let token = try await SignInLinks.issue(for: user, .invitation, now: now, on: db)
            try await Outbox.enqueue(AccountMail.respondentInvitation(to: user, caseNumber: record.number, association: association, link: "/welcome/\(token)"),
                                     association: association, now: now, on: db)
        }
    }
}
