package store

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// networkCollaborationFields returns a collaboration c as id, start and
// partners ([id, sector] pairs).
const networkCollaborationFields = `c.id AS id, coalesce(c.startDate, date(c.createdAt)) AS start,
       [(o:Organisation)-[:PARTNER_IN]->(c) | [o.id, [(o)-[:IN_SECTOR]->(s:Sector) | s.code][0]]] AS partners`

func decodeNetworkCollaboration(r *neo4j.Record) model.NetworkCollaboration {
	c := model.NetworkCollaboration{ID: recordValue(r, "id").(string)}
	if d := (props{"start": recordValue(r, "start")}).date("start"); d != nil {
		c.Start = *d
	}
	for _, raw := range recordList(r, "partners") {
		p, _ := raw.([]any)
		if len(p) != 2 {
			continue
		}
		id, _ := p[0].(string)
		sector, _ := p[1].(string)
		c.Partners = append(c.Partners, model.NetworkPartner{ID: id, Sector: model.Sector(sector)})
	}
	return c
}

// CollaborationComponent reads the part of the organisation collaboration
// network that can be reached from the given organisations and
// collaborations: every collaboration with its date and its partners' ids
// and sectors, found breadth-first, one statement per step, in one read
// transaction. Its cost grows with the connected part, not the database.
func (s *Store) CollaborationComponent(ctx context.Context, orgIDs, collaborationIDs []string) ([]model.NetworkCollaboration, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]model.NetworkCollaboration, error) {
		var out []model.NetworkCollaboration
		seenCollab, seenOrg := map[string]bool{}, map[string]bool{}
		frontier := slices.Clone(orgIDs)
		for _, id := range orgIDs {
			seenOrg[id] = true
		}
		pending := collaborationIDs
		for len(pending) > 0 || len(frontier) > 0 {
			var recs []*neo4j.Record
			var err error
			if len(pending) > 0 {
				recs, err = s.collect(ctx, tx, `
MATCH (c:Collaboration) WHERE c.id IN $collabs
RETURN `+networkCollaborationFields, map[string]any{"collabs": pending})
				pending = nil
			} else {
				recs, err = s.collect(ctx, tx, `
MATCH (o:Organisation)-[:PARTNER_IN]->(c:Collaboration) WHERE o.id IN $orgs
WITH DISTINCT c
RETURN `+networkCollaborationFields, map[string]any{"orgs": frontier})
				frontier = nil
			}
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				c := decodeNetworkCollaboration(r)
				if seenCollab[c.ID] {
					continue
				}
				seenCollab[c.ID] = true
				out = append(out, c)
				for _, p := range c.Partners {
					if !seenOrg[p.ID] {
						seenOrg[p.ID] = true
						frontier = append(frontier, p.ID)
					}
				}
			}
		}
		slices.SortFunc(out, func(a, b model.NetworkCollaboration) int { return strings.Compare(a.ID, b.ID) })
		return out, nil
	})
}

// SectorCombinations counts the collaborations with two or more partners
// (total) and, for each unordered pair of sectors (in code order), those
// with a pair of partners from those sectors. Neo4j aggregates; a handful
// of rows come back.
func (s *Store) SectorCombinations(ctx context.Context) (int, map[[2]model.Sector]int, error) {
	combos := map[[2]model.Sector]int{}
	total, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (int, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (c:Collaboration)<-[:PARTNER_IN]-(:Organisation)-[:IN_SECTOR]->(s:Sector)
WITH c, collect(s.code) AS sectors
WHERE size(sectors) >= 2
WITH collect(sectors) AS everyCollaboration
UNWIND everyCollaboration AS sectors
CALL (sectors) {
  UNWIND range(0, size(sectors) - 2) AS i
  UNWIND range(i + 1, size(sectors) - 1) AS j
  RETURN DISTINCT CASE WHEN sectors[i] <= sectors[j] THEN [sectors[i], sectors[j]] ELSE [sectors[j], sectors[i]] END AS combo
}
RETURN size(everyCollaboration) AS total, combo, count(*) AS n`, nil)
		if err != nil {
			return 0, err
		}
		total := 0
		for _, r := range recs {
			pair := recordList(r, "combo")
			a, _ := pair[0].(string)
			b, _ := pair[1].(string)
			n, _ := recordValue(r, "n").(int64)
			combos[[2]model.Sector{model.Sector(a), model.Sector(b)}] = int(n)
			t, _ := recordValue(r, "total").(int64)
			total = int(t)
		}
		return total, nil
	})
	return total, combos, err
}

// FindPairingCandidates lists, with forID set, that organisation first and
// then every organisation sharing a topic with it (interested in topicID
// too, when set); with only topicID, up to limit organisations interested
// in it, those with most topics first. sectors, when not empty, restricts
// the organisations listed (but not forID itself). Nothing when forID does
// not exist.
func (s *Store) FindPairingCandidates(ctx context.Context, forID, topicID string, sectors []model.Sector, limit int) (*model.PairingCandidates, error) {
	codes := make([]string, len(sectors))
	for i, sec := range sectors {
		codes[i] = string(sec)
	}
	params := map[string]any{"for": forID, "topic": nullable(topicID), "sectors": codes, "limit": limit}
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.PairingCandidates, error) {
		query := `
MATCH (t:Topic {id: $topic})<-[:INTERESTED_IN]-(o:Organisation)-[:IN_SECTOR]->(s:Sector)
WHERE size($sectors) = 0 OR s.code IN $sectors
WITH o, s, [(o)-[:INTERESTED_IN]->(x:Topic) | x.id] AS topics
RETURN o.id AS id, o.name AS name, s.code AS sector, topics
ORDER BY size(topics) DESC, id LIMIT $limit`
		if forID != "" {
			query = `
MATCH (x:Organisation {id: $for})
CALL (x) {
  RETURN x AS o, 0 AS rank
  UNION
  MATCH (x)-[:INTERESTED_IN]->(:Topic)<-[:INTERESTED_IN]-(o:Organisation)
  WHERE o <> x AND ($topic IS NULL OR EXISTS { (o)-[:INTERESTED_IN]->(:Topic {id: $topic}) })
    AND (size($sectors) = 0 OR EXISTS { (o)-[:IN_SECTOR]->(s:Sector) WHERE s.code IN $sectors })
  RETURN DISTINCT o, 1 AS rank
}
MATCH (o)-[:IN_SECTOR]->(s:Sector)
RETURN o.id AS id, o.name AS name, s.code AS sector, [(o)-[:INTERESTED_IN]->(t:Topic) | t.id] AS topics
ORDER BY rank, id`
		}
		recs, err := s.collect(ctx, tx, query, params)
		if err != nil {
			return nil, err
		}
		out := &model.PairingCandidates{Topics: map[string]*model.Topic{}, TopicDegree: map[string]int{}}
		var topicIDs []string
		for _, r := range recs {
			o := model.NetworkOrganisation{ID: recordValue(r, "id").(string), Sector: model.Sector(recordValue(r, "sector").(string))}
			o.Name, _ = recordValue(r, "name").(string)
			for _, t := range recordList(r, "topics") {
				o.TopicIDs = append(o.TopicIDs, t.(string))
				topicIDs = append(topicIDs, t.(string))
			}
			out.Organisations = append(out.Organisations, o)
		}
		recs, err = s.collect(ctx, tx, `
MATCH (t:Topic) WHERE t.id IN $ids
RETURN t {.*} AS t, COUNT { (t)<-[:INTERESTED_IN]-(:Organisation) } AS degree`, map[string]any{"ids": nonNil(topicIDs)})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			t := decodeTopic(recordProps(r, "t"))
			out.Topics[t.ID] = t
			d, _ := recordValue(r, "degree").(int64)
			out.TopicDegree[t.ID] = int(d)
		}
		return out, nil
	})
}

// TiesToSeveral finds the stint, collaboration and co-worker ties (as
// TranslatorTies finds them, co-worker links through organisations of at
// most coworkerMaxOrgSize stints; 0 looks for none) of the possible translators who have
// such ties to at least two of the organisations, in one query that reads
// each organisation's ties once, however many pairs are made of them.
func (s *Store) TiesToSeveral(ctx context.Context, orgIDs []string, f model.CandidateFilter, coworkerMaxOrgSize int) ([]model.OrgTieRow, error) {
	params := candidateParams(f, map[string]any{"orgs": nonNil(orgIDs), "maxOrg": coworkerMaxOrgSize})
	ties := directTiesOf
	if coworkerMaxOrgSize > 0 {
		ties += "  UNION ALL" + coworkerTiesOf
	}
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]model.OrgTieRow, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (x:Organisation) WHERE x.id IN $orgs
CALL (x) {`+ties+`}
WITH personId, collect({org: x.id, kind: kind, start: start, end: end, via: via}) AS ties
WHERE any(t IN ties WHERE t.org <> ties[0].org)
UNWIND ties AS t
RETURN t.org AS org, personId, t.kind AS kind, t.start AS start, t.end AS end, t.via AS via
ORDER BY org, personId, kind`, params)
		if err != nil {
			return nil, err
		}
		return orgTieRows(recs), nil
	})
}

// CollaborationsBeganBetween lists the ids of the collaborations whose
// date (start, or the day recorded when none) is between from and to,
// both included.
func (s *Store) CollaborationsBeganBetween(ctx context.Context, from, to model.Date) ([]string, error) {
	return s.readIDs(ctx, `
MATCH (c:Collaboration) WHERE c.id IS NOT NULL
WITH c, coalesce(c.startDate, date(c.createdAt)) AS start
WHERE $from <= start <= $to
RETURN c.id AS id ORDER BY id`, map[string]any{"from": dateParam(&from), "to": dateParam(&to)})
}

// orgTieRows decodes rows of org, personId, kind, start, end and via.
func orgTieRows(recs []*neo4j.Record) []model.OrgTieRow {
	out := make([]model.OrgTieRow, 0, len(recs))
	for _, r := range recs {
		out = append(out, model.OrgTieRow{OrganisationID: recordValue(r, "org").(string), TieRow: tieRow(r)})
	}
	return out
}
