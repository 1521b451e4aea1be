package store

import (
	"context"
	"strings"

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

// fullTextQuery turns free text into a Lucene query that matches every word
// as a prefix, with the words' syntax characters escaped, so that any input
// is a valid query ("sote-palv" finds "sote-palvelut").
func fullTextQuery(text string) string {
	words := strings.Fields(strings.ToLower(text))
	parts := make([]string, 0, len(words))
	for _, w := range words {
		var b strings.Builder
		for _, r := range w {
			if strings.ContainsRune(luceneSpecial, r) {
				b.WriteRune('\\')
			}
			b.WriteRune(r)
		}
		parts = append(parts, b.String()+"*")
	}
	return strings.Join(parts, " AND ")
}
