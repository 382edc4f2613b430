import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Reminders before each time frame and the morning's overdue digest (issue 19)")
struct ReminderTests {
    /// The instant it is `hour`:00 on `day` in New York, where the fixture's associations are.
    static func at(_ day: CivilDate, _ hour: Int) -> Date {
        AssociationClock(timeZoneIdentifier: "America/New_York")!.instant(on: day, hour: hour, minute: 0)
    }

    @Test func eachReminderGoesOnceOnItsDayToWhoeverMustActAndStaffGetTheOverdueDigest() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            fixture.respondent.email = "rita@example.com"
            try await fixture.respondent.save(on: app.db)
            // A complaint the Committee must review (b6.2), and one served on the respondent, whose reply is due (a1.11).
            let review = try await fixture.openEthicsCase(title: "Review pending")
            try await fixture.append(review, [#"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","transactionConcludedOn":"2026-10-02"}}"#])
            try await fixture.acknowledge(review, on: "2026-11-27")
            let served = try await fixture.openEthicsCase(title: "Reply pending")
            try await fixture.forward(served, filedOn: "2026-11-02", forwardedOn: "2026-11-16")
            try await fixture.step(served, "serve", #"{"effectiveOn":"2026-11-20"}"#)
            let gcRow = try #require(try await CaseDeadlineRow.query(on: app.db).filter(\.$caseNumber == review).filter(\.$key == DeadlineKey.gcReview.rawValue).first())
            let gcDue = try #require(gcRow.dueOn.flatMap(CivilDate.init))
            let replyRow = try #require(try await CaseDeadlineRow.query(on: app.db).filter(\.$caseNumber == served).filter(\.$key == DeadlineKey.reply.rawValue).first())
            let replyDue = try #require(replyRow.dueOn.flatMap(CivilDate.init), "the reply window is dated")
            let home = fixture.home
            #expect(home.reminderDays == [7, 1])

            func reminders() async throws -> [ReminderRecord] { try await ReminderRecord.query(on: app.db).sort(\.$sentAt).all() }
            // Seven days before the review is due, at 06:00: the Grievance Committee is reminded; there is nothing overdue yet.
            let gcDay = gcDue.adding(days: -7)
            #expect(try await Reminders.run(home, app: app, now: Self.at(gcDay, 6)) >= 1)
            var sent = try await reminders().filter { $0.kind == DeadlineKey.gcReview.rawValue }
            #expect(sent.map(\.recipientAddress) == ["gc@home.test"] && sent.first?.daysAhead == 7 && sent.first?.dueOn == gcDue.description)
            let mail = try #require(try await OutboxMessage.find(sent.first?.outboxMessageID, on: app.db))
            #expect(mail.purpose == "reminder" && mail.subject.hasPrefix("Reminder: Grievance Committee reviews the complaint") && mail.textBody.contains(review))
            // Never twice: the same round again, later the same day, writes nothing for it.
            _ = try await Reminders.run(home, app: app, now: Self.at(gcDay, 6).addingTimeInterval(600))
            #expect(try await reminders().filter { $0.kind == DeadlineKey.gcReview.rawValue }.count == 1)
            // A day on which no reminder falls sends none; the day before sends the second.
            _ = try await Reminders.run(home, app: app, now: Self.at(gcDue.adding(days: -5), 6))
            #expect(try await reminders().filter { $0.kind == DeadlineKey.gcReview.rawValue }.count == 1)
            _ = try await Reminders.run(home, app: app, now: Self.at(gcDue.adding(days: -1), 6))
            sent = try await reminders().filter { $0.kind == DeadlineKey.gcReview.rawValue }
            #expect(sent.map(\.daysAhead) == [7, 1])

            // The respondent's own window reaches the respondent, not the complainant.
            _ = try await Reminders.run(home, app: app, now: Self.at(replyDue.adding(days: -1), 6))
            let reply = try await reminders().filter { $0.kind == DeadlineKey.reply.rawValue }
            #expect(reply.map(\.recipientAddress) == ["rita@example.com"])

            // The morning after the review was due: from 07:00 each staff member gets one digest naming it.
            let after = gcDue.adding(days: 1)
            _ = try await Reminders.run(home, app: app, now: Self.at(after, 6))
            #expect(try await reminders().filter { $0.kind == "overdue-digest" }.isEmpty, "not before 7 in the morning")
            _ = try await Reminders.run(home, app: app, now: Self.at(after, 8))
            _ = try await Reminders.run(home, app: app, now: Self.at(after, 9))
            let digests = try await reminders().filter { $0.kind == "overdue-digest" }
            #expect(digests.map(\.recipientAddress) == ["staff@home.test"])
            let digest = try #require(try await OutboxMessage.find(digests.first?.outboxMessageID, on: app.db))
            #expect(digest.textBody.contains("\(review): Grievance Committee reviews the complaint"))

            // Staff see the reminders on the case, and set the days; a bad value is refused beside the field and kept.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = try await staff.get("/a/home/cases/\(review)")
            #expect(page.body.string.contains("Reminders sent (2)") && page.body.string.contains("7 days before"))
            let refused = try await staff.post("/a/home/letters/reminders", form: ["reminderDays": "14, 90"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("“90” is not a number of days from 0 to 60") && refused.body.string.contains("14, 90"))
            #expect(try await staff.post("/a/home/letters/reminders", form: ["reminderDays": "3,3, 10"]).status == .seeOther)
            let saved = try #require(try await Association.find(home.id, on: app.db))
            #expect(saved.reminderDays == [10, 3] && saved.reminderDaysText == "10, 3")
            #expect(try await AdminChange.query(on: app.db).filter(\.$summary == "Reminder days set").count() == 1)
            let party = Browser(app)
            _ = try await party.signIn("party@home.test")
            #expect(try await party.post("/a/home/letters/reminders", form: ["reminderDays": "1"]).status == .forbidden)
            #expect(!(try await party.get("/a/home/cases/\(review)")).body.string.contains("Reminders sent"))
        }
    }

    @Test func reminderDaysAreReadAndRangeChecked() throws {
        #expect(try ReminderPlan.parse("7, 1").get() == [7, 1])
        #expect(try ReminderPlan.parse("0;14 3").get() == [14, 3, 0])
        #expect(try ReminderPlan.parse("").get() == [])
        for bad in ["-1", "61", "x", "1,2,3,4,5", "1.5"] { #expect((try? ReminderPlan.parse(bad).get()) == nil, "\(bad)") }
        #expect(ReminderPlan.whoActs(.reply, forComplainant: false, forRespondent: true) == .parties)
        #expect(ReminderPlan.whoActs(.gcReview, forComplainant: false, forRespondent: false) == .committee(.grievanceCommittee))
        #expect(ReminderPlan.whoActs(.distribution, forComplainant: false, forRespondent: false) == .staff)
    }
}
