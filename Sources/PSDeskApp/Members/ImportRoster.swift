import Vapor
import Fluent
import SwiftCSV
import StandardsCore

/// Imports a member roster CSV into one association in a single transaction: every row is checked
/// first; one bad row means nothing is imported and every bad row is reported with its line number.
enum ImportRoster {
    struct Outcome: Sendable {
        let imported: Int
        let errors: [RosterError]
    }

    static func run(csvText: String, associationID: UUID, on db: Database) async throws -> Outcome {
        let checked = try await check(csvText: csvText, associationID: associationID, on: db)
        guard checked.errors.isEmpty else { return Outcome(imported: 0, errors: checked.errors) }
        try await write(checked.records, associationID: associationID, on: db)
        return Outcome(imported: checked.records.count, errors: [])
    }

    /// Every row checked, against the format and against the roster already on file; nothing written.
    static func check(csvText: String, associationID: UUID, on db: Database) async throws -> (records: [RosterRecord], errors: [RosterError]) {
        let parsed: CSV<Named>
        do {
            parsed = try CSV<Named>(string: csvText, delimiter: .comma, loadColumns: false)
        } catch {
            return ([], [RosterError(line: 1, reason: "the file is not valid CSV: \(error)")])
        }
        let header = parsed.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        // Data rows start on line 2; a quoted field spanning lines would shift later numbers, which the
        // roster format does not need.
        let rows = parsed.rows.enumerated().map { index, row in
            (line: index + 2, values: Dictionary(row.map { ($0.key.trimmingCharacters(in: .whitespaces).lowercased(), $0.value) },
                                                  uniquingKeysWith: { first, _ in first }))
        }
        let (records, errors) = Roster.validate(header: header, rows: rows)
        if !errors.isEmpty { return ([], errors) }
        if records.isEmpty { return ([], [RosterError(line: 1, reason: "the file has no member rows")]) }

        let existing = Set(try await Membership.query(on: db).filter(\.$association.$id == associationID).all(\.$memberNumber))
        let clashes = records.filter { existing.contains($0.memberNumber) }
            .map { RosterError(line: $0.line, reason: "member_id \($0.memberNumber) is already on this association's roster") }
        return clashes.isEmpty ? (records, []) : ([], clashes)
    }

    /// Writes checked records in one transaction, calling `progress` with the count written so far; then ties each
    /// account without a person to the new member with its email address (issue 13, item 5).
    static func write(_ records: [RosterRecord], associationID: UUID, on db: Database, progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        try await writeTransaction(on: db) { tx in
            var firms: [String: Firm] = [:]
            var offices: [String: Office] = [:]
            for firm in try await Firm.query(on: tx).filter(\.$association.$id == associationID).all() { firms[firm.name] = firm }
            for office in try await Office.query(on: tx).filter(\.$association.$id == associationID).all() {
                offices["\(office.$firm.id)|\(office.name)"] = office
            }
            var byEmail: [String: UUID] = [:]
            for (index, record) in records.enumerated() {
                var firmID: UUID?
                var officeID: UUID?
                if let name = record.firm {
                    let firm = firms[name] ?? Firm(associationID: associationID, name: name)
                    if firm.id == nil { try await firm.create(on: tx); firms[name] = firm }
                    firmID = try firm.requireID()
                    if let officeName = record.office, let firmID {
                        let key = "\(firmID)|\(officeName)"
                        let office = offices[key] ?? Office(associationID: associationID, firmID: firmID, name: officeName, address: "")
                        if office.id == nil { try await office.create(on: tx); offices[key] = office }
                        officeID = try office.requireID()
                    }
                }
                let person = Person(associationID: associationID, kind: .member, firstName: record.firstName, lastName: record.lastName,
                                    email: record.email, phone: record.phone)
                try await person.create(on: tx)
                if let email = record.email.map(EmailAddress.normalized) { byEmail[email] = person.id }
                let membership = Membership(associationID: associationID, personID: try person.requireID(), memberNumber: record.memberNumber,
                                            membershipType: record.membershipType.rawValue, isPrincipal: record.isPrincipal,
                                            firmID: firmID, officeID: officeID)
                membership.usesMLS = record.usesMLS ? true : nil
                try await membership.create(on: tx)
                try await MembershipPeriod(associationID: associationID, membershipID: try membership.requireID(),
                                           startsOn: record.joinedOn.description, endsOn: record.leftOn?.description).create(on: tx)
                if index % 50 == 49 { progress(index + 1) }
            }
            if !byEmail.isEmpty {
                for user in try await User.query(on: tx).filter(\.$email ~~ Array(byEmail.keys)).filter(\.$person.$id == nil).all() {
                    user.$person.id = byEmail[user.email]
                    try await user.save(on: tx)
                }
            }
            progress(records.count)
        }
    }
}
