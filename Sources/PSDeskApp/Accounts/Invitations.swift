import Vapor
import Fluent
import StandardsCore

/// Staff bring people in (issue 13, item 3): an invitation grants a role in the association and emails a one-time link
/// to choose a password (or, for someone who already has an account, tells them of the new role). Grants, revocations,
/// deactivation and reactivation are each recorded (`AdminChange`) in the association's own history.
enum Invitations {
    /// The roles staff hand out; a party's account comes from their case (`PartyAccounts`).
    static let assignableRoles: [Role] = [.staff, .president, .director, .grievance, .psc, .citationPanel, .mediator, .ombuds]

    struct Request: Sendable {
        var email = ""
        var name = ""
        var role = ""
    }

    /// Field name → what is wrong with it.
    static func problems(_ form: Request) -> [String: String] {
        var errors: [String: String] = [:]
        if EmailAddress.checked(form.email) == nil { errors["email"] = "Enter the person's email address, like name@example.com." }
        let name = form.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 120 { errors["name"] = "Enter the person's name (at most 120 characters)." }
        if name.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) }) { errors["name"] = "A name is one line of text." }
        if Role(rawValue: form.role).map({ assignableRoles.contains($0) }) != true { errors["role"] = "Choose the role to invite them to." }
        return errors
    }

    /// Invites (or, for an existing account, grants) and writes the email; says what happened, in a sentence.
    static func invite(_ form: Request, to association: Association, by actor: Actor, now: Date, on db: Database) async throws -> String {
        let email = EmailAddress.normalized(form.email)
        let name = form.name.trimmingCharacters(in: .whitespaces)
        guard let role = Role(rawValue: form.role) else { throw AppError.invalid("Choose a role.", code: "bad_role") }
        let associationID = try association.requireID()
        return try await db.transaction { tx in
            var user: User
            if let existing = try await User.query(on: tx).filter(\.$email == email).first() {
                guard existing.deactivatedAt == nil else {
                    throw AppError(.conflict, code: "account_deactivated", message: "\(email) has an account that was deactivated; reactivate it first.")
                }
                user = existing
            } else {
                user = User.awaitingPassword(email: email, displayName: name)
                try await user.create(on: tx)
            }
            // Members link to their accounts by email (item 5).
            if user.$person.id == nil,
               let person = try await Person.query(on: tx).filter(\.$association.$id == associationID).filter(\.$email == email).first() {
                user.$person.id = person.id
                try await user.save(on: tx)
            }
            let userID = try user.requireID()
            let held = try await !RoleAssignment.grant(role, to: userID, in: associationID, on: tx)
            if !held {
                try await AdminChange.record("Invited \(email) as \(role.label)", subject: "role", id: userID, before: String?.none,
                                             after: role.rawValue, in: associationID, by: actor, at: now, on: tx)
            }
            let draft: MailDraft
            if user.awaitingPassword {
                let token = try await SignInLinks.issue(for: user, .invitation, now: now, on: tx)
                draft = AccountMail.invitation(to: user, role: role, association: association, from: actor, link: "/welcome/\(token)")
            } else {
                draft = AccountMail.roleGranted(to: user, role: role, association: association, from: actor)
            }
            try await Outbox.enqueue(draft, association: association, now: now, on: tx)
            if held { return "\(email) already holds \(role.label); a new email with a sign-in link is on its way." }
            return user.awaitingPassword ? "\(name) (\(email)) was invited as \(role.label); the invitation email is on its way."
                : "\(user.displayName) (\(email)) already had an account and now holds \(role.label); they were told by email."
        }
    }

    /// Takes a role away. Refused when it would leave the association with no staff at all.
    static func revoke(_ role: Role, from user: User, in association: Association, by actor: Actor, now: Date, on db: Database) async throws {
        let associationID = try association.requireID()
        let userID = try user.requireID()
        try await db.transaction { tx in
            if role == .staff {
                let staff = try await RoleAssignment.query(on: tx).filter(\.$association.$id == associationID).filter(\.$role == Role.staff.rawValue).count()
                guard staff > 1 else {
                    throw AppError(.conflict, code: "last_staff", message: "\(association.name) would be left with no staff; invite another PSA first.")
                }
            }
            let removed = try await RoleAssignment.query(on: tx).filter(\.$user.$id == userID).filter(\.$association.$id == associationID)
                .filter(\.$role == role.rawValue).all()
            guard !removed.isEmpty else { throw AppError.notFound("role") }
            for row in removed { try await row.delete(on: tx) }
            try await AdminChange.record("Revoked \(role.label) from \(user.email)", subject: "role", id: userID, before: role.rawValue,
                                         after: String?.none, in: associationID, by: actor, at: now, on: tx)
        }
    }

    /// Deactivates (or reactivates) an account. Staff may do so only for accounts whose every role is in their own
    /// association: an account that also serves another association is that association's business too (item 7).
    static func setActive(_ active: Bool, _ user: User, in association: Association, by actor: Actor, now: Date, on db: Database) async throws {
        let associationID = try association.requireID()
        let userID = try user.requireID()
        guard userID != actor.userID else { throw AppError(.conflict, code: "own_account", message: "You cannot deactivate your own account.") }
        let elsewhere = try await RoleAssignment.query(on: db).filter(\.$user.$id == userID).filter(\.$association.$id != associationID).count()
        guard elsewhere == 0, !user.isAdministrator else {
            throw AppError(.conflict, code: "account_shared", message: "\(user.email) also serves another association (or administers PSDesk); revoke their roles here instead.")
        }
        try await db.transaction { tx in
            user.deactivatedAt = active ? nil : now
            if !active { user.sessionEpoch += 1 }
            try await user.save(on: tx)
            if !active {
                try await APIToken.query(on: tx).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now).update()
            }
            try await AdminChange.record("\(active ? "Reactivated" : "Deactivated") the account of \(user.email)", subject: "account", id: userID,
                                         before: !active, after: active, in: associationID, by: actor, at: now, on: tx)
        }
    }
}

/// The emails about accounts. Each link is a path; the worker puts `PSDESK_PUBLIC_URL` before it.
enum AccountMail {
    static func invitation(to user: User, role: Role, association: Association, from actor: Actor, link: String) -> MailDraft {
        let url = NoticeMail.baseURLMark + link
        return draft(.invitation, to: user, association: association,
                     subject: "You are invited to \(association.name)'s professional standards system",
                     lines: ["\(actor.displayName) invited you to PSDesk, \(association.name)'s professional standards system, as \(role.label).",
                             "Choose your password here; the link works once, for 7 days:"], link: url,
                     after: "If you did not expect this, ignore it: nothing happens unless the link is used.")
    }

    static func respondentInvitation(to user: User, caseNumber: String, association: Association, link: String) -> MailDraft {
        draft(.invitation, to: user, association: association, subject: "Your account for case \(caseNumber) at \(association.name)",
              lines: ["A complaint naming you (case \(caseNumber)) was sent to you by \(association.name); the notice itself comes separately.",
                      "You may follow the case, reply and see its time frames online. Choose your password here; the link works once, for 7 days:"],
              link: NoticeMail.baseURLMark + link, after: "You need not use it: everything also reaches you by the means the notice came.")
    }

    static func roleGranted(to user: User, role: Role, association: Association, from actor: Actor) -> MailDraft {
        draft(.account, to: user, association: association, subject: "You now hold \(role.label) at \(association.name)",
              lines: ["\(actor.displayName) gave your PSDesk account the role \(role.label) at \(association.name).", "Sign in as usual:"],
              link: NoticeMail.baseURLMark + "/login", after: nil)
    }

    static func passwordReset(to user: User, link: String) -> MailDraft {
        draft(.passwordReset, to: user, association: nil, subject: "Choose a new PSDesk password",
              lines: ["Someone (we hope you) asked to reset the password of the PSDesk account \(user.email).",
                      "Choose a new password here; the link works once, for one hour, and signs out every other session:"],
              link: NoticeMail.baseURLMark + link, after: "If it was not you, ignore this email: your password stays as it is.")
    }

    static func emailChange(to user: User, newEmail: String, link: String) -> MailDraft {
        var message = draft(.emailChange, to: user, association: nil, subject: "Confirm your new PSDesk email address",
                            lines: ["Confirm that \(newEmail) is the new email address of your PSDesk account (now \(user.email)):"],
                            link: NoticeMail.baseURLMark + link, after: "Until you do, nothing changes. The link works once, for a day.")
        message.toAddress = newEmail
        return message
    }

    private static func draft(_ purpose: OutboxPurpose, to user: User, association: Association?, subject: String, lines: [String], link: String,
                              after: String?) -> MailDraft {
        let text = (["Dear \(user.displayName),", ""] + lines + ["", link] + (after.map { ["", $0] } ?? [])).joined(separator: "\n") + "\n"
        let e = HTMLEscaping.escape
        let html = "<!doctype html><html lang=\"en\"><body><p>Dear \(e(user.displayName)),</p>" + lines.map { "<p>\(e($0))</p>" }.joined()
            + "<p><a href=\"\(e(link))\">\(e(link))</a></p>" + (after.map { "<p>\(e($0))</p>" } ?? "") + "</body></html>"
        return MailDraft(purpose: purpose, toName: user.displayName, toAddress: user.email, subject: subject, text: text, html: html,
                         associationID: association?.id)
    }
}
