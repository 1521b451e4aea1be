package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// ListPlanOperators returns the operators (e.g. "NodeIndexSeek") of the
// plan Neo4j makes for counting a list filtered by filter, one of
// model.PersonFilter, model.OrganisationFilter or model.CollaborationFilter.
func (s *Store) ListPlanOperators(ctx context.Context, filter any) ([]string, error) {
	var (
		q      listQuery
		params map[string]any
	)
	switch f := filter.(type) {
	case model.PersonFilter:
		q, params = peopleList(f)
	case model.OrganisationFilter:
		q, params = organisationList(f)
	case model.CollaborationFilter:
		q, params = collaborationList(f)
	default:
		return nil, fmt.Errorf("no list for %T", filter)
	}
	count, _ := q.cypher(false)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+count, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	// The root's textual plan lists every operator. (Walking Children()
	// would not do: driver v5.28 aliases sibling plans, returning the last
	// child several times.)
	text, _ := res.Summary.Plan().Arguments()["string-representation"].(string)
	var ops []string
	for _, line := range strings.Split(text, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 {
			continue
		}
		op := strings.Trim(strings.TrimSpace(cells[1]), "+ ")
		if op != "" && op != "Operator" {
			ops = append(ops, op)
		}
	}
	if len(ops) == 0 {
		return nil, fmt.Errorf("no operators in the plan: %q", text)
	}
	return ops, nil
}

// CreatedMeanwhile exposes createdMeanwhile to the tests.
var CreatedMeanwhile = createdMeanwhile
