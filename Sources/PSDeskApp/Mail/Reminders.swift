import Vapor
import Fluent
import SQLKit
import StandardsCore

/// One reminder sent (issue 19): what it was about, to whom, when, and the email that carried it. `subject_key` with
/// the address is unique, so a reminder is never sent twice, whatever the number of app instances or rounds.
final class ReminderRecord: Model, @unchecked Sendable {
    static let schema = "reminders_sent"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @OptionalField(key: "case_id") var caseID: UUID?
    /// `case:<case id>:<deadline key>:<due on>:<days ahead>` or `digest:<association id>:<day>`.
    @Field(key: "subject_key") var subjectKey: String
    /// The deadline key, or `overdue-digest`.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "days_ahead") var daysAhead: Int?
    @Field(key: "recipient_name") var recipientName: String
    @Field(key: "recipient_address") var recipientAddress: String
    @OptionalField(key: "outbox_message_id") var outboxMessageID: UUID?
    @Field(key: "sent_at") var sentAt: Date
    init() {}
}

struct CreateReminders: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ReminderRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("case_id", .uuid)
            .field("subject_key", .string, .required)
            .field("kind", .string, .required)
            .field("due_on", .string)
            .field("days_ahead", .int)
            .field("recipient_name", .string, .required)
            .field("recipient_address", .string, .required)
            .field("outbox_message_id", .uuid)
            .field("sent_at", .datetime, .required)
            .unique(on: "subject_key", "recipient_address")
            .create()
        try await database.schema(Association.schema).field("reminder_days", .string).update()
        if let sql = database as? SQLDatabase {
            try await sql.create(index: "reminders_case").on(ReminderRecord.schema).column("case_id").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(ReminderRecord.schema).delete()
        try await database.schema(Association.schema).deleteField("reminder_days").update()
    }
}

extension Association {
    /// The days before each time frame its reminders go out (`reminder_days`; unset: `ReminderPlan.defaultDays`).
    var reminderDays: [Int] {
        guard let text = reminderDaysText else { return ReminderPlan.defaultDays }
        return (try? ReminderPlan.parse(text).get()) ?? ReminderPlan.defaultDays
    }
}

/// Sends the reminders due today in each association's calendar, and each morning the overdue digest to its staff
/// (issue 19). Each is written to the outbox with its `ReminderRecord` in one transaction; a second writer of the same
/// reminder fails on the unique key and sends nothing.
enum Reminders {
    struct Recipient: Hashable {
        let name: String
        let address: String
        init(name: String, address: String) { self.name = name; self.address = address }
        /// A person with an address on file; nil without one.
        init?(_ person: Person) {
            guard let email = person.email else { return nil }
            self.init(name: person.fullName, address: email)
        }
    }

    /// Runs every association; returns how many reminders were written.
    @discardableResult
    static func run(app: Application, now: Date) async throws -> Int {
        var written = 0
        for association in try await Association.query(on: app.db).all() {
            written += try await run(association, app: app, now: now)
        }
        return written
    }

    static func run(_ association: Association, app: Application, now: Date) async throws -> Int {
        let db = app.db
        guard let zone = AssociationClock(timeZoneIdentifier: association.timeZone) else { return 0 }
        let associationID = try association.requireID()
        let today = zone.civilDate(at: now)
        let days = association.reminderDays
        var written = 0
        if !days.isEmpty {
            let dates = days.map { today.adding(days: $0).description }
            let rows = try await Worklist.openWindows(of: associationID, on: db).filter(\.$caseClosed == false).filter(\.$dueOn ~~ dates).all()
            for row in rows {
                guard let dueOn = row.dueOn.flatMap(CivilDate.init), let ahead = ReminderPlan.lead(dueOn: dueOn, today: today, days: days) else { continue }
                let key = DeadlineKey(rawValue: row.key)
                let who = key.map { ReminderPlan.whoActs($0, forComplainant: row.forComplainant, forRespondent: row.forRespondent) } ?? .staff
                for recipient in try await recipients(who, row: row, associationID: associationID, on: db) {
                    let mail = reminderMail(row, dueOn: dueOn, ahead: ahead, to: recipient, association: association)
                    if try await record(mail, subjectKey: "case:\(row.$caseRecord.id.uuidString):\(row.key):\(dueOn):\(ahead)", kind: row.key,
                                        caseID: row.$caseRecord.id, dueOn: dueOn.description, ahead: ahead, to: recipient,
                                        association: association, now: now, on: db) { written += 1 }
                }
            }
        }
        // The overdue digest, from 7 in the association's morning, once a day to each staff member.
        if zone.minuteOfDay(at: now) >= ReminderPlan.digestHour * 60 {
            written += try await digest(association, today: today, now: now, on: db)
        }
        return written
    }

    /// Who a reminder goes to: each party whose window it is, the committee members whose step it is, or staff.
    static func recipients(_ who: WhoActs, row: CaseDeadlineRow, associationID: UUID, on db: Database) async throws -> [Recipient] {
        switch who {
        case .parties:
            var roles: [String] = []
            if row.forComplainant { roles += [PartyRole.complainant.rawValue, PartyRole.claimant.rawValue] }
            if row.forRespondent { roles.append(PartyRole.respondent.rawValue) }
            let parties = try await CaseParty.query(on: db).filter(\.$caseRecord.$id == row.$caseRecord.id).filter(\.$role ~~ roles).with(\.$person).all()
            return unique(parties.compactMap { Recipient($0.person) })
        case .committee(.panelist):
            let seats = try await PanelSeat.query(on: db).filter(\.$caseRecord.$id == row.$caseRecord.id).filter(\.$seat != PanelSeat.mediatorSeat)
                .with(\.$person).all()
            return unique(seats.compactMap { Recipient($0.person) })
        case .committee(.pscChair):
            let chairs = try await CommitteeSeat.query(on: db).filter(\.$association.$id == associationID)
                .filter(\.$committee == Committee.Kind.psc.rawValue).filter(\.$isChair == true).with(\.$person).all()
            return unique(chairs.compactMap { Recipient($0.person) })
        case .committee(.grievanceCommittee): return try await holders(of: .grievance, in: associationID, on: db)
        case .committee(.president): return try await holders(of: .president, in: associationID, on: db)
        case .committee(.director): return try await holders(of: .director, in: associationID, on: db)
        case .staff: return try await holders(of: .staff, in: associationID, on: db)
        }
    }

    /// Everyone with an active account holding the role in the association.
    static func holders(of role: Role, in associationID: UUID, on db: Database) async throws -> [Recipient] {
        let assignments = try await RoleAssignment.query(on: db).filter(\.$association.$id == associationID).filter(\.$role == role.rawValue).all()
        let users = try await User.query(on: db).filter(\.$id ~~ assignments.map { $0.$user.id }).filter(\.$deactivatedAt == nil).all()
        return unique(users.map { Recipient(name: $0.displayName, address: $0.email) })
    }

    static func unique(_ recipients: [Recipient]) -> [Recipient] {
        var seen: Set<String> = []
        return recipients.filter { seen.insert($0.address.lowercased()).inserted }.sorted { $0.address < $1.address }
    }

    static func reminderMail(_ row: CaseDeadlineRow, dueOn: CivilDate, ahead: Int, to recipient: Recipient, association: Association) -> MailDraft {
        let when = ahead == 0 ? "today, \(dueOn.writtenOut)" : "on \(dueOn.writtenOut), in \(ahead) day\(ahead == 1 ? "" : "s")"
        let caseURL = NoticeMail.baseURLMark + Paths.caseDetail(association.slug, row.caseNumber)
        let lines = ["Dear \(recipient.name),", "",
                     "A reminder from \(association.name): \(row.title) is due \(when), in case \(row.caseNumber).",
                     "\(row.explanationHead) (rule \(row.rule))", "",
                     "If it is already done, there is nothing more to do.", "",
                     "The case: \(caseURL)", "",
                     "Reminders go out \(ReminderPlan.text(association.reminderDays)) days before each time frame; staff set this on the Letters page."]
        return MailDraft(purpose: .reminder, toName: recipient.name, toAddress: recipient.address, ccAddress: nil,
                         subject: "Reminder: \(row.title), due \(dueOn.writtenOut) (case \(row.caseNumber))",
                         text: lines.joined(separator: "\n") + "\n", html: html(lines), associationID: association.id, caseID: row.$caseRecord.id,
                         noticeEntryID: nil)
    }

    /// How many overdue time frames a digest lists by name.
    static let digestLines = 50

    /// The morning's digest of every time frame overdue in the association, and of the files and hearing recordings the
    /// retention rules now let go, to each staff member.
    static func digest(_ association: Association, today: CivilDate, now: Date, on db: Database) async throws -> Int {
        let associationID = try association.requireID()
        // Rounds every five minutes all day: once each staff member has today's digest, nothing more is read.
        let subjectKey = "digest:\(associationID.uuidString):\(today)"
        let sent = Set(try await ReminderRecord.query(on: db).filter(\.$subjectKey == subjectKey).all().map(\.recipientAddress))
        let staff = try await holders(of: .staff, in: associationID, on: db).filter { !sent.contains($0.address) }
        guard !staff.isEmpty else { return 0 }
        // Overdue as the worklist counts it (`KeptWindows`): running past its date, or missed with nothing to meet it.
        let late = try await Worklist.windows(of: associationID, on: db).filter(.sql(embed: KeptWindows.pastDue(on: today))).all()
        let missed = try await Worklist.windows(of: associationID, on: db).filter(.sql(embed: KeptWindows.missedUnmet)).all()
        let overdue = (late + missed).sorted { ($0.dueOn ?? "", $0.caseNumber) < ($1.dueOn ?? "", $1.caseNumber) }
        // The files the retention rules let go by today, for staff to confirm on Records (issue 20).
        let expired = try await RecordDestruction.files(in: association, today: today, on: db).files.filter { $0.answer.due(on: today) != nil }
        // And the hearing recordings whose sanction is complete (S3 6.2.1).
        let recordings = try await RecordDestruction.recordings(in: association, today: today, on: db).filter { $0.answer.due(on: today) != nil }
        guard !overdue.isEmpty || !expired.isEmpty || !recordings.isEmpty else { return 0 }
        var written = 0
        for recipient in staff {
            var lines = ["Dear \(recipient.name),", ""]
            if !overdue.isEmpty {
                lines += ["\(overdue.count) time frame\(overdue.count == 1 ? " is" : "s are") overdue in \(association.name) this morning (\(today.writtenOut)):", ""]
                // The longest overdue, so a large association's digest stays a letter and not a register.
                lines += overdue.prefix(Self.digestLines).map { "- \($0.caseNumber): \($0.title), due \($0.dueOn ?? "—") (rule \($0.rule))" }
                if overdue.count > Self.digestLines { lines.append("- … and \(overdue.count - Self.digestLines) more on the worklist") }
                lines += ["", "The worklist: \(NoticeMail.baseURLMark)\(Paths.dashboard(association.slug))", ""]
            }
            if !expired.isEmpty {
                lines += ["\(expired.count) file\(expired.count == 1 ? "" : "s") may now be destroyed under the retention rules (S3 1.1.3): "
                          + expired.map(\.record.number).joined(separator: ", ") + ". Nothing goes until staff confirm it on Records:",
                          "\(NoticeMail.baseURLMark)\(RecordsController.url(association.slug))"]
            }
            if !recordings.isEmpty {
                lines += ["", "\(recordings.count) hearing recording\(recordings.count == 1 ? "" : "s") may now be destroyed, the sanction being complete (S3 6.2.1): "
                          + recordings.map(\.record.number).joined(separator: ", ") + ". Nothing goes until staff confirm it on Records:",
                          "\(NoticeMail.baseURLMark)\(RecordsController.url(association.slug))#recordings"]
            }
            let subject = [overdue.isEmpty ? nil : "\(overdue.count) time frame\(overdue.count == 1 ? "" : "s") overdue",
                           expired.isEmpty ? nil : "\(expired.count) file\(expired.count == 1 ? "" : "s") to destroy",
                           recordings.isEmpty ? nil : "\(recordings.count) recording\(recordings.count == 1 ? "" : "s") to destroy"].compactMap { $0 }.joined(separator: ", ")
            let mail = MailDraft(purpose: .reminder, toName: recipient.name, toAddress: recipient.address, ccAddress: nil,
                                 subject: "This morning: \(subject) (\(association.name))",
                                 text: lines.joined(separator: "\n") + "\n", html: html(lines), associationID: association.id, caseID: nil, noticeEntryID: nil)
            if try await record(mail, subjectKey: subjectKey, kind: "overdue-digest", caseID: nil, dueOn: today.description,
                                ahead: nil, to: recipient, association: association, now: now, on: db) { written += 1 }
        }
        return written
    }

    static func html(_ lines: [String]) -> String {
        "<!doctype html><html lang=\"en\"><body style=\"font-family: Georgia, serif; max-width: 40em\">"
            + lines.map { $0.isEmpty ? "" : "<p>\(HTMLEscaping.escape($0))</p>" }.joined() + "</body></html>"
    }

    /// Writes the reminder and its email together; false when it was already sent. The unique key settles a race
    /// between instances: the loser's transaction is retried, finds the reminder and writes nothing.
    static func record(_ mail: MailDraft, subjectKey: String, kind: String, caseID: UUID?, dueOn: String?, ahead: Int?, to recipient: Recipient,
                       association: Association, now: Date, on db: Database) async throws -> Bool {
        let associationID = try association.requireID()
        return try await writeTransaction(on: db) { tx in
            guard try await ReminderRecord.query(on: tx).filter(\.$subjectKey == subjectKey).filter(\.$recipientAddress == recipient.address).count() == 0 else {
                return false
            }
            let message = try await Outbox.enqueue(mail, association: association, now: now, on: tx)
            let reminder = ReminderRecord()
            reminder.id = .fresh()
            reminder.$association.id = associationID
            reminder.caseID = caseID; reminder.subjectKey = subjectKey; reminder.kind = kind; reminder.dueOn = dueOn; reminder.daysAhead = ahead
            reminder.recipientName = recipient.name; reminder.recipientAddress = recipient.address; reminder.sentAt = now
            reminder.outboxMessageID = message.id
            try await reminder.create(on: tx)
            return true
        }
    }
}
