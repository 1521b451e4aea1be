package store

import (
	"context"
	"fmt"
	"slices"
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
		q, params = collaborationList(f, model.CollaborationOrdering{})
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

// ImportCounted is Import that reports how many batches took the CREATE
// and the MERGE path; mergeOnly sends every batch down the MERGE path.
func (s *Store) ImportCounted(ctx context.Context, set ImportSet, batchSize int, mergeOnly bool) (created, merged int, err error) {
	var counts importCounts
	err = s.importSet(ctx, set, batchSize, nil, importOptions{mergeOnly: mergeOnly, paths: &counts})
	return int(counts.created.Load()), int(counts.merged.Load()), err
}

// RefreshStintValues runs refreshStintValues for the given people.
func (s *Store) RefreshStintValues(ctx context.Context, personIDs []string) error {
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		return struct{}{}, s.refreshStintValuesOf(ctx, tx, personIDs)
	})
	return err
}

// SectorDays returns the sector-pair properties of the given people.
func (s *Store) SectorDays(ctx context.Context, personIDs []string) (map[string]map[string]any, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]map[string]any, error) {
		recs, err := s.collect(ctx, tx, `
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, [k IN keys(p) WHERE k STARTS WITH 'sectorPairDays_' | [k, p[k]]] AS days`, map[string]any{"ids": personIDs})
		if err != nil {
			return nil, err
		}
		out := map[string]map[string]any{}
		for _, r := range recs {
			days := map[string]any{}
			for _, kv := range recordValue(r, "days").([]any) {
				pair := kv.([]any)
				days[pair[0].(string)] = pair[1]
			}
			out[recordValue(r, "id").(string)] = days
		}
		return out, nil
	})
}

// ImportedGraph describes, one sorted line each, every node whose id
// starts with prefix (its labels and properties, createdAt and updatedAt
// only as "set") and every relationship from it to another such node, a
// sector or a phase change (type, properties and the other end: its id, a
// sector's code, or a phase change's properties). Relationships to other
// tests' nodes are left out: a workshop planned alongside on the shared
// database may seat an imported person.
func (s *Store) ImportedGraph(ctx context.Context, prefix string) ([]string, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (n) WHERE n.id STARTS WITH $prefix
OPTIONAL MATCH (n)-[r]->(m) WHERE m.id STARTS WITH $prefix OR m:Sector OR m:PhaseChange
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, collect([type(r), properties(r), labels(m),
       coalesce(m.id, m.code), CASE WHEN m.id IS NULL AND m.code IS NULL THEN properties(m) END]) AS rels`,
			map[string]any{"prefix": prefix})
		if err != nil {
			return nil, err
		}
		var out []string
		for _, r := range recs {
			id := recordValue(r, "id")
			out = append(out, fmt.Sprintf("NODE %v %v %s", id, recordValue(r, "labels"), describeProps(recordValue(r, "props"))))
			for _, x := range recordValue(r, "rels").([]any) {
				rel := x.([]any)
				if rel[0] == nil {
					continue
				}
				out = append(out, fmt.Sprintf("REL %v -[%v %s]-> %v %v %s", id, rel[0], describeProps(rel[1]), rel[2], rel[3], describeProps(rel[4])))
			}
		}
		slices.Sort(out)
		return out, nil
	})
}

func describeProps(v any) string {
	m, _ := v.(map[string]any)
	var parts []string
	for k, x := range m {
		if k == "createdAt" || k == "updatedAt" {
			x = "set"
		}
		parts = append(parts, fmt.Sprintf("%s=%v", k, x))
	}
	slices.Sort(parts)
	return "{" + strings.Join(parts, ", ") + "}"
}

// CandidateScores reads the score rows of the given people as the
// translator statements do: what the tests compare with the live graph.
func (s *Store) CandidateScores(ctx context.Context, personIDs []string) (map[string]*model.CandidateProfile, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.CandidateProfile, error) {
		rec, err := s.single(ctx, tx, candidateScoresCypher, map[string]any{"ids": personIDs})
		if err != nil || rec == nil {
			return nil, err
		}
		return decodeScores(recordList(rec, "scores")), nil
	})
}

const candidateScoresCypher = `
MATCH (n:Person) WHERE n.id IN $ids
RETURN collect(` + candidateScoreRow + `) AS scores`

// SectorCandidates lists the ids SectorCandidateScores would score, in its
// order.
func (s *Store) SectorCandidates(ctx context.Context, a, b model.Sector, f model.CandidateFilter, limit int) ([]string, error) {
	prop, err := sectorPairProp(a, b)
	if err != nil {
		return nil, err
	}
	return s.readIDs(ctx, sectorCandidatesCypher(prop), candidateParams(f, map[string]any{"limit": limit}))
}

func sectorCandidatesCypher(prop string) string {
	return sectorCandidatesMatch[prop] + "\nRETURN p.id AS id ORDER BY p." + prop + " DESC, id"
}
