import Vapor
import Fluent
import StandardsCore

/// One page of a case list, newest first (by the day it was opened, then its number), read by keyset (issue 12): the
/// database reads the page and a little more, never the whole association. The cursor names the last case shown, so
/// a page stays right while cases are added. (Not by the recording instant: a timestamp read back and sent again
/// need not compare equal to itself, and a keyset must.)
extension CaseListing {
    struct Cursor: Sendable, Equatable {
        /// The last case shown's value in the sorted column (the day it was opened, by default; empty when it has none).
        let value: String
        let number: String

        /// Opaque to clients: the value and the number, URL-safe.
        var token: String {
            let text = "\(value)~\(number)"
            return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }

        init(value: String, number: String) { self.value = value; self.number = number }
        init(_ record: CaseRecord, sort: Sort = .default) { self.init(value: sort.column.value(of: record), number: record.number) }

        /// Nil for anything this server did not write.
        init?(token: String) {
            var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            guard token.count <= 1_400, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
                  let split = text.lastIndex(of: "~") else { return nil }
            // The number never holds "~"; a title may.
            let number = String(text[text.index(after: split)...])
            guard CaseNumber(number) != nil else { return nil }
            value = String(text[..<split])
            self.number = number
        }
    }

    struct Page: Sendable {
        let rows: [Row]
        /// Where the next page starts; nil on the last.
        let next: Cursor?
    }

    static let maximumPageSize = 500

    /// Up to `limit` cases after `after` in the `sort` order, and the cursor of the next page.
    static func page(in scope: AssociationScope, actor: Actor, filter: Filter, limit: Int, after: Cursor?, sort: Sort = .default,
                     on db: Database) async throws -> Page {
        let limit = min(max(limit, 1), maximumPageSize)
        guard let (query, ties) = try await query(in: scope, actor: actor, filter: filter, on: db) else { return Page(rows: [], next: nil) }
        var rows: [Row] = []
        var position = after
        // The policy may drop a row the query kept (a respondent not yet told of a complaint): read on until the page is full.
        while rows.count <= limit {
            let wanted = (limit + 1 - rows.count) * 2
            var batch = query.copy()
            if let position {
                let beyond: DatabaseQuery.Filter.Method = sort.descending ? .lessThan : .greaterThan
                let column = sort.column.field
                if sort.column == .number {
                    batch = batch.filter(\.$number, beyond, position.number)
                } else {
                    batch = batch.group(.or) { or in
                        or.filter(column, beyond, position.value)
                        or.group(.and) { $0.filter(column, .equal, position.value).filter(\.$number, beyond, position.number) }
                    }
                }
            }
            let direction: DatabaseQuery.Sort.Direction = sort.descending ? .descending : .ascending
            if sort.column != .number { batch = batch.sort(sort.column.field, direction) }
            let records = try await batch.sort(\.$number, direction).limit(wanted).all()
            rows += try await Self.rows(records, in: scope, actor: actor, ties: ties, on: db)
            guard records.count == wanted, let last = records.last else { break }
            position = Cursor(last, sort: sort)
        }
        let shown = Array(rows.prefix(limit))
        let next = rows.count > limit ? shown.last.map { Cursor($0.record, sort: sort) } : nil
        return Page(rows: shown, next: next)
    }
}

extension CaseListing {
    /// How many cases match, as the list would show them all. The database counts, except for a party, whose
    /// own cases the policy may still hide (a respondent not yet told of a complaint, S3 5.1.1): those are few, so
    /// they are read and checked.
    static func count(in scope: AssociationScope, actor: Actor, filter: Filter, on db: Database) async throws -> Int {
        guard let (query, ties) = try await query(in: scope, actor: actor, filter: filter, on: db) else { return 0 }
        guard scope.roles.contains(.party) else { return try await query.countRows() }
        return try await rows(try await query.all(), in: scope, actor: actor, ties: ties, on: db).count
    }
}

extension CaseListing {
    /// How many cases the actor sees at each kind and status, for the dashboard, from the association's tallies
    /// (issue 12): a role's reach is a set of kinds and statuses (`CaseReach`), so it is applied to the counts. Cases
    /// reached only as one's own (a party's, a panelist's) are few: they are read and checked one by one.
    static func tally(in scope: AssociationScope, actor: Actor, on db: Database) async throws -> [ReadModels.TallyKey: Int] {
        try scope.require(.listCases)
        let ties = try await PanelTies.load(actor: actor, in: scope, on: db)
        let reaches = scope.roles.flatMap { AccessPolicy.reach($0, chairsCommittee: ties.chairsCommittee) }
        let general = reaches.filter { !$0.ownCasesOnly }
        func covered(_ key: ReadModels.TallyKey) -> Bool {
            guard let kind = CaseKind(rawValue: key.kind), let status = CaseStatus(rawValue: key.status) else { return false }
            return general.contains { $0.admits(kind: kind, status: status, directorsMatterPending: key.directorsMatterPending, own: false) }
        }
        var counts: [ReadModels.TallyKey: Int] = [:]
        if !general.isEmpty {
            for tally in try await CaseTally.query(on: db).filter(\.$association.$id == scope.id).filter(\.$cases > 0).all() {
                let key = ReadModels.TallyKey(kind: tally.kind, status: tally.status, directorsMatterPending: tally.directorsMatterPending)
                if covered(key) { counts[key, default: 0] += tally.cases }
            }
        }
        if reaches.contains(where: \.ownCasesOnly) {
            let own = try await ownCases(of: actor, in: scope, ties: ties, on: db)
            if !own.isEmpty {
                let records = try await CaseRecord.query(on: db).filter(\.$id ~~ Array(own)).all()
                for row in try await rows(records, in: scope, actor: actor, ties: ties, on: db) {
                    let key = ReadModels.TallyKey(row.record)
                    if !covered(key) { counts[key, default: 0] += 1 }
                }
            }
        }
        return counts
    }

    /// The cases with the latest activity, for the dashboard.
    static func recent(in scope: AssociationScope, actor: Actor, limit: Int, on db: Database) async throws -> [Row] {
        guard let (query, ties) = try await query(in: scope, actor: actor, filter: Filter(), on: db) else { return [] }
        let records = try await query.sort(\.$lastActivityOn, .descending).sort(\.$number, .descending).limit(limit * 2).all()
        return Array(try await rows(records, in: scope, actor: actor, ties: ties, on: db).prefix(limit))
    }
}
