package workshop

import (
	"context"
	"fmt"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/model"
)

// Seating is a workshop's seating with names, for export.
type Seating struct {
	Workshop *model.Workshop
	Topic    string
	Tables   []SeatingTable
}

// SeatingTable is one table of the export.
type SeatingTable struct {
	Number  int
	Sectors []model.Sector
	// Pairing names the table's unusual pairing, if any.
	Pairing []string
	Seats   []Seat
}

// Seat is one row of the export; Organisation and Sector are empty for a
// translator.
type Seat struct {
	Table            int
	Role             model.WorkshopRole
	PersonID         string
	PersonName       string
	OrganisationID   string
	OrganisationName string
	Sector           model.Sector
}

// Seating returns workshop id with names, if the caller may read it.
func (s *Service) Seating(ctx context.Context, caller auth.Principal, id string) (*Seating, error) {
	w, err := s.Workshop(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	var personIDs, orgIDs []string
	for _, p := range w.Plan.Participants {
		personIDs = append(personIDs, p.PersonID)
		if p.OrganisationID != "" {
			orgIDs = append(orgIDs, p.OrganisationID)
		}
	}
	for _, pair := range w.Plan.Pairings {
		orgIDs = append(orgIDs, pair[0], pair[1])
	}
	people, err := s.store.SeatablePeople(ctx, personIDs)
	if err != nil {
		return nil, fmt.Errorf("load participants of workshop %s: %w", id, err)
	}
	orgs, err := s.store.OrganisationsByID(ctx, orgIDs)
	if err != nil {
		return nil, fmt.Errorf("load organisations of workshop %s: %w", id, err)
	}
	topics, err := s.store.TopicsByID(ctx, []string{w.Plan.Params.TopicID})
	if err != nil {
		return nil, fmt.Errorf("load topic of workshop %s: %w", id, err)
	}
	out := &Seating{Workshop: w}
	if t := topics[w.Plan.Params.TopicID]; t != nil {
		out.Topic = t.Name
	}
	for _, t := range w.Plan.Tables() {
		st := SeatingTable{Number: t.Number, Sectors: t.Sectors}
		for _, oid := range t.PairIDs {
			if o := orgs[oid]; o != nil {
				st.Pairing = append(st.Pairing, o.Name)
			}
		}
		for _, p := range t.Participants {
			person := people[p.PersonID]
			if person == nil {
				continue // made private or erased since the seating was read
			}
			seat := Seat{Table: t.Number, Role: p.Role, PersonID: p.PersonID, PersonName: person.Name,
				OrganisationID: p.OrganisationID}
			if o := orgs[p.OrganisationID]; o != nil {
				seat.OrganisationName, seat.Sector = o.Name, o.Sector
			}
			st.Seats = append(st.Seats, seat)
		}
		out.Tables = append(out.Tables, st)
	}
	return out, nil
}
