package store

import (
	"slices"
	"strings"
	"unicode"
)

// listQuery describes one paged list: where the rows come from, which of
// them qualify and how they are ordered (readPage projects them). All parts are constants written in this
// package; user input only ever reaches Cypher through parameters.
type listQuery struct {
	// source binds the variable n, e.g. "MATCH (n:Person)", a match from the
	// node a filter names, or a full-text call.
	source string
	// where are boolean expressions over n, all of which must hold. Only the
	// filters a request sets are added: a constant `($x IS NULL OR …)` text
	// for every combination would read simpler but keeps the planner from
	// using indexes, as it must plan for the filter being absent.
	where []string
	// sortKey is the property of n the list is ordered by (then n.id).
	sortKey string
	// sortExpr, when set, is a string expression over n the list is
	// ordered by instead (then n.id); no index serves it.
	sortExpr string
	// desc orders by the key descending (then n.id ascending).
	desc bool
	// narrowed is set when source no longer reads every node of the label
	// (from, search).
	narrowed bool
}

// and adds condition to the list's filters when on (the filter is set).
func (q *listQuery) and(on bool, condition string) {
	if on {
		q.where = append(q.where, condition)
	}
}

// from makes the list start from source when on, e.g. from the topic a
// filter names instead of from every node of the label. The filter's own
// condition stays in where, so correctness never depends on the source.
func (q *listQuery) from(on bool, source string) {
	if on {
		q.source = source
		q.narrowed = true
	}
}

// cypher returns the statements counting the list and matching one page
// of n, in order, up to the RETURN that read adds; afterCursor adds the
// keyset condition of a page after the first.
func (q listQuery) cypher(afterCursor bool) (count, page string) {
	key := q.key()
	pageWhere := q.where
	if !q.narrowed && q.sortExpr == "" {
		// Every node of the label is read: through the sort key's index,
		// in its order, so that the planner stops after one page (always
		// true: names and titles are required).
		pageWhere = append(slices.Clone(pageWhere), "n."+q.sortKey+" IS NOT NULL")
	}
	after, dir := ">", ""
	if q.desc {
		after, dir = "<", " DESC"
	}
	if afterCursor {
		// A range on the sort key (not an OR of two) keeps the index seek.
		pageWhere = append(slices.Clone(pageWhere),
			key+" "+after+"= $afterKey AND ("+key+" "+after+" $afterKey OR n.id > $afterId)")
	}
	count = q.source + where(q.where) + "\nRETURN count(n) AS total"
	page = q.source + where(pageWhere) + "\nWITH n ORDER BY " + key + dir + ", n.id LIMIT $limit"
	return count, page
}

// ids returns the statement listing the id of every item of the list, in
// no order, one record each (column id).
func (q listQuery) ids() string { return q.source + where(q.where) + "\nRETURN n.id AS id" }

// key is the expression the list is ordered by.
func (q listQuery) key() string {
	if q.sortExpr != "" {
		return q.sortExpr
	}
	return "n." + q.sortKey
}

// read returns the one statement of readPage: the total (when count) and
// one page of rows {key: sort key, item: proj}, proj being a projection of n.
func (q listQuery) read(afterCursor, count bool, proj string) string {
	countCypher, page := q.cypher(afterCursor)
	out := ""
	ret := "RETURN items"
	if count {
		out = "CALL () {\n" + countCypher + "\n}\n"
		ret = "RETURN total, items"
	}
	return out + "CALL () {\n" + page + "\nRETURN collect({key: " + q.key() + ", item: " + proj + "}) AS items\n}\n" + ret
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
	q.narrowed = true
	params["search"] = lucene
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
