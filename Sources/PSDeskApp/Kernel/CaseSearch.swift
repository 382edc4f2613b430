import Vapor
import Fluent
import SQLKit
import StandardsCore

/// The case list's search and its Article filter (issue 12), kept beside the other read models: per case its words
/// (`CaseSearchText`: number, title, parties' names, narratives) in a full-text index, SQLite's FTS5 or PostgreSQL's
/// `tsvector` with a GIN index, and the Articles its complaint cites now. A search is a handful of index lookups on
/// 200,000 cases, where `LIKE` read every name and every title.
enum CaseSearch {
    static let table = "case_search"
    /// SQLite's FTS5 index over `case_search.body` (external content, kept by triggers).
    static let ftsTable = "case_search_fts"
    static let articlesTable = "case_articles"

    /// One case's words.
    struct Row: BulkRow {
        static let schema = CaseSearch.table
        static let bulkColumns = ["case_id", "association_id", "body"]
        let caseID: UUID
        let associationID: UUID
        let body: String
        var bulkValues: [any Encodable & Sendable] { [caseID, associationID, body] }
    }

    /// One Article a case's complaint cites.
    struct ArticleRow: BulkRow {
        static let schema = CaseSearch.articlesTable
        static let bulkColumns = ["id", "association_id", "case_id", "article"]
        let caseID: UUID
        let associationID: UUID
        let article: Int
        var bulkValues: [any Encodable & Sendable] { [UUID.fresh(), associationID, caseID, article] }
    }

    static func rows(for record: CaseRecord, docket: [DocketEntry], partyNames: [String]) throws -> (Row, [ArticleRow]) {
        let caseID = try record.requireID(), associationID = record.$association.id
        let body = CaseSearchText.body(number: record.number, title: record.title, partyNames: partyNames,
                                       narratives: CaseSearchText.narratives(docket))
        let articles = CitedArticles.current(docket)
        return (Row(caseID: caseID, associationID: associationID, body: body),
                articles.map { ArticleRow(caseID: caseID, associationID: associationID, article: $0) })
    }

    /// The parties' names of these cases, from the cached parties (`case_parties`), in a stable order.
    static func partyNames(of caseIDs: [UUID], on db: Database) async throws -> [UUID: [String]] {
        guard !caseIDs.isEmpty else { return [:] }
        let parties = try await CaseParty.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs).with(\.$person).all()
        return Dictionary(grouping: parties, by: { $0.$caseRecord.id }).mapValues { $0.map(\.person.fullName).sorted() }
    }

    static func clear(_ caseIDs: [UUID], on db: Database) async throws {
        guard let sql = db as? SQLDatabase, !caseIDs.isEmpty else { return }
        try await sql.delete(from: table).where("case_id", .in, caseIDs).run()
        try await sql.delete(from: articlesTable).where("case_id", .in, caseIDs).run()
    }

    static func insert(_ rows: [Row], articles: [ArticleRow], on db: Database) async throws {
        try await BulkRows.insert(rows, on: db)
        try await BulkRows.insert(articles, on: db)
    }

    /// Rewrites these cases' words and Articles from their dockets and cached parties.
    static func refresh(_ cases: [(record: CaseRecord, docket: [DocketEntry])], on db: Database) async throws {
        let ids = try cases.map { try $0.record.requireID() }
        let names = try await partyNames(of: ids, on: db)
        let built = try cases.map { try rows(for: $0.record, docket: $0.docket, partyNames: names[$0.record.requireID()] ?? []) }
        try await clear(ids, on: db)
        try await insert(built.map(\.0), articles: built.flatMap(\.1), on: db)
    }

    /// The cases of the association whose words start with every word of `query`, as a condition on `cases.id`; a query
    /// with no letter or digit matches nothing.
    static func condition(_ query: String, in associationID: UUID, on db: Database) -> DatabaseQuery.Filter {
        let words = CaseSearchText.queryWords(query)
        guard !words.isEmpty else { return .sql(embed: "1 = 0") }
        // The words hold only letters and digits (`CaseSearchText.words`), so neither engine's query syntax can be
        // reached through them; they are bound as parameters all the same.
        if db.isPostgreSQL {
            let tsquery = words.map { "\($0):*" }.joined(separator: " & ")
            return .sql(embed: """
                \(ident: CaseRecord.schema).\(ident: "id") IN (SELECT case_id FROM \(ident: table) \
                WHERE association_id = \(bind: associationID) AND words @@ to_tsquery('simple', \(bind: tsquery)))
                """)
        }
        let match = words.map { "\"\($0)\"*" }.joined(separator: " ")
        return .sql(embed: """
            \(ident: CaseRecord.schema).\(ident: "id") IN (SELECT s.case_id FROM \(ident: ftsTable) \
            JOIN \(ident: table) s ON s.doc = \(ident: ftsTable).rowid \
            WHERE \(ident: ftsTable) MATCH \(bind: match) AND s.association_id = \(bind: associationID))
            """)
    }

    /// The cases of the association whose complaint cites `article` now, as a condition on `cases.id`.
    static func articleCondition(_ article: Int, in associationID: UUID) -> DatabaseQuery.Filter {
        .sql(embed: """
            \(ident: CaseRecord.schema).\(ident: "id") IN (SELECT case_id FROM \(ident: articlesTable) \
            WHERE association_id = \(bind: associationID) AND article = \(bind: article))
            """)
    }

    /// The tables, on either engine; the migration fills them from the dockets already there.
    static func createTables(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await db.schema(articlesTable)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, "id", onDelete: .cascade))
            .field("article", .int, .required)
            .create()
        try await sql.create(index: "case_articles_article").on(articlesTable).column("association_id").column("article").column("case_id").run()
        try await sql.create(index: "case_articles_case").on(articlesTable).column("case_id").run()
        if db.isPostgreSQL {
            try await sql.raw("""
                CREATE TABLE \(ident: table) (case_id UUID PRIMARY KEY REFERENCES \(ident: CaseRecord.schema)(id) ON DELETE CASCADE,
                association_id UUID NOT NULL REFERENCES \(ident: Association.schema)(id) ON DELETE CASCADE, body TEXT NOT NULL,
                words TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)
                """).run()
            try await sql.raw("CREATE INDEX case_search_words ON \(ident: table) USING GIN (words)").run()
            return
        }
        // `doc` is the FTS5 index's row id: an INTEGER PRIMARY KEY, so VACUUM never renumbers it.
        try await sql.raw("""
            CREATE TABLE \(ident: table) (doc INTEGER PRIMARY KEY, case_id BLOB NOT NULL UNIQUE REFERENCES \(ident: CaseRecord.schema)(id) ON DELETE CASCADE,
            association_id BLOB NOT NULL REFERENCES \(ident: Association.schema)(id) ON DELETE CASCADE, body TEXT NOT NULL)
            """).run()
        try await sql.raw("""
            CREATE VIRTUAL TABLE \(ident: ftsTable) USING fts5(body, content='case_search', content_rowid='doc', tokenize='unicode61 remove_diacritics 2')
            """).run()
        try await sql.raw("""
            CREATE TRIGGER case_search_inserted AFTER INSERT ON \(ident: table) BEGIN
            INSERT INTO \(ident: ftsTable)(rowid, body) VALUES (new.doc, new.body); END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER case_search_deleted AFTER DELETE ON \(ident: table) BEGIN
            INSERT INTO \(ident: ftsTable)(\(ident: ftsTable), rowid, body) VALUES ('delete', old.doc, old.body); END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER case_search_updated AFTER UPDATE ON \(ident: table) BEGIN
            INSERT INTO \(ident: ftsTable)(\(ident: ftsTable), rowid, body) VALUES ('delete', old.doc, old.body);
            INSERT INTO \(ident: ftsTable)(rowid, body) VALUES (new.doc, new.body); END
            """).run()
    }

    static func dropTables(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        if !db.isPostgreSQL { try await sql.raw("DROP TABLE IF EXISTS \(ident: ftsTable)").run() }
        try await sql.raw("DROP TABLE IF EXISTS \(ident: table)").run()
        try await db.schema(articlesTable).delete()
    }
}
