package store

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/tulkki/tulkki/internal/model"
)

// LoadCoMembership reads the whole network's memberships in three queries.
func (s *Store) LoadCoMembership(ctx context.Context) (*model.CoMembership, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.CoMembership, error) {
		people, err := s.collect(ctx, tx, `
MATCH (p:Person)
OPTIONAL MATCH (p)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(:Organisation)-[:IN_SECTOR]->(s:Sector)
WITH p, s.code AS sector, sum(duration.inDays(e.startDate, coalesce(e.endDate, date())).days) AS days
ORDER BY p.id, days DESC, sector
WITH p, collect(sector)[0] AS main
RETURN p.id AS id, main ORDER BY id`, nil)
		if err != nil {
			return nil, err
		}
		cm := &model.CoMembership{PersonIDs: make([]string, len(people)), MainSector: make([]model.Sector, len(people))}
		index := make(map[string]int32, len(people))
		for i, r := range people {
			id := recordValue(r, "id").(string)
			cm.PersonIDs[i] = id
			main, _ := recordValue(r, "main").(string)
			cm.MainSector[i] = model.Sector(main)
			index[id] = int32(i)
		}

		orgs, err := s.collect(ctx, tx, `
MATCH (p:Person)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(o:Organisation)
WITH o, collect([p.id, e.startDate, coalesce(e.endDate, date())]) AS stints WHERE size(stints) > 1
RETURN stints ORDER BY o.id`, nil)
		if err != nil {
			return nil, err
		}
		for _, r := range orgs {
			raw := recordList(r, "stints")
			group := make([]model.MemberStint, 0, len(raw))
			for _, x := range raw {
				row, _ := x.([]any)
				if len(row) != 3 {
					continue
				}
				id, _ := row[0].(string)
				i, ok := index[id]
				start, okStart := row[1].(dbtype.Date)
				end, okEnd := row[2].(dbtype.Date)
				if !ok || !okStart || !okEnd {
					continue
				}
				group = append(group, model.MemberStint{Person: i, Start: epochDays(start), End: epochDays(end)})
			}
			cm.Organisations = append(cm.Organisations, group)
		}

		collabs, err := s.collect(ctx, tx, `
MATCH (p:Person)-[:CONTRIBUTED_TO]->(c:Collaboration)
WITH c, collect(DISTINCT p.id) AS members WHERE size(members) > 1
RETURN members ORDER BY c.id`, nil)
		if err != nil {
			return nil, err
		}
		for _, r := range collabs {
			raw := recordList(r, "members")
			group := make([]int32, 0, len(raw))
			for _, m := range raw {
				if i, ok := index[m.(string)]; ok {
					group = append(group, i)
				}
			}
			cm.Collaborations = append(cm.Collaborations, group)
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
