package store

import (
	"context"
	"strings"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// listQuery describes one paged list: where the rows come from, which of
// them qualify, and what to return. All parts are constants written in this
// package; user input only ever reaches Cypher through parameters.
type listQuery struct {
	// source binds the variable n, e.g. "MATCH (n:Person)" or a full-text call.
	source string
	// where is a boolean expression over n; filters written as
	// `($x IS NULL OR …)` so that one constant text serves every combination.
	where string
	// sortKey is the property of n the list is ordered by (then n.id).
	sortKey string
	// ret is the RETURN clause's expression list, which must include `n`.
	ret string
}

// search makes the list start from a full-text index query instead of a
// label scan. index is a constant of this package; text is user input and
// reaches Cypher only as a parameter. Text with no words (only spaces or
// syntax characters) does not filter.
func (q *listQuery) search(params map[string]any, index, text string) {
	lucene := fullTextQuery(text)
	if lucene == "" {
		return
	}
	q.source = "CALL db.index.fulltext.queryNodes('" + index + "', $search) YIELD node AS n"
	params["search"] = lucene
}

// pageOf runs the count and the page of a list in one read transaction, so
// totalCount and the items agree.
func pageOf[T any](ctx context.Context, s *Store, q listQuery, params map[string]any, first int, after *cursor,
	decode func(*neo4j.Record) T, key func(T) (sortKey, id string)) (*model.Page[T], error) {
	keysetParams(params, after)
	params["limit"] = first + 1
	countCypher := q.source + "\nWHERE " + q.where + "\nRETURN count(n) AS total"
	pageCypher := q.source + "\nWHERE " + q.where +
		"\n  AND ($afterId IS NULL OR n." + q.sortKey + " > $afterKey OR (n." + q.sortKey + " = $afterKey AND n.id > $afterId))" +
		"\nWITH n ORDER BY n." + q.sortKey + ", n.id LIMIT $limit" +
		"\nRETURN " + q.ret
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Page[T], error) {
		countRec, err := s.single(ctx, tx, countCypher, params)
		if err != nil {
			return nil, err
		}
		records, err := s.collect(ctx, tx, pageCypher, params)
		if err != nil {
			return nil, err
		}
		page := &model.Page[T]{HasPrev: after != nil}
		if countRec != nil {
			total, _ := recordValue(countRec, "total").(int64)
			page.TotalCount = int(total)
		}
		if len(records) > first {
			page.HasNext = true
			records = records[:first]
		}
		for _, r := range records {
			item := decode(r)
			page.Items = append(page.Items, item)
			page.Cursors = append(page.Cursors, encodeCursor(key(item)))
		}
		return page, nil
	})
}

// luceneSpecial are the characters Lucene's query parser treats as syntax.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

// fullTextQuery turns free text into a Lucene query that matches every
// word as a prefix. The index's analyser splits text at punctuation
// ("sote-palvelut" is indexed as "sote" and "palvelut") while wildcard terms
// are not analysed, so the input is split the same way, at spaces and
// Lucene's syntax characters, and each piece becomes a prefix term: any
// input is a valid query and "sote-palv" finds "sote-palvelut".
func fullTextQuery(text string) string {
	pieces := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(luceneSpecial, r)
	})
	for i, p := range pieces {
		pieces[i] = p + "*"
	}
	return strings.Join(pieces, " AND ")
}
