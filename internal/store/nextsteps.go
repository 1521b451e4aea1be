package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// CollaborationSectorGaps finds, in one query, the sectors of
// collaboration collabID's partners and, for every sector of sectors that
// none of them is in, up to perSector organisations of that sector that
// are interested in (INTERESTED_IN) at least one of the collaboration's
// topics (ABOUT) and are not partners yet. Missing sectors come in the
// order of sectors.
func (s *Store) CollaborationSectorGaps(ctx context.Context, collabID string, sectors []model.Sector, perSector int) (*model.SectorGaps, error) {
	codes := make([]string, len(sectors))
	for i, sec := range sectors {
		codes[i] = string(sec)
	}
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.SectorGaps, error) {
		rec, err := s.single(ctx, tx, `
MATCH (c:Collaboration {id: $id})
CALL (c) {
  OPTIONAL MATCH (s:Sector)<-[:IN_SECTOR]-(:Organisation)-[:PARTNER_IN]->(c)
  RETURN collect(DISTINCT s.code) AS present
}
CALL (c, present) {
  UNWIND range(0, size($sectors) - 1) AS i
  WITH i, $sectors[i] AS missing
  WHERE NOT missing IN present
  CALL (c, missing) {
    MATCH (c)-[:ABOUT]->(t:Topic)<-[:INTERESTED_IN]-(o:Organisation)-[:IN_SECTOR]->(:Sector {code: missing})
    WHERE NOT (o)-[:PARTNER_IN]->(c) // implied by the missing sector; kept should gaps ever be by topic too
    WITH o, t ORDER BY t.name, t.id
    WITH o, collect(t {.*}) AS shared
    ORDER BY size(shared) DESC, o.name, o.id
    LIMIT $perSector
    RETURN collect({id: o.id, topics: shared}) AS candidates
  }
  WITH i, missing, candidates ORDER BY i
  RETURN collect({sector: missing, candidates: candidates}) AS gaps
}
RETURN COUNT { (c)-[:ABOUT]->(:Topic) } AS topics, present, gaps`, map[string]any{"id": collabID, "sectors": codes, "perSector": perSector})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, errs.NotFound("collaboration", collabID)
		}
		n, _ := recordValue(rec, "topics").(int64)
		gaps := &model.SectorGaps{Topics: int(n)}
		have := map[string]bool{}
		for _, raw := range recordList(rec, "present") {
			if code, ok := raw.(string); ok {
				have[code] = true
			}
		}
		for _, code := range codes { // canonical order, not the query's
			if have[code] {
				gaps.Present = append(gaps.Present, model.Sector(code))
			}
		}
		for _, raw := range recordList(rec, "gaps") {
			m := asProps(raw)
			gap := model.SectorGap{Sector: model.Sector(m.str("sector")), Candidates: []*model.PartnerCandidate{}}
			list, _ := m["candidates"].([]any)
			for _, rawCand := range list {
				cand := asProps(rawCand)
				pc := &model.PartnerCandidate{OrganisationID: cand.str("id")}
				topics, _ := cand["topics"].([]any)
				for _, t := range topics {
					pc.SharedTopics = append(pc.SharedTopics, decodeTopic(asProps(t)))
				}
				gap.Candidates = append(gap.Candidates, pc)
			}
			gaps.Missing = append(gaps.Missing, gap)
		}
		return gaps, nil
	})
}
