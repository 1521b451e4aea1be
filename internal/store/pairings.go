package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// NetworkOrganisation is an organisation as the pairing measures need it.
type NetworkOrganisation struct {
	ID       string
	Name     string
	Sector   model.Sector
	TopicIDs []string
}

// NetworkCollaboration is a collaboration as a set of partners from a date
// (its start, or the day it was recorded when it has none).
type NetworkCollaboration struct {
	ID         string
	Title      string
	Start      model.Date
	PartnerIDs []string
}

// CollaborationNetwork is the organisation collaboration network with the
// organisations' topics: what unusual pairings and boldness are computed
// from (docs/scoring.md §7).
type CollaborationNetwork struct {
	Organisations  []NetworkOrganisation
	Collaborations []NetworkCollaboration
	Topics         map[string]*model.Topic
}

// LoadCollaborationNetwork reads every organisation with its sector and
// topics, every collaboration with its partners, and the topics, in one
// read transaction so that the three agree.
func (s *Store) LoadCollaborationNetwork(ctx context.Context) (*CollaborationNetwork, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*CollaborationNetwork, error) {
		net := &CollaborationNetwork{Topics: map[string]*model.Topic{}}
		recs, err := s.collect(ctx, tx, `
MATCH (o:Organisation)-[:IN_SECTOR]->(s:Sector)
RETURN o.id AS id, o.name AS name, s.code AS sector,
       [(o)-[:INTERESTED_IN]->(t:Topic) | t.id] AS topics
ORDER BY id`, nil)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			o := NetworkOrganisation{ID: recordValue(r, "id").(string), Sector: model.Sector(recordValue(r, "sector").(string))}
			o.Name, _ = recordValue(r, "name").(string)
			for _, t := range recordList(r, "topics") {
				o.TopicIDs = append(o.TopicIDs, t.(string))
			}
			net.Organisations = append(net.Organisations, o)
		}
		recs, err = s.collect(ctx, tx, `
MATCH (c:Collaboration)
RETURN c.id AS id, c.title AS title, coalesce(c.startDate, date(c.createdAt)) AS start,
       [(o:Organisation)-[:PARTNER_IN]->(c) | o.id] AS partners
ORDER BY id`, nil)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			c := NetworkCollaboration{ID: recordValue(r, "id").(string)}
			c.Title, _ = recordValue(r, "title").(string)
			if d := (props{"start": recordValue(r, "start")}).date("start"); d != nil {
				c.Start = *d
			}
			for _, o := range recordList(r, "partners") {
				c.PartnerIDs = append(c.PartnerIDs, o.(string))
			}
			net.Collaborations = append(net.Collaborations, c)
		}
		recs, err = s.collect(ctx, tx, "MATCH (t:Topic) RETURN t {.*} AS t", nil)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			t := decodeTopic(recordProps(r, "t"))
			net.Topics[t.ID] = t
		}
		return net, nil
	})
}

// PairTieRow is a tie of a possible translator to one organisation of one
// of several pairs; Side says which (0 for pairs[Pair][0]).
type PairTieRow struct {
	Pair int
	TieRow
}

// PairTranslatorTies finds, for each pair of organisations, the stint and
// collaboration ties of the possible translators who have such a tie to
// both organisations of the pair, in one query. (Co-worker ties are not
// looked for: they cost a query per pair; see docs/scoring.md §7.1.)
func (s *Store) PairTranslatorTies(ctx context.Context, pairs [][2]string, f CandidateFilter) ([]PairTieRow, error) {
	list := make([]any, len(pairs))
	for i, p := range pairs {
		list[i] = []any{p[0], p[1]}
	}
	params := f.params(map[string]any{"pairs": list})
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]PairTieRow, error) {
		recs, err := s.collect(ctx, tx, `
UNWIND range(0, size($pairs) - 1) AS i
UNWIND [0, 1] AS side
MATCH (x:Organisation {id: $pairs[i][side]})
CALL (x) {
  MATCH (x)<-[:AT]-(e:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
  WHERE `+candidateWhere+`
  RETURN p.id AS personId, 'STINT' AS kind, e.startDate AS start, e.endDate AS end,
         {experienceId: e.id, experienceKind: e.kind, roleTitle: e.roleTitle} AS via
  UNION ALL
  MATCH (x)-[:PARTNER_IN]->(c:Collaboration)<-[r:CONTRIBUTED_TO]-(p:Person)
  WHERE `+candidateWhere+`
  RETURN p.id AS personId, 'COLLABORATION' AS kind, coalesce(c.startDate, date(c.createdAt)) AS start, c.endDate AS end,
         {collaborationId: c.id, collaborationTitle: c.title, role: r.role} AS via
}
WITH i, personId, collect({side: side, kind: kind, start: start, end: end, via: via}) AS ties
WHERE any(t IN ties WHERE t.side = 0) AND any(t IN ties WHERE t.side = 1)
UNWIND ties AS t
RETURN i, t.side AS side, personId, t.kind AS kind, t.start AS start, t.end AS end, t.via AS via
ORDER BY i, side, personId, kind`, params)
		if err != nil {
			return nil, err
		}
		out := make([]PairTieRow, 0, len(recs))
		for _, r := range recs {
			via := recordProps(r, "via")
			row := PairTieRow{TieRow: TieRow{
				PersonID: recordValue(r, "personId").(string), Kind: recordValue(r, "kind").(string),
				ExperienceID: via.str("experienceId"), ExperienceKind: model.ExperienceKind(via.str("experienceKind")),
				RoleTitle: via.str("roleTitle"), CollaborationID: via.str("collaborationId"),
				CollaborationTitle: via.str("collaborationTitle"), ContributorRole: model.ContributorRole(via.str("role")),
			}}
			i, _ := recordValue(r, "i").(int64)
			side, _ := recordValue(r, "side").(int64)
			row.Pair, row.Side = int(i), int(side)
			rp := props{"start": recordValue(r, "start"), "end": recordValue(r, "end")}
			if d := rp.date("start"); d != nil {
				row.Start = *d
			}
			row.End = rp.date("end")
			out = append(out, row)
		}
		return out, nil
	})
}
