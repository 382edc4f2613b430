import Vapor
import Fluent
import StandardsCore

/// `psdesk seed --synthetic N`: a data set in the shapes the app writes, for measuring (issue 12). One association
/// with a roster (a member for every ten cases), a committee, and N cases of every kind opened across ten years,
/// each cut at a different stage: dockets from `SyntheticDockets` (the benchmark's), with the case's cached status,
/// dates, parties and panel seats computed by the same projection `DocketStore` uses. Rows go in by the thousand in
/// transactions, so 200,000 cases take minutes, not hours. The same seed gives the same data.
enum SyntheticSeed {
    struct Result {
        let association: String; let cases: Int; let entries: Int; let people: Int
        /// The association's staff login, made on the first run; its password is shown this once.
        let staffEmail: String; let staffPassword: String?
    }

    /// SplitMix64: small, fast and the same everywhere, so a seed reproduces a data set.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let batch = 500

    static func run(cases count: Int, slug: String, seed: UInt64, bcryptCost: Int, on db: Database,
                    progress: @Sendable (Int) -> Void) async throws -> Result {
        var random = Generator(state: seed)
        let association = try await association(slug, on: db)
        let associationID = try association.requireID()
        let (staffEmail, staffPassword) = try await staffLogin(for: association, cost: bcryptCost, on: db)
        let (members, publicPeople) = try await roster(for: associationID, members: max(60, count / 10), on: db)
        // The committee panels are drawn from: nine members, training current.
        let committee = Array(members.prefix(9))
        try await committee.enumerated().map { index, person in
            CommitteeSeat(associationID: associationID, personID: person, isChair: index == 0, trainingThrough: "2030-12-31")
        }.create(on: db)
        guard let zone = AssociationClock(timeZoneIdentifier: association.timeZone),
              let calendar = HolidayCalendar(named: association.holidayCalendar, closureDays: []) else { throw AppError.notFound("association") }
        let today = zone.civilDate(at: Date())
        try await DatabaseTuning.apply(to: db)
        // Ids in the order rows are written, so each lands at the end of its index (`UUID.ordered`).
        var counter = UInt64(Date().timeIntervalSince1970 * 1000) << 8
        func nextID() -> UInt64 { counter += 1; return counter >> 8 }
        var numbers: [String: Int] = [:]
        let firstDay = CivilDate("2016-12-01")!
        let now = Date()
        var entryCount = 0
        var start = 0
        while start < count {
            let end = min(count, start + batch)
            var records: [CaseRecord] = [], entries: [DocketEntryRecord] = [], parties: [CaseParty] = [], seats: [PanelSeat] = []
            var readModels: [ReadModels.CaseRows] = []
            var searched: [(record: CaseRecord, docket: [DocketEntry])] = []
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for index in start..<end {
                // Spread over ten years; older cases have gone further, newer ones stand at every stage.
                let openedOn = firstDay.adding(days: index * 3650 / max(count, 1))
                let complainant = Bool.random(using: &random) ? publicPeople.randomElement(using: &random)! : members.randomElement(using: &random)!
                var respondent = members.randomElement(using: &random)!
                if respondent == complainant { respondent = members[(members.firstIndex(of: respondent)! + 1) % members.count] }
                let panel = Array(committee.shuffled(using: &random).prefix(3))
                let length = openedOn < CivilDate("2025-01-01")! ? 36 : 6 + Int.random(in: 0..<30, using: &random)
                let (kind, docket) = SyntheticDockets.docket(index, entries: length,
                                                             people: .init(complainant: complainant, respondent: respondent, panel: panel),
                                                             startOn: openedOn, recordedAt: now)
                let year = openedOn.year
                let key = "\(kind.rawValue)-\(year)"
                let sequence = (numbers[key] ?? 0) + 1
                numbers[key] = sequence
                let number = CaseNumber(kind: kind, year: year, sequence: sequence).description
                let projection = CaseProjection.build(kind: kind, docket: docket)
                let caseID = UUID.ordered(nextID(), using: &random)
                let record = CaseRecord(id: caseID, associationID: associationID, kind: kind.rawValue, year: year, sequence: sequence, number: number,
                                        title: "\(kind.label) \(number)", status: projection.status.rawValue)
                record.openedOn = projection.openedOn?.description
                record.filedOn = projection.filedOn?.description
                record.lastActivityOn = projection.lastActivityOn?.description
                record.respondentNotified = projection.respondentNotified
                record.directorsMatterPending = projection.directorsMatterPending
                records.append(record)
                searched.append((record, docket))
                // Sealed like any append, so `audit verify` holds on the synthetic data too.
                var previousHash = DocketChain.genesis
                for entry in docket {
                    let record = DocketEntryRecord(id: UUID.ordered(nextID(), using: &random), associationID: associationID, caseID: caseID, sequence: entry.sequence, type: entry.type.rawValue,
                                                   effectiveOn: entry.effectiveOn.description, recordedAt: now, actorUserID: nil, actorName: "PSA",
                                                   payload: String(decoding: try encoder.encode(entry.payload), as: UTF8.self), correctsID: nil)
                    try DocketChainStore.seal(record, previous: previousHash)
                    previousHash = record.chainHash ?? previousHash
                    entries.append(record)
                }
                parties += projection.parties.map { CaseParty(id: UUID.fresh(), associationID: associationID, caseID: caseID, personID: $0.personId, role: $0.role.rawValue) }
                // Every member's period runs from 2010 unbroken: no gap to count (a1.4).
                if let profile = association.ruleProfile(on: projection.filedOn ?? openedOn) {
                    let rules = CaseRules(profile: profile, calendar: calendar, nonMemberPeriods: [])
                    readModels.append(try ReadModels.rows(for: record, kind: kind, docket: docket, rules: rules, today: today))
                }
                if kind == .ethics {
                    seats += HearingPanel.build(docket).seated.map { PanelSeat(id: UUID.fresh(), associationID: associationID, caseID: caseID, personID: $0.personId, seat: $0.seat) }
                }
            }
            entryCount += entries.count
            try await db.transaction { [records, entries, parties, seats, readModels, searched] tx in
                try await DatabaseTuning.forBulkWrites(tx)
                try await BulkRows.insert(records, on: tx)
                try await BulkRows.insert(entries, on: tx)
                try await BulkRows.insert(parties, on: tx)
                try await BulkRows.insert(seats, on: tx)
                try await ReadModels.insert(readModels, on: tx)
                try await CaseSearch.refresh(searched, on: tx)
            }
            start = end
            progress(start)
        }
        try await ReadModels.recountTallies(of: associationID, on: db)
        return Result(association: association.slug, cases: count, entries: entryCount, people: members.count + publicPeople.count,
                      staffEmail: staffEmail, staffPassword: staffPassword)
    }

    /// A staff account for the association, so its pages can be measured signed in; a random password, printed once.
    static func staffLogin(for association: Association, cost: Int, on db: Database) async throws -> (String, String?) {
        let email = "staff@\(association.slug).synthetic"
        if try await User.query(on: db).filter(\.$email == email).count() > 0 { return (email, nil) }
        let password = [UInt8].random(count: 18).base64.replacingOccurrences(of: "/", with: "x").replacingOccurrences(of: "+", with: "y")
        let user = User(email: email, displayName: "Synthetic PSA", passwordHash: try Bcrypt.hash(password, cost: cost))
        try await user.create(on: db)
        try await RoleAssignment(userID: user.requireID(), associationID: association.requireID(), role: Role.staff.rawValue).create(on: db)
        return (email, password)
    }

    /// The association to fill: the one with this slug, or a new one under the NAR profile.
    static func association(_ slug: String, on db: Database) async throws -> Association {
        if let existing = try await Association.query(on: db).filter(\.$slug == slug).first() { return existing }
        let created = Association(slug: slug, name: "Synthetic Association of REALTORS® (\(slug))", ruleProfile: "nar", timeZone: "America/New_York",
                                  boardSize: 15, boardQuorum: 8)
        try await created.create(on: db)
        return created
    }

    /// Members with a membership and its period, and a few members of the public who complain.
    static func roster(for associationID: UUID, members count: Int, on db: Database) async throws -> (members: [UUID], publicPeople: [UUID]) {
        let existing = try await Membership.query(on: db).filter(\.$association.$id == associationID).count()
        var people: [Person] = [], memberships: [Membership] = [], periods: [MembershipPeriod] = []
        for index in 0..<count {
            let person = Person(id: UUID(), associationID: associationID, kind: .member, firstName: "Member", lastName: "No. \(existing + index + 1)")
            let membership = Membership(id: UUID(), associationID: associationID, personID: person.id!, memberNumber: "S-\(existing + index + 1)",
                                        membershipType: "realtor", isPrincipal: index % 4 == 0, firmID: nil, officeID: nil)
            people.append(person)
            memberships.append(membership)
            periods.append(MembershipPeriod(associationID: associationID, membershipID: membership.id!, startsOn: "2010-01-01", endsOn: nil))
        }
        let publicPeople = (0..<max(20, count / 5)).map { index in
            Person(id: UUID(), associationID: associationID, kind: .public, firstName: "Consumer", lastName: "No. \(existing + index + 1)")
        }
        try await db.transaction { [people, memberships, periods, publicPeople] tx in
            for chunk in stride(from: 0, to: people.count, by: batch) {
                let range = chunk..<min(people.count, chunk + batch)
                try await Array(people[range]).create(on: tx)
                try await Array(memberships[range]).create(on: tx)
                try await Array(periods[range]).create(on: tx)
            }
            for chunk in stride(from: 0, to: publicPeople.count, by: batch) {
                try await Array(publicPeople[chunk..<min(publicPeople.count, chunk + batch)]).create(on: tx)
            }
        }
        return (people.compactMap(\.id), publicPeople.compactMap(\.id))
    }
}
