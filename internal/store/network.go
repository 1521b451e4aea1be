package store

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/tulkki/tulkki/internal/model"
)

// LoadCoMembership reads the whole network's memberships in one read
// transaction and two statements, both streamed row by row (nothing is
// aggregated or sorted in Neo4j, and no record list is held in memory):
// the organisations with their sectors (a few thousand rows), then one row
// per person with their stints (organisation, start, end) and the
// collaborations they contributed to. Organisations and collaborations are
// keyed by Neo4j's internal node id, which is stable within the
// transaction and cheaper to read and send than the string ids. Each
// person's main sector (the sector with most days of experience, ties to
// the lower code) and the grouping by organisation and collaboration are
// done here in Go. People are indexed in order of id.
func (s *Store) LoadCoMembership(ctx context.Context) (*model.CoMembership, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.CoMembership, error) {
		sectors := map[int64][]model.Sector{}
		if err := s.each(ctx, tx, `
MATCH (o:Organisation)
RETURN id(o) AS o, [(o)-[:IN_SECTOR]->(s:Sector) | s.code] AS sectors`, nil, func(r *neo4j.Record) error {
			o, _ := r.Values[0].(int64)
			codes, _ := r.Values[1].([]any)
			for _, x := range codes {
				if code, ok := x.(string); ok {
					sectors[o] = append(sectors[o], model.Sector(code))
				}
			}
			return nil
		}); err != nil {
			return nil, err
		}

		today := int32(time.Now().UTC().Unix() / 86400)
		type stint struct {
			org        int64
			start, end int32
		}
		type person struct {
			id      string
			main    model.Sector
			stints  []stint
			collabs []int64
		}
		var people []person
		days := map[model.Sector]int64{}
		if err := s.each(ctx, tx, `
MATCH (p:Person)
RETURN p.id AS id,
       [(p)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(o:Organisation) | [id(o), e.startDate, e.endDate]] AS stints,
       [(p)-[:CONTRIBUTED_TO]->(c:Collaboration) | id(c)] AS collaborations`, nil, func(r *neo4j.Record) error {
			id, _ := r.Values[0].(string)
			p := person{id: id}
			clear(days)
			stints, _ := r.Values[1].([]any)
			for _, x := range stints {
				row, _ := x.([]any)
				if len(row) != 3 {
					continue
				}
				o, _ := row[0].(int64)
				start, ok := row[1].(dbtype.Date)
				if !ok {
					continue
				}
				st := stint{org: o, start: epochDays(start), end: today}
				if end, ok := row[2].(dbtype.Date); ok {
					st.end = epochDays(end)
				}
				p.stints = append(p.stints, st)
				for _, sec := range sectors[o] {
					days[sec] += int64(st.end - st.start)
				}
			}
			best := int64(math.MinInt64)
			for sec, d := range days {
				if d > best || d == best && sec < p.main {
					p.main, best = sec, d
				}
			}
			collabs, _ := r.Values[2].([]any)
			for _, x := range collabs {
				if c, ok := x.(int64); ok {
					p.collabs = append(p.collabs, c)
				}
			}
			people = append(people, p)
			return nil
		}); err != nil {
			return nil, err
		}

		slices.SortFunc(people, func(a, b person) int { return strings.Compare(a.id, b.id) })
		cm := &model.CoMembership{PersonIDs: make([]string, len(people)), MainSector: make([]model.Sector, len(people))}
		orgs := map[int64][]model.MemberStint{}
		collabs := map[int64][]int32{}
		for i := range people {
			p := &people[i]
			cm.PersonIDs[i], cm.MainSector[i] = p.id, p.main
			for _, st := range p.stints {
				orgs[st.org] = append(orgs[st.org], model.MemberStint{Person: int32(i), Start: st.start, End: st.end})
			}
			for _, c := range p.collabs {
				// A person who contributed twice counts once.
				if m := collabs[c]; len(m) == 0 || m[len(m)-1] != int32(i) {
					collabs[c] = append(m, int32(i))
				}
			}
			*p = person{} // let the stints go
		}
		// Groups in order of node id, so that the result does not depend
		// on map order.
		for _, o := range slices.Sorted(maps.Keys(orgs)) {
			if len(orgs[o]) > 1 {
				cm.Organisations = append(cm.Organisations, orgs[o])
			}
		}
		for _, c := range slices.Sorted(maps.Keys(collabs)) {
			if len(collabs[c]) > 1 {
				cm.Collaborations = append(cm.Collaborations, collabs[c])
			}
		}
		return cm, nil
	})
}

func epochDays(d dbtype.Date) int32 {
	return int32(time.Time(d).Unix() / 86400)
}

// SaveNetworkMeasures writes the measures onto the Person nodes in batches,
// refreshes their sector-pair days (derived.go) and records the run. People the run did not see keep no stale values: the
// properties of everyone else are removed first.
func (s *Store) SaveNetworkMeasures(ctx context.Context, rows []model.NetworkRow, run model.AnalysisRun, batchSize int, progress model.ImportProgress) error {
	if batchSize < 1 {
		batchSize = 5000
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	for start := 0; start < len(rows); start += batchSize {
		end := min(start+batchSize, len(rows))
		batch := make([]map[string]any, 0, end-start)
		for _, r := range rows[start:end] {
			m := r.NetworkMeasures
			batch = append(batch, map[string]any{"id": r.PersonID, "m": map[string]any{
				propBetweenness: m.Betweenness, propCrossSector: m.CrossSectorBetweenness,
				propPercentile: m.CrossSectorPercentile, propConstraint: derefOrNil(m.Constraint),
				propEffectiveSize: derefOrNil(m.EffectiveSize), propCoordinator: m.Brokerage.Coordinator,
				propItinerant: m.Brokerage.Itinerant, propGatekeeper: m.Brokerage.GatekeeperRepresentative,
				propLiaison: m.Brokerage.Liaison, propSampled: m.Sampled, propComputedAt: m.ComputedAt,
			}})
		}
		if _, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			// A null in row.m (no constraint for an isolated person)
			// removes that property, as it should.
			_, err := s.collect(ctx, tx, `
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p += row.m
WITH p`+refreshStintValues, map[string]any{"rows": batch})
			return struct{}{}, err
		}); err != nil {
			return fmt.Errorf("save network measures %d–%d: %w", start+1, end, err)
		}
		progress("people", end, len(rows))
	}
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		if _, err := s.collect(ctx, tx, `
MATCH (p:Person) WHERE p.`+propComputedAt+` < $at
REMOVE p.`+propBetweenness+`, p.`+propCrossSector+`, p.`+propPercentile+`, p.`+propConstraint+`,
       p.`+propEffectiveSize+`, p.`+propCoordinator+`, p.`+propItinerant+`, p.`+propGatekeeper+`,
       p.`+propLiaison+`, p.`+propSampled+`, p.`+propComputedAt, map[string]any{"at": run.ComputedAt}); err != nil {
			return struct{}{}, err
		}
		_, err := s.collect(ctx, tx, `
MERGE (a:Analysis {kind: 'co-membership'})
SET a.computedAt = $at, a.people = $people, a.edges = $edges, a.samples = $samples, a.tookSeconds = $took`,
			map[string]any{"at": run.ComputedAt, "people": run.People, "edges": run.Edges, "samples": run.Samples,
				"took": run.Took.Seconds()})
		return struct{}{}, err
	})
	if err != nil {
		return fmt.Errorf("record analysis run: %w", err)
	}
	return nil
}
