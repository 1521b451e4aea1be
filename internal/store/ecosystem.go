package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// The ecosystem's aggregates and network are computed in Cypher, each in
// one statement of subqueries: what reaches Go is counts, and for the
// network one row per organisation and per pair of partners, never the
// collaborations themselves. As in list queries, only the filters a
// request sets become conditions (constants of this file); the values are
// parameters.

// where joins conditions into a WHERE clause ("" when there are none).
func where(conditions []string) string {
	if len(conditions) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conditions, " AND ")
}

// ecosystemConditions are the conditions of f on collaborations c,
// organisations o and people p.
func ecosystemConditions(region, topicID string) (collabs, orgs, people []string) {
	if region != "" {
		collabs = append(collabs, "EXISTS { (:Organisation {region: $region})-[:PARTNER_IN]->(c) }")
		orgs = append(orgs, "o.region = $region")
		people = append(people, "p.region = $region")
	}
	if topicID != "" {
		collabs = append(collabs, "EXISTS { (c)-[:ABOUT]->(:Topic {id: $topicId}) }")
		orgs = append(orgs, "EXISTS { (o)-[:INTERESTED_IN]->(:Topic {id: $topicId}) }")
		people = append(people, "EXISTS { (p)-[:EXPERT_IN]->(:Topic {id: $topicId}) }")
	}
	return collabs, orgs, people
}

// ecosystemCypher is the statement of EcosystemStats for the conditions:
// one pass over the matching collaborations, one over the organisations,
// and one index-backed count of translators per sector pair.
func ecosystemCypher(collabs, orgs, people []string) string {
	b := &strings.Builder{}
	fmt.Fprintf(b, `CALL () {
  MATCH (c:Collaboration)%s
  WITH c, COLLECT { MATCH (c)<-[:PARTNER_IN]-(:Organisation)-[:IN_SECTOR]->(s:Sector) RETURN s.code } AS secs
  WITH collect({phase: c.phase, form: c.form, secs: secs,
    year: coalesce(c.startDate.year, c.createdAt.year), cross: coalesce(c.%s, 0) >= 2,
    stalled: c.phase <> 'EVALUATED' AND c.lastPhaseChangeAt <= datetime() - duration($stalledFor),
    pending: c.phase = 'LAUNCHED' AND c.evaluationRating IS NULL}) AS cs
  RETURN size(cs) AS total,
    size([x IN cs WHERE x.stalled]) AS stalled,
    size([x IN cs WHERE x.pending]) AS pending,
    [k IN $phases | [k, size([x IN cs WHERE x.phase = k])]] AS byPhase,
    [k IN $forms | [k, size([x IN cs WHERE x.form = k])]] AS byForm,
    [y IN COLLECT { UNWIND cs AS x RETURN DISTINCT x.year AS y } |
      [y, size([x IN cs WHERE x.year = y]), size([x IN cs WHERE x.year = y AND x.cross])]] AS byYear,
    [pair IN $pairs | [pair[0], pair[1], size([x IN cs WHERE
      CASE WHEN pair[0] = pair[1] THEN size([s IN x.secs WHERE s = pair[0]]) >= 2
           ELSE pair[0] IN x.secs AND pair[1] IN x.secs END])]] AS pairCollabs
}
CALL () {
  MATCH (o:Organisation)-[:IN_SECTOR]->(s:Sector)%s
  WITH s.code AS k, count(o) AS n
  RETURN collect([k, n]) AS orgs
}
`, where(collabs), propPartnerSectors, where(orgs))
	// One count per sector pair, from that pair's composite index
	// (translatorCountIndexes); the caller counts themselves (a PRIVATE
	// profile is not in $visibilities) in the self row.
	person := append([]string{"p.openToBridging = true", "p.visibility IN $visibilities"}, people...)
	var ret, self []string
	for i, pair := range sectorPairs() {
		prop, _ := sectorPairProp(pair[0], pair[1])
		fmt.Fprintf(b, "CALL () {\n  MATCH (p:Person) WHERE %s AND p.%s IS NOT NULL\n  RETURN count(p) AS t%d\n}\n",
			strings.Join(person, " AND "), prop, i)
		ret = append(ret, fmt.Sprintf("t%d", i))
		self = append(self, fmt.Sprintf("CASE WHEN p.%s IS NULL THEN 0 ELSE 1 END", prop))
	}
	selfWhere := append([]string{"p.openToBridging = true", "NOT p.visibility IN $visibilities"}, people...)
	fmt.Fprintf(b, "CALL () {\n  OPTIONAL MATCH (p:Person {id: $selfId}) WHERE %s\n  RETURN CASE WHEN p IS NULL THEN [] ELSE [%s] END AS self\n}\n",
		strings.Join(selfWhere, " AND "), strings.Join(self, ", "))
	b.WriteString("RETURN total, stalled, pending, byPhase, byForm, byYear, pairCollabs, orgs, [" + strings.Join(ret, ", ") + "] AS translators, self")
	return b.String()
}

// ecosystemKey is what the aggregates depend on besides the data.
type ecosystemKey struct {
	region, topicID, stalledFor, visibilities, selfID string
}

type ecosystemEntry struct {
	version model.Version
	at      time.Time
	stats   *model.Ecosystem
}

const (
	// ecosystemsKept bounds the aggregates kept: a few filters times a few
	// scopes (a few KB each).
	ecosystemsKept = 64
	// ecosystemKeptFor bounds their age even when nothing is written:
	// "stalled" moves with the clock.
	ecosystemKeptFor = time.Minute
)

// EcosystemStats computes the aggregates of Query.ecosystem in one
// statement; stalledFor is a checked ISO 8601 duration, translators are
// counted among the people of scope. Dashboards ask again and again while
// the data rarely changes, so the result is kept with the Version seen
// before it was read (as SectorCandidateScores does): a later call that
// has seen the same Version, within a minute, gets it without a read. The
// result is shared and must not be modified.
func (s *Store) EcosystemStats(ctx context.Context, f model.EcosystemFilter, stalledFor string, scope model.PersonScope, seen model.Version) (*model.Ecosystem, error) {
	key := ecosystemKey{region: f.Region, topicID: f.TopicID, stalledFor: stalledFor,
		visibilities: strings.Join(visibilityStrings(scope.Visibilities), ","), selfID: scope.SelfID}
	if seen != "" {
		if kept, ok := s.ecosystems.Get(key); ok && kept.version == seen && time.Since(kept.at) < ecosystemKeptFor {
			return kept.stats, nil
		}
	}
	start := time.Now()
	stats, err := s.readEcosystem(ctx, f, stalledFor, scope)
	if err == nil && seen != "" {
		s.ecosystems.Add(key, ecosystemEntry{version: seen, at: start, stats: stats})
	}
	return stats, err
}

func (s *Store) readEcosystem(ctx context.Context, f model.EcosystemFilter, stalledFor string, scope model.PersonScope) (*model.Ecosystem, error) {
	collabs, orgs, people := ecosystemConditions(f.Region, f.TopicID)
	var pairs [][]string
	for _, p := range sectorPairs() {
		pairs = append(pairs, []string{string(p[0]), string(p[1])})
	}
	var phases, forms []string
	for _, p := range model.AllPhases {
		phases = append(phases, string(p))
	}
	for _, f := range model.AllCollaborationForms {
		forms = append(forms, string(f))
	}
	params := map[string]any{"region": f.Region, "topicId": f.TopicID, "stalledFor": stalledFor, "pairs": pairs,
		"phases": phases, "forms": forms, "visibilities": visibilityStrings(scope.Visibilities), "selfId": scope.SelfID}
	cypher := ecosystemCypher(collabs, orgs, people)
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Ecosystem, error) {
		rec, err := s.single(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		e := &model.Ecosystem{
			Collaborations: asInt(recordValue(rec, "total")), Stalled: asInt(recordValue(rec, "stalled")),
			EvaluationsPending: asInt(recordValue(rec, "pending")),
		}
		phases := counts(recordList(rec, "byPhase"))
		for _, ph := range model.AllPhases {
			e.CollaborationsByPhase = append(e.CollaborationsByPhase, &model.PhaseCount{Phase: ph, Count: phases[string(ph)]})
		}
		forms := counts(recordList(rec, "byForm"))
		for _, fm := range model.AllCollaborationForms {
			e.CollaborationsByForm = append(e.CollaborationsByForm, &model.FormCount{Form: fm, Count: forms[string(fm)]})
		}
		for _, raw := range recordList(rec, "byYear") {
			row, _ := raw.([]any)
			if len(row) == 3 && row[0] != nil {
				e.CrossSectorByYear = append(e.CrossSectorByYear,
					&model.YearShare{Year: asInt(row[0]), Collaborations: asInt(row[1]), CrossSector: asInt(row[2])})
			}
		}
		slices.SortFunc(e.CrossSectorByYear, func(x, y *model.YearShare) int { return cmp.Compare(x.Year, y.Year) })
		pairCollabs := map[string]int{}
		for _, raw := range recordList(rec, "pairCollabs") {
			if row, _ := raw.([]any); len(row) == 3 {
				pairCollabs[asString(row[0])+"|"+asString(row[1])] = asInt(row[2])
			}
		}
		orgCounts := counts(recordList(rec, "orgs"))
		translators, self := recordList(rec, "translators"), recordList(rec, "self")
		for i, p := range sectorPairs() {
			row := &model.SectorPairStats{A: p[0], B: p[1], Collaborations: pairCollabs[string(p[0])+"|"+string(p[1])],
				OrganisationsA: orgCounts[string(p[0])], OrganisationsB: orgCounts[string(p[1])]}
			if i < len(translators) {
				row.Translators = asInt(translators[i])
			}
			if i < len(self) {
				row.Translators += asInt(self[i])
			}
			e.SectorMatrix = append(e.SectorMatrix, row)
		}
		return e, nil
	})
}

// counts reads [key, n] rows.
func counts(rows []any) map[string]int {
	out := map[string]int{}
	for _, raw := range rows {
		if row, _ := raw.([]any); len(row) == 2 {
			out[asString(row[0])] = asInt(row[1])
		}
	}
	return out
}

// EcosystemNetwork reads the organisation network of the collaborations
// matching f: every partner organisation with its sector and how many of
// them it is in, and every pair of partners with how many they share and
// the phase of the one that changed phase last. The domain keeps the most
// connected and computes betweenness (internal/ecosystem).
func (s *Store) EcosystemNetwork(ctx context.Context, f model.EcosystemGraphFilter) (*model.EcosystemGraph, error) {
	collabs, _, _ := ecosystemConditions(f.Region, f.TopicID)
	if f.Sector != "" {
		collabs = append(collabs, "EXISTS { (:Sector {code: $sector})<-[:IN_SECTOR]-(:Organisation)-[:PARTNER_IN]->(c) }")
	}
	if f.Phase != "" {
		collabs = append(collabs, "c.phase = $phase")
	}
	cypher := `
MATCH (c:Collaboration)` + where(collabs) + `
WITH c, COLLECT { MATCH (o:Organisation)-[:PARTNER_IN]->(c) RETURN o.id AS id ORDER BY id } AS ps
ORDER BY c.lastPhaseChangeAt DESC, c.id
WITH collect({ps: ps, phase: c.phase}) AS cs
CALL (cs) {
  UNWIND cs AS x
  UNWIND x.ps AS id
  WITH id, count(*) AS n
  MATCH (o:Organisation {id: id})-[:IN_SECTOR]->(s:Sector)
  RETURN collect([id, s.code, n]) AS nodes
}
CALL (cs) {
  UNWIND cs AS x
  UNWIND x.ps AS a
  UNWIND x.ps AS b
  WITH x, a, b WHERE a < b
  WITH a, b, collect(x.phase) AS phases
  RETURN collect([a, b, size(phases), phases[0]]) AS edges
}
RETURN nodes, edges`
	params := map[string]any{"region": f.Region, "topicId": f.TopicID, "sector": string(f.Sector), "phase": string(f.Phase)}
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.EcosystemGraph, error) {
		rec, err := s.single(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		g := &model.EcosystemGraph{}
		for _, raw := range recordList(rec, "nodes") {
			if row, _ := raw.([]any); len(row) == 3 {
				g.Nodes = append(g.Nodes, &model.EcosystemNode{OrganisationID: asString(row[0]),
					Sector: model.Sector(asString(row[1])), Collaborations: asInt(row[2])})
			}
		}
		for _, raw := range recordList(rec, "edges") {
			if row, _ := raw.([]any); len(row) == 4 {
				g.Edges = append(g.Edges, &model.EcosystemEdge{A: asString(row[0]), B: asString(row[1]),
					Weight: asInt(row[2]), Phase: model.CollaborationPhase(asString(row[3]))})
			}
		}
		return g, nil
	})
}

// BusiestRegion is the region with the most organisations whose ids start
// with prefix (a benchmark's filter); "" when none has a region.
func (s *Store) BusiestRegion(ctx context.Context, prefix string) (string, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (string, error) {
		rec, err := s.single(ctx, tx, `
MATCH (o:Organisation) WHERE o.id STARTS WITH $prefix AND o.region IS NOT NULL
WITH o.region AS region, count(*) AS n
RETURN region ORDER BY n DESC, region LIMIT 1`, map[string]any{"prefix": prefix})
		if err != nil || rec == nil {
			return "", err
		}
		return asString(recordValue(rec, "region")), nil
	})
}
