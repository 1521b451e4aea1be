package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// OpenOrganisations reads a page of organisations in id order after the id
// after ("" from the start), for open data: public facts and topic names,
// no people. The id index gives the order, so a page costs its size.
func (s *Store) OpenOrganisations(ctx context.Context, after string, limit int) ([]model.OpenOrganisation, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]model.OpenOrganisation, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (n:Organisation) WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*, sector: [(n)-[:IN_SECTOR]->(s:Sector) | s.code][0],
  topics: COLLECT { MATCH (n)-[:INTERESTED_IN]->(t:Topic) RETURN t.name ORDER BY t.name }} AS n`,
			map[string]any{"after": after, "limit": limit})
		if err != nil {
			return nil, err
		}
		out := make([]model.OpenOrganisation, 0, len(recs))
		for _, r := range recs {
			p := recordProps(r, "n")
			out = append(out, model.OpenOrganisation{Organisation: *decodeOrganisation(p), Topics: p.strings("topics")})
		}
		return out, nil
	})
}

// OpenCollaborations reads a page of collaborations in id order after the
// id after, for open data: with topic names and partner organisations,
// never contributors.
func (s *Store) OpenCollaborations(ctx context.Context, after string, limit int) ([]model.OpenCollaboration, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]model.OpenCollaboration, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (n:Collaboration) WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.id, .title, .description, .form, .phase, .startDate, .endDate, .updatedAt,
  topics: COLLECT { MATCH (n)-[:ABOUT]->(t:Topic) RETURN t.name ORDER BY t.name },
  partners: COLLECT { MATCH (o:Organisation)-[r:PARTNER_IN]->(n)
    RETURN {id: o.id, name: o.name, role: r.role} ORDER BY `+leadFirst("r")+`, o.name, o.id }} AS n`,
			map[string]any{"after": after, "limit": limit})
		if err != nil {
			return nil, err
		}
		out := make([]model.OpenCollaboration, 0, len(recs))
		for _, r := range recs {
			p := recordProps(r, "n")
			c := model.OpenCollaboration{
				ID: p.str("id"), Title: p.str("title"), Description: p.str("description"),
				Form: model.CollaborationForm(p.str("form")), Phase: model.CollaborationPhase(p.str("phase")),
				StartDate: p.date("startDate"), EndDate: p.date("endDate"), Topics: p.strings("topics"), UpdatedAt: p.time("updatedAt"),
			}
			partners, _ := p["partners"].([]any)
			for _, x := range partners {
				q := asProps(x)
				c.Partners = append(c.Partners, model.OpenPartner{OrganisationID: q.str("id"), Name: q.str("name"), Role: model.PartnerRole(q.str("role"))})
			}
			out = append(out, c)
		}
		return out, nil
	})
}
